#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "engine/fn_edges.h"
#include "engine/registry.h"
#include "files/limitfile.h"

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

static int parse_line(const char *path, int lineno, char *line, struct sb_limit *out,
		      struct sb_error *e)
{
	char *words[6];
	int n = 0;
	char *save;
	for (char *w = strtok_r(line, " \t\r\n", &save); w; w = strtok_r(NULL, " \t\r\n", &save)) {
		if (n == 5)
			return sb_error_set(e, "%s:%d: too many fields (VARIANT METRIC BOUND [DOMAIN])", path, lineno);
		words[n++] = w;
	}
	if (n < 3)
		return sb_error_set(e, "%s:%d: expected VARIANT METRIC BOUND [DOMAIN]", path, lineno);
	if (n > 4)
		return sb_error_set(e, "%s:%d: too many fields (VARIANT METRIC BOUND [DOMAIN])", path, lineno);
	out->v = sb_find_variant(words[0]);
	if (!out->v)
		return sb_error_set(e, "%s:%d: unknown variant '%s'", path, lineno, words[0]);
	if (!sb_metric_parse(words[1], &out->metric))
		return sb_error_set(e, "%s:%d: unknown metric '%s' (ulp, abs, rel, mono, nan, oob)", path, lineno, words[1]);
	if (!parse_number(words[2], &out->bound))
		return sb_error_set(e, "%s:%d: bound '%s' is not a number >= 0", path, lineno, words[2]);
	if (!parse_domain(n == 4 ? words[3] : "all", &out->lo, &out->hi))
		return sb_error_set(e, "%s:%d: domain '%s' is not 'all' or LO:HI with LO < HI", path, lineno, words[3]);
	out->line = lineno;
	return 0;
}

/* Everything limits_read allocated goes when it fails. */
static struct sb_limit *read_failed(FILE *f, struct sb_limit *lim)
{
	fclose(f);
	free(lim);
	return NULL;
}

struct sb_limit *sb_limits_read(const char *path, size_t *n, struct sb_error *e)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		sb_error_set(e, "cannot read limits file '%s': %s", path, strerror(errno));
		return NULL;
	}
	size_t cap = 64;
	struct sb_limit *lim = sb_xcalloc(cap, sizeof *lim);
	char line[1024];
	int lineno = 0;
	*n = 0;
	while (fgets(line, sizeof line, f)) {
		lineno++;
		if (!strchr(line, '\n') && !feof(f)) {
			sb_error_set(e, "%s:%d: line too long", path, lineno);
			return read_failed(f, lim);
		}
		for (char *p = line; *p; p++)
			if ((unsigned char)*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r') {
				sb_error_set(e, "%s:%d: control character in line (binary file?)", path, lineno);
				return read_failed(f, lim);
			}
		char *hash = strchr(line, '#');
		if (hash)
			*hash = '\0';
		if (strspn(line, " \t\r\n") == strlen(line))
			continue;
		if (*n == cap) {
			cap *= 2;
			lim = sb_xrealloc(lim, cap * sizeof *lim);
		}
		if (parse_line(path, lineno, line, &lim[(*n)++], e))
			return read_failed(f, lim);
	}
	if (ferror(f)) {
		sb_error_set(e, "cannot read limits file '%s': %s", path, strerror(errno));
		return read_failed(f, lim);
	}
	fclose(f);
	if (*n == 0) {
		sb_error_set(e, "%s: no limits in file", path);
		free(lim);
		return NULL;
	}
	return lim;
}
