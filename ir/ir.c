/* ir.c: the opcode table, types, and the builder (modules, functions,
 * variables, ops, blocks, attributes).
 *
 * Everything lives in the module's arena except the op arrays of blocks
 * (ir_block_append has no module to allocate from): those are malloc'd and
 * freed by ir_module_free, which walks every op ever made by ir_op_new for
 * the module (reachable or not) and every function body. */
#include "ir/ir_impl.h"

#include <stdlib.h>
#include <string.h>

/* ---- opcode table ---- */

#define EW(n) {n, 0, true, false, false}
#define PLAIN(n) {n, 0, false, false, false}
#define TERM(n) {n, 0, false, false, true}
#define IDX(n) {n, 0, false, true, false}

/* ORDER IR_OPCODE */
const ir_opinfo ir_opinfos[IR_OPCODE_COUNT] = {
    PLAIN("const"), PLAIN("mov"), PLAIN("release"),
    {"if", 2, false, false, false}, {"for", 1, false, false, false},
    {"loop", 1, false, false, false},
    TERM("break"), TERM("continue"), TERM("return"),
    PLAIN("call"), PLAIN("assert"), PLAIN("write"), TERM("yield"),
    EW("neg"), EW("not"), EW("bitnot"), EW("abs"), EW("sqrt"), EW("exp"),
    EW("log"), EW("log2"), EW("log10"), EW("sin"), EW("cos"), EW("tan"),
    EW("arcsin"), EW("arccos"), EW("arctan"), EW("sinh"), EW("cosh"),
    EW("tanh"), EW("floor"), EW("ceil"), EW("trunc"), EW("rint"), EW("sign"),
    EW("isnan"), EW("isinf"), EW("isfinite"), EW("signbit"),
    EW("add"), EW("sub"), EW("mul"), EW("div"), EW("floordiv"), EW("mod"),
    EW("pow"), EW("min"), EW("max"),
    EW("and"), EW("or"), EW("xor"), EW("shl"), EW("shr"),
    EW("eq"), EW("ne"), EW("lt"), EW("le"), EW("gt"), EW("ge"),
    EW("arctan2"), EW("hypot"), EW("round"), EW("select"), EW("cast"),
    {"map", 1, false, false, false},
    PLAIN("alloc"), PLAIN("full"), PLAIN("arange"), PLAIN("linspace"),
    PLAIN("eye"), PLAIN("literal"), PLAIN("dim"), PLAIN("size"), PLAIN("copy"),
    PLAIN("reshape"), PLAIN("transpose"), IDX("slice"), IDX("load"),
    IDX("store"), PLAIN("assign"), PLAIN("reduce"), PLAIN("matmul"),
    PLAIN("outer"), PLAIN("rtcall"),
};

const char *ir_opcode_name(ir_opcode code)
{
    return (unsigned)code < IR_OPCODE_COUNT ? ir_opinfos[code].name : "?";
}

bool ir_opcode_lookup(const char *name, ir_opcode *out)
{
    for (int i = 0; i < IR_OPCODE_COUNT; i++)
        if (strcmp(ir_opinfos[i].name, name) == 0) {
            *out = (ir_opcode)i;
            return true;
        }
    return false;
}

/* ---- types ---- */

static const char *const dtype_names[IR_DTYPE_COUNT] = {"bool", "i64", "f32", "f64", "str", "rng"};

const char *ir_dtype_name(ir_dtype dt)
{
    return (unsigned)dt < IR_DTYPE_COUNT ? dtype_names[dt] : "?";
}

bool ir_dtype_lookup(const char *name, ir_dtype *out)
{
    for (int i = 0; i < IR_DTYPE_COUNT; i++)
        if (strcmp(dtype_names[i], name) == 0) {
            *out = (ir_dtype)i;
            return true;
        }
    return false;
}

ir_type ir_scalar_type(ir_dtype dt)
{
    ir_type t = {0};
    t.dtype = dt;
    return t;
}

ir_type ir_array_type(ir_dtype dt, int rank, const int64_t *dims)
{
    ir_type t = {0};
    t.dtype = dt;
    t.is_array = true;
    t.rank = rank;
    for (int i = 0; i < rank && i < IR_MAX_RANK; i++)
        t.dims[i] = dims ? dims[i] : -1;
    return t;
}

