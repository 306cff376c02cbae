/* ir_verify.c: structural and type checks of a module (rules in docs/ir.md).
 *
 * Each problem is one diag_error at the op's location, prefixed
 * "IR verifier: "; the count is returned.  Checking goes on after an error
 * so one run reports every broken op. */
#include "ir/ir_verify_impl.h"

#include <stdlib.h>
#include <string.h>

/* Report one problem at op (NULL: the current function). */
void irv_fail(irv_ctx *c, const ir_op *op, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    src_loc loc = op ? op->loc : c->f ? c->f->loc : src_loc_make(0, 0, 0, 0);
    diag_error(loc, "IR verifier: %s%s%s", op ? ir_opcode_name(op->code) : "",
               op ? ": " : "", msg);
    c->errors++;
}

/* ---- variables, blocks, functions ---- */

static void check_var(irv_ctx *c, const ir_op *op, const ir_var *v)
{
    if (v->is_global) {
        if (v->id < 0 || v->id >= c->m->nglobals || c->m->globals[v->id] != v)
            irv_fail(c, op, "$%s is not a global of this module", v->name);
    } else if (v->id < 0 || v->id >= c->f->nvars || c->f->vars[v->id] != v) {
        irv_fail(c, op, "%%%s is not a variable of @%s", v->name, c->f->name);
    } else if (!c->defined[v->id]) {
        irv_fail(c, op, "%%%s is used but never defined", v->name);
    }
}

static void mark_defined(irv_ctx *c, const ir_var *v)
{
    if (!v->is_global && v->id >= 0 && v->id < c->f->nvars && c->f->vars[v->id] == v)
        c->defined[v->id] = true;
}

static void collect_defs(irv_ctx *c, const ir_block *b)
{
    for (int i = 0; i < b->nparams; i++)
        mark_defined(c, b->params[i]);
    for (int i = 0; i < b->nops; i++) {
        const ir_op *op = b->ops[i];
        for (int r = 0; r < op->nresults; r++)
            mark_defined(c, op->results[r]);
        for (int r = 0; r < op->nregions; r++)
            collect_defs(c, &op->regions[r]);
    }
}

static void check_block(irv_ctx *c, const ir_block *b, bool map_body);

/* A map body holds scalar ops only; one report per offending op. */
static bool check_map_body_op(irv_ctx *c, const ir_op *op)
{
    if (!ir_opinfos[op->code].elementwise && op->code != IR_CONST && op->code != IR_MOV &&
        op->code != IR_YIELD) {
        irv_fail(c, op, "not allowed in a map body (scalar ops only)");
        return false;
    }
    for (int i = 0; i < op->nargs; i++)
        if (op->args[i]->type.is_array) {
            irv_fail(c, op, "array operand in a map body");
            return false;
        }
    for (int i = 0; i < op->nresults; i++)
        if (op->results[i]->type.is_array) {
            irv_fail(c, op, "array result in a map body");
            return false;
        }
    return true;
}

static void check_op(irv_ctx *c, const ir_op *op, bool map_body, bool last)
{
    if (op->nregions != ir_opinfos[op->code].nregions) {
        irv_fail(c, op, "has %d regions, expected %d", op->nregions, ir_opinfos[op->code].nregions);
        return;
    }
    for (int i = 0; i < op->nargs; i++)
        check_var(c, op, op->args[i]);
    if (map_body && !check_map_body_op(c, op))
        return;
    if (op->code == IR_YIELD && !(map_body && last))
        irv_fail(c, op, "only allowed as the last op of a map body");
    irv_check_opcode(c, op);
    int saved = c->loop_depth;
    if (op->code == IR_FOR || op->code == IR_LOOP)
        c->loop_depth++;
    if (op->code == IR_MAP)
        c->loop_depth = 0;
    for (int r = 0; r < op->nregions; r++)
        check_block(c, &op->regions[r], op->code == IR_MAP);
    c->loop_depth = saved;
}

static void check_block(irv_ctx *c, const ir_block *b, bool map_body)
{
    for (int i = 0; i < b->nops; i++)
        check_op(c, b->ops[i], map_body, i == b->nops - 1);
}

static void check_func(irv_ctx *c, const ir_func *f)
{
    c->f = f;
    c->loop_depth = 0;
    c->defined = xcalloc((size_t)(f->nvars ? f->nvars : 1), sizeof *c->defined);
    for (int i = 0; i < f->nparams; i++)
        mark_defined(c, f->params[i]);
    collect_defs(c, &f->body);
    check_block(c, &f->body, false);
    free(c->defined);
    c->defined = NULL;
}

int ir_verify(const ir_module *m)
{
    irv_ctx c = {.m = m};
    for (int i = 0; i < m->nfuncs; i++) {
        for (int j = 0; j < i; j++)
            if (strcmp(m->funcs[i]->name, m->funcs[j]->name) == 0) {
                c.f = m->funcs[i];
                irv_fail(&c, NULL, "function @%s defined twice", m->funcs[i]->name);
            }
        check_func(&c, m->funcs[i]);
    }
    return c.errors;
}
