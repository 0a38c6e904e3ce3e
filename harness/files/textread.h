/* Reading back what sigbench wrote: CSV lines of accuracy.csv and
 * throughput.csv, and string fields of results.json. */
#ifndef SIGBENCH_TEXTREAD_H
#define SIGBENCH_TEXTREAD_H

#include <stddef.h>

#define SB_CSV_MAXCOL 32

/* Split one CSV line in place into at most SB_CSV_MAXCOL fields (a field may
 * be "quoted", without quotes inside).  Returns the count, or -1 when the
 * line is malformed or has too many fields. */
int sb_csv_split(char *line, char **col);

/* The index of the column called name among a header's nh fields, or -1. */
int sb_csv_column(char *const *hdr, int nh, const char *name);

/* A whole file as a NUL-terminated string (caller frees); NULL when it
 * cannot be opened; a read error is fatal (exit 2). */
char *sb_read_text(const char *path);

/* The value of the first "key": "value" in a JSON text (the keys sigbench
 * reads are unique in results.json).  Returns 1 when found. */
int sb_json_string(const char *json, const char *key, char *out, size_t size);

#endif
