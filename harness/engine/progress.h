/* How far a long engine job (a sweep, a speed run) has come.  The engine
 * only counts; a sink chosen by the command decides whether and how to show
 * it (report/progress_text.h prints to stderr).  A NULL sink shows nothing. */
#ifndef SIGBENCH_PROGRESS_H
#define SIGBENCH_PROGRESS_H

#include <stdint.h>

struct sb_progress_event {
	const char *label;
	uint64_t done, total;
	double elapsed;  /* seconds since the job began */
	int finished;    /* the last event of the job */
};

typedef void sb_progress_sink(const struct sb_progress_event *ev);

struct sb_progress {
	sb_progress_sink *sink;
	const char *label;
	uint64_t total;
	double start;
};

void sb_progress_begin(struct sb_progress *p, const char *label, uint64_t total,
		       sb_progress_sink *sink);
void sb_progress_update(struct sb_progress *p, uint64_t done);
void sb_progress_end(struct sb_progress *p);

#endif
