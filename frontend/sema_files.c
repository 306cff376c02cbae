/* sema_files.c: np.save / np.load (.npy) and np.savetxt / np.loadtxt.
 *
 * A loaded array's dtype and rank must be known at compile time.  For a
 * string-literal path they come from, in order: the array this program
 * saved to the same path earlier in the source; the file itself, when it
 * exists as numsc runs (its .npy header, or for text the data, read with the
 * runtime's own parsers); else a guess (float64; 2-D text, 1-D .npy), which
 * the runtime checks: a file that does not match is a ValueError at the
 * line, a missing one FileNotFoundError, as in NumPy.
 */
#include "frontend/sema_ext.h"
#include "runtime/rt_io.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A literal path the program writes, and the array written there. */
typedef struct saved_file {
    const char *path;
    bool text;                  /* np.savetxt (else np.save) */
    src_loc at;
    sema_type *t;
    struct saved_file *next;
} saved_file;

struct sema_files {
    saved_file *head;
};

static bool before(src_loc a, src_loc b)
{
    return a.line < b.line || (a.line == b.line && a.col < b.col);
}

/* Remember (in analyse mode) that the call at `at` writes array type t to
 * path; anything new asks for another analysis round. */
static void note_saved(fctx *F, const char *path, bool text, src_loc at, sema_type *t)
{
    sema *S = F->S;
    if (S->emit)
        return;
    if (!S->files)
        S->files = arena_alloc(S->a, sizeof *S->files);
    for (saved_file *s = S->files->head; s; s = s->next)
        if (s->text == text && s->at.line == at.line && s->at.col == at.col && !strcmp(s->path, path)) {
            if (!ty_equal(s->t, t))
                S->changed = true;      /* a load typed from it may change */
            s->t = t;
            return;
        }
    S->changed = true;
    saved_file *s = arena_alloc(S->a, sizeof *s);
    *s = (saved_file){arena_strdup(S->a, path), text, at, t, S->files->head};
    S->files->head = s;
}

/* The array most recently (in source order) saved to path before `at`. */
static sema_type *saved_before(fctx *F, const char *path, bool text, src_loc at)
{
    saved_file *best = NULL;
    for (saved_file *s = F->S->files ? F->S->files->head : NULL; s; s = s->next)
        if (s->text == text && !strcmp(s->path, path) && before(s->at, at) && (!best || before(best->at, s->at)))
            best = s;
    return best ? best->t : NULL;
}

static bool too_many(fctx *F, call_args *c, const char *fn, int most)
{
    if (c->nargs <= most)
        return false;
    sema_error(F, c->loc, "%s() takes at most %d positional arguments here (%d given)", fn, most, c->nargs);
    return true;
}

/* A str parameter; *lit gets the text when it is a literal. */
static ast_expr *str_param(fctx *F, call_args *c, int i, const char *name, const char *fn, val *v,
                           const char **lit, bool *bad)
{
    ast_expr *e = call_param(F, c, i, name, v, bad);
    if (lit)
        *lit = NULL;
    if (!e)
        return NULL;
    if (v->t->kind != TY_STR) {
        sema_error(F, e->loc, "%s(): %s must be a string, not %s", fn, name, ty_describe_str(F->S->a, v->t));
        *bad = true;
        return NULL;
    }
    if (lit && e->kind == AST_STR)
        *lit = e->str.text;
    return e;
}

static bool file_exists(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f)
        fclose(f);
    return f != NULL;
}

/* ---- .npy ---- */

