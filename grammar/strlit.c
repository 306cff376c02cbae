/* strlit.c: string literals: escapes, adjacent-literal concatenation, and
 * f-strings split into literal pieces and `{expr!c:spec}` fields whose
 * expressions are parsed by the real parser (nps_parse_expr_at) at their
 * position in the file.
 */
#include "grammar/strlit.h"

#include <stdint.h>
#include <string.h>

#include "grammar/build.h"
#include "grammar/parse_api.h"

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static void put_utf8(strbuf *sb, uint32_t cp)
{
    if (cp < 0x80) {
        sb_putc(sb, (char)cp);
    } else if (cp < 0x800) {
        sb_putc(sb, (char)(0xc0 | (cp >> 6)));
        sb_putc(sb, (char)(0x80 | (cp & 0x3f)));
    } else if (cp < 0x10000) {
        sb_putc(sb, (char)(0xe0 | (cp >> 12)));
        sb_putc(sb, (char)(0x80 | ((cp >> 6) & 0x3f)));
        sb_putc(sb, (char)(0x80 | (cp & 0x3f)));
    } else {
        sb_putc(sb, (char)(0xf0 | (cp >> 18)));
        sb_putc(sb, (char)(0x80 | ((cp >> 12) & 0x3f)));
        sb_putc(sb, (char)(0x80 | ((cp >> 6) & 0x3f)));
        sb_putc(sb, (char)(0x80 | (cp & 0x3f)));
    }
}

/* \xhh, \uhhhh, \Uhhhhhhhh: `digits` hex digits at s[i..]. */
static int hex_escape(const char *s, int n, int i, int digits, strbuf *out)
{
    uint32_t cp = 0;
    for (int k = 0; k < digits; k++) {
        int h = i + k < n ? hexval(s[i + k]) : -1;
        if (h < 0)
            return -1;
        cp = cp * 16 + (uint32_t)h;
    }
    if (cp > 0x10ffff)
        return -1;
    put_utf8(out, cp);
    return i + digits;
}

/* Decode the escape at s[i] == '\\'; returns the index after it, -1 if bad. */
static int decode_escape(const char *s, int n, int i, strbuf *out)
{
    if (i + 1 >= n)
        return -1;
    char c = s[i + 1];
    static const char from[] = "nt\\'\"rabfv\n", to[] = "\n\t\\'\"\r\a\b\f\v";
    const char *p = strchr(from, c);
    if (p && c) {
        if (c != '\n')                  /* backslash-newline: nothing */
            sb_putc(out, to[p - from]);
        return i + 2;
    }
    if (c >= '0' && c <= '7') {
        int v = 0, k = i + 1;
        for (; k < n && k < i + 4 && s[k] >= '0' && s[k] <= '7'; k++)
            v = v * 8 + (s[k] - '0');
        put_utf8(out, (uint32_t)v);
        return k;
    }
    if (c == 'x')
        return hex_escape(s, n, i + 2, 2, out);
    if (c == 'u')
        return hex_escape(s, n, i + 2, 4, out);
    if (c == 'U')
        return hex_escape(s, n, i + 2, 8, out);
    if (c == 'N')
        return -1;                      /* \N{name}: not supported */
    sb_putc(out, '\\');                 /* unknown escapes stay as written */
    return i + 1;
}

bool nps_decode_string(ast_module *m, nps_strtok *st)
{
    if (st->is_raw) {
        st->text = st->body;
        st->len = st->body_len;
        return true;
    }
    strbuf sb;
    sb_init(&sb);
    const char *s = st->body;
    int n = st->body_len;
    for (int i = 0; i < n;) {
        if (s[i] == '\\') {
            i = decode_escape(s, n, i, &sb);
            if (i < 0) {
                sb_free(&sb);
                return false;
            }
        } else {
            sb_putc(&sb, s[i++]);
        }
    }
    st->len = (int)sb.len;
    st->text = arena_strndup(&m->arena, sb.buf ? sb.buf : "", sb.len);
    sb_free(&sb);
    return true;
}

/* ---- f-strings ---- */

typedef struct fctx {
    ast_module *m;
    const nps_strtok *tok;
    nps_list *parts;
    strbuf lit;                 /* literal text not yet flushed */
    src_loc lit_loc;
} fctx;

/* File position of body offset off (the body is raw source text). */
static void pos_at(const nps_strtok *t, const char *s, int line, int col, int *oline, int *ocol)
{
    for (const char *p = t->body; p < s; p++) {
        if (*p == '\n') {
            line++;
            col = 1;
        } else {
            col++;
        }
    }
    *oline = line;
    *ocol = col;
}

