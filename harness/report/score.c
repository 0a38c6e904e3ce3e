#include <string.h>

#include "report/score.h"

double sb_score_median(const struct sb_results *r, const struct sb_variant *v, int s)
{
	if (!r->have_speed || !v || s >= r->speed_opts.nsizes)
		return -1;
	for (size_t i = 0; i < r->nspeed; i++) {
		const struct sb_speed_result *x = &r->speed[(size_t)s * r->nspeed + i];
		if (x->v == v)
			return x->median_ns;
	}
	return -1;
}

int sb_score_exhaustive(const struct sb_results *r)
{
	return r->nacc[SB_F32] && strncmp(r->acc[SB_F32][0].sweep, "exhaustive: all", 15) == 0;
}
