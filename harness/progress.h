/* Progress of long sweeps on stderr: a bar when stderr is a terminal,
 * otherwise a line every few seconds (CI logs stay short). */
#ifndef SIGBENCH_PROGRESS_H
#define SIGBENCH_PROGRESS_H

#include <stdint.h>

struct sb_progress {
	const char *label;
	uint64_t total;
	double start, last_print;
	int tty, enabled;
};

void sb_progress_begin(struct sb_progress *p, const char *label, uint64_t total, int enabled);
void sb_progress_update(struct sb_progress *p, uint64_t done);
void sb_progress_end(struct sb_progress *p);

#endif
