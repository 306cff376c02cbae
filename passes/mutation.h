/* mutation.h: which arrays a function may write in place, and which array
 * variables may share memory.  Used by cse and licm to decide when two
 * array values may be one, or an array expression may move. */
#ifndef NUMSC_MUTATION_H
#define NUMSC_MUTATION_H

#include <stdbool.h>

#include "ir/ir.h"

/* By var id: the array in v may be written after it is made: v, or a view
 * or mov of it (transitively), is an assign/store destination, an argument
 * of a call or rtcall, returned, or stored in a global.  Caller frees. */
bool *mu_mutated(const ir_func *f);

/* Alias classes of array variables: views and movs share their operand's
 * class, function parameters and globals share one class (index
 * f->nvars).  Returns the class of each var id (size nvars + 1); caller
 * frees. */
int *mu_alias_classes(const ir_func *f);
/* The class of v in classes (globals: the shared class). */
int mu_class(const ir_func *f, const int *classes, const ir_var *v);

/* The op writes memory of array operands (assign, store, call, rtcall). */
bool mu_writes_memory(const ir_op *op);
/* Views and movs: the result shares the memory of args[0]. */
bool mu_is_view(const ir_op *op);

#endif
