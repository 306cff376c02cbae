/* emit_llvm_rt.c: declarations of the runtime (numsrt.h) and libm, and calls.
 *
 * Each callee is declared on first use from a signature string: the
 * return type then the parameters, v void, b bool (i8 in the C ABI),
 * i int/enum (i32), l int64_t, s size_t, f float, d double, p pointer,
 * '.' variadic.  Bool arguments are widened to i8 and bool results
 * narrowed back to i1 here, so callers deal in i1 only.  libm functions
 * are declared memory(none) (numsc never reads errno), which lets LLVM
 * vectorise them through -vector-library.
 */
#include <stdarg.h>
#include <string.h>

#include "codegen/emit_llvm_internal.h"

typedef struct nl_decl {
    const char *name, *sig;
    bool pure;          /* libm: no memory effects */
} nl_decl;

static const nl_decl decls[] = {
    {"rt_init", "vpip", 0}, {"rt_fini", "i", 0}, {"rt_raise", "vpp.", 0},
    {"rt_alloc", "piip", 0}, {"rt_zeros", "piip", 0}, {"rt_full_f64", "piipd", 0},
    {"rt_full_i64", "piipl", 0}, {"rt_retain", "vp", 0}, {"rt_release", "vp", 0},
    {"rt_size", "lp", 0}, {"rt_is_contiguous", "bp", 0}, {"rt_check_shape", "vip", 0},
    {"rt_arange_i64", "plll", 0}, {"rt_arange_f64", "pddd", 0}, {"rt_linspace", "pddlb", 0},
    {"rt_eye", "pilll", 0}, {"rt_view", "ppip", 0}, {"rt_check_index", "llli", 0},
    {"rt_reshape", "ppip", 0}, {"rt_transpose", "ppp", 0}, {"rt_copy", "pp", 0},
    {"rt_assign", "vpp", 0}, {"rt_fill_f64", "vpd", 0}, {"rt_fill_i64", "vpl", 0},
    {"rt_broadcast_shape", "vipip", 0}, {"rt_broadcast_strides", "vpipp", 0},
    {"rt_reduce", "pipipbi", 0}, {"rt_item_f64", "dp", 0}, {"rt_item_i64", "lp", 0},
    {"rt_item_bool", "bp", 0}, {"rt_truth", "bp", 0}, {"rt_matmul", "ppp", 0},
    {"rt_outer", "ppp", 0}, {"rt_floordiv_i64", "lll", 0}, {"rt_mod_i64", "lll", 0},
    {"rt_pow_i64", "lll", 0}, {"rt_floordiv_f64", "ddd", 0}, {"rt_mod_f64", "ddd", 0},
    {"rt_div_f64", "ddd", 0}, {"rt_np_floordiv_i64", "lll", 0}, {"rt_np_mod_i64", "lll", 0},
    {"rt_np_floordiv_f64", "ddd", 0}, {"rt_np_mod_f64", "ddd", 0},
    {"rt_np_pow_i64", "lll", 0}, {"rt_round_f64", "ddl", 0}, {"rt_f64_to_i64", "ld", 0},
    {"rt_write_str", "vps", 0}, {"rt_write_cstr", "vp", 0}, {"rt_write_i64", "vl", 0},
    {"rt_write_bool", "vb", 0}, {"rt_write_f64", "vd", 0}, {"rt_write_f32", "vf", 0},
    {"rt_write_array", "vp", 0}, {"rt_write_repr_cstr", "vp", 0},
    {"rt_parallel_for", "vlpp", 0}, {"rt_arrays_overlap", "bpp", 0}, {"rt_rng_retain", "vp", 0}, {"rt_rng_release", "vp", 0}, {"strcmp", "ipp", 0},
    {"tan", "dd", 1}, {"asin", "dd", 1}, {"acos", "dd", 1}, {"atan", "dd", 1},
    {"sinh", "dd", 1}, {"cosh", "dd", 1}, {"tanh", "dd", 1}, {"atan2", "ddd", 1},
    {"hypot", "ddd", 1}, {"tanf", "ff", 1}, {"asinf", "ff", 1}, {"acosf", "ff", 1},
    {"atanf", "ff", 1}, {"sinhf", "ff", 1}, {"coshf", "ff", 1}, {"tanhf", "ff", 1},
    {"atan2f", "fff", 1}, {"hypotf", "fff", 1},
};

static LLVMTypeRef sig_type(nl *e, char c)
{
    switch (c) {
    case 'v': return e->vd;
    case 'b': return e->i8;
    case 'i': return e->i32;
    case 'l': case 's': return e->i64;
    case 'f': return e->f32;
    case 'd': return e->f64;
    default: return e->ptr;
    }
}

static void add_attr(nl *e, LLVMValueRef fn, const char *name, uint64_t val)
{
    unsigned kind = LLVMGetEnumAttributeKindForName(name, strlen(name));
    LLVMAddAttributeAtIndex(fn, LLVMAttributeFunctionIndex,
                            LLVMCreateEnumAttribute(e->cx, kind, val));
}

