/* emit_c_map.c: MAP (and elementwise ops on arrays) -> a loop nest.
 *
 *     rt_broadcast_shape over the array operands -> shape
 *     rt_alloc the C-contiguous result; rt_broadcast_strides per operand
 *     #pragma omp parallel for if (size > EC_PAR_MIN)   (outermost loop)
 *     for i0 .. for i{R-1}: offsets grow level by level; the body's scalar
 *     ops run on one element of each operand and store the yielded value.
 *
 * A rank-0 result runs the body once.  Scalar operands are read directly.
 * The result pointer is restrict: the result is freshly allocated.
 * An elementwise op that reached the emitter unlowered is a one-op map.
 */
#include "codegen/emit_c_internal.h"

enum { EC_PAR_MIN = 32768 };    /* elements below which a map stays serial */

typedef struct map_ctx {
    int id;                 /* e<id>_... names */
    int rank;
    bool flat;              /* emitting the contiguous fast path: one flat loop */
    int narr;
    int slot[64];           /* operand index -> array slot, -1 for scalars */
} map_ctx;

/* The broadcast shape of the array operands: e<id>_shape, e<id>_ops. */
static void setup_shape(ec *e, const ir_op *op, map_ctx *mc)
{
    int id = mc->id, R = mc->rank;
    ec_line(e, "int64_t e%d_shape[%d];", id, R ? R : 1);
    if (mc->narr) {
        strbuf sb;
        sb_init(&sb);
        for (int j = 0; j < op->nargs; j++)
            if (mc->slot[j] >= 0)
                sb_printf(&sb, "%s%s", sb.len ? ", " : "", ec_var(e, op->args[j]));
        ec_line(e, "rt_array *e%d_ops[%d] = {%s};", id, mc->narr, sb.buf);
        ec_line(e, "rt_broadcast_shape(%d, e%d_ops, %d, e%d_shape);", mc->narr, id, R, id);
        sb_free(&sb);
    }
}

/* The result e<id>_res (dst: an existing array to write into, else a new
 * one), its element pointer, and each array operand's strides and data. */
static void setup_io(ec *e, const ir_op *op, map_ctx *mc, const char *dst)
{
    const ir_var *r = op->results[0];
    int id = mc->id, R = mc->rank;
    if (dst)
        ec_line(e, "rt_array *e%d_res = %s;", id, dst);
    else
        ec_line(e, "rt_array *e%d_res = rt_alloc(%s, %d, e%d_shape);", id, ec_rt_dtype(r->type.dtype), R, id);
    ec_line(e, "%s *restrict e%d_out = (%s *)e%d_res->data;", ec_dtype_c(r->type.dtype), id,
            ec_dtype_c(r->type.dtype), id);
    for (int j = 0; j < op->nargs; j++) {
        int k = mc->slot[j];
        if (k < 0)
            continue;
        const char *t = ec_dtype_c(op->args[j]->type.dtype);
        ec_line(e, "int64_t e%d_st%d[%d];", id, k, R ? R : 1);
        ec_line(e, "rt_broadcast_strides(e%d_ops[%d], %d, e%d_shape, e%d_st%d);", id, k, R, id,
                id, k);
        ec_line(e, "const %s *e%d_in%d = (const %s *)e%d_ops[%d]->data;", t, id, k, t, id, k);
    }
}

/* A 2-D map with attribute tile = [T0, T1]: blocked loops, so a transposed
 * operand's cache lines are reused within a tile.  Opens 4 loops. */
static void open_tiled_loops(ec *e, const ir_op *op, map_ctx *mc)
{
    int id = mc->id;
    const ir_attr *t = ir_attr_get(op, "tile");
    ec_line(e, "int64_t e%d_n = rt_size(e%d_res);", id, id);
    ec_line(e, "#pragma omp parallel for collapse(2) if (e%d_n > %d)", id, EC_PAR_MIN);
    ec_open(e, "for (int64_t e%d_b0 = 0; e%d_b0 < e%d_shape[0]; e%d_b0 += %lld)", id, id, id, id,
            (long long)t->list[0]);
    ec_open(e, "for (int64_t e%d_b1 = 0; e%d_b1 < e%d_shape[1]; e%d_b1 += %lld)", id, id, id, id,
            (long long)t->list[1]);
    ec_open(e, "for (int64_t e%d_i0 = e%d_b0; e%d_i0 < e%d_b0 + %lld && e%d_i0 < e%d_shape[0]; e%d_i0++)",
            id, id, id, id, (long long)t->list[0], id, id, id);
    ec_open(e, "for (int64_t e%d_i1 = e%d_b1; e%d_i1 < e%d_b1 + %lld && e%d_i1 < e%d_shape[1]; e%d_i1++)",
            id, id, id, id, (long long)t->list[1], id, id, id);
    ec_line(e, "int64_t e%d_o1 = e%d_i0 * e%d_res->strides[0] + e%d_i1 * e%d_res->strides[1];", id, id, id, id,
            id);
    for (int k = 0; k < mc->narr; k++)
        ec_line(e, "int64_t e%d_p%d_1 = e%d_i0 * e%d_st%d[0] + e%d_i1 * e%d_st%d[1];", id, k, id, id, k, id,
                id, k);
}

