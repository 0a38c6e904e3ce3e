#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/util.h"
#include "files/table.h"

const char *const sb_accuracy_csv_columns[] = {
	"variant", "precision", "sweep", "interval", "x_lo", "x_hi", "inputs", "max_ulp",
	"worst_x", "worst_got", "worst_want", "mean_ulp", "cr_pct", "max_abs", "max_abs_x",
	"max_rel", "max_rel_x", "nan_out", "out_of_range", "mono_breaks", NULL,
};

const char *const sb_throughput_csv_columns[] = {
	"variant", "n", "median_ns", "ratio_to_exact_f32", "cpu", "commit", "date", NULL,
};

int sb_csv_split(char *line, char **col)
{
	int n = 0;
	line[strcspn(line, "\r\n")] = '\0';
	for (char *p = line; n < SB_CSV_MAXCOL;) {
		if (*p == '"') {
			col[n++] = ++p;
			p = strchr(p, '"');
			if (!p)
				return -1;
			*p++ = '\0';
		} else {
			col[n++] = p;
			p += strcspn(p, ",");
		}
		if (*p != ',')
			return *p == '\0' ? n : -1;
		*p++ = '\0';
	}
	return -1;
}

int sb_json_string(const char *json, const char *key, char *out, size_t size)
{
	char pat[64];
	snprintf(pat, sizeof pat, "\"%s\": \"", key);
	const char *p = json ? strstr(json, pat) : NULL;
	if (!p)
		return 0;
	p += strlen(pat);
	size_t n = strcspn(p, "\"\n");
	snprintf(out, size, "%.*s", (int)n, p);
	return p[n] == '"';
}

char *sb_read_text(const char *path, struct sb_error *e)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		sb_error_set(e, "cannot read '%s': %s", path, strerror(errno));
		return NULL;
	}
	size_t cap = 1 << 16, n = 0;
	char *s = sb_xmalloc(cap);
	for (size_t k; (k = fread(s + n, 1, cap - n - 1, f)) > 0;) {
		n += k;
		if (n + 1 == cap) {
			cap *= 2;
			s = sb_xrealloc(s, cap);
		}
	}
	int err = ferror(f) ? errno : 0;
	fclose(f);
	if (err) {
		free(s);
		sb_error_set(e, "cannot read '%s': %s", path, strerror(err));
		return NULL;
	}
	s[n] = '\0';
	return s;
}

static int column(const struct sb_table *t, const char *name)
{
	for (int i = 0; i < t->ncol; i++)
		if (strcmp(t->hdr[i], name) == 0)
			return i;
	return -1;
}

const char *sb_table_get(const struct sb_table *t, size_t i, const char *name)
{
	int k = column(t, name);
	return k < 0 ? NULL : t->row[i][k];
}

void sb_table_free(struct sb_table *t)
{
	free(t->text);
	free(t->row);
	memset(t, 0, sizeof *t);
}

static int table_failed(struct sb_table *t)
{
	sb_table_free(t);
	return -1;
}

/* The next line of the text, NUL-terminated in place; NULL at the end. */
static char *next_line(char **p)
{
	if (!**p)
		return NULL;
	char *line = *p, *nl = strchr(line, '\n');
	*p = nl ? nl + 1 : line + strlen(line);
	if (nl)
		*nl = '\0';
	return line;
}

int sb_table_read(const char *path, const char *const *required, struct sb_table *t,
		  struct sb_error *e)
{
	char *text = sb_read_text(path, e);
	if (!text) {
		memset(t, 0, sizeof *t);
		return -1;
	}
	return sb_table_parse(text, path, required, t, e);
}

int sb_table_parse(char *text, const char *path, const char *const *required, struct sb_table *t,
		   struct sb_error *e)
{
	memset(t, 0, sizeof *t);
	t->text = text;
	char *p = t->text, *line = next_line(&p);
	if (!line || (t->ncol = sb_csv_split(line, t->hdr)) < 1) {
		sb_error_set(e, "%s:1: no CSV header line", path);
		return table_failed(t);
	}
	for (const char *const *r = required; r && *r; r++)
		if (column(t, *r) < 0) {
			sb_error_set(e, "%s:1: no column '%s' (not a sigbench result file?)", path, *r);
			return table_failed(t);
		}
	size_t cap = 0;
	for (int lineno = 2; (line = next_line(&p)); lineno++) {
		if (t->nrows == cap) {
			cap = cap ? 2 * cap : 256;
			t->row = sb_xrealloc(t->row, cap * sizeof *t->row);
		}
		int n = sb_csv_split(line, t->row[t->nrows]);
		if (n != t->ncol) {
			sb_error_set(e, "%s:%d: %d fields, the header has %d", path, lineno, n, t->ncol);
			return table_failed(t);
		}
		t->nrows++;
	}
	return 0;
}

