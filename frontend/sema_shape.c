/* sema_shape.c: (to be written) */
#include "frontend/sema_ext.h"

const sema_ext_fn sema_shape_fns[] = {
    {NULL, NULL},
};
