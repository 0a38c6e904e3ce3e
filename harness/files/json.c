#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "files/json.h"

#define MAX_DEPTH 64 /* results.json nests 5 deep; a bound keeps the recursion safe */

struct parser {
	const char *s, *p;
	const char *path;
	struct sb_error *e;
	int failed;
};

static void fail_at(struct parser *ps, const char *what)
{
	if (!ps->failed)
		sb_error_set(ps->e, "%s: offset %zu: %s", ps->path, (size_t)(ps->p - ps->s), what);
	ps->failed = 1;
}

static void skip_space(struct parser *ps)
{
	ps->p += strspn(ps->p, " \t\r\n");
}

static int eat(struct parser *ps, char c)
{
	skip_space(ps);
	if (*ps->p != c)
		return 0;
	ps->p++;
	return 1;
}

/* A string's text after its opening quote, unescaped; NULL on error.  A
 * \u escape above 0x7f becomes '?' (results.json escapes only controls). */
static char *string(struct parser *ps)
{
	size_t cap = 32, n = 0;
	char *out = sb_xmalloc(cap);
	for (;;) {
		char c = *ps->p++;
		if (c == '"')
			break;
		if (c == '\0' || (unsigned char)c < 0x20) {
			ps->p--;
			fail_at(ps, "unterminated string");
			free(out);
			return NULL;
		}
		if (c == '\\') {
			static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
			const char *k = *ps->p ? strchr(from, *ps->p) : NULL;
			if (k) {
				c = to[k - from];
				ps->p++;
			} else if (*ps->p == 'u' && strspn(ps->p + 1, "0123456789abcdefABCDEF") >= 4) {
				long u = strtol((char[5]){ ps->p[1], ps->p[2], ps->p[3], ps->p[4], 0 }, NULL, 16);
				c = u < 0x80 ? (char)u : '?';
				ps->p += 5;
			} else {
				fail_at(ps, "bad escape in a string");
				free(out);
				return NULL;
			}
		}
		if (n + 2 > cap)
			out = sb_xrealloc(out, cap *= 2);
		out[n++] = c;
	}
	out[n] = '\0';
	return out;
}

static void value(struct parser *ps, struct sb_json *j, int depth);

/* The members or elements up to close, after the opening bracket. */
static void children(struct parser *ps, struct sb_json *j, char close, int depth)
{
	size_t cap = 0;
	if (eat(ps, close))
		return;
	do {
		if (j->nkids == cap)
			j->kids = sb_xrealloc(j->kids, (cap = cap ? 2 * cap : 8) * sizeof *j->kids);
		struct sb_json *k = &j->kids[j->nkids++];
		memset(k, 0, sizeof *k);
		if (close == '}') {
			if (!eat(ps, '"') || !(k->key = string(ps)) || !eat(ps, ':')) {
				fail_at(ps, "expected \"name\": in an object");
				return;
			}
		}
		value(ps, k, depth + 1);
	} while (!ps->failed && eat(ps, ','));
	if (!ps->failed && !eat(ps, close))
		fail_at(ps, close == '}' ? "expected , or }" : "expected , or ]");
}

static void literal(struct parser *ps, struct sb_json *j)
{
	static const struct {
		const char *word;
		enum sb_json_type type;
		double num;
	} words[] = { { "null", SB_JSON_NULL, 0 }, { "true", SB_JSON_BOOL, 1 }, { "false", SB_JSON_BOOL, 0 } };
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strncmp(ps->p, words[i].word, strlen(words[i].word)) == 0) {
			ps->p += strlen(words[i].word);
			j->type = words[i].type;
			j->num = words[i].num;
			return;
		}
	char *end;
	j->num = strtod(ps->p, &end);
	if (end == ps->p || strchr("-0123456789", *ps->p) == NULL)
		fail_at(ps, "expected a value");
	j->type = SB_JSON_NUM;
	ps->p = end;
}

static void value(struct parser *ps, struct sb_json *j, int depth)
{
	if (depth > MAX_DEPTH) {
		fail_at(ps, "nested too deep");
		return;
	}
	skip_space(ps);
	if (eat(ps, '{')) {
		j->type = SB_JSON_OBJ;
		children(ps, j, '}', depth);
	} else if (eat(ps, '[')) {
		j->type = SB_JSON_ARR;
		children(ps, j, ']', depth);
	} else if (eat(ps, '"')) {
		j->type = SB_JSON_STR;
		j->str = string(ps);
	} else {
		literal(ps, j);
	}
}

static void free_kids(struct sb_json *j)
{
	for (size_t i = 0; i < j->nkids; i++)
		free_kids(&j->kids[i]);
	free(j->kids);
	free(j->str);
	free(j->key);
}

void sb_json_free(struct sb_json *j)
{
	if (!j)
		return;
	free_kids(j);
	free(j);
}

struct sb_json *sb_json_parse(const char *text, const char *path, struct sb_error *e)
{
	struct parser ps = { text, text, path, e, 0 };
	struct sb_json *j = sb_xcalloc(1, sizeof *j);
	value(&ps, j, 0);
	skip_space(&ps);
	if (!ps.failed && *ps.p)
		fail_at(&ps, "text after the value");
	if (!ps.failed)
		return j;
	sb_json_free(j);
	return NULL;
}

const struct sb_json *sb_json_get(const struct sb_json *j, const char *key)
{
	if (!j || j->type != SB_JSON_OBJ)
		return NULL;
	for (size_t i = 0; i < j->nkids; i++)
		if (strcmp(j->kids[i].key, key) == 0)
			return &j->kids[i];
	return NULL;
}

double sb_json_num(const struct sb_json *j)
{
	static const struct {
		const char *name;
		double v;
	} special[] = { { "inf", INFINITY }, { "-inf", -INFINITY } };
	if (j && (j->type == SB_JSON_NUM || j->type == SB_JSON_BOOL))
		return j->num;
	for (size_t i = 0; j && j->type == SB_JSON_STR && i < 2; i++)
		if (strcmp(j->str, special[i].name) == 0)
			return special[i].v;
	return NAN; /* "nan", and anything that is not a number */
}

const char *sb_json_str(const struct sb_json *j)
{
	return j && j->type == SB_JSON_STR && j->str ? j->str : "";
}
