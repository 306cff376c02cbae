/* emit_c_func.c: functions and the module.
 *
 * Layout of the C file: prelude; globals (static g_*); one result struct
 * r_<name> per function with several results; prototypes; the functions
 * (static f_<name>); and, when the module has @main (the script's top
 * level), C's main: rt_init, f_main, release the array globals, rt_fini.
 *
 * In a function, every local is declared at the top (arrays start NULL)
 * except the scalars defined inside map bodies, which the map loop
 * declares per element (private to each OpenMP thread).  Array parameters
 * are retained on entry so that the function owns a reference to every
 * array local; each return path releases them all.
 */
#include <string.h>

#include "codegen/emit_c_internal.h"

void ec_func_name(strbuf *sb, const char *ir_name)
{
    sb_puts(sb, "f_");
    ec_mangle(sb, ir_name);
}

void ec_ret_struct(strbuf *sb, const char *ir_name)
{
    sb_puts(sb, "r_");
    ec_mangle(sb, ir_name);
}

/* Count reads of each local; mark where each is defined or used: the
 * scalars seen only inside map bodies are declared by the map loop. */
static void scan_block(ec *e, const ir_block *b, bool in_map, bool *outside)
{
    for (int j = 0; j < b->nparams; j++)
        if (!b->params[j]->is_global)
            e->map_local[b->params[j]->id] = true;
    for (int i = 0; i < b->nops; i++) {
        const ir_op *op = b->ops[i];
        for (int j = 0; j < op->nargs; j++) {
            if (op->args[j]->is_global)
                continue;
            e->reads[op->args[j]->id]++;
            outside[op->args[j]->id] |= !in_map;
        }
        for (int j = 0; j < op->nresults; j++) {
            if (op->results[j]->is_global)
                continue;
            e->map_local[op->results[j]->id] |= in_map;
            outside[op->results[j]->id] |= !in_map;
        }
        for (int r = 0; r < op->nregions; r++)
            scan_block(e, &op->regions[r], in_map || op->code == IR_MAP, outside);
    }
}

static void func_signature(ec *e, const ir_func *f, strbuf *sb)
{
    if (f->nret == 0)
        sb_puts(sb, "void ");
    else if (f->nret == 1)
        sb_puts(sb, ec_ctype(f->ret_types[0]));
    else {
        ec_ret_struct(sb, f->name);
        sb_putc(sb, ' ');
    }
    ec_func_name(sb, f->name);
    sb_putc(sb, '(');
    for (int i = 0; i < f->nparams; i++) {
        const ir_var *p = f->params[i];
        sb_printf(sb, "%s%s%s", i ? ", " : "", ec_ctype(p->type), e->lname[p->id]);
    }
    sb_puts(sb, f->nparams ? ")" : "void)");
}

static void declare_locals(ec *e, const ir_func *f)
{
    for (int i = f->nparams; i < f->nvars; i++) {
        const ir_var *v = f->vars[i];
        if (e->map_local[v->id])
            continue;
        const char *init = ec_is_handle(v->type) ? "NULL" : v->type.dtype == IR_STR ? "\"\"" : "0";
        ec_line(e, "%s%s%s = %s;", ec_ctype(v->type), ec_var(e, v), e->reads[v->id] ? "" : " __attribute__((unused))", init);
    }
    for (int i = 0; i < f->nparams; i++)
        if (ec_is_handle(f->params[i]->type))
            ec_line(e, "%s(%s);", ec_retain_fn(f->params[i]->type), ec_var(e, f->params[i]));
}

static void set_func(ec *e, const ir_func *f)
{
    int n = f->nvars ? f->nvars : 1;
    e->f = f;
    e->ntmp = 0;
    e->lname = xcalloc((size_t)n, sizeof *e->lname);
    e->map_local = xcalloc((size_t)n, sizeof *e->map_local);
    e->reads = xcalloc((size_t)n, sizeof *e->reads);
    for (int i = 0; i < f->nvars; i++)
        e->lname[i] = ec_local_name(f->vars[i]);
    bool *outside = xcalloc((size_t)n, sizeof *outside);
    for (int i = 0; i < f->nparams; i++)
        outside[f->params[i]->id] = true;
    scan_block(e, &f->body, false, outside);
    for (int i = 0; i < f->nvars; i++)
        e->map_local[i] &= !outside[i];
    free(outside);
}

