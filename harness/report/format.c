#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report/format.h"

struct sb_text sb_fmt_ulp(double v)
{
	struct sb_text t;
	char *b = t.s;
	if (isinf(v))
		snprintf(b, sizeof t.s, "inf");
	else if (v == DBL_MAX)
		snprintf(b, sizeof t.s, ">1e308"); /* finite output, error beyond double range */
	else if (v < 0)
		snprintf(b, sizeof t.s, "-");
	else if (v > 0.5 && v < 0.5005)
		snprintf(b, sizeof t.s, "%.9f", v); /* misrounded by a hair: must not read as 0.5 */
	else if (v < 1000)
		snprintf(b, sizeof t.s, "%.3g", v);
	else if (v < 1e7)
		snprintf(b, sizeof t.s, "%.0f", v);
	else
		snprintf(b, sizeof t.s, "%.2e", v);
	return t;
}

struct sb_text sb_fmt_hex(double v, enum sb_prec prec)
{
	struct sb_text t;
	char *b = t.s;
	if (isnan(v))
		snprintf(b, sizeof t.s, "nan");
	else if (prec == SB_F32)
		snprintf(b, sizeof t.s, "%a", (double)(float)v); /* float values are exact in double */
	else
		snprintf(b, sizeof t.s, "%a", v);
	return t;
}

struct sb_text sb_fmt_g(double v)
{
	struct sb_text t;
	char *b = t.s;
	if (v < 0)
		snprintf(b, sizeof t.s, "-");
	else
		snprintf(b, sizeof t.s, "%.3g", v);
	return t;
}

struct sb_text sb_fmt_pct(uint64_t part, uint64_t whole)
{
	struct sb_text t;
	char *b = t.s;
	if (whole == 0)
		snprintf(b, sizeof t.s, "-");
	else if (part == whole)
		snprintf(b, sizeof t.s, "100");
	else
		snprintf(b, sizeof t.s, "%.4g", 100.0 * (double)part / (double)whole);
	if (part != whole && strcmp(b, "100") == 0)
		snprintf(b, sizeof t.s, ">99.99");
	return t;
}

struct sb_text sb_fmt_max_ulp(const struct sb_errstats *s)
{
	struct sb_text t;
	if (s->nan_out == 0 || s->ulp_num.err < 0)
		return sb_fmt_ulp(s->ulp.err);
	snprintf(t.s, sizeof t.s, "%.16s (%.24s without NaN)", sb_fmt_ulp(s->ulp.err).s,
		 sb_fmt_ulp(s->ulp_num.err).s);
	return t;
}

struct sb_text sb_fmt_mean(const struct sb_errstats *s)
{
	struct sb_text t;
	char *b = t.s;
	snprintf(b, sizeof t.s, "%s%.3g", s->clamped ? ">=" : "", sb_errstats_mean_ulp(s));
	return t;
}

/* A variant's name for tables: peers say whose they are. */
struct sb_label sb_fmt_label(const struct sb_variant *v)
{
	struct sb_label t;
	if (v->peer)
		snprintf(t.s, sizeof t.s, "%s (peer: %s)", v->name, v->peer);
	else
		snprintf(t.s, sizeof t.s, "%s", v->name);
	return t;
}

struct sb_text sb_fmt_num(double v)
{
	struct sb_text t;
	if (isnan(v) || v < 0)
		snprintf(t.s, sizeof t.s, "%s", isnan(v) ? "nan" : "-");
	else if (isinf(v))
		snprintf(t.s, sizeof t.s, "inf");
	else
		snprintf(t.s, sizeof t.s, "%.9g", v);
	return t;
}