/* np.save(file, arr): ".npy" is appended when file lacks it. */
static val np_save(fctx *F, const char *name, call_args *c)
{
    (void)name;
    if (too_many(F, c, "np.save", 2))
        return sema_poison(F);
    val p, a;
    const char *lit;
    bool bad = false;
    ast_expr *pe = str_param(F, c, 0, "file", "np.save", &p, &lit, &bad);
    ast_expr *ae = call_param(F, c, 1, "arr", &a, &bad);
    if (bad)
        return sema_poison(F);
    if (!pe || !ae) {
        sema_error(F, c->loc, "np.save() needs a file name and an array");
        return sema_poison(F);
    }
    if (a.t->kind != TY_ARRAY) {
        sema_error(F, ae->loc, "np.save() needs an array, not %s", ty_describe_str(F->S->a, a.t));
        return sema_poison(F);
    }
    if (lit) {
        size_t n = strlen(lit);
        bool has = n >= 4 && !strcmp(lit + n - 4, ".npy");
        note_saved(F, has ? lit : arena_printf(F->S->a, "%s.npy", lit), false, c->loc, a.t);
    }
    val args[2] = {p, a};
    emit_rtcall(F, "npy_save", NULL, args, 2, -1, -1, c->loc);
    return val_of_type(ty_simple(F->S->a, TY_NONE));
}

/* The header of an existing .npy file, read at compile time. */
static bool peek_npy(const char *path, rt_npy_header *h)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    unsigned char buf[65536 + 16];
    size_t len = fread(buf, 1, sizeof buf, f);
    fclose(f);
    char err[256];
    return rt_npy_parse_header(buf, len, h, err, sizeof err) == 0;
}

/* np.load(file) */
static val np_load(fctx *F, const char *name, call_args *c)
{
    (void)name;
    if (too_many(F, c, "np.load", 1))
        return sema_poison(F);
    val p;
    const char *lit;
    bool bad = false;
    ast_expr *pe = str_param(F, c, 0, "file", "np.load", &p, &lit, &bad);
    if (bad)
        return sema_poison(F);
    if (!pe) {
        sema_error(F, c->loc, "np.load() needs a file name");
        return sema_poison(F);
    }
    if (!lit) {
        sema_error(F, pe->loc, "cannot tell the dtype and rank of np.load()'s result at compile time; "
                               "give the file name as a string literal");
        return sema_poison(F);
    }
    ir_dtype dt = IR_F64;
    int rank = 1;
    bool guessed = false;
    sema_type *st = saved_before(F, lit, false, c->loc);
    rt_npy_header h;
    if (st) {
        dt = st->dtype;
        rank = st->rank;
    } else if (peek_npy(lit, &h)) {
        dt = (ir_dtype)h.dtype;     /* rt_dtype numbers match ir_dtype's */
        rank = h.rank;
    } else if (file_exists(lit)) {
        sema_error(F, pe->loc, "cannot tell the dtype and rank of '%s' at compile time: it is not a valid .npy file",
                   lit);
        return sema_poison(F);
    } else {
        guessed = true;             /* missing: the run will say FileNotFoundError */
    }
    val args[4] = {p, const_int(F, dt, false, c->loc), const_int(F, rank, false, c->loc),
                   const_bool(F, guessed, c->loc)};
    return emit_rtcall(F, "npy_load_as", ty_array(F->S->a, dt, rank, NULL), args, 4, -1, -1, c->loc);
}

/* ---- text ---- */

/* np.savetxt(fname, X, fmt='%.18e', delimiter=' ') */
static val np_savetxt(fctx *F, const char *name, call_args *c)
{
    (void)name;
    if (too_many(F, c, "np.savetxt", 4))
        return sema_poison(F);
    val p, x, fmt, delim;
    const char *lit;
    bool bad = false;
    ast_expr *pe = str_param(F, c, 0, "fname", "np.savetxt", &p, &lit, &bad);
    ast_expr *xe = call_param(F, c, 1, "X", &x, &bad);
    ast_expr *fe = str_param(F, c, 2, "fmt", "np.savetxt", &fmt, NULL, &bad);
    ast_expr *de = str_param(F, c, 3, "delimiter", "np.savetxt", &delim, NULL, &bad);
    if (bad)
        return sema_poison(F);
    if (!pe || !xe) {
        sema_error(F, c->loc, "np.savetxt() needs a file name and an array");
        return sema_poison(F);
    }
    if (x.t->kind != TY_ARRAY || x.t->rank < 1 || x.t->rank > 2) {
        if (x.t->kind == TY_ARRAY)
            sema_error(F, xe->loc, "Expected 1D or 2D array, got %dD array instead", x.t->rank);
        else
            sema_error(F, xe->loc, "np.savetxt() needs a 1-D or 2-D array, not %s", ty_describe_str(F->S->a, x.t));
        return sema_poison(F);
    }
    if (!fe)
        fmt = const_str(F, "%.18e", 5, c->loc);
    if (!de)
        delim = const_str(F, " ", 1, c->loc);
    if (lit)
        note_saved(F, lit, true, c->loc, x.t);
    val args[4] = {p, x, fmt, delim};
    emit_rtcall(F, "savetxt", NULL, args, 4, -1, -1, c->loc);
    return val_of_type(ty_simple(F->S->a, TY_NONE));
}

