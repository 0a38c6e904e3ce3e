#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <unistd.h>

#include "report/progress_text.h"

#define LINE_EVERY_S 5.0
#define BAR_EVERY_S 0.2

static void bar(const struct sb_progress_event *ev, double frac, double eta)
{
	int w = 30, fill = (int)(frac * w);
	fprintf(stderr, "\r%s [%.*s%*s] %5.1f%%  %4.0f s, ~%.0f s left ", ev->label, fill,
		"##############################", w - fill, "", 100 * frac, ev->elapsed, eta);
}

static void line(const struct sb_progress_event *ev, double frac, double eta)
{
	fprintf(stderr, "%s: %.1f%% (%llu of %llu), %.0f s elapsed, ~%.0f s left\n", ev->label,
		100 * frac, (unsigned long long)ev->done, (unsigned long long)ev->total,
		ev->elapsed, eta);
}

/* One job at a time reports (the engine runs them one after another), so
 * the time of the last print can live here. */
void sb_progress_stderr(const struct sb_progress_event *ev)
{
	static double last_print;
	int tty = isatty(STDERR_FILENO);
	if (ev->finished) {
		if (tty)
			fputc('\r', stderr);
		fprintf(stderr, "%s: done, %llu inputs in %.1f s%*s\n", ev->label,
			(unsigned long long)ev->total, ev->elapsed, tty ? 30 : 0, "");
		last_print = 0;
		return;
	}
	if (ev->elapsed - last_print < (tty ? BAR_EVERY_S : LINE_EVERY_S))
		return;
	last_print = ev->elapsed;
	double frac = (double)ev->done / (double)ev->total;
	double eta = frac > 0 ? ev->elapsed / frac - ev->elapsed : 0;
	if (tty)
		bar(ev, frac, eta);
	else
		line(ev, frac, eta);
	fflush(stderr);
}