static void clear_func(ec *e)
{
    for (int i = 0; i < e->f->nvars; i++)
        free(e->lname[i]);
    free(e->lname);
    free(e->map_local);
    free(e->reads);
    e->f = NULL;
}

static void emit_prototype(ec *e, const ir_func *f)
{
    strbuf sb;
    sb_init(&sb);
    set_func(e, f);
    func_signature(e, f, &sb);
    ec_line(e, "static %s __attribute__((unused));", sb.buf);
    clear_func(e);
    sb_free(&sb);
}

static void emit_func(ec *e, const ir_func *f)
{
    strbuf sb;
    sb_init(&sb);
    set_func(e, f);
    func_signature(e, f, &sb);
    fputc('\n', e->out);
    ec_line(e, "static %s", sb.buf);
    ec_block(e);
    declare_locals(e, f);
    ec_emit_block(e, &f->body);
    const ir_block *b = &f->body;
    if (b->nops == 0 || b->ops[b->nops - 1]->code != IR_RETURN)
        ec_release_locals(e);
    ec_close(e);
    clear_func(e);
    sb_free(&sb);
}

static void emit_ret_struct(ec *e, const ir_func *f)
{
    strbuf sb;
    sb_init(&sb);
    ec_ret_struct(&sb, f->name);
    ec_open(e, "typedef struct %s", sb.buf);
    for (int i = 0; i < f->nret; i++)
        ec_line(e, "%sr%d;", ec_ctype(f->ret_types[i]), i);
    e->indent--;
    ec_line(e, "} %s;", sb.buf);
    sb_free(&sb);
}

static void emit_globals(ec *e)
{
    const ir_module *m = e->m;
    for (int i = 0; i < m->nglobals; i++) {
        const ir_var *g = m->globals[i];
        ec_line(e, "static %s%s __attribute__((unused));", ec_ctype(g->type), e->gname[g->id]);
    }
}

static void emit_c_main(ec *e, const ir_func *main_fn)
{
    fputc('\n', e->out);
    ec_line(e, "int main(int argc, char **argv)");
    ec_block(e);
    fprintf(e->out, "    rt_init(");
    const char *path = e->m->source_path ? e->m->source_path : "";
    ec_str_literal(e->out, path, (int)strlen(path));
    fprintf(e->out, ", argc, argv);\n");
    ec_line(e, "f_main();");
    for (int i = 0; i < e->m->nglobals; i++)
        if (ec_is_handle(e->m->globals[i]->type))
            ec_line(e, "%s(%s);", ec_release_fn(e->m->globals[i]->type), e->gname[e->m->globals[i]->id]);
    ec_line(e, "return rt_fini();");
    ec_close(e);
    (void)main_fn;
}

int emit_c_module(FILE *out, const ir_module *m)
{
    ec e = {.out = out, .m = m};
    e.gname = xcalloc((size_t)(m->nglobals ? m->nglobals : 1), sizeof *e.gname);
    for (int i = 0; i < m->nglobals; i++)
        e.gname[m->globals[i]->id] = ec_global_name(m->globals[i]);
    fprintf(out, "/* Generated by numsc from %s. */\n", m->source_path ? m->source_path : "?");
    ec_emit_prelude(out);
    fputc('\n', out);
    emit_globals(&e);
    for (int i = 0; i < m->nfuncs; i++)
        if (m->funcs[i]->nret > 1)
            emit_ret_struct(&e, m->funcs[i]);
    for (int i = 0; i < m->nfuncs; i++)
        emit_prototype(&e, m->funcs[i]);
    for (int i = 0; i < m->nfuncs; i++)
        emit_func(&e, m->funcs[i]);
    const ir_func *main_fn = ir_module_find_func(m, "main");
    if (main_fn)
        emit_c_main(&e, main_fn);
    for (int i = 0; i < m->nglobals; i++)
        free(e.gname[i]);
    free(e.gname);
    return e.errors;
}
