/* Numbers and names as every table writes them.  Each formatter returns its
 * text by value, in the caller's storage (use `.s` within the expression),
 * so formatters nest, run on any thread and never overwrite each other. */
#ifndef SIGBENCH_FORMAT_H
#define SIGBENCH_FORMAT_H

#include <stdint.h>

#include "engine/errstats.h"
#include "engine/variant.h"

struct sb_text {
	char s[64];
};

struct sb_label {
	char s[200]; /* a user variant's name is up to 159 characters */
};

struct sb_text sb_fmt_ulp(double v);                  /* 3 digits; "inf"; a hair above 0.5 in full */
struct sb_text sb_fmt_hex(double v, enum sb_prec prec); /* %a of the value in its precision */
struct sb_text sb_fmt_g(double v);                    /* %.3g; "-" for none (negative) */
struct sb_text sb_fmt_pct(uint64_t part, uint64_t whole); /* never rounds up to "100" */
/* The max ULP, and where a NaN output makes it infinite, the max over the
 * other outputs beside it: "inf (2.4 without NaN)" */
struct sb_text sb_fmt_max_ulp(const struct sb_errstats *s);
struct sb_text sb_fmt_mean(const struct sb_errstats *s); /* ">=" when clamped sums make it a bound */
struct sb_text sb_fmt_num(double v);                  /* %.9g for CSV and JSON; "nan", "inf", "-" */
struct sb_label sb_fmt_label(const struct sb_variant *v); /* name, and whose a peer is */

#endif