/* Open the R loops; each level extends the output and input offsets. */
static void open_loops(ec *e, map_ctx *mc)
{
    int id = mc->id;
    if (mc->rank > 0)
        ec_line(e, "int64_t e%d_n = rt_size(e%d_res);", id, id);
    for (int L = 0; L < mc->rank; L++) {
        if (L == 0)
            ec_line(e, "#pragma omp parallel for if (e%d_n > %d)", id, EC_PAR_MIN);
        ec_open(e, "for (int64_t e%d_i%d = 0; e%d_i%d < e%d_shape[%d]; e%d_i%d++)", id, L, id, L,
                id, L, id, L);
        if (L == 0)
            ec_line(e, "int64_t e%d_o0 = e%d_i0 * e%d_res->strides[0];", id, id, id);
        else
            ec_line(e, "int64_t e%d_o%d = e%d_o%d + e%d_i%d * e%d_res->strides[%d];", id, L, id, L - 1,
                    id, L, id, L);
        for (int k = 0; k < mc->narr; k++) {
            if (L == 0)
                ec_line(e, "int64_t e%d_p%d_0 = e%d_i0 * e%d_st%d[0];", id, k, id, id, k);
            else
                ec_line(e, "int64_t e%d_p%d_%d = e%d_p%d_%d + e%d_i%d * e%d_st%d[%d];", id, k, L,
                        id, k, L - 1, id, L, id, k, L);
        }
    }
}

/* The C expression reading operand j at the current element. */
static void operand(ec *e, const ir_op *op, map_ctx *mc, int j, strbuf *sb)
{
    int k = mc->slot[j];
    if (k < 0)
        sb_puts(sb, ec_var(e, op->args[j]));
    else if (mc->flat)
        sb_printf(sb, "e%d_in%d[e%d_f]", mc->id, k, mc->id);
    else if (mc->rank == 0)
        sb_printf(sb, "e%d_in%d[0]", mc->id, k);
    else
        sb_printf(sb, "e%d_in%d[e%d_p%d_%d]", mc->id, k, mc->id, k, mc->rank - 1);
}

static void store(ec *e, map_ctx *mc, const char *value)
{
    if (mc->flat)
        ec_line(e, "e%d_out[e%d_f] = %s;", mc->id, mc->id, value);
    else if (mc->rank == 0)
        ec_line(e, "e%d_out[0] = %s;", mc->id, value);
    else
        ec_line(e, "e%d_out[e%d_o%d] = %s;", mc->id, mc->id, mc->rank - 1, value);
}

static void declare_local(ec *e, const ir_var *v, const char *init)
{
    bool unread = e->reads[v->id] == 0;
    ec_line(e, "%s%s%s%s%s;", ec_ctype(v->type), ec_var(e, v), unread ? " __attribute__((unused))" : "",
            init ? " = " : "", init ? init : "");
}

/* The body of a MAP: parameters from the operands, scalar ops, yield. */
static void map_body(ec *e, const ir_op *op, map_ctx *mc)
{
    const ir_block *b = &op->regions[0];
    for (int j = 0; j < b->nparams && j < op->nargs; j++) {
        strbuf sb;
        sb_init(&sb);
        operand(e, op, mc, j, &sb);
        declare_local(e, b->params[j], sb.buf);
        sb_free(&sb);
    }
    for (int i = 0; i < b->nops; i++) {
        const ir_op *o = b->ops[i];
        if (o->code == IR_YIELD && o->nargs == 1) {
            store(e, mc, ec_var(e, o->args[0]));
        } else if (o->nresults == 1 && !o->results[0]->type.is_array && o->nregions == 0 &&
                   (ir_opinfos[o->code].elementwise || o->code == IR_CONST || o->code == IR_MOV)) {
            declare_local(e, o->results[0], NULL);
            if (o->code == IR_MOV)
                ec_line(e, "%s = %s;", ec_var(e, o->results[0]), ec_var(e, o->args[0]));
            else
                ec_emit_scalar_op(e, o);
        } else {
            ec_unsupported(e, o, "only scalar ops may appear in a map body");
        }
    }
}

/* The body of an unlowered elementwise op: one expression. */
static void op_body(ec *e, const ir_op *op, map_ctx *mc)
{
    strbuf parts[3], expr;
    const char *args[3] = {"0", "0", "0"};
    for (int j = 0; j < 3; j++) {
        sb_init(&parts[j]);
        if (j < op->nargs) {
            operand(e, op, mc, j, &parts[j]);
            args[j] = parts[j].buf;
        }
    }
    sb_init(&expr);
    ec_scalar_expr(e, &expr, op, args);
    store(e, mc, expr.buf);
    sb_free(&expr);
    for (int j = 0; j < 3; j++)
        sb_free(&parts[j]);
}

