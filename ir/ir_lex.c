/* ir_lex.c: the tokenizer of the IR text form (see ir_lex.h). */
#include "ir/ir_lex.h"

#include <ctype.h>
#include <stdbool.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

void irl_init(irl_lexer *lx, const char *text)
{
    lx->p = text;
    lx->line = 1;
    lx->col = 1;
}

static void advance(irl_lexer *lx, int n)
{
    for (int i = 0; i < n && *lx->p; i++) {
        if (*lx->p == '\n') {
            lx->line++;
            lx->col = 1;
        } else {
            lx->col++;
        }
        lx->p++;
    }
}

static bool is_name_start(char c) { return isalpha((unsigned char)c) || c == '_'; }
static bool is_name_char(char c)
{
    return isalnum((unsigned char)c) || c == '_' || c == '.' || c == '$';
}

/* Skip blanks and comments, not newlines. */
static void skip_space(irl_lexer *lx)
{
    for (;;) {
        char c = *lx->p;
        if (c == ' ' || c == '\t' || c == '\r')
            advance(lx, 1);
        else if (c == '/' && lx->p[1] == '/')
            while (*lx->p && *lx->p != '\n')
                advance(lx, 1);
        else
            return;
    }
}

static int name_len(const char *s)
{
    if (!is_name_start(*s))
        return 0;
    int n = 1;
    while (is_name_char(s[n]))
        n++;
    return n;
}

/* number -> '-'? digits ('.' digits*)? ([eE] [+-]? digits)?   |   '-inf' */
static int lex_number(irl_token *t, const char *s)
{
    int n = s[0] == '-';
    if (strncmp(s + n, "inf", 3) == 0 && !is_name_char(s[n + 3])) {
        t->kind = IRL_FLOAT;
        t->fval = -__builtin_inf();
        return 4;
    }
    bool is_float = false;
    while (isdigit((unsigned char)s[n]))
        n++;
    if (s[n] == '.') {
        is_float = true;
        n++;
        while (isdigit((unsigned char)s[n]))
            n++;
    }
    if ((s[n] == 'e' || s[n] == 'E') &&
        (isdigit((unsigned char)s[n + 1]) ||
         ((s[n + 1] == '+' || s[n + 1] == '-') && isdigit((unsigned char)s[n + 2])))) {
        is_float = true;
        n += 2;
        while (isdigit((unsigned char)s[n]))
            n++;
    }
    char *end;
    errno = 0;
    if (is_float) {
        t->kind = IRL_FLOAT;
        t->fval = strtod(s, &end);
    } else {
        t->kind = IRL_INT;
        t->ival = strtoll(s, &end, 10);
        if (errno == ERANGE) {
            t->kind = IRL_BAD;
            t->msg = "integer out of range";
        }
    }
    return n;
}

/* The body of a string literal; escapes are checked when decoded. */
static int lex_string(irl_token *t, const char *s)
{
    int n = 1;
    while (s[n] && s[n] != '"' && s[n] != '\n')
        n += s[n] == '\\' && s[n + 1] && s[n + 1] != '\n' ? 2 : 1;
    if (s[n] != '"') {
        t->kind = IRL_BAD;
        t->msg = "unterminated string";
        return n;
    }
    t->kind = IRL_STR;
    t->text = s + 1;
    t->len = n - 1;
    return n + 1;
}

static int lex_token(irl_token *t, const char *s)
{
    char c = *s;
    if (c == '%' || c == '$' || c == '@') {
        int n = name_len(s + 1);
        t->kind = c == '%' ? IRL_LOCAL : c == '$' ? IRL_GLOBAL : IRL_SYM;
        t->text = s + 1;
        t->len = n;
        if (n == 0) {
            t->kind = IRL_BAD;
            t->msg = "expected a name after the sigil";
            return 1;
        }
        return n + 1;
    }
    if (is_name_start(c)) {
        t->kind = IRL_WORD;
        t->text = s;
        t->len = name_len(s);
        return t->len;
    }
    if (isdigit((unsigned char)c) ||
        (c == '-' && (isdigit((unsigned char)s[1]) || strncmp(s + 1, "inf", 3) == 0)))
        return lex_number(t, s);
    if (c == '-' && s[1] == '>') {
        t->kind = IRL_ARROW;
        return 2;
    }
    if (c == '"')
        return lex_string(t, s);
    if (strchr("()[]{},:=?", c)) {
        t->kind = IRL_PUNCT;
        t->ch = c;
        return 1;
    }
    t->kind = IRL_BAD;
    t->msg = "unexpected character";
    return 1;
}

irl_token irl_next(irl_lexer *lx)
{
    skip_space(lx);
    irl_token t;
    memset(&t, 0, sizeof t);
    t.text = lx->p;
    int line = lx->line, col = lx->col, n;
    if (*lx->p == '\0') {
        t.kind = IRL_EOF;
        n = 0;
    } else if (*lx->p == '\n') {
        t.kind = IRL_NL;
        n = 1;
    } else {
        n = lex_token(&t, lx->p);
    }
    t.raw = lx->p;
    t.rawlen = n;
    t.loc = src_loc_make(line, col, line, col + (n ? n : 1));
    advance(lx, n);
    return t;
}
