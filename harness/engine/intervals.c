#include <math.h>
#include <pthread.h>
#include <string.h>

#include "engine/intervals.h"

uint32_t sb_key32(float x)
{
	uint32_t b;
	memcpy(&b, &x, sizeof b);
	return b >> 31 ? 0xFF800000u - b : b + 0x7F800001u;
}

float sb_unkey32(uint32_t k)
{
	uint32_t b = k < 0x7F800001u ? 0xFF800000u - k : k - 0x7F800001u;
	float x;
	memcpy(&x, &b, sizeof x);
	return x;
}

#define INF64_BITS 0x7FF0000000000000u

uint64_t sb_key64(double x)
{
	uint64_t b;
	memcpy(&b, &x, sizeof b);
	return b >> 63 ? (0x8000000000000000u | INF64_BITS) - b : b + INF64_BITS + 1;
}

double sb_unkey64(uint64_t k)
{
	uint64_t b = k < INF64_BITS + 1 ? (0x8000000000000000u | INF64_BITS) - k
					: k - INF64_BITS - 1;
	double x;
	memcpy(&x, &b, sizeof x);
	return x;
}

static double key_to_x(enum sb_fmt fmt, uint64_t k)
{
	return fmt == SB_FMT_F32 ? sb_unkey32((uint32_t)k) : sb_unkey64(k);
}

static uint64_t x_to_key(enum sb_fmt fmt, double x)
{
	return fmt == SB_FMT_F32 ? sb_key32((float)x) : sb_key64(x);
}

static double cr_at(enum sb_fmt fmt, uint64_t k)
{
	struct sb_ref r;
	sb_ref_mpfr(key_to_x(fmt, k), fmt, &r);
	return r.cr;
}

/* Largest key in [lo, hi] whose CR value is < limit (CR is monotone);
 * requires CR(lo) < limit <= CR(hi). */
static uint64_t last_below(enum sb_fmt fmt, uint64_t lo, uint64_t hi, double limit)
{
	while (hi - lo > 1) {
		uint64_t mid = lo + (hi - lo) / 2;
		if (cr_at(fmt, mid) < limit)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

static void derive(enum sb_fmt fmt, struct sb_breakpoints *bp)
{
	double least_normal = fmt == SB_FMT_F32 ? 0x1p-126 : 0x1p-1022;
	/* Brackets: sigma(-800) rounds to 0 in both formats; sigma(+-1) is far
	 * from 1/2 and 1; sigma(64) rounds to 1. */
	uint64_t lo = x_to_key(fmt, -800), m1 = x_to_key(fmt, -1);
	uint64_t p1 = x_to_key(fmt, 1), hi = x_to_key(fmt, 64);
	bp->fmt = fmt;
	bp->zero_hi = key_to_x(fmt, last_below(fmt, lo, m1, 0x1p-1074) /* CR < least double subnormal: CR == 0 */);
	bp->sub_hi = key_to_x(fmt, last_below(fmt, lo, m1, least_normal));
	bp->tiny_lo = key_to_x(fmt, last_below(fmt, m1, p1, 0.5) + 1);
	bp->tiny_hi = key_to_x(fmt, last_below(fmt, m1, p1, nextafter(0.5, 1)));
	bp->one_lo = key_to_x(fmt, last_below(fmt, p1, hi, 1.0) + 1);
}

static struct sb_breakpoints cache[2];
static pthread_once_t once[2] = { PTHREAD_ONCE_INIT, PTHREAD_ONCE_INIT };
static void derive32(void) { derive(SB_FMT_F32, &cache[SB_FMT_F32]); }
static void derive64(void) { derive(SB_FMT_F64, &cache[SB_FMT_F64]); }

const struct sb_breakpoints *sb_breakpoints(enum sb_fmt fmt)
{
	pthread_once(&once[fmt], fmt == SB_FMT_F32 ? derive32 : derive64);
	return &cache[fmt];
}

enum sb_iv sb_interval_of(const struct sb_breakpoints *bp, double x)
{
	if (x <= bp->zero_hi)
		return SB_IV_UNDERFLOW;
	if (x <= bp->sub_hi)
		return SB_IV_SUBNORMAL;
	if (x < -SB_CENTRAL_EDGE)
		return SB_IV_NEGATIVE;
	if (x >= bp->tiny_lo && x <= bp->tiny_hi)
		return SB_IV_TINY;
	if (x <= SB_CENTRAL_EDGE)
		return SB_IV_CENTRAL;
	if (x < bp->one_lo)
		return SB_IV_NEARSAT;
	return SB_IV_SATURATION;
}

static const char *const names[SB_IV_COUNT] = {
	"underflow", "subnormal", "negative", "central", "tiny", "near-sat", "saturation",
};

static const char *const meanings[SB_IV_COUNT] = {
	"sigma rounds to 0",
	"sigma rounds to a subnormal",
	"normal results below sigma(-2)",
	"|x| <= 2 outside tiny",
	"sigma rounds to 1/2",
	"2 < x, sigma rounds below 1",
	"sigma rounds to 1",
};

const char *sb_interval_name(enum sb_iv iv) { return names[iv]; }
const char *sb_interval_meaning(enum sb_iv iv) { return meanings[iv]; }

double sb_interval_lo(const struct sb_breakpoints *bp, enum sb_iv iv)
{
	enum sb_fmt f = bp->fmt;
	switch (iv) {
	case SB_IV_UNDERFLOW: return -INFINITY;
	case SB_IV_SUBNORMAL: return key_to_x(f, x_to_key(f, bp->zero_hi) + 1);
	case SB_IV_NEGATIVE: return key_to_x(f, x_to_key(f, bp->sub_hi) + 1);
	case SB_IV_CENTRAL: return -SB_CENTRAL_EDGE;
	case SB_IV_TINY: return bp->tiny_lo;
	case SB_IV_NEARSAT: return key_to_x(f, x_to_key(f, SB_CENTRAL_EDGE) + 1);
	default: return bp->one_lo;
	}
}

double sb_interval_hi(const struct sb_breakpoints *bp, enum sb_iv iv)
{
	enum sb_fmt f = bp->fmt;
	switch (iv) {
	case SB_IV_UNDERFLOW: return bp->zero_hi;
	case SB_IV_SUBNORMAL: return bp->sub_hi;
	case SB_IV_NEGATIVE: return key_to_x(f, x_to_key(f, -SB_CENTRAL_EDGE) - 1);
	case SB_IV_CENTRAL: return SB_CENTRAL_EDGE;
	case SB_IV_TINY: return bp->tiny_hi;
	case SB_IV_NEARSAT: return key_to_x(f, x_to_key(f, bp->one_lo) - 1);
	default: return INFINITY;
	}
}