/* Fast path: when every array operand has exactly the result's shape and is
 * C-contiguous, one flat loop with unit-stride accesses the compiler
 * vectorises.  Opens the `else` that holds the general loop nest. */
static void flat_loop(ec *e, const ir_op *op, map_ctx *mc)
{
    int id = mc->id;
    strbuf cond;
    sb_init(&cond);
    sb_printf(&cond, "rt_same_layout(e%d_res, %d, e%d_shape) && ", id, mc->rank, id);
    for (int k = 0; k < mc->narr; k++)
        sb_printf(&cond, "%srt_same_layout(e%d_ops[%d], %d, e%d_shape)", k ? " && " : "", id, k,
                  mc->rank, id);
    ec_open(e, "if (%s)", cond.buf);
    sb_free(&cond);
    ec_line(e, "int64_t e%d_fn = rt_size(e%d_res);", id, id);
    ec_line(e, "#pragma omp parallel for simd if (e%d_fn > %d)", id, EC_PAR_MIN);
    ec_open(e, "for (int64_t e%d_f = 0; e%d_f < e%d_fn; e%d_f++)", id, id, id, id);
    mc->flat = true;
    if (op->code == IR_MAP)
        map_body(e, op, mc);
    else
        op_body(e, op, mc);
    mc->flat = false;
    ec_close(e);
    e->indent--;
    ec_line(e, "} else {");
    e->indent++;
}

/* The loops of a map (fast path, then tiled or plain loop nest) and its body. */
static void emit_loops(ec *e, const ir_op *op, map_ctx *mc_in)
{
    map_ctx mc = *mc_in;
    bool was = e->in_map;
    e->in_map = true;
    if (mc.rank > 0 && mc.narr > 0)
        flat_loop(e, op, &mc);
    const ir_attr *tile = ir_attr_get(op, "tile");
    bool tiled = mc.rank == 2 && tile && tile->kind == IR_ATTR_INTLIST && tile->nlist == 2;
    if (tiled)
        open_tiled_loops(e, op, &mc);
    else
        open_loops(e, &mc);
    if (mc.rank == 0)
        ec_block(e);
    if (op->code == IR_MAP)
        map_body(e, op, &mc);
    else
        op_body(e, op, &mc);
    e->in_map = was;
    for (int L = 0; L < (tiled ? 4 : mc.rank ? mc.rank : 1); L++)
        ec_close(e);
    if (mc.rank > 0 && mc.narr > 0)
        ec_close(e);    /* the else of the fast path */
}

static bool init_ctx(ec *e, const ir_op *op, map_ctx *mc)
{
    mc->id = ec_tmp(e);
    if (op->nargs > 64 || op->nresults != 1 || !op->results[0]->type.is_array ||
        (op->code == IR_MAP && op->nregions != 1)) {
        ec_unsupported(e, op, "malformed map");
        return false;
    }
    mc->rank = op->results[0]->type.rank;
    for (int j = 0; j < op->nargs; j++)
        mc->slot[j] = op->args[j]->type.is_array ? mc->narr++ : -1;
    return true;
}

void ec_emit_map(ec *e, const ir_op *op)
{
    map_ctx mc = {0};
    if (!init_ctx(e, op, &mc))
        return;
    ec_set_line(e, op);
    ec_block(e);
    setup_shape(e, op, &mc);
    setup_io(e, op, &mc, NULL);
    emit_loops(e, op, &mc);
    char tmp[32];
    snprintf(tmp, sizeof tmp, "e%d_res", mc.id);
    ec_replace_array(e, op->results[0], tmp);
    ec_close(e);
}

/* `%t = map ...; assign %dst, %t` with %t read nowhere else: when dst has
 * exactly the broadcast shape and shares no memory with an operand (other
 * than being that very operand, read at the same element), the map writes
 * straight into dst; otherwise a temporary and rt_assign, as NumPy does. */
void ec_emit_map_into(ec *e, const ir_op *op, const ir_var *dst)
{
    map_ctx mc = {0};
    if (!init_ctx(e, op, &mc))
        return;
    const char *d = ec_var(e, dst);
    ec_set_line(e, op);
    ec_block(e);
    setup_shape(e, op, &mc);
    ec_open(e, "if (rt_can_write_into(%s, %d, e%d_shape, %d, e%d_ops))", d, mc.rank, mc.id, mc.narr, mc.id);
    setup_io(e, op, &mc, d);
    emit_loops(e, op, &mc);
    e->indent--;
    ec_line(e, "} else {");
    e->indent++;
    setup_io(e, op, &mc, NULL);
    emit_loops(e, op, &mc);
    ec_line(e, "rt_assign(%s, e%d_res);", d, mc.id);
    ec_line(e, "rt_release(e%d_res);", mc.id);
    ec_close(e);
    ec_close(e);
}
