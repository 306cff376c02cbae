/* emit_c_internal.h: state and helpers shared by the emit_c_*.c files.
 * Sectioned by the file that defines each name. */
#ifndef NUMSC_EMIT_C_INTERNAL_H
#define NUMSC_EMIT_C_INTERNAL_H

#include <stdbool.h>
#include <stdlib.h>

#include "codegen/emit_c.h"

typedef struct ec {
    FILE *out;
    const ir_module *m;
    const ir_func *f;
    int indent;
    int ntmp;               /* emitter temporaries e_N, per function */
    int errors;
    bool in_map;            /* inside a (possibly parallel) map loop: no rt_line writes */
    bool *map_local;        /* by var id: defined inside a map body (declared there) */
    int *reads;             /* by var id: how often it is read */
    char **lname;           /* by var id: C names of the function's locals */
    char **gname;           /* by global id: C names of the globals */
} ec;

/* ---- emit_c_types.c: types, names, literals, output ---- */
const char *ec_ctype(ir_type t);                /* declaration prefix: "double ", "rt_array *" */
/* Handles (arrays, generators) are reference counted: one reference per variable. */
bool ec_is_handle(ir_type t);
const char *ec_release_fn(ir_type t);          /* "rt_release", "rt_rng_release" */
const char *ec_retain_fn(ir_type t);
const char *ec_dtype_c(ir_dtype dt);            /* element C type: "double" */
const char *ec_rt_dtype(ir_dtype dt);           /* "RT_F64" */
const char *ec_var(ec *e, const ir_var *v);     /* C name of a variable */
char *ec_local_name(const ir_var *v);           /* malloc'd: t3, v_x */
char *ec_global_name(const ir_var *v);          /* malloc'd: g_x */
void ec_mangle(strbuf *sb, const char *name);   /* function/global name body */
void ec_str_literal(FILE *out, const char *s, int len);
void ec_str_literal_sb(strbuf *sb, const char *s, int len);
void ec_line(ec *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void ec_open(ec *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));   /* line + "{" */
void ec_block(ec *e);                           /* "{" */
void ec_close(ec *e);                           /* "}" */
int ec_tmp(ec *e);                              /* a fresh temporary number */
void ec_set_line(ec *e, const ir_op *op);       /* rt_line = N; */
void ec_unsupported(ec *e, const ir_op *op, const char *why);

/* ---- emit_c_scalar.c: scalar ops as C expressions ---- */
/* The C expression for scalar op `op` with operand expressions args[]. */
void ec_scalar_expr(ec *e, strbuf *sb, const ir_op *op, const char *const *args);
bool ec_scalar_op_raises(const ir_op *op);
void ec_emit_scalar_op(ec *e, const ir_op *op);     /* r = expr; */

/* ---- emit_c_prelude.c ---- */
void ec_emit_prelude(FILE *out);                    /* includes, nc_* helpers */

/* ---- emit_c_map.c: MAP and elementwise ops on arrays ---- */
void ec_emit_map(ec *e, const ir_op *op);
/* A map whose result is only assigned into dst: written in place when safe. */
void ec_emit_map_into(ec *e, const ir_op *op, const ir_var *dst);

/* ---- emit_c_array.c: array ops ---- */
bool ec_emit_array_op(ec *e, const ir_op *op);      /* false: not an array op */
/* Store a +1 array expression into v: temporary, release old, assign. */
void ec_assign_array(ec *e, const ir_var *v, const char *expr);
/* v = tmp where tmp is already a +1 temporary: release old, assign. */
void ec_replace_array(ec *e, const ir_var *v, const char *tmp);

/* ---- emit_c_parfor.c: a parallel for; opens the serial fallback's else ---- */
void ec_emit_parallel_for(ec *e, const ir_op *op, int n);

/* ---- emit_c_stmt.c: statements and control flow ---- */
void ec_emit_block(ec *e, const ir_block *b);
void ec_release_locals(ec *e);

/* ---- emit_c_func.c: functions and the module ---- */
void ec_func_name(strbuf *sb, const char *ir_name);     /* f_<mangled> */
void ec_ret_struct(strbuf *sb, const char *ir_name);    /* r_<mangled> */

#endif
