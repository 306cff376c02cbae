/* emit_c_stmt.c: statements and structured control flow.
 *
 * if -> if/else; for -> a C for over Python's range (bounds evaluated once,
 * step 0 raises, the induction variable keeps its last value); loop ->
 * for (;;); break/continue map directly.  return retains the returned
 * arrays, releases every array local, then returns (a struct for several
 * results).  call sets rt_line before and after (the callee changed it).
 * mov of an array retains; release drops and NULLs.
 */
#include <string.h>

#include "codegen/emit_c_internal.h"

static void emit_op(ec *e, const ir_op *op);

/* `%t = map ...` immediately assigned into an array and read nowhere else. */
static const ir_var *assigned_only(ec *e, const ir_block *b, int i)
{
    const ir_op *m = b->ops[i], *a = i + 1 < b->nops ? b->ops[i + 1] : NULL;
    if (m->code != IR_MAP || !a || a->code != IR_ASSIGN || a->args[1] != m->results[0])
        return NULL;
    const ir_var *t = m->results[0], *dst = a->args[0];
    bool any_array = false;
    for (int k = 0; k < m->nargs; k++)
        any_array |= m->args[k]->type.is_array;
    if (e->reads[t->id] != 1 || t->is_global || dst->type.dtype != t->type.dtype || !any_array)
        return NULL;
    return dst;
}

void ec_emit_block(ec *e, const ir_block *b)
{
    for (int i = 0; i < b->nops; i++) {
        const ir_var *dst = assigned_only(e, b, i);
        if (dst) {
            ec_emit_map_into(e, b->ops[i], dst);
            i++;    /* the assign is done */
            continue;
        }
        emit_op(e, b->ops[i]);
    }
}

void ec_release_locals(ec *e)
{
    for (int i = 0; i < e->f->nvars; i++) {
        const ir_var *v = e->f->vars[i];
        if (ec_is_handle(v->type) && !e->map_local[v->id])
            ec_line(e, "%s(%s);", ec_release_fn(v->type), ec_var(e, v));
    }
}

static void emit_mov(ec *e, const ir_op *op)
{
    const char *r = ec_var(e, op->results[0]), *a = ec_var(e, op->args[0]);
    ir_type t = op->results[0]->type;
    if (!ec_is_handle(t)) {
        ec_line(e, "%s = %s;", r, a);
        return;
    }
    int n = ec_tmp(e);
    ec_block(e);
    ec_line(e, "%se%d = %s;", ec_ctype(t), n, a);
    ec_line(e, "%s(e%d);", ec_retain_fn(t), n);
    ec_line(e, "%s(%s);", ec_release_fn(t), r);
    ec_line(e, "%s = e%d;", r, n);
    ec_close(e);
}

static void emit_if(ec *e, const ir_op *op)
{
    const ir_var *c = op->args[0];
    if (c->type.is_array) {
        ec_set_line(e, op);
        ec_open(e, "if (rt_truth(%s))", ec_var(e, c));
    } else {
        ec_open(e, "if (%s)", ec_var(e, c));
    }
    ec_emit_block(e, &op->regions[0]);
    if (op->nregions > 1 && op->regions[1].nops > 0) {
        e->indent--;
        ec_line(e, "} else {");
        e->indent++;
        ec_emit_block(e, &op->regions[1]);
    }
    ec_close(e);
}

static void emit_for(ec *e, const ir_op *op)
{
    int n = ec_tmp(e);
    ec_set_line(e, op);
    ec_block(e);
    ec_line(e, "int64_t e%d_lo = %s, e%d_hi = %s, e%d_step = %s;", n, ec_var(e, op->args[0]), n,
            ec_var(e, op->args[1]), n, op->nargs > 2 ? ec_var(e, op->args[2]) : "1");
    ec_line(e, "if (e%d_step == 0)", n);
    ec_line(e, "    rt_raise(\"ValueError\", \"range() arg 3 must not be zero\");");
    bool par = ir_attr_int(op, "parallel", 0) && op->nresults > 0;
    if (par)
        ec_emit_parallel_for(e, op, n);     /* opens `if (worth it) {...} else {` */
    ec_open(e, "for (int64_t e%d_k = e%d_lo; e%d_step > 0 ? e%d_k < e%d_hi : e%d_k > e%d_hi; "
               "e%d_k = nc_add_i64(e%d_k, e%d_step))",
            n, n, n, n, n, n, n, n, n, n);
    if (op->nresults > 0)
        ec_line(e, "%s = e%d_k;", ec_var(e, op->results[0]), n);
    ec_emit_block(e, &op->regions[0]);
    ec_close(e);
    if (par)
        ec_close(e);
    ec_close(e);
}

static void emit_loop(ec *e, const ir_op *op)
{
    ec_open(e, "for (;;)");
    ec_emit_block(e, &op->regions[0]);
    ec_close(e);
}

static void emit_return(ec *e, const ir_op *op)
{
    int n = ec_tmp(e);
    strbuf sb;
    sb_init(&sb);
    if (op->nargs == 0) {
        ec_release_locals(e);
        ec_line(e, "return;");
        sb_free(&sb);
        return;
    }
    ec_block(e);
    for (int i = 0; i < op->nargs; i++) {
        const ir_var *v = op->args[i];
        ec_line(e, "%se%d_%d = %s;", ec_ctype(v->type), n, i, ec_var(e, v));
        if (ec_is_handle(v->type))
            ec_line(e, "%s(e%d_%d);", ec_retain_fn(v->type), n, i);
        sb_printf(&sb, "%se%d_%d", i ? ", " : "", n, i);
    }
    ec_release_locals(e);
    if (op->nargs == 1) {
        ec_line(e, "return %s;", sb.buf);
    } else {
        strbuf st;
        sb_init(&st);
        ec_ret_struct(&st, e->f->name);
        ec_line(e, "return (%s){%s};", st.buf, sb.buf);
        sb_free(&st);
    }
    ec_close(e);
    sb_free(&sb);
}

