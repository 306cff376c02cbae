/* tokdump.c: the filtered token stream as text (for the lexer tests and
 * debugging): NAME(x) INT(3) NEWLINE INDENT ... one word per token. */
#include <stdlib.h>
#include <string.h>

#include "grammar/parse_api.h"
#include "grammar/parser.h"

static void put_escaped(strbuf *sb, const char *s, int len)
{
    for (int i = 0; i < len; i++) {
        if (s[i] == '\n')
            sb_puts(sb, "\\n");
        else if (s[i] == '"' || s[i] == '\\')
            sb_printf(sb, "\\%c", s[i]);
        else
            sb_putc(sb, s[i]);
    }
}

static void put_token(strbuf *sb, int tok, const NPS_YYSTYPE *v, const src_loc *l)
{
    static const struct { int t; const char *s; } words[] = {
        {T_NEWLINE, "NEWLINE"}, {T_INDENT, "INDENT"}, {T_DEDENT, "DEDENT"},
        {T_POW, "**"}, {T_FLOORDIV, "//"}, {T_LSHIFT, "<<"}, {T_RSHIFT, ">>"},
        {T_EQ, "=="}, {T_NE, "!="}, {T_LE, "<="}, {T_GE, ">="}, {T_ARROW, "->"},
        {T_ELLIPSIS, "..."},
    };
    switch (tok) {
    case T_NAME: sb_printf(sb, "NAME(%s)", v->str); return;
    case T_INT: sb_printf(sb, "INT(%lld)", (long long)v->ival); return;
    case T_FLOAT: sb_printf(sb, "FLOAT(%.17g)", v->fval); return;
    case T_AUGASSIGN: sb_printf(sb, "%s=", ast_binop_symbol(v->op)); return;
    case T_STRING:
        sb_puts(sb, v->strtok->is_fstring ? "FSTRING(\"" : "STRING(\"");
        if (v->strtok->is_fstring)
            put_escaped(sb, v->strtok->body, v->strtok->body_len);
        else
            put_escaped(sb, v->strtok->text, v->strtok->len);
        sb_puts(sb, "\")");
        return;
    default: break;
    }
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (words[i].t == tok) {
            sb_puts(sb, words[i].s);
            return;
        }
    if (tok > 0 && tok < 128) {
        sb_putc(sb, (char)tok);
        return;
    }
    const char *n = nps_token_name(tok);   /* keywords: "for" */
    size_t len = strlen(n);
    if (len >= 2 && n[0] == '"')
        sb_putn(sb, n + 1, len - 2);
    else
        sb_puts(sb, n);
    (void)l;
}

char *nps_tokenize(const char *path, const char *text)
{
    ast_module m = {0};
    nps_lexstate st;
    memset(&st, 0, sizeof st);
    st.mod = &m;
    st.mode = NPS_MODE_FILE;
    st.line = st.col = 1;
    st.new_line = true;
    st.start_sent = true;
    diag_set_source(path, text);
    void *scanner;
    if (nps_scan_init(&scanner, &st, text, strlen(text)) != 0)
        return NULL;
    strbuf sb;
    sb_init(&sb);
    NPS_YYSTYPE v;
    src_loc l;
    int tok;
    while ((tok = nps_yylex(&v, &l, scanner)) != 0 && tok != T_LEXERROR) {
        if (sb.len)
            sb_putc(&sb, ' ');
        put_token(&sb, tok, &v, &l);
    }
    nps_scan_destroy(scanner);
    arena_free(&m.arena);
    if (tok == T_LEXERROR) {
        sb_free(&sb);
        return NULL;
    }
    char *out = sb_take(&sb);
    sb_free(&sb);
    return out;
}