static src_loc span(const fctx *f, const char *a, const char *b)
{
    int l1, c1, l2, c2;
    pos_at(f->tok, a, f->tok->body_line, f->tok->body_col, &l1, &c1);
    pos_at(f->tok, b, f->tok->body_line, f->tok->body_col, &l2, &c2);
    return src_loc_make(l1, c1, l2, c2);
}

static ast_expr *str_node(ast_module *m, const char *text, size_t len, src_loc loc)
{
    ast_expr *e = ast_new_expr(m, AST_STR, loc);
    e->str.text = arena_strndup(&m->arena, text ? text : "", len);
    e->str.len = (int)len;
    return e;
}

/* Append literal text to parts, merging with a preceding AST_STR. */
static void add_text(ast_module *m, nps_list *parts, const char *text, size_t len, src_loc loc)
{
    if (len == 0)
        return;
    if (parts->n > 0) {
        ast_expr *prev = parts->items[parts->n - 1];
        if (prev->kind == AST_STR) {
            char *joined = arena_alloc(&m->arena, (size_t)prev->str.len + len + 1);
            memcpy(joined, prev->str.text, (size_t)prev->str.len);
            memcpy(joined + prev->str.len, text, len);
            prev->str.text = joined;
            prev->str.len += (int)len;
            prev->loc = src_loc_join(prev->loc, loc);
            return;
        }
    }
    nb_push(m, parts, str_node(m, text, len, loc));
}

static bool fparts(ast_module *m, const nps_strtok *t, const char *s, const char *end,
                   nps_list *parts, int nesting);

/* End of the expression of a field starting at s: the first top-level
 * '}', ':', '!' (not '!='), or '=' (a self-documenting `{x=}`). */
static const char *field_expr_end(const fctx *f, const char *s, const char *end)
{
    int depth = 0;
    for (const char *p = s; p < end; p++) {
        char c = *p;
        if (c == '\'' || c == '"') {
            const char *q = memchr(p + 1, c, (size_t)(end - p - 1));
            if (!q)
                return end;
            p = q;
        } else if (c == '(' || c == '[' || c == '{') {
            depth++;
        } else if (c == ')' || c == ']' || c == '}') {
            if (depth == 0)
                return p;
            depth--;
        } else if (depth > 0) {
            continue;
        } else if (c == ':' || (c == '!' && p + 1 < end && p[1] != '=')) {
            return p;
        } else if (c == '=' && p + 1 < end && p[1] != '=' && p > s && !strchr("=!<>", p[-1])) {
            return p;
        }
    }
    return end;
}

static bool ferror_at(const fctx *f, const char *a, const char *msg)
{
    diag_error(span(f, a, a + 1), "%s", msg);
    return false;
}

/* Index just past the '}' closing a format spec that starts at s. */
static const char *spec_end(const char *s, const char *end)
{
    int depth = 0;
    for (const char *p = s; p < end; p++) {
        if (*p == '{')
            depth++;
        else if (*p == '}' && depth-- == 0)
            return p;
    }
    return end;
}

static bool all_space(const char *a, const char *b)
{
    for (; a < b; a++)
        if (!strchr(" \t\n\r\f", *a))
            return false;
    return true;
}

