/* A small streaming JSON writer for the --json output of every command, so
 * each prints valid, escaped JSON without formatting it by hand.  Objects and
 * arrays nest; a value's key is ignored inside an array.  JSON has no Inf or
 * NaN: non-finite numbers are written as the strings "inf", "-inf", "nan"
 * (README, "Machine-readable output"). */
#ifndef SIGBENCH_JSON_WRITER_H
#define SIGBENCH_JSON_WRITER_H

#include <stdio.h>

#define SB_JW_MAX_DEPTH 16

struct sb_jw {
	FILE *f;
	int depth;
	unsigned char in_array[SB_JW_MAX_DEPTH];
	unsigned char has_items[SB_JW_MAX_DEPTH];
	unsigned char broke[SB_JW_MAX_DEPTH]; /* an item began a new line */
};

void sb_jw_start(struct sb_jw *j, FILE *f);
/* Open '{' or '[' as the value of key (NULL at the top or in an array). */
void sb_jw_open(struct sb_jw *j, const char *key, char bracket);
void sb_jw_close(struct sb_jw *j);
void sb_jw_str(struct sb_jw *j, const char *key, const char *s);
void sb_jw_num(struct sb_jw *j, const char *key, double v);
void sb_jw_uint(struct sb_jw *j, const char *key, unsigned long long v);
void sb_jw_bool(struct sb_jw *j, const char *key, int v);
void sb_jw_null(struct sb_jw *j, const char *key);
/* After the outermost close: the final newline. */
void sb_jw_end(struct sb_jw *j);

/* The bare value writers, for writers that lay out their own text
 * (results.json keeps its layout byte for byte). */
void sb_jw_write_string(FILE *f, const char *s);
void sb_jw_write_number(FILE *f, double v);

#endif
