/* The sweeps find what is planted: variants that are correctly rounded
 * except at chosen inputs (a wrong float, a NaN, a dip that breaks
 * monotonicity, one of them at a chunk edge).  Results must not depend on
 * the thread count. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/accuracy.h"
#include "check.h"
#include "engine/fn_edges.h"
#include "engine/intervals.h"

static float x_wrong, x_nan, x_dip_edge, x_dip_mid;

static float cr32(float x)
{
	struct sb_ref r;
	sb_ref_f32(x, &r);
	return (float)r.cr;
}

static void cr_batch(const float *x, float *y, size_t n)
{
	for (size_t i = 0; i < n; i++)
		y[i] = cr32(x[i]);
}

static void planted_batch(const float *x, float *y, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		float c = cr32(x[i]);
		if (x[i] == x_wrong)
			c = nextafterf(nextafterf(nextafterf(c, 2), 2), 2); /* 3 floats up: 2.5..3.5 ulp */
		else if (x[i] == x_nan)
			c = NAN;
		else if (x[i] == x_dip_edge || x[i] == x_dip_mid)
			c -= 2 * 0x1p-24f; /* 2 floats down: below the previous output */
		y[i] = c;
	}
}

/* SiLU' peaks at x1 = 2.3993572...: on [2, 3] a CR variant with a dip on
 * the rising piece, a rise on the falling piece (at a chunk edge) and a
 * rise across the turn, which is not compared. */
static float x_dsilu_dip, x_dsilu_rise, x_above_turn;

static float dsilu_cr32(float x)
{
	double cr, frac, ulp, value;
	sb_ref_fn_f32_block(SB_FN_DSILU, &x, 1, &cr, &frac, &ulp, &value);
	return (float)cr;
}

static void dsilu_planted_batch(const float *x, float *y, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		float c = dsilu_cr32(x[i]);
		if (x[i] == x_dsilu_dip)
			c = nextafterf(nextafterf(c, -1), -1);
		else if (x[i] == x_dsilu_rise || x[i] == x_above_turn)
			c = nextafterf(nextafterf(c, 2), 2);
		y[i] = c;
	}
}

static void dsilu_cr64_batch(const double *x, double *y, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct sb_ref r;
		sb_ref_fn_mpfr(SB_FN_DSILU, x[i], SB_FMT_F64, &r);
		y[i] = r.cr;
	}
}

static const struct sb_variant v_dsilu = { .name = "test-dsilu-planted", .family = "test",
	.params = "", .summary = "", .prec = SB_F32, .isa = "scalar", .features = "",
	.dom_lo = -INFINITY, .dom_hi = INFINITY, .nan_propagates = 1, .function = SB_FN_DSILU,
	.f32 = dsilu_planted_batch };
static const struct sb_variant v_dsilu64 = { .name = "test-dsilu-cr64", .family = "test",
	.params = "", .summary = "", .prec = SB_F64, .isa = "scalar", .features = "",
	.dom_lo = -INFINITY, .dom_hi = INFINITY, .nan_propagates = 1, .function = SB_FN_DSILU,
	.f64 = dsilu_cr64_batch };

/* Breaks of a turning function: the two planted against the pieces, not
 * the one across the turn; the correctly rounded float64 outputs, sorted
 * samples over both turns, have none. */
static void turning_function(void)
{
	uint32_t k2 = sb_key32(2.0f);
	x_dsilu_dip = sb_unkey32(k2 + 4321);                /* ~2.001, rising */
	x_dsilu_rise = sb_unkey32(k2 + 3 * (1u << 20));      /* 2.75, first input of chunk 3 */
	x_above_turn = nextafterf((float)sb_fn_shape(SB_FN_DSILU)->turn[1].hi, 3);
	if ((double)nextafterf(x_above_turn, 0) >= sb_fn_shape(SB_FN_DSILU)->turn[1].hi)
		x_above_turn = nextafterf(x_above_turn, 0); /* the first float above the turn */
	const struct sb_variant *vs[1] = { &v_dsilu };
	struct sb_accuracy a;
	struct sb_sweep_opts o;
	sb_sweep_opts_default(&o);
	o.lo = 2.0;
	o.hi = 3.0;
	o.threads = 2;
	o.progress = NULL;
	o.function = SB_FN_DSILU;
	struct sb_error e;
	CHECK(sb_sweep_f32(vs, 1, &o, &a, &e) == 0, "dsilu sweep on [2, 3] failed: %s", e.msg);
	CHECK(a.all.cr == a.all.n - 3, "dsilu planted: %llu not CR, want 3",
	      (unsigned long long)(a.all.n - a.all.cr));
	CHECK(a.all.mono == 2, "dsilu planted: %llu breaks, want 2 (the dip, the rise at a chunk edge; "
	      "not the rise across the turn)", (unsigned long long)a.all.mono);
	sb_accuracy_free(&a, 1);

	const struct sb_variant *v64[1] = { &v_dsilu64 };
	sb_sweep_opts_default(&o);
	o.samples = 2000;
	o.lo = -6;
	o.hi = 6;
	o.progress = NULL;
	o.function = SB_FN_DSILU;
	CHECK(sb_sweep_f64(v64, 1, &o, &a, &e) == 0, "dsilu f64 sweep failed: %s", e.msg);
	CHECK(a.all.cr == a.all.n && a.all.n > 3000 && a.all.mono == 0,
	      "f64 dsilu CR over both turns: %llu of %llu CR, %llu breaks", (unsigned long long)a.all.cr,
	      (unsigned long long)a.all.n, (unsigned long long)a.all.mono);
	sb_accuracy_free(&a, 1);
}

