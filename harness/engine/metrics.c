#include <math.h>
#include <string.h>

#include "engine/metrics.h"

static const char *const metric_names[SB_NMETRICS] = { "ulp", "abs", "rel", "mono", "nan", "oob" };

const char *sb_metric_name(enum sb_metric m) { return metric_names[m]; }

int sb_metric_parse(const char *s, enum sb_metric *m)
{
	for (int i = 0; i < SB_NMETRICS; i++)
		if (strcmp(s, metric_names[i]) == 0) {
			*m = (enum sb_metric)i;
			return 1;
		}
	return 0;
}

double sb_metric_value(enum sb_metric m, const struct sb_errstats *s)
{
	switch (m) {
	case SB_M_ULP: return s->ulp.err < 0 ? 0 : s->ulp.err;
	case SB_M_ABS: return s->abs.err < 0 ? 0 : s->abs.err;
	case SB_M_REL: return s->rel.err < 0 ? 0 : s->rel.err;
	case SB_M_MONO: return (double)s->mono;
	case SB_M_NAN: return (double)s->nan_out;
	default: return (double)s->oob;
	}
}

int sb_limit_is_loose(enum sb_metric m, double bound, double measured)
{
	switch (m) {
	case SB_M_ULP: return bound > fmax(1.5 * measured, measured + 0.5);
	case SB_M_ABS:
	case SB_M_REL: return bound > 2 * measured;
	default: return bound > measured;
	}
}
