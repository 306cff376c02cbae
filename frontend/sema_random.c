/* sema_random.c: (to be written) */
#include "frontend/sema_ext.h"

const sema_ext_fn sema_random_fns[] = {
    {NULL, NULL},
};
