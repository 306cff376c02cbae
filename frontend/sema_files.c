/* sema_files.c: (to be written) */
#include "frontend/sema_ext.h"

const sema_ext_fn sema_file_fns[] = {
    {NULL, NULL},
};