static void call_results(ec *e, const ir_op *op, const char *call)
{
    if (op->nresults == 0) {
        ec_line(e, "%s;", call);
    } else if (op->nresults == 1 && ec_is_handle(op->results[0]->type)) {
        ec_assign_array(e, op->results[0], call);
    } else if (op->nresults == 1) {
        ec_line(e, "%s = %s;", ec_var(e, op->results[0]), call);
    } else {
        int n = ec_tmp(e);
        strbuf st;
        sb_init(&st);
        ec_ret_struct(&st, ir_attr_word(op, "callee"));
        ec_block(e);
        ec_line(e, "%s e%d = %s;", st.buf, n, call);
        for (int i = 0; i < op->nresults; i++) {
            char field[48];
            snprintf(field, sizeof field, "e%d.r%d", n, i);
            if (ec_is_handle(op->results[i]->type))
                ec_replace_array(e, op->results[i], field);
            else
                ec_line(e, "%s = %s;", ec_var(e, op->results[i]), field);
        }
        ec_close(e);
        sb_free(&st);
    }
}

static void emit_call(ec *e, const ir_op *op)
{
    const char *callee = ir_attr_word(op, "callee");
    if (!callee) {
        ec_unsupported(e, op, "call without a callee");
        return;
    }
    strbuf sb;
    sb_init(&sb);
    ec_func_name(&sb, callee);
    sb_putc(&sb, '(');
    for (int i = 0; i < op->nargs; i++)
        sb_printf(&sb, "%s%s", i ? ", " : "", ec_var(e, op->args[i]));
    sb_putc(&sb, ')');
    ec_set_line(e, op);
    call_results(e, op, sb.buf);
    ec_set_line(e, op);
    sb_free(&sb);
}

static void emit_assert(ec *e, const ir_op *op)
{
    ec_set_line(e, op);
    const ir_var *c = op->args[0];
    const char *msg = op->nargs > 1 ? ec_var(e, op->args[1]) : "\"\"";
    if (c->type.is_array)
        ec_line(e, "if (!rt_truth(%s))", ec_var(e, c));
    else
        ec_line(e, "if (!%s)", ec_var(e, c));
    ec_line(e, "    rt_raise(\"AssertionError\", \"%%s\", %s);", msg);
}

static void emit_write(ec *e, const ir_op *op)
{
    static const char *const fn[] = {"rt_write_bool", "rt_write_i64", "rt_write_f32",
                                     "rt_write_f64", "rt_write_cstr"};
    const ir_var *v = op->args[0];
    const ir_attr *spec = ir_attr_get(op, "spec");
    ec_set_line(e, op);
    if (spec) {     /* an f-string field: format(v, spec) */
        static const char *const ffn[] = {"rt_write_format_bool", "rt_write_format_i64", "rt_write_format_f32",
                                          "rt_write_format_f64", "rt_write_format_str"};
        const char *f = v->type.is_array ? "rt_write_format_array" : ffn[v->type.dtype];
        strbuf sb;
        sb_init(&sb);
        ec_str_literal_sb(&sb, spec->s, spec->slen);
        ec_line(e, "%s(%s, %s);", f, ec_var(e, v), sb.buf);
        sb_free(&sb);
        return;
    }
    const char *f = fn[v->type.dtype];
    if (v->type.is_array)
        f = "rt_write_array";
    else if (v->type.dtype == IR_STR && ir_attr_int(op, "repr", 0))
        f = "nc_write_repr";
    ec_line(e, "%s(%s);", f, ec_var(e, v));
}

static void emit_control(ec *e, const ir_op *op)
{
    switch (op->code) {
    case IR_MOV: emit_mov(e, op); break;
    case IR_RELEASE:
        ec_line(e, "%s(%s);", ec_release_fn(op->args[0]->type), ec_var(e, op->args[0]));
        ec_line(e, "%s = NULL;", ec_var(e, op->args[0]));
        break;
    case IR_IF: emit_if(e, op); break;
    case IR_FOR: emit_for(e, op); break;
    case IR_LOOP: emit_loop(e, op); break;
    case IR_BREAK: ec_line(e, "break;"); break;
    case IR_CONTINUE: ec_line(e, "continue;"); break;
    case IR_RETURN: emit_return(e, op); break;
    case IR_CALL: emit_call(e, op); break;
    case IR_ASSERT: emit_assert(e, op); break;
    case IR_WRITE: emit_write(e, op); break;
    default: ec_unsupported(e, op, "not valid here"); break;
    }
}

static void emit_op(ec *e, const ir_op *op)
{
    bool array_result = op->nresults > 0 && op->results[0]->type.is_array;
    if (op->code == IR_MAP || (ir_opinfos[op->code].elementwise && array_result))
        ec_emit_map(e, op);
    else if (ir_opinfos[op->code].elementwise || op->code == IR_CONST)
        ec_emit_scalar_op(e, op);
    else if (!ec_emit_array_op(e, op))
        emit_control(e, op);
}
