#include "base/util.h"
#include "engine/progress.h"

static void emit(const struct sb_progress *p, uint64_t done, int finished)
{
	if (!p->sink)
		return;
	struct sb_progress_event ev = {
		.label = p->label, .done = done, .total = p->total,
		.elapsed = sb_now() - p->start, .finished = finished,
	};
	p->sink(&ev);
}

void sb_progress_begin(struct sb_progress *p, const char *label, uint64_t total,
		       sb_progress_sink *sink)
{
	p->sink = sink;
	p->label = label;
	p->total = total ? total : 1;
	p->start = sb_now();
}

void sb_progress_update(struct sb_progress *p, uint64_t done)
{
	emit(p, done, 0);
}

void sb_progress_end(struct sb_progress *p)
{
	emit(p, p->total, 1);
}