/* A field `{expr[=][!c][:spec]}` starting at s ('{'); sets *next past '}'. */
static bool field(fctx *f, const char *s, const char *end, int nesting, const char **next)
{
    const char *ex = s + 1, *ee = field_expr_end(f, ex, end);
    if (ee >= end)
        return ferror_at(f, s, "f-string: expecting '}'");
    if (*ee == ')' || *ee == ']')
        return ferror_at(f, ee, "f-string: unmatched closing bracket");
    if (all_space(ex, ee))
        return ferror_at(f, ee, "f-string: empty expression not allowed");
    for (const char *p = ex; p < ee; p++) {
        if (*p == '\\')
            return ferror_at(f, p, "f-string expression part cannot include a backslash");
        if (*p == '#')
            return ferror_at(f, p, "f-string expression part cannot include '#'");
    }
    int line, col;
    pos_at(f->tok, ex, f->tok->body_line, f->tok->body_col, &line, &col);
    ast_expr *value = nps_parse_expr_at(f->m, ex, (size_t)(ee - ex), line, col);
    if (!value)
        return false;
    const char *p = ee;
    char conv = 0;
    if (*p == '=') {                    /* {x=}: the text, then repr unless told */
        add_text(f->m, f->parts, ex, (size_t)(p + 1 - ex), span(f, ex, p + 1));
        p++;
        conv = 'r';
    }
    if (p < end && *p == '!') {
        if (p + 1 >= end || !strchr("rsa", p[1]) || p[1] == 0)
            return ferror_at(f, p, "f-string: invalid conversion character: expected 's', 'r', or 'a'");
        conv = p[1];
        p += 2;
    }
    ast_expr *spec = NULL;
    if (p < end && *p == ':') {
        if (conv == 'r' && *ee == '=' && p == ee + 1)
            conv = 0;                   /* {x=:spec} formats with the spec */
        const char *se = spec_end(p + 1, end);
        if (nesting >= 1 && memchr(p + 1, '{', (size_t)(se - p - 1)))
            return ferror_at(f, p, "f-string: expressions nested too deeply");
        nps_list *sp = nb_list(f->m);
        if (!fparts(f->m, f->tok, p + 1, se, sp, nesting + 1))
            return false;
        spec = ast_new_expr(f->m, AST_FSTRING, span(f, p + 1, se));
        spec->fstr.parts = (ast_expr **)sp->items;
        spec->fstr.n = sp->n;
        p = se;
    }
    if (p >= end || *p != '}')
        return ferror_at(f, p < end ? p : s, "f-string: expecting '}'");
    ast_expr *e = ast_new_expr(f->m, AST_FORMATTED, span(f, s, p + 1));
    e->fmt.value = value;
    e->fmt.conv = conv;
    e->fmt.spec = spec;
    nb_push(f->m, f->parts, e);
    *next = p + 1;
    return true;
}

static void flush(fctx *f, const char *at)
{
    if (f->lit.len > 0)
        add_text(f->m, f->parts, f->lit.buf, f->lit.len, src_loc_join(f->lit_loc, span(f, at, at)));
    f->lit.len = 0;
    if (f->lit.buf)
        f->lit.buf[0] = 0;
}

/* Split s..end (raw f-string body text) into parts. */
static bool fparts(ast_module *m, const nps_strtok *t, const char *s, const char *end,
                   nps_list *parts, int nesting)
{
    fctx f = {m, t, parts, {0}, {0}};
    sb_init(&f.lit);
    bool ok = true;
    const char *p = s;
    while (ok && p < end) {
        if (f.lit.len == 0)
            f.lit_loc = span(&f, p, p + 1);
        if (*p == '{' && p + 1 < end && p[1] == '{' && nesting == 0) {
            sb_putc(&f.lit, '{');
            p += 2;
        } else if (*p == '}' && p + 1 < end && p[1] == '}' && nesting == 0) {
            sb_putc(&f.lit, '}');
            p += 2;
        } else if (*p == '{') {
            flush(&f, p);
            ok = field(&f, p, end, nesting, &p);
        } else if (*p == '}') {
            ok = ferror_at(&f, p, "f-string: single '}' is not allowed");
        } else if (*p == '\\' && !t->is_raw) {
            int i = decode_escape(s, (int)(end - s), (int)(p - s), &f.lit);
            if (i < 0)
                ok = ferror_at(&f, p, "invalid escape sequence in string literal");
            else
                p = s + i;
        } else {
            sb_putc(&f.lit, *p++);
        }
    }
    if (ok)
        flush(&f, end);
    sb_free(&f.lit);
    return ok;
}

ast_expr *nps_build_string(ast_module *m, nps_strtok **toks, int n)
{
    src_loc loc = src_loc_join(toks[0]->loc, toks[n - 1]->loc);
    bool any_f = false;
    for (int i = 0; i < n; i++)
        any_f |= toks[i]->is_fstring;
    nps_list *parts = nb_list(m);
    for (int i = 0; i < n; i++) {
        const nps_strtok *t = toks[i];
        if (!t->is_fstring)
            add_text(m, parts, t->text, (size_t)t->len, t->loc);
        else if (!fparts(m, t, t->body, t->body + t->body_len, parts, 0))
            return NULL;
    }
    if (!any_f) {
        if (parts->n == 0)
            return str_node(m, "", 0, loc);
        ast_expr *e = parts->items[0];
        e->loc = loc;
        return e;
    }
    ast_expr *e = ast_new_expr(m, AST_FSTRING, loc);
    e->fstr.parts = (ast_expr **)parts->items;
    e->fstr.n = parts->n;
    return e;
}
