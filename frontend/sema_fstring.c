/* sema_fstring.c: f-strings (to be written). */
#include "frontend/sema_ext.h"

void sema_write_fstring(fctx *F, ast_expr *e)
{
    sema_error(F, e->loc, "f-strings are not supported yet");
}

val sema_fstring_value(fctx *F, ast_expr *e)
{
    sema_error(F, e->loc, "f-strings are only supported as arguments of print()");
    return sema_poison(F);
}
