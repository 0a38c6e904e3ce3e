/* libFuzzer target: the result-file readers (harness/files/table.c): the CSV
 * reader with and without required columns, accuracy.csv's row statistics,
 * the line splitter, the whole-file reader and the results.json lookup. */
#include "fuzz_common.h"
#include "files/table.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int has_columns(const struct sb_table *t, const char *const *cols)
{
	for (; *cols; cols++) {
		int k = 0;
		while (k < t->ncol && strcmp(t->hdr[k], *cols) != 0)
			k++;
		if (k == t->ncol)
			return 0;
	}
	return 1;
}

static void check_field(const char *f)
{
	FUZZ_ASSERT(f != NULL);
	FUZZ_ASSERT(strpbrk(f, "\r\n") == NULL);
}

static void check_table(const struct sb_table *t)
{
	FUZZ_ASSERT(t->ncol >= 1 && t->ncol <= SB_CSV_MAXCOL);
	for (int k = 0; k < t->ncol; k++)
		check_field(t->hdr[k]);
	for (size_t i = 0; i < t->nrows; i++)
		for (int k = 0; k < t->ncol; k++)
			check_field(t->row[i][k]);
}

/* Read path requiring cols: must succeed exactly when the plain read did
 * and the header has them all. */
static void read_requiring(const char *path, const char *const *cols, int plain_ok,
			   const struct sb_table *plain)
{
	struct sb_table t;
	struct sb_error e = { "" };
	int rc = sb_table_read(path, cols, &t, &e);
	FUZZ_ASSERT(rc == 0 || rc == -1);
	FUZZ_ASSERT((rc == 0) == (plain_ok && has_columns(plain, cols)));
	if (rc) {
		fuzz_check_error(e.msg);
		return;
	}
	FUZZ_ASSERT(t.ncol == plain->ncol && t.nrows == plain->nrows);
	if (cols == sb_accuracy_csv_columns)
		for (size_t i = 0; i < t.nrows; i++) {
			struct sb_errstats s;
			double lo, hi;
			struct sb_error re = { "" };
			if (sb_accuracy_row_stats(&t, i, path, &s, &lo, &hi, &re))
				fuzz_check_error(re.msg);
		}
	for (size_t i = 0; i < t.nrows; i++)
		for (const char *const *c = cols; *c; c++)
			check_field(sb_table_get(&t, i, *c));
	sb_table_free(&t);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_write_file("table", data, size);

	/* the whole-file reader returns the bytes as written */
	struct sb_error e = { "" };
	char *text = sb_read_text(path, &e);
	FUZZ_ASSERT(text != NULL);
	FUZZ_ASSERT(memcmp(text, data, size) == 0 && text[size] == '\0');

	/* results.json's string fields, into a small buffer too */
	static const char *const keys[] = { "commit", "cpu", "command", "" };
	for (int k = 0; k < 4; k++) {
		char out[256], small[8];
		memset(out, 'x', sizeof out);
		int found = sb_json_string(text, keys[k], out, sizeof out);
		FUZZ_ASSERT(found == 0 || found == 1);
		if (found)
			FUZZ_ASSERT(memchr(out, '\0', sizeof out) != NULL);
		if (sb_json_string(text, keys[k], small, sizeof small))
			FUZZ_ASSERT(strlen(small) < sizeof small);
	}

	/* the line splitter on the first line */
	char *col[SB_CSV_MAXCOL];
	int nc = sb_csv_split(text, col);
	FUZZ_ASSERT(nc == -1 || (nc >= 1 && nc <= SB_CSV_MAXCOL));
	for (int k = 0; k < nc; k++)
		check_field(col[k]);
	free(text);

	/* the CSV reader: any header, then as each result file */
	struct sb_table t;
	e.msg[0] = '\0';
	int ok = sb_table_read(path, NULL, &t, &e) == 0;
	if (ok)
		check_table(&t);
	else
		fuzz_check_error(e.msg);
	read_requiring(path, sb_accuracy_csv_columns, ok, &t);
	read_requiring(path, sb_throughput_csv_columns, ok, &t);
	if (ok)
		sb_table_free(&t);
	return 0;
}
