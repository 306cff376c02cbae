/* sema_linalg.c: (to be written) */
#include "frontend/sema_ext.h"

const sema_ext_fn sema_linalg_fns[] = {
    {NULL, NULL},
};