int sb_table_read_in(const char *dir, const char *file, const char *const *required,
		     struct sb_table *t, struct sb_error *e)
{
	char path[4096];
	if (snprintf(path, sizeof path, "%s/%s", dir, file) >= (int)sizeof path)
		return sb_error_set(e, "%s/%s: path too long", dir, file);
	if (access(path, F_OK) != 0 && errno == ENOENT)
		return 0;
	return sb_table_read(path, required, t, e) ? -1 : 1;
}

int sb_csv_number(const char *s, double *v)
{
	char *end;
	if (strcmp(s, "-") == 0) {
		*v = -1;
		return 0;
	}
	*v = strtod(s, &end);
	return end == s || *end ? -1 : 0;
}

/* The max ULP of the non-NaN outputs: its column, or, in a file older than
 * that column, the max ULP where no output was NaN and "unknown" (-1)
 * where one was. */
static int non_nan_max(const struct sb_table *t, size_t i, const char *path, struct sb_errstats *s,
		       struct sb_error *e)
{
	const char *f = sb_table_get(t, i, "max_ulp_non_nan");
	const char *fx = sb_table_get(t, i, "max_ulp_non_nan_x");
	if (!f || !fx) {
		s->ulp_num = s->nan_out ? (struct sb_worst){ -1, 0, 0, 0 } : s->ulp;
		return 0;
	}
	double v[2];
	if (sb_csv_number(f, &v[0]) || sb_csv_number(fx, &v[1]))
		return sb_error_set(e, "%s:%zu: max_ulp_non_nan '%s' or its x '%s' is not a number", path,
				    i + 2, f, fx);
	s->ulp_num = (struct sb_worst){ v[0], v[1], 0, 0 };
	return 0;
}

int sb_accuracy_row_stats(const struct sb_table *t, size_t i, const char *path,
			  struct sb_errstats *s, double *lo, double *hi, struct sb_error *e)
{
	static const char *const cols[] = {
		"x_lo", "x_hi", "inputs", "max_ulp", "worst_x", "worst_got", "worst_want",
		"max_abs", "max_abs_x", "max_rel", "max_rel_x", "mono_breaks", "nan_out", "out_of_range",
	};
	enum { NCOLS = sizeof cols / sizeof cols[0] };
	double v[NCOLS];
	for (int k = 0; k < NCOLS; k++) {
		const char *f = sb_table_get(t, i, cols[k]);
		if (!f || sb_csv_number(f, &v[k]))
			return sb_error_set(e, "%s:%zu: %s '%s' is not a number", path, i + 2, cols[k],
					    f ? f : "");
	}
	/* inputs and the three counts become uint64_t: whole numbers in [0, 2^64) */
	static const int counts[] = { 2, 11, 12, 13 };
	for (int j = 0; j < 4; j++) {
		double c = v[counts[j]];
		if (!(c >= 0 && c < 0x1p64 && c == floor(c)))
			return sb_error_set(e, "%s:%zu: %s '%s' is not a count", path, i + 2,
					    cols[counts[j]], sb_table_get(t, i, cols[counts[j]]));
	}
	sb_errstats_init(s);
	*lo = v[0];
	*hi = v[1];
	s->n = (uint64_t)v[2];
	s->ulp = (struct sb_worst){ v[3], v[4], v[5], v[6] };
	s->abs = (struct sb_worst){ v[7], v[8], 0, 0 };
	s->rel = (struct sb_worst){ v[9], v[10], 0, 0 };
	s->mono = (uint64_t)v[11];
	s->nan_out = (uint64_t)v[12];
	s->oob = (uint64_t)v[13];
	return non_nan_max(t, i, path, s, e);
}