bool ir_type_equal(ir_type a, ir_type b)
{
    if (a.dtype != b.dtype || a.is_array != b.is_array)
        return false;
    if (!a.is_array)
        return true;
    if (a.rank != b.rank)
        return false;
    for (int i = 0; i < a.rank; i++)
        if (a.dims[i] != b.dims[i])
            return false;
    return true;
}

void ir_type_print(FILE *out, ir_type t)
{
    fputs(ir_dtype_name(t.dtype), out);
    if (!t.is_array)
        return;
    fputc('[', out);
    for (int i = 0; i < t.rank; i++) {
        if (i)
            fputc(',', out);
        if (t.dims[i] < 0)
            fputc('?', out);
        else
            fprintf(out, "%lld", (long long)t.dims[i]);
    }
    fputc(']', out);
}

/* ---- modules, functions, variables ---- */

ir_module *ir_module_new(const char *source_path)
{
    ir_module_impl *mi = xcalloc(1, sizeof *mi);
    ir_module *m = &mi->pub;
    m->source_path = source_path ? arena_strdup(&m->arena, source_path) : NULL;
    return m;
}

static void free_block_ops(ir_block *b)
{
    free(b->ops);
    b->ops = NULL;
    b->nops = b->cap = 0;
}

void ir_module_free(ir_module *m)
{
    if (!m)
        return;
    ir_module_impl *mi = (ir_module_impl *)m;
    for (int i = 0; i < mi->all_ops.len; i++) {
        ir_op *op = mi->all_ops.data[i];
        for (int r = 0; r < op->nregions; r++)
            free_block_ops(&op->regions[r]);
    }
    for (int i = 0; i < m->nfuncs; i++)
        free_block_ops(&m->funcs[i]->body);
    vec_free(&mi->all_ops);
    arena_free(&m->arena);
    free(mi);
}

/* Grow an arena array of pointers to hold one more. */
static void **grow_ptrs(arena *a, void **arr, int n, int *cap)
{
    if (n < *cap)
        return arr;
    int ncap = *cap ? 2 * *cap : 8;
    void **na = arena_alloc(a, (size_t)ncap * sizeof *na);
    if (n)
        memcpy(na, arr, (size_t)n * sizeof *na);
    *cap = ncap;
    return na;
}

ir_func *ir_func_new(ir_module *m, const char *name)
{
    ir_func *f = arena_alloc(&m->arena, sizeof *f);
    f->name = arena_strdup(&m->arena, name);
    m->funcs = (ir_func **)grow_ptrs(&m->arena, (void **)m->funcs, m->nfuncs, &m->cap_funcs);
    m->funcs[m->nfuncs++] = f;
    return f;
}

ir_func *ir_module_find_func(const ir_module *m, const char *name)
{
    for (int i = 0; i < m->nfuncs; i++)
        if (strcmp(m->funcs[i]->name, name) == 0)
            return m->funcs[i];
    return NULL;
}

ir_var *ir_module_find_global(const ir_module *m, const char *name)
{
    for (int i = 0; i < m->nglobals; i++)
        if (strcmp(m->globals[i]->name, name) == 0)
            return m->globals[i];
    return NULL;
}

ir_var *ir_func_find_var(const ir_func *f, const char *name)
{
    for (int i = 0; i < f->nvars; i++)
        if (strcmp(f->vars[i]->name, name) == 0)
            return f->vars[i];
    return NULL;
}

ir_var *ir_global_new(ir_module *m, const char *name, ir_type type)
{
    ir_var *v = arena_alloc(&m->arena, sizeof *v);
    v->name = arena_strdup(&m->arena, name);
    v->type = type;
    v->is_global = true;
    v->id = m->nglobals;
    m->globals = (ir_var **)grow_ptrs(&m->arena, (void **)m->globals, m->nglobals,
                                      &m->cap_globals);
    m->globals[m->nglobals++] = v;
    return v;
}

/* A name for a new local: `name` if free, else name.1, name.2, ...;
 * NULL gives tN. */
