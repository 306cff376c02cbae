/* emit_llvm_types.c: LLVM types for IR types, variables, constants.
 *
 * Scalars: bool i1, i64, f32 float, f64 double, str ptr (const char *);
 * arrays and rng handles are ptr.  Array elements of bool are i8 (C bool).
 * Outside kernels every local lives in an entry-block alloca (SROA and
 * mem2reg turn them into registers) and every global in an internal LLVM
 * global; inside an outlined map kernel values live in e->ssa.
 * struct rt_array is mirrored as an LLVM struct; the asserts below tie
 * its field offsets to numsrt.h.
 */
#include <stddef.h>
#include <string.h>

#include "codegen/emit_llvm_internal.h"
#include "runtime/numsrt.h"

_Static_assert(offsetof(rt_array, data) == 16, "rt_array layout");
_Static_assert(offsetof(rt_array, rank) == 28, "rt_array layout");
_Static_assert(offsetof(rt_array, shape) == 32, "rt_array layout");
_Static_assert(offsetof(rt_array, strides) == 32 + 8 * RT_MAX_RANK, "rt_array layout");
_Static_assert(offsetof(rt_index, has_lo) == 32 && sizeof(rt_index) == 40, "rt_index layout");

void nl_init_types(nl *e)
{
    e->i1 = LLVMInt1TypeInContext(e->cx);
    e->i8 = LLVMInt8TypeInContext(e->cx);
    e->i32 = LLVMInt32TypeInContext(e->cx);
    e->i64 = LLVMInt64TypeInContext(e->cx);
    e->f32 = LLVMFloatTypeInContext(e->cx);
    e->f64 = LLVMDoubleTypeInContext(e->cx);
    e->ptr = LLVMPointerTypeInContext(e->cx, 0);
    e->vd = LLVMVoidTypeInContext(e->cx);
    LLVMTypeRef dims = LLVMArrayType2(e->i64, RT_MAX_RANK);
    LLVMTypeRef af[] = {e->i64, e->ptr, e->ptr, e->i32, e->i32, dims, dims};
    e->arr = LLVMStructCreateNamed(e->cx, "rt_array");
    LLVMStructSetBody(e->arr, af, 7, 0);
    LLVMTypeRef xf[] = {e->i32, e->i64, e->i64, e->i64, e->i8, e->i8, e->i8};
    e->idx = LLVMStructCreateNamed(e->cx, "rt_index");
    LLVMStructSetBody(e->idx, xf, 7, 0);
}

LLVMTypeRef nl_type(nl *e, ir_type t)
{
    if (t.is_array)
        return e->ptr;
    switch (t.dtype) {
    case IR_BOOL: return e->i1;
    case IR_I64: return e->i64;
    case IR_F32: return e->f32;
    case IR_F64: return e->f64;
    default: return e->ptr;
    }
}

LLVMTypeRef nl_elem_type(nl *e, ir_dtype dt)
{
    return dt == IR_BOOL ? e->i8 : nl_type(e, ir_scalar_type(dt));
}

LLVMValueRef nl_get(nl *e, const ir_var *v)
{
    LLVMTypeRef t = nl_type(e, v->type);
    if (v->is_global)
        return LLVMBuildLoad2(e->b, t, e->gslot[v->id], v->name);
    if (e->ssa && e->ssa[v->id])
        return e->ssa[v->id];
    if (e->in_kernel || !e->slot[v->id]) {
        /* the verifier guarantees a definition; reaching here is a bug */
        return nl_zero(e, v->type);
    }
    return LLVMBuildLoad2(e->b, t, e->slot[v->id], v->name);
}

void nl_set(nl *e, const ir_var *v, LLVMValueRef val)
{
    if (v->is_global)
        LLVMBuildStore(e->b, val, e->gslot[v->id]);
    else if (e->in_kernel)
        e->ssa[v->id] = val;
    else
        LLVMBuildStore(e->b, val, e->slot[v->id]);
}

LLVMValueRef nl_i64(nl *e, int64_t v) { return LLVMConstInt(e->i64, (unsigned long long)v, 1); }
LLVMValueRef nl_i32(nl *e, int v) { return LLVMConstInt(e->i32, (unsigned long long)v, 1); }

LLVMValueRef nl_cstr(nl *e, const char *s, int len)
{
    LLVMValueRef init = LLVMConstStringInContext(e->cx, s, (unsigned)len, 0);
    LLVMValueRef g = LLVMAddGlobal(e->mod, LLVMTypeOf(init), ".str");
    LLVMSetInitializer(g, init);
    LLVMSetLinkage(g, LLVMPrivateLinkage);
    LLVMSetGlobalConstant(g, 1);
    LLVMSetUnnamedAddress(g, LLVMGlobalUnnamedAddr);
    return g;
}

LLVMValueRef nl_zero(nl *e, ir_type t)
{
    if (!t.is_array && t.dtype == IR_STR)
        return nl_cstr(e, "", 0);
    return LLVMConstNull(nl_type(e, t));
}

LLVMValueRef nl_field(nl *e, LLVMValueRef a, int field, LLVMTypeRef t)
{
    LLVMValueRef p = LLVMBuildStructGEP2(e->b, e->arr, a, (unsigned)field, "");
    return LLVMBuildLoad2(e->b, t, p, "");
}

LLVMValueRef nl_shape_at(nl *e, LLVMValueRef a, int which, LLVMValueRef axis)
{
    LLVMValueRef ix[] = {nl_i32(e, 0), nl_i32(e, which), axis};
    LLVMValueRef p = LLVMBuildInBoundsGEP2(e->b, e->arr, a, ix, 3, "");
    return LLVMBuildLoad2(e->b, e->i64, p, "");
}

LLVMValueRef nl_elem_load(nl *e, ir_dtype dt, LLVMValueRef p)
{
    LLVMValueRef v = LLVMBuildLoad2(e->b, nl_elem_type(e, dt), p, "");
    return dt == IR_BOOL ? LLVMBuildICmp(e->b, LLVMIntNE, v, LLVMConstNull(e->i8), "") : v;
}

void nl_elem_store(nl *e, ir_dtype dt, LLVMValueRef p, LLVMValueRef v)
{
    if (dt == IR_BOOL)
        v = LLVMBuildZExt(e->b, v, e->i8, "");
    LLVMBuildStore(e->b, v, p);
}

LLVMValueRef nl_alloca(nl *e, LLVMTypeRef t, const char *name)
{
    LLVMBasicBlockRef entry = LLVMGetEntryBasicBlock(e->fn);
    LLVMBuilderRef b = LLVMCreateBuilderInContext(e->cx);
    LLVMValueRef first = LLVMGetFirstInstruction(entry);
    if (first)
        LLVMPositionBuilderBefore(b, first);
    else
        LLVMPositionBuilderAtEnd(b, entry);
    LLVMValueRef a = LLVMBuildAlloca(b, t, name);
    LLVMDisposeBuilder(b);
    return a;
}

LLVMBasicBlockRef nl_block(nl *e, const char *name)
{
    return LLVMAppendBasicBlockInContext(e->cx, e->fn, name);
}

void nl_unsupported(nl *e, const ir_op *op, const char *why)
{
    diag_error(op->loc, "LLVM emitter: cannot translate '%s': %s", ir_opcode_name(op->code), why);
    e->errors++;
}

void nl_set_line(nl *e, const ir_op *op)
{
    if (op->loc.line > 0 && !e->in_kernel) {
        LLVMValueRef g = LLVMGetNamedGlobal(e->mod, "rt_line");
        LLVMBuildStore(e->b, nl_i32(e, op->loc.line), g);
    }
}
