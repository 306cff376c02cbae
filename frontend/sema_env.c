/* sema_env.c: variable slots and environments, and their joins. */
#include "frontend/sema.h"

#include <string.h>

slot *slot_find(slot *s)
{
    while (s->parent)
        s = s->parent;
    return s;
}

static slot *slot_new(sema *S, const char *name, sema_type *t)
{
    slot *s = arena_alloc(S->a, sizeof *s);
    s->name = name;
    s->type = t;
    return s;
}

bool is_global_name(sema *S, const char *name)
{
    for (int i = 0; i < S->global_names.len; i++)
        if (strcmp(S->global_names.data[i], name) == 0)
            return true;
    return false;
}

slot *slot_global(sema *S, const char *name)
{
    for (int i = 0; i < S->global_slots.len; i++)
        if (strcmp(S->global_slots.data[i]->name, name) == 0)
            return S->global_slots.data[i];
    slot *s = slot_new(S, name, NULL);
    s->global = true;
    vec_push(&S->global_slots, s);
    return s;
}

/* The slot an assignment site writes: the same slot every round, so
 * unifications made in earlier rounds persist. */
slot *slot_for_site(fctx *F, const void *key, const char *name, sema_type *t)
{
    for (int i = 0; i < F->slots->len; i++)
        if (F->slots->data[i].key == key && strcmp(F->slots->data[i].s->name, name) == 0)
            return slot_find(F->slots->data[i].s);
    slot *s = slot_new(F->S, name, t);
    slot_key k = {key, s};
    vec_push(F->slots, k);
    return s;
}

binding *env_lookup(env *e, const char *name)
{
    for (int i = e->n - 1; i >= 0; i--)
        if (strcmp(e->b[i].name, name) == 0)
            return &e->b[i];
    return NULL;
}

void env_bind(env *e, const char *name, slot *s)
{
    binding *b = env_lookup(e, name);
    if (!b) {
        if (e->n == e->cap) {
            e->cap = e->cap ? 2 * e->cap : 16;
            e->b = xrealloc(e->b, sizeof *e->b * (size_t)e->cap);
        }
        b = &e->b[e->n++];
    }
    memset(b, 0, sizeof *b);
    b->name = name;
    b->s = s;
}

env env_copy(const env *e)
{
    env c = *e;
    c.cap = e->n > 0 ? e->n : 1;
    c.b = xmalloc(sizeof *c.b * (size_t)c.cap);
    if (e->n)
        memcpy(c.b, e->b, sizeof *c.b * (size_t)e->n);
    return c;
}

void env_free(env *e)
{
    free(e->b);
    e->b = NULL;
    e->n = e->cap = 0;
}

/* Unify two slots; false (and nothing changed) when their types do not join. */
static bool unify(sema *S, slot *x, slot *y, bool *changed)
{
    x = slot_find(x);
    y = slot_find(y);
    if (x == y)
        return true;
    sema_type *t = ty_join(S->a, x->type, y->type);
    if (!t)
        return false;
    if (!ty_equal(t, x->type) || !ty_equal(t, y->type))
        *changed = true;
    if (x->global) {            /* a global slot stays the root */
        y->parent = x;
        x->type = t;
    } else {
        x->parent = y;
        y->type = t;
    }
    return true;
}

static bool merge_into(sema *S, env *into, const env *other, src_loc where)
{
    bool changed = false, type_changed = false;
    if (other->dead)
        return false;
    if (into->dead) {
        env_free(into);
        *into = env_copy(other);
        return true;
    }
    for (int i = 0; i < other->n; i++) {
        const binding *ob = &other->b[i];
        binding *ib = env_lookup(into, ob->name);
        if (!ib) {
            /* defined on one path only: Python may raise NameError later; we keep it */
            env_bind(into, ob->name, ob->s);
            if (!ob->s) {
                binding *nb = env_lookup(into, ob->name);
                *nb = *ob;
            }
            changed = true;
            continue;
        }
        if (!ib->s || !ob->s) {
            if (ib->s) {
                *ib = *ob;
                changed = true;
            }
            continue;
        }
        if (slot_find(ib->s) == slot_find(ob->s))
            continue;
        sema_type *ta = slot_find(ib->s)->type, *tb = slot_find(ob->s)->type;
        if (unify(S, ib->s, ob->s, &type_changed)) {
            changed = true;
            continue;
        }
        ib->s = NULL;
        ib->conflict_loc = where;
        ib->conflict_a = ta;
        ib->conflict_b = tb;
        changed = true;
    }
    if (type_changed)
        S->changed = true;
    return changed;
}

void env_merge(sema *S, env *into, const env *other, src_loc where)
{
    merge_into(S, into, other, where);
}

bool env_merge_changes(sema *S, env *head, const env *back, src_loc where)
{
    return merge_into(S, head, back, where);
}