/* loadtxt's options as far as they are known at compile time. */
typedef struct txt_opts {
    val delim;                  /* str */
    bool whitespace;            /* delimiter None */
    const char *delim_lit;      /* NULL: not a literal */
    val skiprows;               /* i64 */
    int64_t skip_c;             /* -1: not a constant */
    val use[IR_MAX_RANK * 4];
    int nuse;                   /* -1: usecols None */
    bool use_int;               /* usecols=K (an int) */
    int64_t use_c[IR_MAX_RANK * 4];
    bool use_known;
    ir_dtype dt;
} txt_opts;

static bool usecols_opt(fctx *F, call_args *c, txt_opts *o)
{
    val v;
    bool bad = false;
    ast_expr *e = call_param(F, c, -1, "usecols", &v, &bad);
    o->nuse = -1;
    o->use_known = true;
    if (!e)
        return !bad;
    int n = 1;
    ast_expr **items = &e;
    if (v.t->kind == TY_TUPLE || v.t->kind == TY_LIST) {
        if (e->kind != AST_TUPLE && e->kind != AST_LIST) {
            sema_error(F, e->loc, "np.loadtxt(): give usecols as a literal tuple or list of ints");
            return false;
        }
        n = e->seq.n;
        items = e->seq.items;
    } else {
        o->use_int = true;
    }
    if (n > (int)(sizeof o->use / sizeof *o->use)) {
        sema_error(F, e->loc, "np.loadtxt(): too many usecols");
        return false;
    }
    for (int i = 0; i < n; i++) {
        sema_type *t = o->use_int ? v.t : v.t->items[i];
        if (t->kind != TY_SCALAR || (t->dtype != IR_I64 && t->dtype != IR_BOOL)) {
            sema_error(F, e->loc, "np.loadtxt(): usecols must be an int or a sequence of ints");
            return false;
        }
        val it = o->use_int ? v : (v.items ? v.items[i] : val_of_type(t));
        o->use[i] = cast_scalar(F, it, IR_I64, false, e->loc);
        if (!sema_const_int(F, items[i], &o->use_c[i]))
            o->use_known = false;
    }
    o->nuse = n;
    return true;
}

static bool txt_options(fctx *F, call_args *c, txt_opts *o)
{
    bool bad = false;
    val dv;
    ast_expr *dte = call_param(F, c, 1, "dtype", &dv, &bad);
    o->dt = IR_F64;
    if (bad || (dte && !sema_parse_dtype(F, dte, &o->dt)))
        return false;
    if (o->dt == IR_BOOL) {
        sema_error(F, dte->loc, "np.loadtxt() with dtype=bool is not supported (float64, float32 or int64)");
        return false;
    }
    ast_expr *de = str_param(F, c, -1, "delimiter", "np.loadtxt", &o->delim, &o->delim_lit, &bad);
    if (bad)
        return false;
    o->whitespace = !de;
    if (!de) {
        o->delim = const_str(F, "", 0, c->loc);
        o->delim_lit = "";
    }
    ast_expr *se = call_param(F, c, -1, "skiprows", &o->skiprows, &bad);
    if (bad)
        return false;
    o->skip_c = 0;
    if (se) {
        if (o->skiprows.t->kind != TY_SCALAR || (o->skiprows.t->dtype != IR_I64 && o->skiprows.t->dtype != IR_BOOL)) {
            sema_error(F, se->loc, "np.loadtxt(): skiprows must be an int, not %s",
                       ty_describe_str(F->S->a, o->skiprows.t));
            return false;
        }
        o->skiprows = cast_scalar(F, o->skiprows, IR_I64, false, se->loc);
        if (!sema_const_int(F, se, &o->skip_c))
            o->skip_c = -1;
    } else {
        o->skiprows = const_int(F, 0, false, c->loc);
    }
    return usecols_opt(F, c, o);
}

