/* sema_fancy.c: indexing with arrays (to be written). */
#include "frontend/sema_ext.h"

val sema_fancy_index(fctx *F, ast_expr *e, val obj, val *store)
{
    (void)obj;
    (void)store;
    sema_error(F, e->loc, "indexing with an array is not supported yet");
    return sema_poison(F);
}