static const char *fresh_name(ir_module *m, ir_func *f, const char *name)
{
    if (name && !ir_func_find_var(f, name))
        return arena_strdup(&m->arena, name);
    for (int k = name ? 1 : f->nvars;; k++) {
        char *s = name ? arena_printf(&m->arena, "%s.%d", name, k)
                       : arena_printf(&m->arena, "t%d", k);
        if (!ir_func_find_var(f, s))
            return s;
    }
}

ir_var *ir_var_new(ir_module *m, ir_func *f, const char *name, ir_type type)
{
    ir_var *v = arena_alloc(&m->arena, sizeof *v);
    v->name = fresh_name(m, f, name);
    v->type = type;
    v->id = f->nvars;
    f->vars = (ir_var **)grow_ptrs(&m->arena, (void **)f->vars, f->nvars, &f->cap_vars);
    f->vars[f->nvars++] = v;
    return v;
}

ir_var *ir_func_add_param(ir_module *m, ir_func *f, const char *name, ir_type type)
{
    ir_var *v = ir_var_new(m, f, name, type);
    ir_var **ps = arena_alloc(&m->arena, (size_t)(f->nparams + 1) * sizeof *ps);
    if (f->nparams)
        memcpy(ps, f->params, (size_t)f->nparams * sizeof *ps);
    ps[f->nparams++] = v;
    f->params = ps;
    return v;
}

void ir_func_set_results(ir_module *m, ir_func *f, const ir_type *types, int n)
{
    f->ret_types = arena_alloc(&m->arena, (size_t)(n ? n : 1) * sizeof *types);
    if (n)
        memcpy(f->ret_types, types, (size_t)n * sizeof *types);
    f->nret = n;
}

ir_var *ir_block_add_param(ir_module *m, ir_func *f, ir_block *b, const char *name,
                           ir_type type)
{
    ir_var *v = name ? ir_func_find_var(f, name) : NULL;
    if (!v || !ir_type_equal(v->type, type))
        v = ir_var_new(m, f, name, type);
    ir_var **ps = arena_alloc(&m->arena, (size_t)(b->nparams + 1) * sizeof *ps);
    if (b->nparams)
        memcpy(ps, b->params, (size_t)b->nparams * sizeof *ps);
    ps[b->nparams++] = v;
    b->params = ps;
    return v;
}

/* ---- ops and blocks ---- */

ir_op *ir_op_new(ir_module *m, ir_opcode code, src_loc loc)
{
    ir_op *op = arena_alloc(&m->arena, sizeof *op);
    op->code = code;
    op->loc = loc;
    op->nregions = ir_opinfos[code].nregions;
    if (op->nregions)
        op->regions = arena_alloc(&m->arena, (size_t)op->nregions * sizeof *op->regions);
    vec_push(&((ir_module_impl *)m)->all_ops, op);
    return op;
}

static ir_var **copy_vars(ir_module *m, ir_var **vs, int n)
{
    if (n == 0)
        return NULL;
    ir_var **c = arena_alloc(&m->arena, (size_t)n * sizeof *c);
    memcpy(c, vs, (size_t)n * sizeof *c);
    return c;
}

void ir_op_set_args(ir_module *m, ir_op *op, ir_var **args, int n)
{
    op->args = copy_vars(m, args, n);
    op->nargs = n;
}

void ir_op_set_results(ir_module *m, ir_op *op, ir_var **res, int n)
{
    op->results = copy_vars(m, res, n);
    op->nresults = n;
}

void ir_op_add_arg(ir_module *m, ir_op *op, ir_var *v)
{
    ir_var **a = arena_alloc(&m->arena, (size_t)(op->nargs + 1) * sizeof *a);
    if (op->nargs)
        memcpy(a, op->args, (size_t)op->nargs * sizeof *a);
    a[op->nargs++] = v;
    op->args = a;
}

void ir_op_set_index(ir_module *m, ir_op *op, const ir_index *items, int n)
{
    op->index = n ? arena_alloc(&m->arena, (size_t)n * sizeof *items) : NULL;
    if (n)
        memcpy(op->index, items, (size_t)n * sizeof *items);
    op->nindex = n;
}

