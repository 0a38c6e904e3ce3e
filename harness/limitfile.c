#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "limitfile.h"
#include "util.h"

static const char *const metric_names[] = { "ulp", "abs", "rel", "mono", "nan", "oob" };

const char *sb_metric_name(enum sb_metric m) { return metric_names[m]; }

static int parse_metric(const char *s, enum sb_metric *m)
{
	for (int i = 0; i < (int)(sizeof metric_names / sizeof metric_names[0]); i++)
		if (strcmp(s, metric_names[i]) == 0) {
			*m = (enum sb_metric)i;
			return 1;
		}
	return 0;
}

static int parse_number(const char *s, double *v)
{
	char *end;
	errno = 0;
	*v = strtod(s, &end);
	return end != s && *end == '\0' && errno == 0 && isfinite(*v) && *v >= 0;
}

static int parse_domain(const char *s, double *lo, double *hi)
{
	if (strcmp(s, "all") == 0) {
		*lo = -INFINITY;
		*hi = INFINITY;
		return 1;
	}
	char buf[128], *end;
	const char *colon = strchr(s, ':');
	if (!colon || (size_t)(colon - s) >= sizeof buf)
		return 0;
	memcpy(buf, s, (size_t)(colon - s));
	buf[colon - s] = '\0';
	*lo = strtod(buf, &end);
	if (end == buf || *end)
		return 0;
	*hi = strtod(colon + 1, &end);
	return end != colon + 1 && *end == '\0' && *lo < *hi && !isnan(*lo) && !isnan(*hi);
}

static void parse_line(const char *path, int lineno, char *line, struct sb_limit *out)
{
	char *words[6];
	int n = 0;
	char *save;
	for (char *w = strtok_r(line, " \t\r\n", &save); w; w = strtok_r(NULL, " \t\r\n", &save)) {
		if (n == 5)
			sb_fail("%s:%d: too many fields (VARIANT METRIC BOUND [DOMAIN])", path, lineno);
		words[n++] = w;
	}
	if (n < 3)
		sb_fail("%s:%d: expected VARIANT METRIC BOUND [DOMAIN]", path, lineno);
	if (n > 4)
		sb_fail("%s:%d: too many fields (VARIANT METRIC BOUND [DOMAIN])", path, lineno);
	out->v = sb_find_variant(words[0]);
	if (!out->v)
		sb_fail("%s:%d: unknown variant '%s'", path, lineno, words[0]);
	if (!parse_metric(words[1], &out->metric))
		sb_fail("%s:%d: unknown metric '%s' (ulp, abs, rel, mono, nan, oob)", path, lineno, words[1]);
	if (!parse_number(words[2], &out->bound))
		sb_fail("%s:%d: bound '%s' is not a number >= 0", path, lineno, words[2]);
	if (!parse_domain(n == 4 ? words[3] : "all", &out->lo, &out->hi))
		sb_fail("%s:%d: domain '%s' is not 'all' or LO:HI with LO < HI", path, lineno, words[3]);
	out->line = lineno;
}

struct sb_limit *sb_limits_read(const char *path, size_t *n)
{
	FILE *f = fopen(path, "r");
	if (!f)
		sb_fail("cannot read limits file '%s': %s", path, strerror(errno));
	size_t cap = 64;
	struct sb_limit *lim = sb_xcalloc(cap, sizeof *lim);
	char line[1024];
	int lineno = 0;
	*n = 0;
	while (fgets(line, sizeof line, f)) {
		lineno++;
		if (!strchr(line, '\n') && !feof(f))
			sb_fail("%s:%d: line too long", path, lineno);
		for (char *p = line; *p; p++)
			if ((unsigned char)*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
				sb_fail("%s:%d: control character in line (binary file?)", path, lineno);
		char *hash = strchr(line, '#');
		if (hash)
			*hash = '\0';
		if (strspn(line, " \t\r\n") == strlen(line))
			continue;
		if (*n == cap) {
			cap *= 2;
			lim = realloc(lim, cap * sizeof *lim);
			if (!lim)
				sb_die("out of memory");
		}
		parse_line(path, lineno, line, &lim[(*n)++]);
	}
	if (ferror(f))
		sb_fail("cannot read limits file '%s'", path);
	fclose(f);
	if (*n == 0)
		sb_fail("%s: no limits in file", path);
	return lim;
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
