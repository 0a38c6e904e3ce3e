/* Shard files: what one shard of `accuracy` or `run` measured (engine/
 * shard.h), written whole by the shard and read back by `merge`.  Text, one
 * record a line, every double as its 64 bits in hex (exact, NaN payloads
 * included), closed by an "end" line holding the FNV-1a of everything above
 * it, so a truncated or altered file is refused, never half merged.  It is
 * a serialisation of struct sb_results, hence in this layer. */
#ifndef SIGBENCH_PARTFILE_H
#define SIGBENCH_PARTFILE_H

#include <stddef.h>
#include <stdint.h>

#include "base/error.h"
#include "report/results.h"

struct sb_part {
	struct sb_results r; /* r.command: the command without its shard option */
	uint64_t index, count;
	char kind[16];       /* the command that measured: accuracy or run */
	char plot[1024];     /* r.sweep.plot points here (or is NULL) */
	char opts[2048];     /* the options that decide the figures, one "key value" a line */
	uint64_t limits_fnv; /* check: FNV-1a of the limits file's bytes (0: not check) */
	char limits_path[1024];
};

/* "part-I-of-N.sbpart" */
void sb_part_name(char *buf, size_t size, uint64_t index, uint64_t count);

/* Fill p->opts from p->r and p->kind (before writing, or to compare a run
 * about to start with a part on disk). */
void sb_part_set_opts(struct sb_part *p);

/* The file's text (malloc'd, *len bytes). */
char *sb_part_format(const struct sb_part *p, size_t *len);

/* Parse text (len bytes, modified in place) named `what` in messages. */
int sb_part_parse(char *text, size_t len, const char *what, struct sb_part *p, struct sb_error *e);
int sb_part_read(const char *path, struct sb_part *p, struct sb_error *e);
void sb_part_free(struct sb_part *p);

/* 0 if a and b are parts of one run (same commit, CPU, command kind, shard
 * count, options and variants); else 1 with what differs in `why`, e.g.
 * "options differ (samples 1000 vs 2000)". */
int sb_part_mismatch(const struct sb_part *a, const struct sb_part *b, char *why, size_t size);

#endif
