/* Every exportable variant as a standalone header, rendered by the
 * generator at build time from the same kernel text the registry compiles
 * (generator/generate.py --export-c; the build embeds the result, so
 * `sigbench export` needs no source tree).  A header is head, then the
 * lines the exporter adds from measured results, then tail. */
#ifndef SIGBENCH_EXPORT_TABLE_H
#define SIGBENCH_EXPORT_TABLE_H

#include <stddef.h>

struct sb_export_header {
	const char *name; /* registry name, e.g. f32-pade-7-6-scalar */
	const char *head; /* the top comment, down to its limits lines */
	const char *tail; /* from the comment's closing line to the end */
};

extern const struct sb_export_header sb_export_headers[];
extern const size_t sb_export_nheaders;

#endif
