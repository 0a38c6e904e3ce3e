/* A user's program built against the installed tree with nothing but
 * `pkg-config --cflags --libs sigbench`: calls a variant, measures it with
 * the measuring library, checks limits, and hits the error paths.  Prints
 *   measured=M x=X   (the variant's max ULP on every 61st float, as
 *                     `sigbench check --stride 61` prints it, for comparison)
 * and exits 0 only if every expectation holds. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <sigbench/measure.h>
#include <sigbench/variants.h>

static int fails;

static void expect(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "use_installed: FAIL %s\n", what);
		fails++;
	}
}

static void call_a_variant(void)
{
	float x[3] = { -1, 0, 1 }, y[3];
	sb_f32_stable_dbl_scalar(x, y, 3);
	expect(y[1] == 0.5f && y[0] + y[2] == 1.0f && y[2] > 0.73f && y[2] < 0.74f,
	       "sb_f32_stable_dbl_scalar gives sigma(-1), 1/2, sigma(1)");
}

static void measure_and_check(void)
{
	struct sigbench_options o;
	struct sigbench_result r;
	struct sigbench_error e;
	struct sigbench_limits l;
	sigbench_options_init(&o);
	o.stride = 61;
	expect(sigbench_measure_f32(sb_f32_stable_dbl_scalar, &o, &r, &e) == 0, "measure f32");
	printf("measured=%.6g x=%a\n", r.max_ulp, r.worst_x);
	expect(!r.exhaustive && r.inputs > 70000000 && r.max_ulp > 0.5 && r.max_ulp <= 0.501,
	       "f32-stable-dbl on every 61st float: a sample, within 0.501 ULP");
	sigbench_limits_init(&l);
	l.ulp = 0.501;
	l.mono = 0;
	expect(sigbench_check(&r, &l, &e) == 0, "its limits pass");
	l.ulp = 0.5;
	expect(sigbench_check(&r, &l, &e) == 1 && strstr(e.msg, "ulp measured=") != NULL,
	       "a bound below the measurement fails, naming the metric");

	expect(sigbench_measure_f32(sb_f32_hard_scalar, &o, &r, &e) == 0 && r.max_ulp > 1e6,
	       "the hard clip is millions of ULP off");
	o.lo = 2;
	o.hi = 1;
	expect(sigbench_measure_f32(sb_f32_hard_scalar, &o, &r, &e) == -1 && e.msg[0], "lo > hi is an error");
	o.lo = 0x1.000001p0; /* between 1 and the next float, 1 + 2^-23 */
	o.hi = 0x1.0000018p0;
	expect(sigbench_measure_f32(sb_f32_hard_scalar, &o, &r, &e) == -1 && strstr(e.msg, "no float"),
	       "a domain without a float is an error");
}

static void measure_f64(void)
{
	struct sigbench_options o;
	struct sigbench_result r;
	struct sigbench_error e;
	sigbench_options_init(&o);
	o.samples = 2000;
	expect(sigbench_measure_f64(sb_f64_stable_scalar, &o, &r, &e) == 0 && r.inputs >= 6000 &&
	       r.max_ulp < 10 && r.nan_out == 0, "measure f64: the stable form, a few ULP");
}

int main(void)
{
	call_a_variant();
	measure_and_check();
	measure_f64();
	return fails != 0;
}
