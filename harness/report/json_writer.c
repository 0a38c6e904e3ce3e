#include <math.h>

#include "base/util.h"
#include "report/json_writer.h"

void sb_jw_write_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

void sb_jw_write_number(FILE *f, double v)
{
	if (isnan(v))
		fputs("\"nan\"", f);
	else if (isinf(v))
		fputs(v > 0 ? "\"inf\"" : "\"-inf\"", f);
	else
		fprintf(f, "%.17g", v);
}

void sb_jw_start(struct sb_jw *j, FILE *f)
{
	*j = (struct sb_jw){ .f = f };
}

/* One item a line where that reads and diffs well: the items of the outer
 * object or array, of an array inside it, and every nested container that
 * is not deep inside a record. */
static int breaks_line(const struct sb_jw *j, int container)
{
	return j->depth == 1 || (j->depth == 2 && j->in_array[2]) || (container && j->depth <= 3);
}

/* The separator, the line break and the key. */
static void item(struct sb_jw *j, const char *key, int container)
{
	if (j->depth > 0) {
		fputs(j->has_items[j->depth] ? "," : "", j->f);
		if (breaks_line(j, container)) {
			fprintf(j->f, "\n%*s", j->depth, "");
			j->broke[j->depth] = 1;
		} else if (j->has_items[j->depth]) {
			fputc(' ', j->f);
		}
		j->has_items[j->depth] = 1;
	}
	if (key && j->depth > 0 && !j->in_array[j->depth]) {
		sb_jw_write_string(j->f, key);
		fputs(": ", j->f);
	}
}

void sb_jw_open(struct sb_jw *j, const char *key, char bracket)
{
	if (j->depth + 1 >= SB_JW_MAX_DEPTH)
		sb_fail("internal: JSON nested deeper than %d", SB_JW_MAX_DEPTH);
	item(j, key, 1);
	fputc(bracket, j->f);
	j->depth++;
	j->in_array[j->depth] = bracket == '[';
	j->has_items[j->depth] = 0;
	j->broke[j->depth] = 0;
}

void sb_jw_close(struct sb_jw *j)
{
	int broke = j->broke[j->depth], arr = j->in_array[j->depth];
	j->depth--;
	if (broke)
		fprintf(j->f, "\n%*s", j->depth, "");
	fputc(arr ? ']' : '}', j->f);
}

void sb_jw_str(struct sb_jw *j, const char *key, const char *s)
{
	item(j, key, 0);
	sb_jw_write_string(j->f, s);
}

void sb_jw_num(struct sb_jw *j, const char *key, double v)
{
	item(j, key, 0);
	sb_jw_write_number(j->f, v);
}

void sb_jw_uint(struct sb_jw *j, const char *key, unsigned long long v)
{
	item(j, key, 0);
	fprintf(j->f, "%llu", v);
}

void sb_jw_bool(struct sb_jw *j, const char *key, int v)
{
	item(j, key, 0);
	fputs(v ? "true" : "false", j->f);
}

void sb_jw_null(struct sb_jw *j, const char *key)
{
	item(j, key, 0);
	fputs("null", j->f);
}

void sb_jw_end(struct sb_jw *j)
{
	fputc('\n', j->f);
}
