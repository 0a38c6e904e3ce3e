/* sigbench export NAME [-o FILE.h] [--results DIR]: registry variant NAME as
 * one standalone, header-only C file.
 *
 * The variant's generated files (its .c, the generated/simd/ operations
 * header and the shared table it includes) are read from the source tree and
 * joined into one header.  The code is copied token for token, comments
 * included; only these change:
 *   - project includes are dropped, system includes hoisted to the top, and
 *     the include guards of the inlined headers removed;
 *   - every file-scope name (functions, constants, tables, typedefs, struct
 *     tags, macros) gets a prefix of the variant's own (sbxHHHHHH_, a hash
 *     of its name), so that two exported headers in one file, or a user's
 *     own `R` or `F` macro, never collide; the macros are #undef'd at the end;
 *   - the entry point `void sb_X(const T *x, T *y, size_t n)` becomes
 *     `static inline void sigmoid_X(...)`, other static functions become
 *     static inline (no unused-function warnings in a header), the table
 *     `static const` and its extern declaration disappears.
 * Same operations in the same order, no contraction (a pragma in the header
 * sees to it) and no fast-math (an #error does): the header computes bit for
 * bit what the registry variant computes (tests/test_export.c checks it). */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "build_info.h"
#include "commands/cli.h"
#include "commands/commands.h"
#include "files/textread.h"
#include "engine/context.h"
#include "base/outfile.h"
#include "base/util.h"

#define NONE SIZE_MAX

/* ---- a growing string ---- */

struct sbuf {
	char *p;
	size_t len, cap;
};