static const nl_decl *find_decl(const char *name)
{
    for (size_t i = 0; i < sizeof decls / sizeof decls[0]; i++)
        if (strcmp(decls[i].name, name) == 0)
            return &decls[i];
    return NULL;
}

/* The declaration of fn (added on first use); *ty receives its type. */
static LLVMValueRef declare(nl *e, const char *name, LLVMTypeRef *ty)
{
    const nl_decl *d = find_decl(name);
    LLVMTypeRef params[16];
    int n = 0;
    bool va = false;
    for (const char *s = d->sig + 1; *s; s++) {
        if (*s == '.')
            va = true;
        else
            params[n++] = sig_type(e, *s);
    }
    *ty = LLVMFunctionType(sig_type(e, d->sig[0]), params, (unsigned)n, va);
    LLVMValueRef fn = LLVMGetNamedFunction(e->mod, name);
    if (fn)
        return fn;
    fn = LLVMAddFunction(e->mod, name, *ty);
    add_attr(e, fn, "nounwind", 0);
    if (d->pure) {
        add_attr(e, fn, "memory", 0);
        add_attr(e, fn, "willreturn", 0);
    }
    if (strcmp(name, "rt_raise") == 0) {
        add_attr(e, fn, "noreturn", 0);
        add_attr(e, fn, "cold", 0);
    }
    return fn;
}

LLVMValueRef nl_call(nl *e, const char *name, LLVMValueRef *args, int n)
{
    LLVMTypeRef ty;
    LLVMValueRef fn = declare(e, name, &ty);
    LLVMTypeRef params[16];
    unsigned np = LLVMCountParamTypes(ty);
    LLVMGetParamTypes(ty, params);
    for (int i = 0; i < n && (unsigned)i < np; i++)
        if (params[i] == e->i8 && LLVMTypeOf(args[i]) == e->i1)
            args[i] = LLVMBuildZExt(e->b, args[i], e->i8, "");
    LLVMValueRef r = LLVMBuildCall2(e->b, ty, fn, args, (unsigned)n, "");
    if (LLVMGetReturnType(ty) == e->i8)
        r = LLVMBuildICmp(e->b, LLVMIntNE, r, LLVMConstNull(e->i8), "");
    return r;
}

LLVMValueRef nl_call_v(nl *e, const char *name, int n, ...)
{
    LLVMValueRef args[16];
    va_list ap;
    va_start(ap, n);
    for (int i = 0; i < n; i++)
        args[i] = va_arg(ap, LLVMValueRef);
    va_end(ap);
    return nl_call(e, name, args, n);
}

LLVMValueRef nl_intrinsic(nl *e, const char *name, LLVMTypeRef t, LLVMValueRef *args, int n)
{
    unsigned id = LLVMLookupIntrinsicID(name, strlen(name));
    LLVMValueRef fn = LLVMGetIntrinsicDeclaration(e->mod, id, &t, 1);
    LLVMTypeRef ty = LLVMIntrinsicGetType(e->cx, id, &t, 1);
    return LLVMBuildCall2(e->b, ty, fn, args, (unsigned)n, "");
}

void nl_raise(nl *e, const char *cls, const char *msg)
{
    LLVMValueRef args[] = {nl_cstr(e, cls, (int)strlen(cls)), nl_cstr(e, "%s", 2),
                           nl_cstr(e, msg, (int)strlen(msg))};
    nl_call(e, "rt_raise", args, 3);
    LLVMBuildUnreachable(e->b);
}

bool nl_is_handle(ir_type t) { return t.is_array || t.dtype == IR_RNG; }
void nl_release(nl *e, ir_type t, LLVMValueRef a)
{
    nl_call_v(e, t.is_array ? "rt_release" : "rt_rng_release", 1, a);
}
void nl_retain(nl *e, ir_type t, LLVMValueRef a)
{
    nl_call_v(e, t.is_array ? "rt_retain" : "rt_rng_retain", 1, a);
}

LLVMValueRef nl_call_dyn(nl *e, const char *name, LLVMTypeRef ret, LLVMValueRef *args, int n)
{
    LLVMTypeRef pt[64];
    for (int i = 0; i < n && i < 64; i++) {
        if (LLVMTypeOf(args[i]) == e->i1)
            args[i] = LLVMBuildZExt(e->b, args[i], e->i8, "");
        pt[i] = LLVMTypeOf(args[i]);
    }
    LLVMTypeRef rt = ret == e->i1 ? e->i8 : ret;
    LLVMTypeRef ty = LLVMFunctionType(rt, pt, (unsigned)n, 0);
    LLVMValueRef fn = LLVMGetNamedFunction(e->mod, name);
    if (!fn) {
        fn = LLVMAddFunction(e->mod, name, ty);
        add_attr(e, fn, "nounwind", 0);
    }
    LLVMValueRef r = LLVMBuildCall2(e->b, ty, fn, args, (unsigned)n, "");
    if (ret == e->i1)
        r = LLVMBuildICmp(e->b, LLVMIntNE, r, LLVMConstNull(e->i8), "");
    return r;
}