static double cr64_value;
static void cr64_batch(const double *x, double *y, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		y[i] = sb_sigmoid_cr_f64(x[i]);
		if (x[i] > 5 && x[i] < 6)
			y[i] = nextafter(y[i], 0); /* wrong on (5, 6) */
	}
	(void)cr64_value;
}

static const struct sb_variant v_cr = { .name = "test-cr", .family = "test", .params = "",
	.summary = "", .prec = SB_F32, .isa = "scalar", .features = "", .dom_lo = 1.5, .dom_hi = 2.5,
	.nan_propagates = 1, .f32 = cr_batch };
static const struct sb_variant v_planted = { .name = "test-planted", .family = "test", .params = "",
	.summary = "", .prec = SB_F32, .isa = "scalar", .features = "", .dom_lo = -INFINITY,
	.dom_hi = INFINITY, .nan_propagates = 1, .f32 = planted_batch };
static const struct sb_variant v_cr64 = { .name = "test-cr64", .family = "test", .params = "",
	.summary = "", .prec = SB_F64, .isa = "scalar", .features = "", .dom_lo = -INFINITY,
	.dom_hi = INFINITY, .nan_propagates = 1, .f64 = cr64_batch };

static void sweep(int threads, struct sb_accuracy out[2])
{
	const struct sb_variant *vs[2] = { &v_cr, &v_planted };
	struct sb_sweep_opts o;
	sb_sweep_opts_default(&o);
	o.lo = 1.0;
	o.hi = 3.0;
	o.threads = threads;
	o.progress = NULL;
	o.plot = "test-*";
	o.plot_lo = 0;
	o.plot_hi = 4;
	o.plot_bins = 400; /* 0.01 per bin */
	struct sb_error e;
	CHECK(sb_sweep_f32(vs, 2, &o, out, &e) == 0, "sweep on [1, 3] failed: %s", e.msg);
}

/* The engine reports an impossible request instead of exiting: a domain
 * between two adjacent floats (or doubles) holds no input. */
static void empty_domain_is_an_error(void)
{
	const struct sb_variant *vs[1] = { &v_cr };
	struct sb_accuracy out[1];
	struct sb_sweep_opts o;
	sb_sweep_opts_default(&o);
	o.progress = NULL;
	o.lo = 0x1.000001p0; /* 1 + 2^-24: between 1 and the next float */
	o.hi = 0x1.0000018p0;
	struct sb_error e = { "" };
	CHECK(sb_sweep_f32(vs, 1, &o, out, &e) == -1 && strstr(e.msg, "holds no float"),
	      "f32 empty domain: '%s'", e.msg);
	const struct sb_variant *v64[1] = { &v_cr64 };
	o.samples = 1000;
	o.lo = 0x1.0000000000001p0;
	o.hi = 0x1.0000000000001p0 + 0x1p-60;
	e.msg[0] = '\0';
	CHECK(sb_sweep_f64(v64, 1, &o, out, &e) == -1 && strstr(e.msg, "holds no sample"),
	      "f64 empty domain: '%s'", e.msg);
}

