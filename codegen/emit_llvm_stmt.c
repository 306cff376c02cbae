/* emit_llvm_stmt.c: statements and structured control flow.
 *
 * if -> condbr; for -> Python's range with the bounds evaluated once, step
 * 0 raising, a counter slot and a latch block (continue goes there), and
 * for a `parallel` for the outlined chunked path first (emit_llvm_parfor.c,
 * this serial loop its fallback); loop
 * -> a header block; break/continue branch to the innermost loop's exit or
 * latch.  After a terminator the builder moves to a fresh unreachable
 * block so later ops stay well-formed (the optimiser drops it).  return,
 * call, mov, release, assert and write follow emit_c_stmt.c exactly.
 */
#include <string.h>

#include "codegen/emit_llvm_internal.h"

static void emit_op(nl *e, const ir_op *op);

void nl_emit_block(nl *e, const ir_block *b)
{
    for (int i = 0; i < b->nops; i++)
        emit_op(e, b->ops[i]);
}

void nl_release_locals(nl *e)
{
    for (int i = 0; i < e->f->nvars; i++)
        if (nl_is_handle(e->f->vars[i]->type))
            nl_release(e, e->f->vars[i]->type, nl_get(e, e->f->vars[i]));
}

static void dead_block(nl *e)
{
    LLVMPositionBuilderAtEnd(e->b, nl_block(e, "dead"));
}

static LLVMValueRef truth(nl *e, const ir_op *op, const ir_var *c)
{
    if (!c->type.is_array)
        return nl_get(e, c);
    nl_set_line(e, op);
    return nl_call_v(e, "rt_truth", 1, nl_get(e, c));
}

static void emit_if(nl *e, const ir_op *op)
{
    LLVMBasicBlockRef th = nl_block(e, "then"), el = nl_block(e, "else"), join = nl_block(e, "endif");
    LLVMBuildCondBr(e->b, truth(e, op, op->args[0]), th, el);
    LLVMPositionBuilderAtEnd(e->b, th);
    nl_emit_block(e, &op->regions[0]);
    LLVMBuildBr(e->b, join);
    LLVMPositionBuilderAtEnd(e->b, el);
    if (op->nregions > 1)
        nl_emit_block(e, &op->regions[1]);
    LLVMBuildBr(e->b, join);
    LLVMPositionBuilderAtEnd(e->b, join);
}

static void push_loop(nl *e, const ir_op *op, LLVMBasicBlockRef brk, LLVMBasicBlockRef cont)
{
    if (e->nloops >= NL_MAX_LOOPS) {
        nl_unsupported(e, op, "loops nested too deeply");
        return;
    }
    e->brk[e->nloops] = brk;
    e->cont[e->nloops++] = cont;
}

static void emit_for(nl *e, const ir_op *op)
{
    nl_set_line(e, op);
    LLVMValueRef lo = nl_get(e, op->args[0]), hi = nl_get(e, op->args[1]);
    LLVMValueRef step = op->nargs > 2 ? nl_get(e, op->args[2]) : nl_i64(e, 1);
    LLVMBasicBlockRef bad = nl_block(e, "range0"), ok = nl_block(e, "range");
    LLVMBuildCondBr(e->b, LLVMBuildICmp(e->b, LLVMIntEQ, step, nl_i64(e, 0), ""), bad, ok);
    LLVMPositionBuilderAtEnd(e->b, bad);
    nl_raise(e, "ValueError", "range() arg 3 must not be zero");
    LLVMPositionBuilderAtEnd(e->b, ok);
    LLVMBasicBlockRef pend = NULL;      /* parallel: the serial loop is the fallback */
    if (ir_attr_int(op, "parallel", 0) && op->nresults > 0)
        pend = nl_emit_parallel_for(e, op, lo, hi, step);
    LLVMValueRef k = nl_alloca(e, e->i64, "k");
    LLVMBuildStore(e->b, lo, k);
    LLVMBasicBlockRef head = nl_block(e, "for"), body = nl_block(e, "for.body"),
                      latch = nl_block(e, "for.next"), exit = nl_block(e, "for.end");
    LLVMBuildBr(e->b, head);
    LLVMPositionBuilderAtEnd(e->b, head);
    LLVMValueRef kv = LLVMBuildLoad2(e->b, e->i64, k, "");
    LLVMValueRef up = LLVMBuildICmp(e->b, LLVMIntSLT, kv, hi, "");
    LLVMValueRef down = LLVMBuildICmp(e->b, LLVMIntSGT, kv, hi, "");
    LLVMValueRef pos = LLVMBuildICmp(e->b, LLVMIntSGT, step, nl_i64(e, 0), "");
    LLVMBuildCondBr(e->b, LLVMBuildSelect(e->b, pos, up, down, ""), body, exit);
    LLVMPositionBuilderAtEnd(e->b, body);
    if (op->nresults > 0)
        nl_set(e, op->results[0], kv);
    push_loop(e, op, exit, latch);
    nl_emit_block(e, &op->regions[0]);
    e->nloops--;
    LLVMBuildBr(e->b, latch);
    LLVMPositionBuilderAtEnd(e->b, latch);
    LLVMBuildStore(e->b, LLVMBuildAdd(e->b, LLVMBuildLoad2(e->b, e->i64, k, ""), step, ""), k);
    LLVMBuildBr(e->b, head);
    LLVMPositionBuilderAtEnd(e->b, exit);
    if (pend) {
        LLVMBuildBr(e->b, pend);
        LLVMPositionBuilderAtEnd(e->b, pend);
    }
}

