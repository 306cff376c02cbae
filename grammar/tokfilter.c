/* tokfilter.c: the token filter between the flex scanner and the parser.
 *
 * Like CPython's tokenizer: an indent stack (and a second one with tabs
 * counted as one column, to catch inconsistent tabs and spaces); when the
 * first token of a logical line is indented deeper, INDENT comes before it;
 * shallower, one DEDENT per level popped, which must land on a level on the
 * stack.  At EOF: a NEWLINE if the last line lacked one, then a DEDENT per
 * open level.  The very first token selects the grammar's entry point.
 * Also the parse drivers: nps_parse_file, nps_parse_expr_at, nps_tokenize.
 */
#include <string.h>

#include "grammar/parse_api.h"
#include "grammar/parser.h"

_Static_assert(sizeof(NPS_YYSTYPE) <= sizeof(((nps_lexstate *)0)->held_val), "held_val too small");

int nps_raw_lex(NPS_YYSTYPE *lval, NPS_YYLTYPE *lloc, void *scanner);

static src_loc point(src_loc l)
{
    return src_loc_make(l.line, l.col, l.line, l.col);
}

static int emit(nps_lexstate *s, int tok)
{
    s->last_was_newline = tok == T_NEWLINE;
    s->emitted_any = true;
    return tok;
}

static void hold(nps_lexstate *s, int tok, const NPS_YYSTYPE *v, src_loc loc)
{
    s->have_held = true;
    s->held_tok = tok;
    memcpy(s->held_val, v, sizeof *v);
    s->held_loc = loc;
}

static int lex_fail(nps_lexstate *s, src_loc loc, const char *msg)
{
    diag_error(loc, "%s", msg);
    s->failed = true;
    return T_LEXERROR;
}

/* The first token of a logical line arrived: compare its indentation with
 * the stack.  Returns INDENT/DEDENT (the token is held), 0 for no change. */
static int indentation(nps_lexstate *s, int tok, NPS_YYSTYPE *v, NPS_YYLTYPE *l)
{
    static const char tab_msg[] = "inconsistent use of tabs and spaces in indentation";
    int top = s->depth ? s->indstack[s->depth - 1] : 0;
    int alttop = s->depth ? s->altstack[s->depth - 1] : 0;
    if (s->indent == top)
        return s->alt_indent == alttop ? 0 : lex_fail(s, *l, tab_msg);
    if (s->indent > top) {
        if (s->alt_indent <= alttop)
            return lex_fail(s, *l, tab_msg);
        if (s->depth == NPS_MAX_INDENT)
            return lex_fail(s, *l, "too many levels of indentation");
        s->indstack[s->depth] = s->indent;
        s->altstack[s->depth++] = s->alt_indent;
        hold(s, tok, v, *l);
        *l = point(*l);
        return T_INDENT;
    }
    int n = 0;
    while (s->depth > 0 && s->indent < s->indstack[s->depth - 1]) {
        s->depth--;
        n++;
    }
    top = s->depth ? s->indstack[s->depth - 1] : 0;
    alttop = s->depth ? s->altstack[s->depth - 1] : 0;
    if (s->indent != top)
        return lex_fail(s, *l, "unindent does not match any outer indentation level");
    if (s->alt_indent != alttop)
        return lex_fail(s, *l, tab_msg);
    hold(s, tok, v, *l);
    s->pending_dedents = n - 1;
    *l = point(*l);
    return T_DEDENT;
}

/* After the scanner's end: NEWLINE if needed, DEDENTs, then 0. */
static int at_eof(nps_lexstate *s, NPS_YYLTYPE *l)
{
    *l = src_loc_make(s->line, s->col, s->line, s->col);
    if (s->mode != NPS_MODE_FILE)
        return 0;
    if (s->emitted_any && !s->last_was_newline) {
        *l = s->prev_end;
        return emit(s, T_NEWLINE);
    }
    if (s->depth > 0) {
        s->depth--;
        return T_DEDENT;
    }
    return 0;
}

int nps_yylex(NPS_YYSTYPE *v, NPS_YYLTYPE *l, void *scanner)
{
    nps_lexstate *s = nps_scan_state(scanner);
    if (!s->start_sent) {
        s->start_sent = true;
        *l = src_loc_make(s->line, s->col, s->line, s->col);
        return s->mode == NPS_MODE_FILE ? T_START_FILE : T_START_EXPR;
    }
    if (s->pending_dedents > 0) {
        s->pending_dedents--;
        *l = point(s->held_loc);
        return T_DEDENT;
    }
    if (s->have_held) {
        s->have_held = false;
        memcpy(v, s->held_val, sizeof *v);
        *l = s->held_loc;
        return emit(s, s->held_tok);
    }
    if (s->at_eof)
        return at_eof(s, l);
    int tok = nps_raw_lex(v, l, scanner);
    if (tok == 0) {
        s->at_eof = true;
        return at_eof(s, l);
    }
    if (tok == T_LEXERROR)
        return tok;
    if (s->mode == NPS_MODE_FILE && s->tok_first) {
        int r = indentation(s, tok, v, l);
        if (r)
            return r;
    }
    return emit(s, tok);
}

/* ---- drivers ---- */

static void state_init(nps_lexstate *s, ast_module *m, nps_mode mode, int line, int col)
{
    memset(s, 0, sizeof *s);
    s->mod = m;
    s->mode = mode;
    s->line = line;
    s->col = col;
    s->new_line = true;
    if (mode == NPS_MODE_EXPR) {        /* newlines inside are joined, as in brackets */
        s->parens[0] = '(';
        s->paren_locs[0] = src_loc_make(line, col, line, col);
        s->nparens = 1;
    }
}

static bool run_parser(ast_module *m, nps_lexstate *st, const char *text, size_t len,
                       nps_parse_ctx *ctx)
{
    void *scanner;
    if (nps_scan_init(&scanner, st, text, len) != 0) {
        diag_error(src_loc_make(0, 0, 0, 0), "cannot start the scanner");
        return false;
    }
    ctx->mod = m;
    int rc = nps_yyparse(scanner, ctx);
    nps_scan_destroy(scanner);
    return rc == 0 && !st->failed;
}

bool nps_parse_file(ast_module *m, const char *text, ast_block *out)
{
    nps_lexstate st;
    state_init(&st, m, NPS_MODE_FILE, 1, 1);
    nps_parse_ctx ctx = {0};
    if (!run_parser(m, &st, text, strlen(text), &ctx))
        return false;
    *out = ctx.body;
    return true;
}

ast_expr *nps_parse_expr_at(ast_module *m, const char *text, size_t len, int line, int col)
{
    nps_lexstate st;
    state_init(&st, m, NPS_MODE_EXPR, line, col);
    nps_parse_ctx ctx = {0};
    if (!run_parser(m, &st, text, len, &ctx))
        return NULL;
    return ctx.expr;
}
