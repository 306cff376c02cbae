/* sema_sys.c: (to be written) */
#include "frontend/sema_ext.h"

const sema_ext_fn sema_sys_fns[] = {
    {NULL, NULL},
};

val sema_sys_attr(fctx *F, const char *qualname, src_loc loc, bool *found)
{
    (void)qualname;
    (void)loc;
    *found = false;
    return sema_poison(F);
}