static void buf_put(struct sbuf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;
		while (b->len + n + 1 > cap)
			cap *= 2;
		char *p = realloc(b->p, cap);
		if (!p)
			sb_die("out of memory");
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void buf_str(struct sbuf *b, const char *s)
{
	buf_put(b, s, strlen(s));
}

static void buf_fmt(struct sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void buf_fmt(struct sbuf *b, const char *fmt, ...)
{
	char tmp[2048];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof tmp)
		sb_die("export: line too long (bug)");
	buf_put(b, tmp, (size_t)n);
}

static char *xstrndup(const char *s, size_t n)
{
	char *p = sb_xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* ---- tokens: just enough C to find names and declarations ---- */

enum tk { TK_SPACE, TK_DIRECTIVE, TK_IDENT, TK_NUMBER, TK_STRING, TK_PUNCT };

struct token {
	enum tk kind;
	size_t off, len;
	size_t skip;        /* leading characters left out (a dropped line's newline) */
	const char *before; /* inserted before it ("static inline "), or NULL */
	const char *after;  /* inserted after it (" inline"), or NULL */
	int drop;           /* left out of the export */
};

/* One generated file on its way into the header. */
struct unit {
	char path[256]; /* relative to generated/ */
	char *text;
	struct token *tok;
	size_t ntok;
};

static int is_ident_char(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

static size_t skip_comment(const char *s, size_t j)
{
	const char *e = strstr(s + j + 2, "*/");
	return e ? (size_t)(e - s) + 2 : strlen(s);
}

/* whitespace and comments */
static size_t space_len(const char *s, size_t i)
{
	size_t j = i;
	for (;;) {
		if (s[j] && isspace((unsigned char)s[j]))
			j++;
		else if (s[j] == '/' && s[j + 1] == '*')
			j = skip_comment(s, j);
		else if (s[j] == '/' && s[j + 1] == '/')
			j += strcspn(s + j, "\n");
		else
			return j - i;
	}
}

static int at_line_start(const char *s, size_t i)
{
	while (i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t'))
		i--;
	return i == 0 || s[i - 1] == '\n';
}

/* a preprocessor line with its continuations and its newline */
static size_t directive_len(const char *s, size_t i)
{
	size_t j = i;
	while (s[j] && s[j] != '\n') {
		if (s[j] == '\\' && s[j + 1] == '\n')
			j += 2;
		else if (s[j] == '/' && s[j + 1] == '*')
			j = skip_comment(s, j);
		else
			j++;
	}
	return j - i + (s[j] == '\n');
}

/* a preprocessing number: 0x1.8p+19f is one token, not "0x1.8p", "+", "19f" */
static size_t number_len(const char *s, size_t i)
{
	size_t j = i + 1;
	while (is_ident_char(s[j]) || s[j] == '.' ||
	       ((s[j] == '+' || s[j] == '-') && strchr("eEpP", s[j - 1])))
		j++;
	return j - i;
}

static size_t quoted_len(const char *s, size_t i)
{
	size_t j = i + 1;
	while (s[j] && s[j] != s[i] && s[j] != '\n')
		j += (s[j] == '\\' && s[j + 1]) ? 2 : 1;
	return j - i + (s[j] == s[i]);
}

/* The token at s + i.  Inside a directive '#' is punctuation. */
static size_t lex_one(const char *s, size_t i, int in_directive, enum tk *kind)
{
	size_t n = space_len(s, i);
	char c = s[i];
	if (n) {
		*kind = TK_SPACE;
		return n;
	}
	if (c == '#' && !in_directive && at_line_start(s, i)) {
		*kind = TK_DIRECTIVE;
		return directive_len(s, i);
	}
	if (isalpha((unsigned char)c) || c == '_') {
		*kind = TK_IDENT;
		size_t j = i;
		while (is_ident_char(s[j]))
			j++;
		return j - i;
	}
	if (isdigit((unsigned char)c) || (c == '.' && isdigit((unsigned char)s[i + 1]))) {
		*kind = TK_NUMBER;
		return number_len(s, i);
	}
	if (c == '"' || c == '\'') {
		*kind = TK_STRING;
		return quoted_len(s, i);
	}
	*kind = TK_PUNCT;
	/* "==", "<=" ...: a lone '=' must mean an initializer */
	return s[i + 1] == '=' && strchr("=!<>+-*/%&|^", c) ? 2 : 1;
}

static void tokenize(struct unit *u)
{
	size_t cap = 1024;
	u->tok = sb_xcalloc(cap, sizeof *u->tok);
	u->ntok = 0;
	for (size_t i = 0; u->text[i];) {
		if (u->ntok == cap) {
			cap *= 2;
			u->tok = realloc(u->tok, cap * sizeof *u->tok);
			if (!u->tok)
				sb_die("out of memory");
		}
		struct token *t = &u->tok[u->ntok++];
		memset(t, 0, sizeof *t);
		t->off = i;
		t->len = lex_one(u->text, i, 0, &t->kind);
		i += t->len;
	}
}

static int tok_is(const struct unit *u, size_t k, const char *s)
{
	const struct token *t = &u->tok[k];
	return t->len == strlen(s) && strncmp(u->text + t->off, s, t->len) == 0;
}

/* ---- file-scope names and what they become ---- */

struct names {
	char **name, **repl;
	int *macro;
	size_t n, cap;
};

static size_t names_index(const struct names *m, const char *s, size_t len)
{
	for (size_t i = 0; i < m->n; i++)
		if (strlen(m->name[i]) == len && strncmp(m->name[i], s, len) == 0)
			return i;
	return NONE;
}

static void names_add(struct names *m, const char *s, size_t len, int macro)
{
	size_t i = names_index(m, s, len);
	if (i != NONE) {
		m->macro[i] |= macro;
		return;
	}
	if (m->n == m->cap) {
		m->cap = m->cap ? 2 * m->cap : 64;
		m->name = realloc(m->name, m->cap * sizeof *m->name);
		m->repl = realloc(m->repl, m->cap * sizeof *m->repl);
		m->macro = realloc(m->macro, m->cap * sizeof *m->macro);
		if (!m->name || !m->repl || !m->macro)
			sb_die("out of memory");
	}
	m->name[m->n] = xstrndup(s, len);
	m->repl[m->n] = NULL;
	m->macro[m->n] = macro;
	m->n++;
}

/* ---- directives ---- */

/* The directive's word ("include", "define") and the text after it. */
static const char *directive_word(const char *d, char *word, size_t size)
{
	d++; /* '#' */
	while (*d == ' ' || *d == '\t')
		d++;
	size_t n = 0;
	while (is_ident_char(d[n]))
		n++;
	snprintf(word, size, "%.*s", (int)n, d);
	d += n;
	while (*d == ' ' || *d == '\t')
		d++;
	return d;
}

/* The identifier at the start of s, in buf. */
static const char *leading_ident(const char *s, char *buf, size_t size)
{
	size_t n = 0;
	while (is_ident_char(s[n]))
		n++;
	snprintf(buf, size, "%.*s", (int)n, s);
	return buf;
}

struct includes {
	char *name[32];
	size_t n;
};

static void includes_add(struct includes *inc, const char *rest)
{
	size_t n = strcspn(rest, ">");
	for (size_t i = 0; i < inc->n; i++)
		if (strlen(inc->name[i]) == n && strncmp(inc->name[i], rest, n) == 0)
			return;
	if (inc->n == sizeof inc->name / sizeof inc->name[0])
		sb_die("export: too many system headers (bug)");
	inc->name[inc->n++] = xstrndup(rest, n);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A header's #ifndef G / #define G ... #endif: the export has its own guard. */
static void drop_include_guard(struct unit *u)
{
	size_t d[3] = { NONE, NONE, NONE }, nd = 0, last = NONE;
	for (size_t k = 0; k < u->ntok; k++)
		if (u->tok[k].kind == TK_DIRECTIVE) {
			if (nd < 2)
				d[nd++] = k;
			last = k;
		}
	if (nd < 2 || last == d[1])
		return;
	char w0[32], w1[32], w2[32], g0[128], g1[128];
	char *t0 = xstrndup(u->text + u->tok[d[0]].off, u->tok[d[0]].len);
	char *t1 = xstrndup(u->text + u->tok[d[1]].off, u->tok[d[1]].len);
	char *t2 = xstrndup(u->text + u->tok[last].off, u->tok[last].len);
	leading_ident(directive_word(t0, w0, sizeof w0), g0, sizeof g0);
	leading_ident(directive_word(t1, w1, sizeof w1), g1, sizeof g1);
	directive_word(t2, w2, sizeof w2);
	if (strcmp(w0, "ifndef") == 0 && strcmp(w1, "define") == 0 && strcmp(w2, "endif") == 0 &&
	    strcmp(g0, g1) == 0) {
		d[2] = last;
		for (int i = 0; i < 3; i++)
			u->tok[d[i]].drop = 1;
	}
	free(t0);
	free(t1);
	free(t2);
}

/* "FILE" is sigbench_variants.h (the prototypes) or one of the units. */
static int known_include(const char *const *known, const char *rest)
{
	if (strncmp(rest, "\"sigbench_variants.h\"", 21) == 0)
		return 1;
	for (; *known; known++)
		if (rest[0] == '"' && strncmp(rest + 1, *known, strlen(*known)) == 0 &&
		    rest[1 + strlen(*known)] == '"')
			return 1;
	return 0;
}

/* Project includes go (their contents are inlined), system includes move
 * to the top, macro names join the names to prefix. */
static void scan_directives(struct unit *u, struct includes *inc, struct names *m,
			    const char *const *known)
{
	for (size_t k = 0; k < u->ntok; k++) {
		struct token *t = &u->tok[k];
		if (t->kind != TK_DIRECTIVE || t->drop)
			continue;
		char *d = xstrndup(u->text + t->off, t->len), word[32], name[128];
		const char *rest = directive_word(d, word, sizeof word);
		if (strcmp(word, "include") == 0) {
			if (*rest == '<')
				includes_add(inc, rest + 1);
			else if (!known_include(known, rest))
				sb_fail("export: %s includes %.*s, which is not part of the export", u->path,
					(int)strcspn(rest, "\n"), rest);
			t->drop = 1;
		} else if (strcmp(word, "define") == 0) {
			leading_ident(rest, name, sizeof name);
			if (*name)
				names_add(m, name, strlen(name), 1);
		}
		free(d);
	}
}

/* ---- top-level declarations ---- */

/* One top-level declaration or definition being read. */
struct decl {
	size_t first, static_tok, last_ident, fname;
	int is_static, is_inline, is_extern, is_typedef;
	int paren, eq, named, names, body, attr;
};

struct parse {
	struct unit *u;
	struct names *m;
	const char *entry; /* the variant's entry point: sb_f32_... */
	int found;         /* ... has been defined */
};

static void take_name(struct parse *p, struct decl *d)
{
	if (d->named || d->last_ident == NONE)
		return;
	const struct token *t = &p->u->tok[d->last_ident];
	names_add(p->m, p->u->text + t->off, t->len, 0);
	d->named = 1;
	d->names++;
}

static void drop_span(struct unit *u, size_t first, size_t last)
{
	for (size_t k = first; k <= last; k++)
		u->tok[k].drop = 1;
	if (last + 1 < u->ntok && u->tok[last + 1].kind == TK_SPACE && u->text[u->tok[last + 1].off] == '\n')
		u->tok[last + 1].skip = 1;
}

static int tok_is_macro(const struct parse *p, size_t k)
{
	const struct token *t = &p->u->tok[k];
	size_t i = t->kind == TK_IDENT ? names_index(p->m, p->u->text + t->off, t->len) : NONE;
	return i != NONE && p->m->macro[i];
}

/* A function definition: the entry point becomes static inline, a static
 * one gets inline; one whose storage class is a macro (SB_V, SBK: static
 * inline already) stays; anything else would be defined in every file
 * that includes the header. */
static void finish_function(struct parse *p, struct decl *d)
{
	struct unit *u = p->u;
	if (d->fname == NONE)
		sb_fail("export: %s: a function definition without a name?", u->path);
	const struct token *t = &u->tok[d->fname];
	const char *name = u->text + t->off;
	if (t->len == strlen(p->entry) && strncmp(name, p->entry, t->len) == 0) {
		if (d->is_static || p->found)
			sb_fail("export: %s: the entry point %s is static or defined twice", u->path, p->entry);
		u->tok[d->first].before = "static inline ";
		p->found = 1;
	} else if (d->is_static && !d->is_inline) {
		u->tok[d->static_tok].after = " inline";
	} else if (!d->is_static && !tok_is_macro(p, d->first)) {
		sb_fail("export: %s: external function %.*s is not the entry point %s; cannot export it",
			u->path, (int)t->len, name, p->entry);
	}
}

/* The declaration ends at token `last`: decide what it becomes. */
static void finish_decl(struct parse *p, struct decl *d, size_t last)
{
	if (d->body)
		finish_function(p, d);
	else if (d->is_extern || (d->paren && !d->is_static && !d->is_typedef))
		drop_span(p->u, d->first, last); /* the table's extern; a prototype */
	else if (!d->is_static && !d->is_typedef && d->names && !tok_is_macro(p, d->first))
		p->u->tok[d->first].before = "static "; /* the shared table */
}

static void decl_reset(struct decl *d, size_t first)
{
	memset(d, 0, sizeof *d);
	d->first = first;
	d->static_tok = d->last_ident = d->fname = NONE;
}

/* An identifier at depth 0: a specifier, or perhaps the name declared. */
static void decl_ident(const struct parse *p, struct decl *d, size_t k)
{
	const struct unit *u = p->u;
	if (tok_is(u, k, "static")) {
		d->is_static = 1;
		d->static_tok = k;
	} else if (tok_is(u, k, "inline")) {
		d->is_inline = 1;
	} else if (tok_is(u, k, "extern")) {
		d->is_extern = 1;
	} else if (tok_is(u, k, "typedef")) {
		d->is_typedef = 1;
	} else if (tok_is(u, k, "enum")) {
		/* enumerators would need prefixing too; no template has one */
		sb_fail("export: %s: top-level enum not supported", u->path);
	} else if (tok_is(u, k, "__attribute__")) {
		d->attr = 1; /* its (( )) is no declarator */
	} else {
		d->last_ident = k;
	}
}

/* Punctuation at depth 0: the identifier before the first of ( [ = , ;
 * is a declarator's name; { opens a body, a struct or an initializer.
 * Returns 1 at the ';' that ends the declaration. */
static int decl_punct(struct parse *p, struct decl *d, char c, int *depth)
{
	switch (c) {
	case '(':
		if (d->attr) {
			d->attr = 0;
		} else if (!d->named) {
			d->fname = d->last_ident;
			d->paren = 1;
			take_name(p, d);
		}
		(*depth)++;
		return 0;
	case '[':
		take_name(p, d);
		(*depth)++;
		return 0;
	case '=':
		take_name(p, d);
		d->eq = 1;
		return 0;
	case ',':
		take_name(p, d);
		d->named = 0;
		d->last_ident = NONE;
		return 0;
	case ';':
		take_name(p, d);
		return 1;
	case '{':
		if (d->paren && !d->eq) {
			d->body = 1;
		} else if (!d->eq && d->last_ident != NONE) { /* struct TAG { */
			const struct token *tag = &p->u->tok[d->last_ident];
			names_add(p->m, p->u->text + tag->off, tag->len, 0);
			d->last_ident = NONE;
		}
		(*depth)++;
		return 0;
	default:
		return 0;
	}
}

/* A token at depth 0 of a declaration; returns 1 when it ends it. */
static int decl_token(struct parse *p, struct decl *d, size_t k, int *depth)
{
	const struct token *t = &p->u->tok[k];
	if (t->kind == TK_IDENT)
		decl_ident(p, d, k);
	else if (t->kind == TK_PUNCT && t->len == 1)
		return decl_punct(p, d, p->u->text[t->off], depth);
	return 0;
}

/* Walk the unit's top-level declarations: collect their names and mark the
 * edits (finish_decl). */
static void parse_unit(struct parse *p)
{
	struct unit *u = p->u;
	struct decl d;
	int depth = 0, open = 0;
	for (size_t k = 0; k < u->ntok; k++) {
		const struct token *t = &u->tok[k];
		if (t->kind == TK_SPACE || t->kind == TK_DIRECTIVE)
			continue;
		if (!open) {
			decl_reset(&d, k);
			open = 1;
		}
		if (depth == 0) {
			if (decl_token(p, &d, k, &depth)) {
				finish_decl(p, &d, k);
				open = 0;
			}
			continue;
		}
		char c = t->kind == TK_PUNCT && t->len == 1 ? u->text[t->off] : 0;
		if (c == '(' || c == '[' || c == '{')
			depth++;
		else if (c == ')' || c == ']' || c == '}')
			depth--;
		if (depth == 0 && c == '}' && d.body) {
			finish_decl(p, &d, k);
			open = 0;
		}
	}
	if (open || depth)
		sb_fail("export: %s: unbalanced braces or a declaration without ';'", u->path);
}

/* ---- writing the code ---- */

static void put_renamed(struct sbuf *out, const struct names *m, const char *s, size_t len)
{
	size_t i = names_index(m, s, len);
	if (i != NONE)
		buf_str(out, m->repl[i]);
	else
		buf_put(out, s, len);
}

/* A directive with its identifiers renamed (#define F(v) ... -> #define X_F(v) ...). */
static void emit_directive(struct sbuf *out, const struct names *m, const char *s, size_t len)
{
	char *d = xstrndup(s, len);
	for (size_t i = 0; d[i];) {
		enum tk kind;
		size_t n = lex_one(d, i, 1, &kind);
		if (kind == TK_IDENT)
			put_renamed(out, m, d + i, n);
		else
			buf_put(out, d + i, n);
		i += n;
	}
	free(d);
}

static void emit_unit(struct sbuf *out, const struct unit *u, const struct names *m)
{
	for (size_t k = 0; k < u->ntok; k++) {
		const struct token *t = &u->tok[k];
		const char *s = u->text + t->off + t->skip;
		size_t len = t->len - t->skip;
		if (t->drop)
			continue;
		if (t->before)
			buf_str(out, t->before);
		if (t->kind == TK_IDENT)
			put_renamed(out, m, s, len);
		else if (t->kind == TK_DIRECTIVE)
			emit_directive(out, m, s, len);
		else
			buf_put(out, s, len);
		if (t->after)
			buf_str(out, t->after);
	}
}

/* The generated file's own opening comment (DO NOT EDIT ... generate.py)
 * would mislead in the export: it gives way to where the code comes from. */
static void replace_file_comment(struct unit *u, const char *label)
{
	if (u->ntok == 0 || u->tok[0].kind != TK_SPACE || strncmp(u->text, "/*", 2) != 0)
		return;
	size_t end = skip_comment(u->text, 0);
	char *first = xstrndup(u->text, end);
	if (strstr(first, "DO NOT EDIT") && end <= u->tok[0].len) {
		u->tok[0].before = label;
		u->tok[0].skip = end;
	}
	free(first);
}

/* ---- the variant's sources ---- */

struct sources {
	struct unit unit[4]; /* simd_h, data_h, data_c, source: the order they are needed in */
	char label[4][300];
	int n;
	struct names names;
	struct includes inc;
	char pub[160];       /* sigmoid_f32_... */
	char priv[16];       /* sbx1a2b3c_: the private names' prefix */
	char limits[2048];   /* the variant's limits, from its file comment */
	char fitted[512];    /* its "fitted" line there, if any */
};

static char *read_generated(const char *rel)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/generated/%s", SB_SOURCE_DIR, rel);
	char *text = sb_read_text(path);
	if (!text)
		sb_fail("export: cannot read generated source '%s': %s (sigbench reads generated/ "
			"from the source tree it was built from)", path, strerror(errno));
	return text;
}

/* text (NULL: read it) joins the header as a unit */
static void add_unit(struct sources *s, const char *rel, char *text)
{
	struct unit *u = &s->unit[s->n];
	snprintf(u->path, sizeof u->path, "%s", rel);
	u->text = text ? text : read_generated(rel);
	snprintf(s->label[s->n], sizeof s->label[s->n], "\n/* ---- from generated/%s ---- */", rel);
	tokenize(u);
	s->n++;
}

static int includes_file(const char *text, const char *rel)
{
	char pat[300];
	if (!rel)
		return 0;
	snprintf(pat, sizeof pat, "#include \"%s\"", rel);
	return strstr(text, pat) != NULL;
}

/* The files the variant's code needs, in the order it needs them: the SIMD
 * operations and the table only if its .c includes them (the registry
 * names the ISA's SIMD header also for the hand-written kernels). */
static void add_units(struct sources *s, const struct sb_variant *v)
{
	char *src = read_generated(v->source);
	if (includes_file(src, v->simd_h))
		add_unit(s, v->simd_h, NULL);
	if (includes_file(src, v->data_h)) {
		if (!v->data_c)
			sb_fail("export: %s includes %s but the registry names no table", v->source, v->data_h);
		add_unit(s, v->data_h, NULL);
		add_unit(s, v->data_c, NULL);
	}
	add_unit(s, v->source, src);
}

/* The entries under "limits" in the variant's file comment (the limits
 * sigbench's CI holds it to) and its "fitted" line (a fitted family's
 * bound): the lines after "limits" up to "measured" (this header quotes
 * the results itself). */
static void extract_limits(struct sources *s, const char *text)
{
	const char *end = strstr(text, "*/");
	const char *p = strstr(text, "\n * limits");
	size_t n = 0;
	s->limits[0] = s->fitted[0] = '\0';
	if (!p || !end || p > end)
		return;
	for (p = strchr(p + 1, '\n'); p && p + 1 < end; p = strchr(p + 1, '\n')) {
		int len = (int)strcspn(p + 1, "\n") + 1;
		if (strncmp(p + 1, " * measured", 11) == 0 || strncmp(p + 1, " */", 3) == 0)
			break;
		if (strncmp(p + 1, " * fitted", 9) == 0)
			snprintf(s->fitted, sizeof s->fitted, "%.*s", len, p + 1);
		else if (n + (size_t)len < sizeof s->limits)
			n += (size_t)snprintf(s->limits + n, sizeof s->limits - n, "%.*s", len, p + 1);
	}
}

/* sb_f32_maclaurin_d9_exp0p5_scalar for f32-maclaurin-d9-exp0.5-scalar, as
 * the generator names it (spec.cname). */
static void c_name(const char *name, const char *prefix, char *out, size_t size)
{
	size_t n = (size_t)snprintf(out, size, "%s", prefix);
	for (const char *c = name; *c && n + 1 < size; c++)
		out[n++] = *c == '-' ? '_' : *c == '.' ? 'p' : *c;
	out[n] = '\0';
}

/* sbx + 24 bits of FNV-1a of the name: short enough to keep the code
 * readable, stable across versions, distinct per variant (the test compiles
 * every exported header into one file). */
static void private_prefix(const char *name, char *out, size_t size)
{
	uint32_t h = 2166136261u;
	for (const char *c = name; *c; c++)
		h = (h ^ (unsigned char)*c) * 16777619u;
	snprintf(out, size, "sbx%06x_", (unsigned)(h & 0xFFFFFF));
}

/* Parse every unit: names to prefix, includes to hoist, edits to make. */
static void parse_units(struct sources *s, const char *entry)
{
	const char *known[5] = { NULL };
	for (int i = 0; i < s->n; i++)
		known[i] = s->unit[i].path;
	for (int i = 0; i < s->n; i++) {
		struct unit *u = &s->unit[i];
		size_t len = strlen(u->path);
		if (len > 2 && strcmp(u->path + len - 2, ".h") == 0)
			drop_include_guard(u);
		replace_file_comment(u, s->label[i]);
		scan_directives(u, &s->inc, &s->names, known);
		struct parse p = { .u = u, .m = &s->names, .entry = entry };
		parse_unit(&p);
		if (i == s->n - 1 && !p.found)
			sb_fail("export: %s defines no function %s; cannot export it", u->path, entry);
	}
}

static void load_sources(struct sources *s, const struct sb_variant *v)
{
	char entry[160];
	memset(s, 0, sizeof *s);
	c_name(v->name, "sigmoid_", s->pub, sizeof s->pub);
	c_name(v->name, "sb_", entry, sizeof entry);
	private_prefix(v->name, s->priv, sizeof s->priv);
	add_units(s, v);
	extract_limits(s, s->unit[s->n - 1].text);
	parse_units(s, entry);
	/* the entry point becomes the API, every other name gets the private prefix */
	for (size_t i = 0; i < s->names.n; i++) {
		char r[512];
		if (strcmp(s->names.name[i], entry) == 0)
			snprintf(r, sizeof r, "%s", s->pub);
		else
			snprintf(r, sizeof r, "%s%s", s->priv, s->names.name[i]);
		s->names.repl[i] = xstrndup(r, strlen(r));
	}
	qsort(s->inc.name, s->inc.n, sizeof s->inc.name[0], cmp_str);
}

static void free_sources(struct sources *s)
{
	for (int i = 0; i < s->n; i++) {
		free(s->unit[i].text);
		free(s->unit[i].tok);
	}
	for (size_t i = 0; i < s->names.n; i++) {
		free(s->names.name[i]);
		free(s->names.repl[i]);
	}
	free(s->names.name);
	free(s->names.repl);
	free(s->names.macro);
	for (size_t i = 0; i < s->inc.n; i++)
		free(s->inc.name[i]);
}

/* ---- recent results ---- */

#define MAXROWS 16

/* The rows of one CSV file that belong to one variant. */
struct table {
	char head[4096];
	char *hdr[SB_CSV_MAXCOL];
	int nh;
	char line[MAXROWS][4096];
	char *col[MAXROWS][SB_CSV_MAXCOL];
	int nrows;
	char why[300]; /* why there is nothing: "no results/throughput.csv" */
};


static const char *field(const struct table *t, int row, const char *name)
{
	int i = sb_csv_column(t->hdr, t->nh, name);
	return i < 0 ? NULL : t->col[row][i];
}

/* Read DIR/FILE's rows for variant NAME; none (and t->why) if the file is
 * missing or not what it should be: the export then says "not measured". */
static void read_table(struct table *t, const char *dir, const char *shown, const char *file,
		       const char *name)
{
	char path[4096 + 64];
	snprintf(path, sizeof path, "%s/%s", dir, file);
	t->nrows = 0;
	t->nh = 0;
	FILE *f = fopen(path, "r");
	if (!f || !fgets(t->head, sizeof t->head, f) || (t->nh = sb_csv_split(t->head, t->hdr)) < 1 ||
	    strcmp(t->hdr[0], "variant") != 0) {
		snprintf(t->why, sizeof t->why, "no %s/%s", shown, file);
		t->nh = 0;
		if (f)
			fclose(f);
		return;
	}
	while (t->nrows < MAXROWS && fgets(t->line[t->nrows], sizeof t->line[0], f)) {
		char *l = t->line[t->nrows];
		size_t n = strlen(name);
		if (strncmp(l, name, n) != 0 || l[n] != ',')
			continue;
		if (sb_csv_split(l, t->col[t->nrows]) == t->nh)
			t->nrows++;
	}
	fclose(f);
	snprintf(t->why, sizeof t->why, "no row for it in %s/%s", shown, file);
}

static int find_row(const struct table *t, const char *column, const char *value)
{
	for (int r = 0; r < t->nrows; r++) {
		const char *f = field(t, r, column);
		if (f && strcmp(f, value) == 0)
			return r;
	}
	return -1;
}

/* "value" of a column, or "?" if the file lacks it */
static const char *fv(const struct table *t, int row, const char *name)
{
	const char *f = field(t, row, name);
	return f ? f : "?";
}


static void accuracy_row(struct sbuf *b, const struct table *t, int r, const char *what)
{
	buf_fmt(b, " *     %s: max %s ULP at x = %s (got %s, want %s);\n", what, fv(t, r, "max_ulp"),
		fv(t, r, "worst_x"), fv(t, r, "worst_got"), fv(t, r, "worst_want"));
	buf_fmt(b, " *         max abs err %s at x = %s; %s%% correctly rounded\n", fv(t, r, "max_abs"),
		fv(t, r, "max_abs_x"), fv(t, r, "cr_pct"));
}

static void write_accuracy(struct sbuf *b, const char *dir, const char *shown, const struct sb_variant *v)
{
	struct table *t = sb_xcalloc(1, sizeof *t);
	read_table(t, dir, shown, "accuracy.csv", v->name);
	int all = find_row(t, "interval", "all"), dom = find_row(t, "interval", "domain");
	if (all < 0) {
		buf_fmt(b, " * accuracy   not measured (%s)\n", t->why);
		free(t);
		return;
	}
	buf_fmt(b, " * accuracy   %s/accuracy.csv, %s; error in ULP of the\n"
		   " *            exact value (sigbench README \"How errors are measured\"):\n", shown,
		fv(t, all, "sweep"));
	accuracy_row(b, t, all, "all inputs");
	if (dom >= 0) {
		char what[160];
		snprintf(what, sizeof what, "its domain [%s, %s]", fv(t, dom, "x_lo"), fv(t, dom, "x_hi"));
		accuracy_row(b, t, dom, what);
	} else {
		buf_str(b, " *     its domain: all inputs (above)\n");
	}
	free(t);
}

static void write_speed(struct sbuf *b, const char *dir, const char *shown, const struct sb_variant *v)
{
	struct table *t = sb_xcalloc(1, sizeof *t);
	read_table(t, dir, shown, "throughput.csv", v->name);
	int r4 = find_row(t, "n", "4096"), r64 = find_row(t, "n", "65536");
	if (r4 < 0 && r64 < 0) {
		buf_fmt(b, " * throughput not measured (%s)\n", t->why);
		free(t);
		return;
	}
	buf_fmt(b, " * throughput %s/throughput.csv: median ns per element of batch calls, one\n"
		   " *            thread; x R = R times the time of f32-exact-scalar in the same run:\n", shown);
	const int rows[2] = { r4, r64 };
	const char *sizes[2] = { "4096", "65536" };
	for (int i = 0; i < 2; i++)
		if (rows[i] < 0)
			buf_fmt(b, " *     n = %s: not measured\n", sizes[i]);
		else
			buf_fmt(b, " *     n = %s: %s ns (x %s)\n", sizes[i], fv(t, rows[i], "median_ns"),
				fv(t, rows[i], "ratio_to_exact_f32"));
	int r = r4 >= 0 ? r4 : r64;
	char path[4096 + 64], cmd[256] = "sigbench run";
	snprintf(path, sizeof path, "%s/results.json", dir);
	char *json = sb_read_text(path);
	sb_json_string(json, "command", cmd, sizeof cmd);
	free(json);
	buf_fmt(b, " *     measured on %s, sigbench %s, %s,\n"
		   " *     by `%s` (sigbench README command 1: bash ci/run-default.sh)\n",
		fv(t, r, "cpu"), fv(t, r, "commit"), fv(t, r, "date"), cmd);
	free(t);
}

/* ---- the header ---- */

static void write_domain(struct sbuf *b, const struct sb_variant *v)
{
	if (v->dom_lo == -INFINITY && v->dom_hi == INFINITY)
		buf_str(b, " * domain     all inputs\n");
	else
		buf_fmt(b, " * domain     [%g, %g] (what it is made for; it accepts any input)\n", v->dom_lo,
			v->dom_hi);
}

static void write_isa(struct sbuf *b, const struct sb_variant *v)
{
	if (!*v->cflags)
		buf_fmt(b, " * ISA        %s: portable C, no flags needed\n", v->isa);
	else
		buf_fmt(b, " * ISA        %s (CPU features %s): compile with\n *            %s\n", v->isa,
			v->features, v->cflags);
}

static void write_comment(struct sbuf *b, const struct sources *s, const struct sb_variant *v,
			  const char *dir, const char *shown)
{
	struct sb_context ctx;
	sb_context_get(&ctx);
	const char *T = v->prec == SB_F32 ? "float" : "double";
	buf_fmt(b, "/*\n * %s.h: the logistic sigmoid 1/(1+exp(-x)),\n"
		   " * sigbench variant %s as a standalone header (nothing to link but libm).\n *\n",
		s->pub, v->name);
	buf_fmt(b, " * DO NOT EDIT: generated by `sigbench export %s`\n"
		   " * (sigbench %s) from these files of its source tree:\n", v->name, ctx.commit);
	for (int i = 0; i < s->n; i++)
		buf_fmt(b, " *   generated/%s\n", s->unit[i].path);
	buf_str(b, " * Export it again rather than editing it.\n *\n");
	buf_fmt(b, " *   static inline void %s(const %s *x, %s *y, size_t n);\n", s->pub, T, T);
	buf_str(b, " *       y[i] = sigmoid(x[i]) for i < n, any n and alignment, y == x allowed;\n"
		   " *       reads only x[0..n), writes only y[0..n)\n");
	buf_fmt(b, " *   static inline %s %s_1(%s x);\n *       one element (the batch on an array of one)\n *\n",
		T, s->pub, T);
	buf_str(b, " * Bit-identical to the variant in sigbench: compile without -ffast-math (an\n"
		   " * #error checks); floating-point contraction is switched off inside this file.\n");
	buf_fmt(b, " * Its private names start with %s (from the variant's name), so the\n"
		   " * headers of several variants can share a file.\n *\n", s->priv);
	buf_fmt(b, " * variant    %s\n * family     %s: %s\n * params     %s\n * precision  %s (%s)\n",
		v->name, v->family, v->summary, *v->params ? v->params : "(none)",
		v->prec == SB_F32 ? "f32" : "f64", T);
	write_isa(b, v);
	write_domain(b, v);
	buf_str(b, s->fitted);
	if (s->limits[0]) {
		buf_str(b, " * limits     sigbench's CI holds it to (generator/limits.txt):\n");
		buf_str(b, s->limits);
	}
	write_accuracy(b, dir, shown, v);
	write_speed(b, dir, shown, v);
	buf_str(b, " */\n");
}

/* "#error" unless every -mFEATURE of the variant's flags is on. */
static void write_isa_guard(struct sbuf *b, const struct sources *s, const struct sb_variant *v)
{
	char flags[256];
	snprintf(flags, sizeof flags, "%s", v->cflags);
	int n = 0;
	char *save;
	for (char *f = strtok_r(flags, " ", &save); f; f = strtok_r(NULL, " ", &save)) {
		if (strncmp(f, "-m", 2) != 0 || strchr(f, '='))
			continue;
		buf_str(b, n++ ? " || !defined(__" : "#if !defined(__");
		for (const char *c = f + 2; *c; c++)
			buf_fmt(b, "%c", *c == '.' || *c == '-' ? '_' : toupper((unsigned char)*c));
		buf_str(b, "__)");
	}
	if (n)
		buf_fmt(b, "\n#error \"%s.h needs %s: compile with %s (or an -march that has them)\"\n#endif\n",
			s->pub, v->features, v->cflags);
}

static void write_guards(struct sbuf *b, const struct sources *s, const struct sb_variant *v)
{
	write_isa_guard(b, s, v);
	buf_fmt(b, "#if defined(__FAST_MATH__) || (defined(__FINITE_MATH_ONLY__) && __FINITE_MATH_ONLY__)\n"
		   "#error \"%s.h: -ffast-math (or -ffinite-math-only) changes its results\"\n#endif\n", s->pub);
	/* x87 excess precision (i386) would round differently */
	buf_fmt(b, "#if defined(__FLT_EVAL_METHOD__) && __FLT_EVAL_METHOD__ != 0\n"
		   "#error \"%s.h needs FLT_EVAL_METHOD 0 (SSE arithmetic, not x87)\"\n#endif\n\n", s->pub);
}

/* The code was measured with -ffp-contract=off: a*b+c stays two roundings.
 * gcc contracts by default outside ISO mode, clang even in it, wherever FMA
 * exists; these pragmas hold the file to what was measured.  gcc's costs a
 * function call (it does not inline across differing options), so it is
 * used only where contraction is possible at all. */
static const char contract_off[] =
	"/* a*b+c stays two roundings, as measured (no FP contraction in this file) */\n"
	"#if defined(__clang__)\n"
	"#pragma float_control(push)\n"
	"#pragma STDC FP_CONTRACT OFF\n"
	"#elif defined(__GNUC__) && (defined(__FP_FAST_FMA) || defined(__FP_FAST_FMAF))\n"
	"#pragma GCC push_options\n"
	"#pragma GCC optimize(\"fp-contract=off\")\n"
	"#endif\n\n";
static const char contract_pop[] =
	"#if defined(__clang__)\n"
	"#pragma float_control(pop)\n"
	"#elif defined(__GNUC__) && (defined(__FP_FAST_FMA) || defined(__FP_FAST_FMAF))\n"
	"#pragma GCC pop_options\n"
	"#endif\n";

static void write_one(struct sbuf *b, const struct sources *s, const struct sb_variant *v)
{
	const char *T = v->prec == SB_F32 ? "float" : "double";
	buf_fmt(b, "\n/* one element: the batch on an array of one (its tail path: masked or\n"
		   " * buffered, never touching memory past it) */\n"
		   "static inline %s %s_1(%s x)\n{\n\t%s y;\n\t%s(&x, &y, 1);\n\treturn y;\n}\n\n",
		T, s->pub, T, T, s->pub);
}

/* Without the dropped includes and guards, runs of blank lines remain:
 * at most one blank line in a row. */
static void put_collapsed(struct sbuf *b, const char *s)
{
	for (; *s; s++)
		if (!(*s == '\n' && b->len >= 2 && b->p[b->len - 1] == '\n' && b->p[b->len - 2] == '\n'))
			buf_put(b, s, 1);
}

static void write_header(struct sbuf *b, const struct sources *s, const struct sb_variant *v,
			 const char *dir, const char *shown)
{
	char guard[200];
	size_t n = 0;
	for (const char *c = s->pub; *c && n + 3 < sizeof guard; c++)
		guard[n++] = (char)toupper((unsigned char)*c);
	snprintf(guard + n, sizeof guard - n, "_H");
	write_comment(b, s, v, dir, shown);
	buf_fmt(b, "#ifndef %s\n#define %s\n\n", guard, guard);
	write_guards(b, s, v);
	for (size_t i = 0; i < s->inc.n; i++)
		buf_fmt(b, "#include <%s>\n", s->inc.name[i]);
	buf_str(b, "\n");
	buf_str(b, contract_off);
	struct sbuf code = { 0 };
	for (int i = 0; i < s->n; i++)
		emit_unit(&code, &s->unit[i], &s->names);
	write_one(&code, s, v);
	put_collapsed(b, code.p);
	free(code.p);
	for (size_t i = 0; i < s->names.n; i++)
		if (s->names.macro[i])
			buf_fmt(b, "#undef %s\n", s->names.repl[i]);
	buf_str(b, contract_pop);
	buf_fmt(b, "\n#endif /* %s */\n", guard);
}

/* ---- the command ---- */

/* Take the variant name (the one argument that is not an option) out of argv. */
static const char *take_name_arg(int *argc, char **argv)
{
	const char *name = NULL;
	int out = 2;
	for (int i = 2; i < *argc; i++) {
		const char *a = argv[i];
		int takes_value = strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0 ||
				  strcmp(a, "--results") == 0;
		if (a[0] != '-' && !name) {
			name = a;
			continue;
		}
		if (a[0] != '-')
			sb_fail("export: one variant at a time ('%s' and '%s' given)", name, a);
		argv[out++] = argv[i];
		if (takes_value && i + 1 < *argc)
			argv[out++] = argv[++i];
	}
	*argc = out;
	return name;
}

/* -o FILE as directory and file name; an existing directory gets the default name. */
static void output_path(const char *output, const char *pub, char *dir, char *file, size_t size)
{
	struct stat st;
	if (!output || (stat(output, &st) == 0 && S_ISDIR(st.st_mode))) {
		snprintf(dir, size, "%s", output ? output : ".");
		for (size_t n = strlen(dir); n > 1 && dir[n - 1] == '/';)
			dir[--n] = '\0';
		snprintf(file, size, "%s.h", pub);
		return;
	}
	const char *slash = strrchr(output, '/');
	if (slash && !slash[1])
		sb_fail("export: -o '%s' names a directory that does not exist", output);
	if (slash)
		snprintf(dir, size, "%.*s", (int)(slash == output ? 1 : slash - output), output);
	else
		snprintf(dir, size, ".");
	snprintf(file, size, "%s", slash ? slash + 1 : output);
}

static const char usage[] =
	"usage: sigbench export NAME [-o FILE.h] [--results DIR]\n"
	"Write registry variant NAME as one standalone header-only C file (default\n"
	"./sigmoid_NAME.h, '-' and '.' in NAME becoming '_' and 'p'; -o - writes to stdout):\n"
	"static inline void sigmoid_NAME(const T *x, T *y, size_t n) and T sigmoid_NAME_1(T x),\n"
	"tables included, bit-identical to the variant, with its accuracy and speed from\n"
	"DIR/accuracy.csv and DIR/throughput.csv (default: the source tree's results/).\n"
	"Peers (other libraries) cannot be exported.";

static const struct sb_variant *export_variant(const char *name)
{
	if (!name)
		sb_fail("export needs a variant NAME (sigbench list shows them)");
	const struct sb_variant *v = sb_find_variant(name);
	if (!v)
		sb_fail("export: no variant '%s' (sigbench list shows them)", name);
	if (v->peer)
		sb_fail("export: %s is a peer (%s): its code is another library's, not ours to export",
			name, v->peer);
	if (!v->source || !v->cflags)
		sb_fail("export: %s has no generated source", name);
	return v;
}

static void results_dir(const char *given, char *dir, char *shown, size_t size)
{
	struct stat st;
	if (given && (stat(given, &st) != 0 || !S_ISDIR(st.st_mode)))
		sb_fail("export: --results '%s' is not a directory", given);
	snprintf(dir, size, "%s", given ? given : SB_SOURCE_DIR "/results");
	snprintf(shown, size, "%s", given ? given : "results");
}

int sb_cmd_export(int argc, char **argv)
{
	struct sb_cli c;
	const char *name = take_name_arg(&argc, argv);
	sb_cli_init(&c, "export");
	sb_cli_parse(&c, argc, argv, OPTBIT(OPT_OUTPUT) | OPTBIT(OPT_RESULTS) | OPTBIT(OPT_HELP), usage);
	const struct sb_variant *v = export_variant(name);
	char rdir[4096], shown[4096], dir[4096], file[4096];
	results_dir(c.results, rdir, shown, sizeof rdir);
	struct sources *s = sb_xcalloc(1, sizeof *s);
	load_sources(s, v);
	int to_stdout = c.output && strcmp(c.output, "-") == 0;
	if (!to_stdout) {
		output_path(c.output, s->pub, dir, file, sizeof dir);
		sb_outdir_prepare(dir); /* fails (exit 2) before any work if unwritable */
	}
	struct sbuf b = { 0 };
	write_header(&b, s, v, rdir, shown);
	if (to_stdout) {
		if (fputs(b.p, stdout) < 0 || fflush(stdout) != 0)
			sb_fail("export: cannot write the header to standard output");
	} else {
		FILE *f = sb_outfile_open(dir, file);
		fputs(b.p, f);
		sb_outfile_commit_all();
		printf("wrote %s/%s\n", dir, file);
	}
	free(b.p);
	free_sources(s);
	free(s);
	return 0;
}
