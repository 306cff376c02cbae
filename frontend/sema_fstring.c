/* sema_fstring.c: f-strings inside print().
 *
 * print(f"a {x:.3f} b") first evaluates the fields (sema_fstring_fields,
 * before print writes anything), then writes the pieces: a literal piece is a
 * `write` of a constant str; a field is a `write` of its value with the
 * format spec in attribute `spec` (the C emitter calls
 * rt_write_format_<type>), or a plain `write` when the spec is empty.  A
 * spec is constant text, so a bad one is reported here, with Python's
 * message, by the same parser the runtime uses (runtime/rt_fstring.h).
 */
#include "frontend/sema_ext.h"

#define RT_FSPEC_IMPLEMENTATION
#include "runtime/rt_fstring.h"

#include <string.h>

/* The spec text of a field into sb; false (reported) if it has fields itself. */
static bool spec_text(fctx *F, ast_expr *fs, strbuf *sb)
{
    for (int i = 0; fs && i < fs->fstr.n; i++) {
        ast_expr *p = fs->fstr.parts[i];
        if (p->kind != AST_STR) {
            sema_error(F, p->loc, "nested format fields in a format spec are not supported");
            return false;
        }
        sb_putn(sb, p->str.text, (size_t)p->str.len);
    }
    return true;
}

/* Python's ValueError for a bad spec, at compile time. */
static bool spec_ok(fctx *F, val x, const char *text, size_t len, src_loc loc)
{
    rt_fkind k = x.t->kind == TY_STR ? RT_FK_STR
               : x.t->dtype == IR_BOOL ? RT_FK_BOOL : x.t->dtype == IR_I64 ? RT_FK_INT : RT_FK_FLOAT;
    rt_fspec f;
    char err[256];
    if (rt_fspec_parse(text, len, k, &f, err, sizeof err))
        return true;
    sema_error(F, loc, "%s", err);
    return false;
}

/* {x!r} / {x!s} / {x}: str() or repr() of the value, no spec. */
static void write_plain(fctx *F, val x, char conv, src_loc loc)
{
    if (x.t->kind == TY_ARRAY && conv == 'r') {
        sema_error(F, loc, "repr() of an array (!r) is not supported");
        return;
    }
    /* format(np.float32(v), "") is format(float(v), ""): all the digits */
    if (x.t->kind == TY_SCALAR && x.t->dtype == IR_F32 && !conv)
        x = cast_scalar(F, x, IR_F64, false, loc);
    sema_write_value(F, x, conv == 'r' || conv == 'a', loc);
}

/* The field's spec text into sb; false when the field cannot be formatted
 * (reported).  A spec on an array always raises at run time: that write is
 * emitted here, before the print writes anything, as in Python. */
static bool check_field(fctx *F, ast_expr *e, val x, strbuf *sb)
{
    if (!spec_text(F, e->fmt.spec, sb))
        return false;
    src_loc sloc = e->fmt.spec ? e->fmt.spec->loc : e->loc;
    if (!sb->len)
        return true;
    if (e->fmt.conv) {
        sema_error(F, sloc, "a conversion (!%c) together with a format spec is not supported", e->fmt.conv);
        return false;
    }
    if (x.t->kind == TY_ARRAY) {
        ir_op *op = emit_op(F, IR_WRITE, e->loc, NULL, &x.v, 1);
        if (op)
            ir_attr_set_str(F->S->ir, op, "spec", sb->buf, (int)sb->len);
        return true;
    }
    if (x.t->kind != TY_SCALAR && x.t->kind != TY_STR) {
        sema_error(F, sloc, "unsupported format string passed to %s.__format__",
                   x.t->kind == TY_NONE ? "NoneType" : ty_pyname(x.t));
        return false;
    }
    return spec_ok(F, x, sb->buf, sb->len, sloc);
}

/* A TY_STR value whose items are the fields' values, in order. */
val sema_fstring_fields(fctx *F, ast_expr *e)
{
    val r = val_of_type(ty_simple(F->S->a, TY_STR));
    r.items = arena_alloc(F->S->a, sizeof(val) * (size_t)(e->fstr.n ? e->fstr.n : 1));
    for (int i = 0, k = 0; i < e->fstr.n; i++) {
        ast_expr *p = e->fstr.parts[i];
        if (p->kind == AST_STR)
            continue;
        val x = sema_expr(F, p->fmt.value);
        if (x.t->kind == TY_ERROR)
            return x;
        strbuf sb;
        sb_init(&sb);
        bool ok = check_field(F, p, x, &sb);
        sb_free(&sb);
        if (!ok)
            return sema_poison(F);
        r.items[k++] = x;
    }
    return r;
}

static void write_field(fctx *F, ast_expr *e, val x)
{
    strbuf sb;
    sb_init(&sb);
    spec_text(F, e->fmt.spec, &sb);
    if (!sb.len) {
        write_plain(F, x, e->fmt.conv, e->fmt.value->loc);
    } else if (x.t->kind != TY_ARRAY) {     /* arrays raised already */
        ir_op *op = emit_op(F, IR_WRITE, e->loc, NULL, &x.v, 1);
        if (op)
            ir_attr_set_str(F->S->ir, op, "spec", sb.buf, (int)sb.len);
    }
    sb_free(&sb);
}

void sema_write_fstring(fctx *F, ast_expr *e, val fields)
{
    for (int i = 0, k = 0; i < e->fstr.n; i++) {
        ast_expr *p = e->fstr.parts[i];
        if (p->kind != AST_STR) {
            write_field(F, p, fields.items[k++]);
        } else if (p->str.len) {
            val t = const_str(F, p->str.text, p->str.len, p->loc);
            emit_op(F, IR_WRITE, p->loc, NULL, &t.v, 1);
        }
    }
}

val sema_fstring_value(fctx *F, ast_expr *e)
{
    sema_error(F, e->loc, "f-strings are only supported as arguments of print()");
    return sema_poison(F);
}
