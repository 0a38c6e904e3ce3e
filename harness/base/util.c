#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/util.h"

static void vmsg(const char *fmt, va_list ap)
{
	fputs("sigbench: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void sb_fail(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
	exit(SB_EXIT_USAGE);
}

void sb_die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
	exit(1);
}

void sb_warn(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("sigbench: warning: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

double sb_parse_double(const char *what, const char *s)
{
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (end == s || *end != '\0' || isnan(v) || (errno == ERANGE && isinf(v)))
		sb_fail("%s: '%s' is not a number", what, s);
	return v;
}

unsigned long long sb_parse_count(const char *what, const char *s,
				  unsigned long long min, unsigned long long max)
{
	char *end;
	unsigned long long v = 0;
	int ok = s[0] >= '0' && s[0] <= '9'; /* no sign: strtoull would wrap "-1" */
	errno = 0;
	if (ok && strpbrk(s, "eE")) { /* 1e6-style counts */
		double d = strtod(s, &end);
		/* range checked below on v: (double)~0ull rounds up to 2^64 */
		ok = *end == '\0' && d == floor(d) && d >= 0 && d < 0x1p64;
		v = ok ? (unsigned long long)d : 0;
	} else if (ok) {
		v = strtoull(s, &end, 10);
		ok = *end == '\0' && errno == 0;
	}
	if (!ok || v < min || v > max)
		sb_fail("%s: '%s' is not a whole number in [%llu, %llu]", what, s, min, max);
	return v;
}

void sb_parse_range(const char *what, const char *s, double *lo, double *hi)
{
	const char *colon = strchr(s, ':');
	if (!colon || colon == s || colon[1] == '\0')
		sb_fail("%s: '%s' is not a range LO:HI", what, s);
	char buf[128];
	size_t len = (size_t)(colon - s);
	if (len >= sizeof buf)
		sb_fail("%s: '%s' is not a range LO:HI", what, s);
	memcpy(buf, s, len);
	buf[len] = '\0';
	*lo = sb_parse_double(what, buf);
	*hi = sb_parse_double(what, colon + 1);
	if (!(*lo < *hi))
		sb_fail("%s: range '%s' is empty (need LO < HI)", what, s);
}

void *sb_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		sb_die("out of memory (%zu bytes)", n);
	return p;
}

void *sb_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		sb_die("out of memory (%zu x %zu bytes)", n, size);
	return p;
}

void *sb_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		sb_die("out of memory (%zu bytes)", n);
	return q;
}

void *sb_xalloc_aligned(size_t n)
{
	/* 64 bytes of slack beyond n: peers such as XNNPACK may read past the
	 * end of their input (variant.h pad_bytes); they get it from every
	 * buffer the harness hands them */
	size_t rounded = (n + 64 + 63) / 64 * 64;
	void *p = aligned_alloc(64, rounded ? rounded : 64);
	if (!p)
		sb_die("out of memory (%zu bytes)", n);
	memset(p, 0, rounded);
	return p;
}

double sb_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}