void ir_block_insert(ir_block *b, int pos, ir_op *op)
{
    if (b->nops == b->cap) {
        b->cap = b->cap ? 2 * b->cap : 8;
        b->ops = xrealloc(b->ops, (size_t)b->cap * sizeof *b->ops);
    }
    memmove(b->ops + pos + 1, b->ops + pos, (size_t)(b->nops - pos) * sizeof *b->ops);
    b->ops[pos] = op;
    b->nops++;
}

void ir_block_append(ir_block *b, ir_op *op)
{
    ir_block_insert(b, b->nops, op);
}

void ir_block_remove(ir_block *b, int pos)
{
    memmove(b->ops + pos, b->ops + pos + 1, (size_t)(b->nops - pos - 1) * sizeof *b->ops);
    b->nops--;
}

/* ---- attributes ---- */

/* The attribute named `name`, added (at the end) when missing and reset. */
static ir_attr *attr_slot(ir_module *m, ir_op *op, const char *name, ir_attr_kind kind)
{
    ir_attr *a = (ir_attr *)ir_attr_get(op, name);
    if (!a) {
        ir_attr *na = arena_alloc(&m->arena, (size_t)(op->nattrs + 1) * sizeof *na);
        if (op->nattrs)
            memcpy(na, op->attrs, (size_t)op->nattrs * sizeof *na);
        op->attrs = na;
        a = &na[op->nattrs++];
        a->name = arena_strdup(&m->arena, name);
    }
    const char *keep = a->name;
    memset(a, 0, sizeof *a);
    a->name = keep;
    a->kind = kind;
    return a;
}

void ir_attr_set_int(ir_module *m, ir_op *op, const char *name, int64_t v)
{
    attr_slot(m, op, name, IR_ATTR_INT)->i = v;
}

void ir_attr_set_float(ir_module *m, ir_op *op, const char *name, double v)
{
    attr_slot(m, op, name, IR_ATTR_FLOAT)->f = v;
}

void ir_attr_set_bool(ir_module *m, ir_op *op, const char *name, bool v)
{
    attr_slot(m, op, name, IR_ATTR_BOOL)->i = v;
}

void ir_attr_set_str(ir_module *m, ir_op *op, const char *name, const char *s, int len)
{
    ir_attr *a = attr_slot(m, op, name, IR_ATTR_STR);
    a->s = arena_strndup(&m->arena, s, (size_t)len);
    a->slen = len;
}

void ir_attr_set_word(ir_module *m, ir_op *op, const char *name, const char *word)
{
    ir_attr *a = attr_slot(m, op, name, IR_ATTR_WORD);
    a->s = arena_strdup(&m->arena, word);
    a->slen = (int)strlen(word);
}

void ir_attr_set_symbol(ir_module *m, ir_op *op, const char *name, const char *sym)
{
    ir_attr *a = attr_slot(m, op, name, IR_ATTR_SYMBOL);
    a->s = arena_strdup(&m->arena, sym);
    a->slen = (int)strlen(sym);
}

void ir_attr_set_intlist(ir_module *m, ir_op *op, const char *name, const int64_t *v, int n)
{
    ir_attr *a = attr_slot(m, op, name, IR_ATTR_INTLIST);
    a->list = arena_alloc(&m->arena, (size_t)(n ? n : 1) * sizeof *v);
    if (n)
        memcpy(a->list, v, (size_t)n * sizeof *v);
    a->nlist = n;
}

const ir_attr *ir_attr_get(const ir_op *op, const char *name)
{
    for (int i = 0; i < op->nattrs; i++)
        if (strcmp(op->attrs[i].name, name) == 0)
            return &op->attrs[i];
    return NULL;
}

int64_t ir_attr_int(const ir_op *op, const char *name, int64_t dflt)
{
    const ir_attr *a = ir_attr_get(op, name);
    if (a && (a->kind == IR_ATTR_INT || a->kind == IR_ATTR_BOOL))
        return a->i;
    return dflt;
}

const char *ir_attr_word(const ir_op *op, const char *name)
{
    const ir_attr *a = ir_attr_get(op, name);
    if (a && (a->kind == IR_ATTR_WORD || a->kind == IR_ATTR_SYMBOL || a->kind == IR_ATTR_STR))
        return a->s;
    return NULL;
}
