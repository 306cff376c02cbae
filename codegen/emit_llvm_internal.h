/* emit_llvm_internal.h: state and helpers shared by the emit_llvm_*.c files.
 * Sectioned by the file that defines each name (prefix nl_). */
#ifndef NUMSC_EMIT_LLVM_INTERNAL_H
#define NUMSC_EMIT_LLVM_INTERNAL_H

#include <stdbool.h>
#include <stdlib.h>

#include "codegen/emit_llvm.h"
#include "codegen/llvm_compat.h"

enum { NL_MAX_LOOPS = 64 };

typedef struct nl {
    LLVMContextRef cx;
    LLVMModuleRef mod;
    LLVMBuilderRef b;
    const ir_module *m;
    const ir_func *f;
    LLVMValueRef fn;            /* the LLVM function being built */
    LLVMValueRef *slot;         /* by local id: its alloca (NULL inside kernels) */
    LLVMValueRef *gslot;        /* by global id: the LLVM global */
    LLVMValueRef *ssa;          /* by local id: its value inside a kernel, or NULL */
    bool in_kernel;             /* building an outlined map kernel: values live in ssa */
    LLVMValueRef *funcs;        /* by index in m->funcs */
    LLVMBasicBlockRef brk[NL_MAX_LOOPS], cont[NL_MAX_LOOPS];
    int nloops;
    int nkernels;
    int errors;
    /* types */
    LLVMTypeRef i1, i8, i32, i64, f32, f64, ptr, vd;
    LLVMTypeRef arr;            /* struct rt_array */
    LLVMTypeRef idx;            /* struct rt_index */
    /* debug info (-g) */
    LLVMDIBuilderRef di;
    LLVMMetadataRef di_file, di_cu, di_sp;
} nl;

/* ---- emit_llvm_types.c: types, variables, constants ---- */
void nl_init_types(nl *e);
LLVMTypeRef nl_type(nl *e, ir_type t);          /* scalars: i1 i64 float double ptr; arrays: ptr */
LLVMTypeRef nl_elem_type(nl *e, ir_dtype dt);   /* array element: i8 for bool */
LLVMValueRef nl_get(nl *e, const ir_var *v);    /* current value */
void nl_set(nl *e, const ir_var *v, LLVMValueRef val);
LLVMValueRef nl_zero(nl *e, ir_type t);         /* 0, 0.0, false, NULL, "" */
LLVMValueRef nl_i64(nl *e, int64_t v);
LLVMValueRef nl_i32(nl *e, int v);
LLVMValueRef nl_cstr(nl *e, const char *s, int len);   /* a private constant string */
LLVMValueRef nl_field(nl *e, LLVMValueRef a, int field, LLVMTypeRef t);   /* load a->field */
LLVMValueRef nl_shape_at(nl *e, LLVMValueRef a, int which, LLVMValueRef axis); /* shape/strides */
LLVMValueRef nl_elem_load(nl *e, ir_dtype dt, LLVMValueRef p);  /* -> i1 for bool */
void nl_elem_store(nl *e, ir_dtype dt, LLVMValueRef p, LLVMValueRef v);
LLVMValueRef nl_alloca(nl *e, LLVMTypeRef t, const char *name);     /* in the entry block */
LLVMBasicBlockRef nl_block(nl *e, const char *name);
void nl_unsupported(nl *e, const ir_op *op, const char *why);
void nl_set_line(nl *e, const ir_op *op);       /* rt_line = N */
enum { NL_ARR_DATA = 2, NL_ARR_RANK = 4, NL_ARR_SHAPE = 5, NL_ARR_STRIDES = 6 };

/* ---- emit_llvm_rt.c: runtime and libm declarations, calls ---- */
LLVMValueRef nl_call(nl *e, const char *fn, LLVMValueRef *args, int n);
LLVMValueRef nl_call_v(nl *e, const char *fn, int n, ...);    /* args as varargs */
/* A runtime function outside the table (rtcall): typed from its arguments. */
LLVMValueRef nl_call_dyn(nl *e, const char *fn, LLVMTypeRef ret, LLVMValueRef *args, int n);
LLVMValueRef nl_intrinsic(nl *e, const char *name, LLVMTypeRef t, LLVMValueRef *args, int n);
void nl_raise(nl *e, const char *cls, const char *msg);       /* rt_raise(cls, "%s", msg) */
/* Reference-counted handles: arrays (rt_release) and rng (rt_rng_release). */
bool nl_is_handle(ir_type t);
void nl_release(nl *e, ir_type t, LLVMValueRef a);
void nl_retain(nl *e, ir_type t, LLVMValueRef a);

/* ---- emit_llvm_scalar.c: scalar ops ---- */
/* The value of elementwise/const op `op` on operand values args[]. */
LLVMValueRef nl_scalar(nl *e, const ir_op *op, LLVMValueRef *args);
void nl_emit_scalar_op(nl *e, const ir_op *op);
bool nl_scalar_raises(const ir_op *op);

/* ---- emit_llvm_map.c: MAP and elementwise ops on arrays ---- */
void nl_emit_map(nl *e, const ir_op *op);

/* ---- emit_llvm_array.c: array ops ---- */
bool nl_emit_array_op(nl *e, const ir_op *op);  /* false: not an array op */
void nl_replace_array(nl *e, const ir_var *v, LLVMValueRef fresh);  /* release old, store +1 */

/* ---- emit_llvm_stmt.c: statements and control flow ---- */
void nl_emit_block(nl *e, const ir_block *b);
void nl_release_locals(nl *e);

/* ---- emit_llvm_parfor.c: `for` marked parallel ---- */
/* Emit the parallel path and the test that picks it; the builder is left
 * where the serial loop goes, which must branch to the returned block. */
LLVMBasicBlockRef nl_emit_parallel_for(nl *e, const ir_op *op, LLVMValueRef lo, LLVMValueRef hi,
                                       LLVMValueRef step);

/* ---- emit_llvm_func.c: functions and the module ---- */
int nl_build_module(nl *e);

/* ---- emit_llvm_debug.c: -g ---- */
void nl_debug_init(nl *e);
void nl_debug_func(nl *e, LLVMValueRef fn, const char *name, int line);
void nl_debug_loc(nl *e, int line, int col);
void nl_debug_finish(nl *e);

/* ---- emit_llvm_target.c: target machine, optimisation, output ---- */
int nl_optimise_and_write(nl *e, const emit_llvm_options *o, emit_llvm_kind kind,
                          const char *path);

#endif