int main(void)
{
	atexit(sb_ref_release_thread);
	uint32_t k1 = sb_key32(1.0f);
	x_wrong = sb_unkey32(k1 + 777777);
	x_nan = sb_unkey32(k1 + (1u << 23) + 1000000); /* ~2.24: near-sat */
	x_dip_edge = sb_unkey32(k1 + (1u << 20)); /* first input of the second chunk */
	x_dip_mid = sb_unkey32(k1 + 12345);
	uint64_t n = sb_key32(3.0f) - k1 + 1;

	struct sb_accuracy a[2], b[2];
	sweep(2, a);
	const struct sb_errstats *cr = &a[0].all, *pl = &a[1].all;
	CHECK(cr->n == n && pl->n == n, "inputs %llu %llu, want %llu", (unsigned long long)cr->n,
	      (unsigned long long)pl->n, (unsigned long long)n);
	CHECK(cr->cr == n && cr->ulp.err <= 0.5 && cr->mono == 0 && cr->nan_out == 0,
	      "CR variant: cr %llu max %g mono %llu", (unsigned long long)cr->cr, cr->ulp.err,
	      (unsigned long long)cr->mono);
	CHECK(pl->cr == n - 4, "planted: %llu CR, want %llu", (unsigned long long)pl->cr,
	      (unsigned long long)(n - 4));
	CHECK(pl->nan_out == 1, "planted NaN seen %llu times", (unsigned long long)pl->nan_out);
	CHECK(isinf(pl->ulp.err) && pl->ulp.x == x_nan, "worst is the NaN at %a, got %a", x_nan, pl->ulp.x);
	/* the two dips, and the step down after the too-high output */
	CHECK(pl->mono == 3, "planted: %llu breaks, want 3 (one at a chunk edge)",
	      (unsigned long long)pl->mono);
	CHECK(a[0].has_domain && a[0].domain.n == sb_key32(2.5f) - sb_key32(1.5f) + 1,
	      "domain [1.5, 2.5] of the CR variant: %llu inputs", (unsigned long long)a[0].domain.n);
	/* the wrong float, alone: max ulp error at exactly that input */
	CHECK(pl->abs.x == x_nan, "abs worst at the NaN too");
	uint64_t per_iv = 0;
	for (int i = 0; i < SB_IV_COUNT; i++)
		per_iv += a[1].iv[i].n;
	CHECK(per_iv == n && a[1].iv[SB_IV_CENTRAL].n + a[1].iv[SB_IV_NEARSAT].n == n,
	      "intervals partition the inputs");
	CHECK(a[1].iv[SB_IV_NEARSAT].ulp.x == x_nan, "near-sat holds the NaN");
	CHECK(a[1].iv[SB_IV_CENTRAL].ulp.x == x_wrong && a[1].iv[SB_IV_CENTRAL].ulp.err > 2.5 &&
	      a[1].iv[SB_IV_CENTRAL].ulp.err < 3.5, "central: worst %a (%g ulp), planted %a",
	      a[1].iv[SB_IV_CENTRAL].ulp.x, a[1].iv[SB_IV_CENTRAL].ulp.err, x_wrong);

	/* the plot bins see every planted error, in its own bin */
	int kw = (int)(x_wrong * 100), kn = (int)(x_nan * 100);
	CHECK(a[1].nbins == 400 && a[1].bin_ulp[kw] > 2.5 && a[1].bin_ulp[kw] < 3.5,
	      "bin of the wrong output: %g", a[1].bin_ulp[kw]);
	CHECK(isinf(a[1].bin_ulp[kn]), "bin of the NaN output: %g", a[1].bin_ulp[kn]);
	CHECK(a[0].bin_ulp[kw] <= 0.5 && a[0].bin_ulp[50] == -1 && a[0].bin_ulp[150] <= 0.5,
	      "CR variant's bins: %g, empty below 1: %g", a[0].bin_ulp[kw], a[0].bin_ulp[50]);
	double worst = -1;
	for (int k = 0; k < 400; k++)
		worst = a[1].bin_ulp[k] > worst ? a[1].bin_ulp[k] : worst;
	CHECK(isinf(worst), "the bins' max is the sweep's max");

	sweep(1, b);
	CHECK(memcmp(&a[1].all, &b[1].all, sizeof a[1].all) == 0, "1 and 2 threads disagree");
	CHECK(memcmp(&a[0].domain, &b[0].domain, sizeof a[0].domain) == 0, "domain stats differ by threads");
	CHECK(memcmp(a[1].bin_ulp, b[1].bin_ulp, 400 * sizeof(double)) == 0, "bins differ by threads");
	sb_accuracy_free(a, 2);
	sb_accuracy_free(b, 2);

	empty_domain_is_an_error();
	turning_function();

	/* f64: samples are drawn, sorted and measured; (5, 6) is wrong */
	const struct sb_variant *v64[1] = { &v_cr64 };
	struct sb_accuracy c;
	struct sb_sweep_opts o;
	sb_sweep_opts_default(&o);
	o.samples = 3000;
	o.progress = NULL;
	CHECK(sb_sweep_f64(v64, 1, &o, &c, NULL) == 0, "f64 sweep failed");
	CHECK(c.all.ulp.x > 5 && c.all.ulp.x < 6 && c.all.ulp.err > 0.5 && c.all.ulp.err < 1.5,
	      "f64 worst %a (%g ulp)", c.all.ulp.x, c.all.ulp.err);
	CHECK(c.iv[SB_IV_CENTRAL].cr == c.iv[SB_IV_CENTRAL].n && c.iv[SB_IV_CENTRAL].ulp.err <= 0.5,
	      "f64 CR on central");
	CHECK(c.iv[SB_IV_UNDERFLOW].n > 0 && c.iv[SB_IV_SUBNORMAL].n > 0 && c.iv[SB_IV_TINY].n > 0,
	      "f64 samples reach every interval");
	CHECK(c.all.mono == 0, "f64 CR is monotone: %llu", (unsigned long long)c.all.mono);
	return check_report("test_sweep");
}
