/* sema_ext.c: lookup in the library tables of sema_ext.h. */
#include "frontend/sema_ext.h"

#include <string.h>

const sema_ext_fn *sema_ext_lookup(const char *qualname)
{
    static const sema_ext_fn *const tables[] = {sema_shape_fns, sema_linalg_fns, sema_random_fns,
                                                sema_file_fns, sema_sys_fns, sema_fancy_fns};
    for (size_t t = 0; t < sizeof tables / sizeof *tables; t++)
        for (const sema_ext_fn *f = tables[t]; f->name; f++)
            if (!strcmp(f->name, qualname))
                return f;
    return NULL;
}

const char *sema_qualname(fctx *F, const char *module, const char *name)
{
    if (!strncmp(module, "numpy", 5))
        return arena_printf(F->S->a, "np%s.%s", module + 5, name);
    return arena_printf(F->S->a, "%s.%s", module, name);
}
