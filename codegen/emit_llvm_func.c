/* emit_llvm_func.c: functions and the module.
 *
 * Globals become internal LLVM globals (zero, NULL or ""); IR function @f
 * becomes internal `nps.f` (the dot keeps it apart from every C symbol):
 * no results -> void, one -> its type, several -> a literal struct.  On
 * entry every local gets an entry-block alloca (arrays NULL) and array
 * parameters are retained, so the function owns a reference to each
 * array local; every return path releases them all.  When the module has
 * @main, C's main calls rt_init, nps.main, releases the array globals and
 * returns rt_fini().
 */
#include <string.h>

#include "codegen/emit_llvm_internal.h"

static LLVMTypeRef func_type(nl *e, const ir_func *f)
{
    LLVMTypeRef ps[64], rs[64], ret;
    int np = f->nparams < 64 ? f->nparams : 64, nr = f->nret < 64 ? f->nret : 64;
    for (int i = 0; i < np; i++)
        ps[i] = nl_type(e, f->params[i]->type);
    for (int i = 0; i < nr; i++)
        rs[i] = nl_type(e, f->ret_types[i]);
    if (nr == 0)
        ret = e->vd;
    else if (nr == 1)
        ret = rs[0];
    else
        ret = LLVMStructTypeInContext(e->cx, rs, (unsigned)nr, 0);
    return LLVMFunctionType(ret, ps, (unsigned)np, 0);
}

static void declare_funcs(nl *e)
{
    for (int i = 0; i < e->m->nfuncs; i++) {
        const ir_func *f = e->m->funcs[i];
        strbuf sb;
        sb_init(&sb);
        sb_printf(&sb, "nps.%s", f->name);
        e->funcs[i] = LLVMAddFunction(e->mod, sb.buf, func_type(e, f));
        LLVMSetLinkage(e->funcs[i], LLVMInternalLinkage);
        sb_free(&sb);
    }
}

static void define_globals(nl *e)
{
    LLVMValueRef line = LLVMAddGlobal(e->mod, e->i32, "rt_line");
    LLVMSetLinkage(line, LLVMExternalLinkage);
    LLVMSetThreadLocal(line, 1);        /* _Thread_local in numsrt.h */
    for (int i = 0; i < e->m->nglobals; i++) {
        const ir_var *g = e->m->globals[i];
        strbuf sb;
        sb_init(&sb);
        sb_printf(&sb, "g.%s", g->name);
        LLVMValueRef v = LLVMAddGlobal(e->mod, nl_type(e, g->type), sb.buf);
        LLVMSetLinkage(v, LLVMInternalLinkage);
        LLVMSetInitializer(v, nl_zero(e, g->type));
        e->gslot[g->id] = v;
        sb_free(&sb);
    }
}

static void entry(nl *e, const ir_func *f)
{
    for (int i = 0; i < f->nvars; i++) {
        const ir_var *v = f->vars[i];
        e->slot[i] = LLVMBuildAlloca(e->b, nl_type(e, v->type), v->name);
    }
    for (int i = 0; i < f->nvars; i++) {
        const ir_var *v = f->vars[i];
        LLVMValueRef init = i < f->nparams ? LLVMGetParam(e->fn, (unsigned)i) : nl_zero(e, v->type);
        LLVMBuildStore(e->b, init, e->slot[i]);
    }
    for (int i = 0; i < f->nparams; i++)
        if (nl_is_handle(f->params[i]->type))
            nl_retain(e, f->params[i]->type, LLVMGetParam(e->fn, (unsigned)i));
}

/* The default return when control falls off the end of the body. */
static void fall_off(nl *e, const ir_func *f)
{
    if (LLVMGetBasicBlockTerminator(LLVMGetInsertBlock(e->b)))
        return;
    nl_release_locals(e);
    LLVMTypeRef rt = LLVMGetReturnType(LLVMGlobalGetValueType(e->fn));
    if (f->nret == 0)
        LLVMBuildRetVoid(e->b);
    else
        LLVMBuildRet(e->b, LLVMConstNull(rt));
}

static void define_func(nl *e, int idx)
{
    const ir_func *f = e->m->funcs[idx];
    int n = f->nvars ? f->nvars : 1;
    e->f = f;
    e->fn = e->funcs[idx];
    e->slot = xcalloc((size_t)n, sizeof *e->slot);
    e->nloops = 0;
    nl_debug_func(e, e->fn, f->name, f->loc.line);
    LLVMPositionBuilderAtEnd(e->b, LLVMAppendBasicBlockInContext(e->cx, e->fn, "entry"));
    nl_debug_loc(e, f->loc.line, f->loc.col);
    entry(e, f);
    nl_emit_block(e, &f->body);
    fall_off(e, f);
    free(e->slot);
    e->slot = NULL;
}

static void define_c_main(nl *e, LLVMValueRef main_fn)
{
    LLVMTypeRef pt[] = {e->i32, e->ptr};
    LLVMValueRef fn = LLVMAddFunction(e->mod, "main", LLVMFunctionType(e->i32, pt, 2, 0));
    e->fn = fn;
    nl_debug_func(e, fn, "main", 1);
    LLVMPositionBuilderAtEnd(e->b, LLVMAppendBasicBlockInContext(e->cx, fn, "entry"));
    const char *path = e->m->source_path ? e->m->source_path : "";
    nl_call_v(e, "rt_init", 3, nl_cstr(e, path, (int)strlen(path)), LLVMGetParam(fn, 0),
              LLVMGetParam(fn, 1));
    LLVMBuildCall2(e->b, LLVMGlobalGetValueType(main_fn), main_fn, NULL, 0, "");
    for (int i = 0; i < e->m->nglobals; i++)
        if (nl_is_handle(e->m->globals[i]->type))
            nl_release(e, e->m->globals[i]->type,
                       LLVMBuildLoad2(e->b, e->ptr, e->gslot[e->m->globals[i]->id], ""));
    LLVMBuildRet(e->b, nl_call(e, "rt_fini", NULL, 0));
}

int nl_build_module(nl *e)
{
    const ir_module *m = e->m;
    e->gslot = xcalloc((size_t)(m->nglobals ? m->nglobals : 1), sizeof *e->gslot);
    e->funcs = xcalloc((size_t)(m->nfuncs ? m->nfuncs : 1), sizeof *e->funcs);
    define_globals(e);
    declare_funcs(e);
    for (int i = 0; i < m->nfuncs; i++)
        define_func(e, i);
    for (int i = 0; i < m->nfuncs; i++)
        if (strcmp(m->funcs[i]->name, "main") == 0 && m->funcs[i]->nparams == 0)
            define_c_main(e, e->funcs[i]);
    free(e->gslot);
    free(e->funcs);
    e->gslot = e->funcs = NULL;
    return e->errors;
}