static void emit_loop(nl *e, const ir_op *op)
{
    LLVMBasicBlockRef head = nl_block(e, "loop"), exit = nl_block(e, "loop.end");
    LLVMBuildBr(e->b, head);
    LLVMPositionBuilderAtEnd(e->b, head);
    push_loop(e, op, exit, head);
    nl_emit_block(e, &op->regions[0]);
    e->nloops--;
    LLVMBuildBr(e->b, head);
    LLVMPositionBuilderAtEnd(e->b, exit);
}

static void emit_jump(nl *e, const ir_op *op, bool is_break)
{
    if (e->nloops == 0) {
        nl_unsupported(e, op, "outside a loop");
        return;
    }
    LLVMBuildBr(e->b, is_break ? e->brk[e->nloops - 1] : e->cont[e->nloops - 1]);
    dead_block(e);
}

static void emit_return(nl *e, const ir_op *op)
{
    LLVMValueRef vals[64];
    int n = op->nargs < 64 ? op->nargs : 64;
    for (int i = 0; i < n; i++) {
        vals[i] = nl_get(e, op->args[i]);
        if (nl_is_handle(op->args[i]->type))
            nl_retain(e, op->args[i]->type, vals[i]);
    }
    nl_release_locals(e);
    if (n == 0) {
        LLVMBuildRetVoid(e->b);
    } else if (n == 1) {
        LLVMBuildRet(e->b, vals[0]);
    } else {
        LLVMTypeRef t = LLVMGetReturnType(LLVMGlobalGetValueType(e->fn));
        LLVMValueRef agg = LLVMGetUndef(t);
        for (int i = 0; i < n; i++)
            agg = LLVMBuildInsertValue(e->b, agg, vals[i], (unsigned)i, "");
        LLVMBuildRet(e->b, agg);
    }
    dead_block(e);
}

static void set_result(nl *e, const ir_var *r, LLVMValueRef v)
{
    if (nl_is_handle(r->type))
        nl_replace_array(e, r, v);
    else
        nl_set(e, r, v);
}

static void emit_call(nl *e, const ir_op *op)
{
    const char *callee = ir_attr_word(op, "callee");
    int fi = -1;
    for (int i = 0; callee && i < e->m->nfuncs; i++)
        if (strcmp(e->m->funcs[i]->name, callee) == 0)
            fi = i;
    if (fi < 0 || op->nargs > 64) {
        nl_unsupported(e, op, "call of an unknown function");
        return;
    }
    LLVMValueRef args[64], fn = e->funcs[fi];
    for (int i = 0; i < op->nargs; i++)
        args[i] = nl_get(e, op->args[i]);
    nl_set_line(e, op);
    LLVMValueRef r = LLVMBuildCall2(e->b, LLVMGlobalGetValueType(fn), fn, args, (unsigned)op->nargs, "");
    if (op->nresults == 1)
        set_result(e, op->results[0], r);
    for (int i = 0; op->nresults > 1 && i < op->nresults; i++)
        set_result(e, op->results[i], LLVMBuildExtractValue(e->b, r, (unsigned)i, ""));
    nl_set_line(e, op);
}