/* NumPy squeezes the (rows, cols) table; -1 = unknown (not 1). */
static int squeezed_rank(int64_t rows, int64_t cols)
{
    if (rows == 0)
        return 1;
    return (rows != 1) + (cols != 1);
}

/* The rank of the result: an earlier savetxt, the file itself, or 2-D. */
static int txt_rank(fctx *F, const char *lit, const txt_opts *o, src_loc at)
{
    sema_type *t = lit ? saved_before(F, lit, true, at) : NULL;
    if (t && o->skip_c >= 0) {
        int64_t rows = t->dims[0] >= 0 ? t->dims[0] - o->skip_c : -1;
        int64_t cols = t->rank == 2 ? t->dims[1] : 1;
        if (rows < 0 && t->dims[0] >= 0)
            rows = 0;
        if (o->nuse > 0)
            cols = o->nuse;
        return squeezed_rank(rows, cols);
    }
    if (lit && o->skip_c >= 0 && o->use_known && o->delim_lit && file_exists(lit)) {
        rt_loadtxt_opts ro = {o->whitespace ? NULL : o->delim_lit, o->skip_c,
                              o->nuse > 0 ? o->use_c : NULL, o->nuse > 0 ? o->nuse : 0, (rt_dtype)o->dt};
        void *data = NULL;
        int rank;
        int64_t shape[2];
        char err[512];
        rt_io_status st = rt_loadtxt_raw(lit, &ro, &data, &rank, shape, err, sizeof err);
        free(data);
        if (st == RT_IO_OK)
            return rank;
    }
    return o->nuse == 1 ? 1 : 2;
}

/* np.loadtxt(fname, dtype=float, delimiter=None, skiprows=0, usecols=None) */
static val np_loadtxt(fctx *F, const char *name, call_args *c)
{
    (void)name;
    if (too_many(F, c, "np.loadtxt", 2))
        return sema_poison(F);
    val p;
    const char *lit;
    bool bad = false;
    ast_expr *pe = str_param(F, c, 0, "fname", "np.loadtxt", &p, &lit, &bad);
    if (bad)
        return sema_poison(F);
    if (!pe) {
        sema_error(F, c->loc, "np.loadtxt() needs a file name");
        return sema_poison(F);
    }
    txt_opts o = {0};
    if (!txt_options(F, c, &o))
        return sema_poison(F);
    int rank = txt_rank(F, lit, &o, c->loc);
    val args[6 + sizeof o.use / sizeof *o.use];
    int n = 0;
    args[n++] = p;
    args[n++] = o.delim;
    args[n++] = const_bool(F, o.whitespace, c->loc);
    args[n++] = o.skiprows;
    args[n++] = const_int(F, o.dt, false, c->loc);
    args[n++] = const_int(F, rank, false, c->loc);
    for (int i = 0; i < o.nuse; i++)
        args[n++] = o.use[i];
    return emit_rtcall(F, "loadtxt_as", ty_array(F->S->a, o.dt, rank, NULL), args, n, 6, -1, c->loc);
}

const sema_ext_fn sema_file_fns[] = {
    {"np.save", np_save},
    {"np.load", np_load},
    {"np.savetxt", np_savetxt},
    {"np.loadtxt", np_loadtxt},
    {NULL, NULL},
};
