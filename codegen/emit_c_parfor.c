/* emit_c_parfor.c: a `for` marked parallel by passes/parallelize.c.
 *
 *     trip = number of iterations; NCH = min(trip, 64) fixed chunks
 *     if (trip >= min_trip && the `disjoint` array pairs do not overlap)
 *         #pragma omp parallel for: chunk c runs iterations [trip*c/NCH,
 *         trip*(c+1)/NCH) with its own copies of every scalar the body
 *         assigns (C locals shadowing the function's); reduction variables
 *         start at their identity and their partial results are combined
 *         in chunk order after the loop; the last chunk copies its private
 *         scalars out, as a serial loop leaves them; private arrays (never
 *         read after the loop, see parallelize.c) are released per chunk.
 *     else the ordinary serial loop.
 * Fixed chunks and a fixed combine order make reductions independent of
 * the number of threads.
 */
#include <string.h>

#include "codegen/emit_c_internal.h"

enum { EC_CHUNKS = 64 };

typedef VEC(const ir_var *) var_list;

static void add_var(var_list *l, const ir_var *v)
{
    for (int i = 0; i < l->len; i++)
        if (l->data[i] == v)
            return;
    vec_push(l, v);
}

static void assigned_vars(const ir_block *b, var_list *out)
{
    for (int i = 0; i < b->nops; i++) {
        const ir_op *op = b->ops[i];
        for (int r = 0; r < op->nresults; r++)
            add_var(out, op->results[r]);
        for (int r = 0; r < op->nregions && op->code != IR_MAP; r++)   /* map bodies declare their own */
            assigned_vars(&op->regions[r], out);
    }
}

/* "s:add,t:mul" -> is v a reduction variable, and with which op. */
static const char *reduction_of(const ir_op *op, const ir_var *v)
{
    const ir_attr *a = ir_attr_get(op, "reduce");
    if (!a)
        return NULL;
    size_t n = strlen(v->name);
    for (const char *p = a->s; p && *p;) {
        const char *colon = strchr(p, ':'), *comma = strchr(p, ',');
        if (colon && (size_t)(colon - p) == n && !strncmp(p, v->name, n))
            return !strncmp(colon + 1, "mul", 3) ? "*" : "+";
        p = comma ? comma + 1 : NULL;
    }
    return NULL;
}

/* && !rt_arrays_overlap(W, R) for each "W:R" pair of `disjoint`. */
static void disjoint_checks(ec *e, const ir_op *op, strbuf *cond)
{
    const ir_attr *a = ir_attr_get(op, "disjoint");
    if (!a)
        return;
    char buf[512];
    for (const char *p = a->s; p && *p;) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        if (len >= sizeof buf)
            break;
        memcpy(buf, p, len);
        buf[len] = '\0';
        char *colon = strchr(buf, ':');
        if (colon) {
            *colon = '\0';
            const ir_var *w = ir_func_find_var(e->f, buf), *r = ir_func_find_var(e->f, colon + 1);
            if (w && r)
                sb_printf(cond, " && !rt_arrays_overlap(%s, %s)", ec_var(e, w), ec_var(e, r));
        }
        p = comma ? comma + 1 : NULL;
    }
}

static void chunk_loop(ec *e, const ir_op *op, int n, var_list *priv, var_list *red)
{
    ec_line(e, "int64_t e%d_nch = e%d_trip < %d ? e%d_trip : %d;", n, n, EC_CHUNKS, n, EC_CHUNKS);
    for (int i = 0; i < red->len; i++)
        ec_line(e, "%se%d_part%d[%d];", ec_ctype(red->data[i]->type), n, i, EC_CHUNKS);
    for (int i = 0; i < priv->len; i++)
        if (!ec_is_handle(priv->data[i]->type))
            ec_line(e, "%s*e%d_out%d = &%s;", ec_ctype(priv->data[i]->type), n, i, ec_var(e, priv->data[i]));
    ec_line(e, "#pragma omp parallel for schedule(static)");
    ec_open(e, "for (int64_t e%d_c = 0; e%d_c < e%d_nch; e%d_c++)", n, n, n, n);
    for (int i = 0; i < priv->len; i++)
        ec_line(e, "%s%s = 0;", ec_ctype(priv->data[i]->type), ec_var(e, priv->data[i]));
    for (int i = 0; i < red->len; i++)
        ec_line(e, "%s%s = %s;", ec_ctype(red->data[i]->type), ec_var(e, red->data[i]),
                !strcmp(reduction_of(op, red->data[i]), "*") ? "1" : "0");
    ec_open(e, "for (int64_t e%d_q = e%d_trip * e%d_c / e%d_nch; e%d_q < e%d_trip * (e%d_c + 1) / e%d_nch; "
               "e%d_q++)", n, n, n, n, n, n, n, n, n);
    ec_line(e, "%s = e%d_lo + e%d_q * e%d_step;", ec_var(e, op->results[0]), n, n, n);
    ec_emit_block(e, &op->regions[0]);
    ec_close(e);
    for (int i = 0; i < red->len; i++)
        ec_line(e, "e%d_part%d[e%d_c] = %s;", n, i, n, ec_var(e, red->data[i]));
    ec_open(e, "if (e%d_c == e%d_nch - 1)", n, n);
    for (int i = 0; i < priv->len; i++)
        if (!ec_is_handle(priv->data[i]->type))
            ec_line(e, "*e%d_out%d = %s;", n, i, ec_var(e, priv->data[i]));
    ec_close(e);
    for (int i = 0; i < priv->len; i++)     /* private arrays die with the chunk */
        if (ec_is_handle(priv->data[i]->type))
            ec_line(e, "%s(%s);", ec_release_fn(priv->data[i]->type), ec_var(e, priv->data[i]));
    ec_close(e);
    for (int i = 0; i < red->len; i++)
        ec_line(e, "for (int64_t e%d_c = 0; e%d_c < e%d_nch; e%d_c++) %s = %s %s e%d_part%d[e%d_c];", n, n, n, n,
                ec_var(e, red->data[i]), ec_var(e, red->data[i]), reduction_of(op, red->data[i]), n, i, n);
}

void ec_emit_parallel_for(ec *e, const ir_op *op, int n)
{
    var_list all = {0}, priv = {0}, red = {0};
    assigned_vars(&op->regions[0], &all);
    add_var(&all, op->results[0]);
    for (int i = 0; i < all.len; i++) {
        if (reduction_of(op, all.data[i]))
            vec_push(&red, all.data[i]);
        else
            vec_push(&priv, all.data[i]);
    }
    ec_line(e, "int64_t e%d_trip = e%d_step > 0 ? (e%d_hi > e%d_lo ? (e%d_hi - e%d_lo - 1) / e%d_step + 1 : 0)"
               " : (e%d_lo > e%d_hi ? (e%d_lo - e%d_hi - 1) / -e%d_step + 1 : 0);",
            n, n, n, n, n, n, n, n, n, n, n, n);
    strbuf cond;
    sb_init(&cond);
    sb_printf(&cond, "e%d_trip >= %lld", n, (long long)ir_attr_int(op, "min_trip", 2));
    disjoint_checks(e, op, &cond);
    ec_open(e, "if (%s)", cond.buf);
    sb_free(&cond);
    chunk_loop(e, op, n, &priv, &red);
    e->indent--;
    ec_line(e, "} else {");
    e->indent++;
    vec_free(&all);
    vec_free(&priv);
    vec_free(&red);
}