static void emit_assert(nl *e, const ir_op *op)
{
    nl_set_line(e, op);
    LLVMValueRef c = truth(e, op, op->args[0]);
    LLVMBasicBlockRef fail = nl_block(e, "assert.fail"), ok = nl_block(e, "assert.ok");
    LLVMBuildCondBr(e->b, c, ok, fail);
    LLVMPositionBuilderAtEnd(e->b, fail);
    LLVMValueRef args[] = {nl_cstr(e, "AssertionError", 14), nl_cstr(e, "%s", 2),
                           op->nargs > 1 ? nl_get(e, op->args[1]) : nl_cstr(e, "", 0)};
    nl_call(e, "rt_raise", args, 3);
    LLVMBuildUnreachable(e->b);
    LLVMPositionBuilderAtEnd(e->b, ok);
}

static void emit_write(nl *e, const ir_op *op)
{
    static const char *const fn[] = {"rt_write_bool", "rt_write_i64", "rt_write_f32",
                                     "rt_write_f64", "rt_write_cstr"};
    const ir_var *v = op->args[0];
    if (!v->type.is_array && v->type.dtype > IR_STR) {
        nl_unsupported(e, op, "cannot print this type");
        return;
    }
    const ir_attr *spec = ir_attr_get(op, "spec");
    if (spec) {     /* an f-string field: format(v, spec) (rt_fstring.h) */
        static const char *const ffn[] = {"rt_write_format_bool", "rt_write_format_i64",
                                          "rt_write_format_f32", "rt_write_format_f64",
                                          "rt_write_format_str"};
        nl_set_line(e, op);
        LLVMValueRef args[] = {nl_get(e, v), nl_cstr(e, spec->s ? spec->s : "", spec->slen)};
        nl_call_dyn(e, v->type.is_array ? "rt_write_format_array" : ffn[v->type.dtype], e->vd, args, 2);
        return;
    }
    const char *f = v->type.is_array ? "rt_write_array" : fn[v->type.dtype];
    if (!v->type.is_array && v->type.dtype == IR_STR && ir_attr_int(op, "repr", 0))
        f = "rt_write_repr_cstr";
    nl_set_line(e, op);
    nl_call_v(e, f, 1, nl_get(e, v));
}

static void emit_mov(nl *e, const ir_op *op)
{
    LLVMValueRef v = nl_get(e, op->args[0]);
    if (nl_is_handle(op->results[0]->type))
        nl_retain(e, op->results[0]->type, v);
    set_result(e, op->results[0], v);
}

static void emit_control(nl *e, const ir_op *op)
{
    switch (op->code) {
    case IR_MOV: emit_mov(e, op); break;
    case IR_RELEASE:
        nl_release(e, op->args[0]->type, nl_get(e, op->args[0]));
        nl_set(e, op->args[0], LLVMConstNull(e->ptr));
        break;
    case IR_IF: emit_if(e, op); break;
    case IR_FOR: emit_for(e, op); break;
    case IR_LOOP: emit_loop(e, op); break;
    case IR_BREAK: emit_jump(e, op, true); break;
    case IR_CONTINUE: emit_jump(e, op, false); break;
    case IR_RETURN: emit_return(e, op); break;
    case IR_CALL: emit_call(e, op); break;
    case IR_ASSERT: emit_assert(e, op); break;
    case IR_WRITE: emit_write(e, op); break;
    default: nl_unsupported(e, op, "not valid here"); break;
    }
}

static void emit_op(nl *e, const ir_op *op)
{
    nl_debug_loc(e, op->loc.line, op->loc.col);
    bool array_result = op->nresults > 0 && op->results[0]->type.is_array;
    if (op->code == IR_MAP || (ir_opinfos[op->code].elementwise && array_result))
        nl_emit_map(e, op);
    else if (ir_opinfos[op->code].elementwise || op->code == IR_CONST)
        nl_emit_scalar_op(e, op);
    else if (!nl_emit_array_op(e, op))
        emit_control(e, op);
}
