/* Reading back what sigbench wrote: the one reader of its CSV files
 * (accuracy.csv, throughput.csv: README "Result files") and of the string
 * fields of results.json.  check, pick and export all read through here. */
#ifndef SIGBENCH_TABLE_H
#define SIGBENCH_TABLE_H

#include <stddef.h>

#include "base/error.h"
#include "engine/errstats.h"

#define SB_CSV_MAXCOL 32

/* A CSV file read whole: a header line, then rows of as many fields (a field
 * may be "quoted", without quotes inside). */
struct sb_table {
	char *text;                   /* the file, split in place */
	char *hdr[SB_CSV_MAXCOL];
	int ncol;
	char *(*row)[SB_CSV_MAXCOL];  /* row[i][k]: field k of row i */
	size_t nrows;
};

/* Read PATH.  Fails (-1, e names the file and line) when it cannot be read,
 * lacks one of the NULL-terminated `required` columns, or has a line that is
 * malformed or has a different number of fields than the header. */
int sb_table_read(const char *path, const char *const *required, struct sb_table *t,
		  struct sb_error *e);

/* The same for a file's text already in memory (malloc'ed; the table owns
 * it from now on, also on failure); path names it in errors. */
int sb_table_parse(char *text, const char *path, const char *const *required, struct sb_table *t,
		   struct sb_error *e);

/* DIR/FILE where a results directory may lack it: 0 (nothing read) when
 * the file does not exist, 1 when read, -1 as sb_table_read fails. */
int sb_table_read_in(const char *dir, const char *file, const char *const *required,
		     struct sb_table *t, struct sb_error *e);

/* Field `column` of row i; NULL when the table has no such column. */
const char *sb_table_get(const struct sb_table *t, size_t i, const char *column);

void sb_table_free(struct sb_table *t);

/* The columns of accuracy.csv and throughput.csv that readers rely on. */
extern const char *const sb_accuracy_csv_columns[];
extern const char *const sb_throughput_csv_columns[];

/* The statistics (inputs, worst ULP with x/got/want, abs, rel, counts) and
 * the x range of accuracy.csv's row i; -1 when a number is malformed (path
 * only names the file in e). */
int sb_accuracy_row_stats(const struct sb_table *t, size_t i, const char *path,
			  struct sb_errstats *s, double *lo, double *hi, struct sb_error *e);

/* A number as accuracy.csv writes it: "-" for none (-1), else strtod's;
 * -1 when s is not a number. */
int sb_csv_number(const char *s, double *v);

/* Split one CSV line in place into at most SB_CSV_MAXCOL fields.  Returns
 * the count, or -1 when the line is malformed or has too many fields. */
int sb_csv_split(char *line, char **col);

/* A whole file as a NUL-terminated string (caller frees); NULL (e says why)
 * when it cannot be read. */
char *sb_read_text(const char *path, struct sb_error *e);

/* The value of the first "key": "value" in a JSON text (the keys sigbench
 * reads are unique in results.json).  Returns 1 when found. */
int sb_json_string(const char *json, const char *key, char *out, size_t size);

#endif
