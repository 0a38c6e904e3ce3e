/* family_kernels.c's three kernels against MPFR (200 bits), asserting the
 * bounds proven there: 1 - e^-a within 3.27 u (t from exp_ref, whose own
 * error the bound includes), log1p(t) within 3.51 u and positive for t > 0,
 * tanh(z) within 1.0001 u and z itself below 2^-55.  Inputs:
 * the edges of each kernel's branches with their neighbours, and dense
 * seeded random ones (uniform and log-uniform) over each kernel's range.
 * Prints each kernel's largest error in u. */
#include <math.h>
#include <mpfr.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "exp_ref.h"
#include "family_kernels.h"

enum { NRANDOM = 400000, WALK = 64 };

static const double U = 0x1p-53;

static uint64_t rng = 0x2545f4914f6cdd1du;

static double uniform01(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (double)(rng >> 11) * 0x1p-53;
}

/* 2^e (1 + u01) for e uniform in [lo, hi) */
static double log_uniform(int lo, int hi)
{
	int e = lo + (int)(uniform01() * (hi - lo));
	return ldexp(1 + uniform01(), e);
}

struct worst {
	const char *name;
	double bound, err, at; /* bound and largest error in u, and where */
	int bad;
};

/* The relative error of got against exact (MPFR) in u, or 0 when both
 * are within `floor` absolutely. */
static void score(struct worst *w, double arg, double got, mpfr_srcptr exact, double floor)
{
	mpfr_t d;
	mpfr_init2(d, 200);
	mpfr_sub_d(d, exact, got, MPFR_RNDN);
	mpfr_abs(d, d, MPFR_RNDN);
	double abs_err = mpfr_get_d(d, MPFR_RNDU);
	mpfr_div(d, d, exact, MPFR_RNDN);
	mpfr_abs(d, d, MPFR_RNDN);
	double rel = mpfr_zero_p(exact) ? (got == 0 ? 0 : INFINITY) : mpfr_get_d(d, MPFR_RNDU) / U;
	mpfr_clear(d);
	if (abs_err <= floor)
		rel = 0;
	if (rel > w->err) {
		w->err = rel;
		w->at = arg;
	}
	if (rel > w->bound && w->bad++ < 5)
		fprintf(stderr, "%s(%a) = %a: %.4f u > %.4f u\n", w->name, arg, got, rel, w->bound);
}

static void one_minus_exp(struct worst *w, float af)
{
	double a = af;
	double t = a < SB_EXP_REF_LIMIT ? sb_exp_ref(-a) : exp(-a);
	mpfr_t m;
	mpfr_init2(m, 200);
	mpfr_set_d(m, -a, MPFR_RNDN);
	mpfr_expm1(m, m, MPFR_RNDN);
	mpfr_neg(m, m, MPFR_RNDN);
	score(w, a, sb_fam_one_minus_exp(a, t), m, 0);
	mpfr_clear(m);
}

static void log1p_at(struct worst *w, double t)
{
	mpfr_t l;
	mpfr_init2(l, 200);
	mpfr_set_d(l, t, MPFR_RNDN);
	mpfr_log1p(l, l, MPFR_RNDN);
	double got = sb_fam_log1p(t);
	/* an absolute floor must not let a positive log1p round to +0: log
	 * sigma = 0 - log1p would then have the wrong sign of zero */
	if (t > 0 && !(got > 0) && w->bad++ < 5)
		fprintf(stderr, "log1p(%a) = %a, not positive\n", t, got);
	score(w, t, got, l, 0);
	mpfr_clear(l);
}

static void tanh_at(struct worst *w, float xf)
{
	double z = (double)xf / 2, got = sb_fam_tanh_small(z);
	if (fabs(z) < 0x1p-55 && memcmp(&got, &z, sizeof z) != 0 && w->bad++ < 5)
		fprintf(stderr, "tanh(%a) = %a, not the argument\n", z, got);
	mpfr_t h;
	mpfr_init2(h, 200);
	mpfr_set_d(h, z, MPFR_RNDN);
	mpfr_tanh(h, h, MPFR_RNDN);
	score(w, z, got, h, 0);
	mpfr_clear(h);
}

/* Walks WALK floats each side of each edge of 1 - e^-a's range [0, 746]. */
static void edges_one_minus_exp(struct worst *w)
{
	static const float edges[] = { 0x1p-149f, 0x1p-54f, 0x1p-20f, 0.375f, 1.0f, 39.0f,
				       511.99f,	  512.0f,   745.0f,  746.0f };
	for (size_t i = 0; i < sizeof edges / sizeof edges[0]; i++) {
		float lo = edges[i], hi = edges[i];
		one_minus_exp(w, lo);
		for (int k = 0; k < WALK; k++) {
			lo = nextafterf(lo, 0);
			hi = nextafterf(hi, INFINITY);
			one_minus_exp(w, lo);
			one_minus_exp(w, hi);
		}
	}
	one_minus_exp(w, 0.0f);
}

static void edges_log1p(struct worst *w)
{
	static const double edges[] = { 0x1p-1074, 0x1p-1022, 0x1p-54, 0x1p-27, 0.5, 1.0 };
	for (size_t i = 0; i < sizeof edges / sizeof edges[0]; i++) {
		double lo = edges[i];
		log1p_at(w, lo);
		for (int k = 0; k < WALK; k++) {
			lo = nextafter(lo, 0);
			log1p_at(w, lo);
			double hi = edges[i] + (k + 1) * 0x1p-52 * edges[i];
			if (hi <= 1)
				log1p_at(w, hi);
		}
	}
	log1p_at(w, 0.0);
}

static void edges_tanh(struct worst *w)
{
	static const float edges[] = { 0x1p-149f, 0x1p-126f, 0x1p-54f, 0x1p-30f, 0x1p-20f };
	for (size_t i = 0; i < sizeof edges / sizeof edges[0]; i++) {
		float lo = edges[i], hi = edges[i];
		for (int k = 0; k < WALK; k++) {
			lo = nextafterf(lo, 0);
			hi = nextafterf(hi, INFINITY);
			tanh_at(w, lo);
			tanh_at(w, -lo);
			if (hi < 0x1p-20f)
				tanh_at(w, hi);
		}
	}
	tanh_at(w, 0.0f);
	tanh_at(w, -0.0f);
}

static void random_inputs(struct worst *w)
{
	for (int i = 0; i < NRANDOM; i++) {
		one_minus_exp(&w[0], (float)(i & 1 ? 0.375 * uniform01() : log_uniform(-149, 10)));
		double a = (float)(i & 1 ? 40 * uniform01() : log_uniform(-149, 6));
		log1p_at(&w[1], i % 3 ? sb_exp_ref(-a) : uniform01());
		float x = (float)log_uniform(-149, -21);
		tanh_at(&w[2], uniform01() < 0.5 ? x : -x);
	}
}

int main(void)
{
	struct worst w[] = { { "1-exp(-a)", 3.27, 0, 0, 0 },
			     { "log1p", 3.51, 0, 0, 0 },
			     { "tanh", 1.0001, 0, 0, 0 } };
	edges_one_minus_exp(&w[0]);
	edges_log1p(&w[1]);
	edges_tanh(&w[2]);
	random_inputs(w);
	int bad = 0;
	for (size_t k = 0; k < sizeof w / sizeof w[0]; k++) {
		printf("%s: largest error %.4f u at %a (bound %.4f u)\n", w[k].name, w[k].err, w[k].at,
		       w[k].bound);
		bad += w[k].bad;
	}
	mpfr_free_cache();
	return bad != 0;
}
