#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <unistd.h>

#include "progress.h"
#include "util.h"

#define LINE_EVERY_S 5.0
#define BAR_EVERY_S 0.2

void sb_progress_begin(struct sb_progress *p, const char *label, uint64_t total, int enabled)
{
	p->label = label;
	p->total = total ? total : 1;
	p->start = p->last_print = sb_now();
	p->tty = isatty(STDERR_FILENO);
	p->enabled = enabled;
}

void sb_progress_update(struct sb_progress *p, uint64_t done)
{
	double now = sb_now();
	if (!p->enabled || now - p->last_print < (p->tty ? BAR_EVERY_S : LINE_EVERY_S))
		return;
	p->last_print = now;
	double frac = (double)done / (double)p->total;
	double el = now - p->start;
	double eta = frac > 0 ? el / frac - el : 0;
	if (p->tty) {
		int w = 30, fill = (int)(frac * w);
		fprintf(stderr, "\r%s [%.*s%*s] %5.1f%%  %4.0f s, ~%.0f s left ",
			p->label, fill, "##############################", w - fill, "",
			100 * frac, el, eta);
	} else {
		fprintf(stderr, "%s: %.1f%% (%llu of %llu), %.0f s elapsed, ~%.0f s left\n",
			p->label, 100 * frac, (unsigned long long)done,
			(unsigned long long)p->total, el, eta);
	}
	fflush(stderr);
}

void sb_progress_end(struct sb_progress *p)
{
	if (!p->enabled)
		return;
	double el = sb_now() - p->start;
	if (p->tty)
		fputc('\r', stderr);
	fprintf(stderr, "%s: done, %llu inputs in %.1f s%*s\n", p->label,
		(unsigned long long)p->total, el, p->tty ? 30 : 0, "");
}
