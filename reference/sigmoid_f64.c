/* The float64 reference without MPFR where that gives MPFR's bits.
 *
 * sb_ref_mpfr computes v = RN(1 / RN(1 + RN(exp(-x)))) with every RN to
 * w = 117 bits (more only where that cannot decide), then cr, frac, ulp
 * and sigma from v.  frac = (v - cr) / ulp carries v's last bits, so a
 * value merely close to sigma would not give the same double: this file
 * computes the same v, exactly, in 128-bit integers.
 *
 *   1. E = RN117(exp(y)), y = -x: exp(y) = 2^k exp(r) is approximated by an
 *      integer R (units of 2^-127) within EXP_ERR units, proven below; E is
 *      settled when no 117-bit rounding midpoint lies within EXP_ERR of R.
 *      exp is transcendental, so exp(y) for rational y != 0 is never a
 *      midpoint and a wide enough R always decides; here about 1 input in
 *      150 is too close and goes to MPFR.
 *   2. T = RN117(1 + E) and v = RN117(1 / T) are rounded exactly (integer
 *      sum, long division with its remainder): nothing to prove but the
 *      code.
 *   3. MPFR's own tests on v (a binade edge within 2^-113, mpfr_can_round
 *      with w - 3 bits) are repeated on the exact v; where they might make
 *      MPFR retry at 234 bits (v within 2^8 units of a rounding boundary,
 *      beyond MPFR's 2^3) the input goes to MPFR.  cr, ulp, frac and sigma
 *      then follow from v by integer rounding, as mpfr_set and mpfr_get_d
 *      round (to nearest, ties to even, subnormals included).
 *
 * Error of R (step 1), in units of 2^-127 (u):
 *   k = nearbyint(y / ln 2) in double, |k| <= 94548; r = y - k ln2 in units
 *   of 2^-128, with ln 2 to 192 bits: y is a multiple of 2^-128 (|y| >= 2^-60
 *   has 53 bits) so only k*ln2 is rounded, once: |r' - r| <= 2^-129 + |k| 2^-193.
 *   |y/ln2 - k| <= 1/2 + 2^-35 gives |r| < 0.3466, so j = round(64 r) is in
 *   [-22, 22] and s = r' - j/64 has |s| <= 2^-7.
 *   exp(s) by Taylor to degree 13 (remainder |s|^14/14! * 1.01 < 2^-134),
 *   Horner in units u with each product rounded (<= u/2) and each
 *   coefficient 1/i! rounded (<= u/2): error <= u (1 + 2^-7 + 2^-14 ...)
 *   <= 1.01 u, so |P - exp(s)| <= 1.02 u.
 *   R = round(T[j] * P), T[j] = exp(j/64) rounded (<= u/2, T[j] < 1.42):
 *   |R - exp(r')| <= 1.42 * 1.02 u + 1.01 * u/2 + u/2 < 2.97 u, and
 *   |exp(r') - exp(r)| <= 1.42 * 2^-129 * 1.001 < 0.36 u.  Total < 3.4 u;
 *   EXP_ERR = 4 u.  tests/test_reference_f64.c checks |R - exp(r) 2^127| against
 *   MPFR and every field against sb_ref_mpfr bit for bit.
 */
#include <math.h>
#include <stdatomic.h>
#include <stdint.h>

#include "sigmoid_ref.h"

__extension__ typedef unsigned __int128 u128;
__extension__ typedef __int128 i128;

#define ONE128 ((u128)1)
#define PREC 117       /* sb_ref_mpfr's first working precision: 53 + 64 */
#define EXP_ERR SB_F64_EXP_ERR /* bound on |R - exp(r) 2^127|, proven above */
#define EDGE_MARGIN 256 /* units of v kept from rounding boundaries (MPFR: 8) */

static atomic_ullong fallbacks;

unsigned long long sb_ref_fallbacks_f64(void)
{
	return atomic_load_explicit(&fallbacks, memory_order_relaxed);
}

static u128 u128_of(uint64_t hi, uint64_t lo) { return (u128)hi << 64 | lo; }

/* ln 2 * 2^192 rounded, as three 64-bit limbs, high first. */
static const uint64_t ln2_192[3] = { 0xb17217f7d1cf79abu, 0xc9e3b39803f2f6afu, 0x40f343267298b62eu };

/* exp(j/64) * 2^127 rounded, j = -22 .. 22 (high, low limbs). */
static const uint64_t exp_table[45][2] = {
	{ 0x5ac3fdcb7ae27389u, 0x5029a28fcff8762du }, { 0x5c31e7ae8cf01aa7u, 0x48edd8b9a5ea56beu },
	{ 0x5da594b7c8bdf84du, 0x117dd51383bdc2a5u }, { 0x5f1f1c221dd8eff7u, 0xb2acbed566e78d81u },
	{ 0x609e9586225c57a5u, 0x3455273f7cfd2984u }, { 0x622418db8c7d50ecu, 0xe14ec6cc176bae4du },
	{ 0x63afbe7ab2082ba1u, 0xa0ae5e4eb1b479ddu }, { 0x65419f1e0de7c9f4u, 0x83a3e8cd60e99ee7u },
	{ 0x66d9d3e3cbcf5eaeu, 0x40244ed6f6bcd75eu }, { 0x6878764f5a1f403cu, 0x74d7b5d9d1f13a23u },
	{ 0x6a1da04b021def01u, 0x64eec82915df2e0fu }, { 0x6bc96c29869ed298u, 0x95ad5e59e7560f29u },
	{ 0x6d7bf4a7c930989eu, 0xafebeb852f6ababfu }, { 0x6f3554ee75ed8805u, 0xab530d4d196be693u },
	{ 0x70f5a893b608861eu, 0x1f58934f97aea57du }, { 0x72bd0b9ce931f64au, 0x411174311cf0b72au },
	{ 0x748b9a8065f00acdu, 0x5184250eee9c4e99u }, { 0x7661722741068c61u, 0xe6378c4e295859b3u },
	{ 0x783eafef1c0a8f39u, 0x78c7f81824d62ebfu }, { 0x7a2371abfb3efec7u, 0x19deb63e91e34276u },
	{ 0x7c0fd5aa22d75e45u, 0x2c02afe5dd89cd74u }, { 0x7e03faaffbbe9249u, 0xf442f7553ab56a92u },
	{ 0x8000000000000000u, 0x0000000000000000u }, { 0x8204055aaef1c8bdu, 0x5c3259f4822735a3u },
	{ 0x84102b00893f64c7u, 0x05e841d5d4064bd3u }, { 0x862491b414f45e14u, 0x967f31eb2594af51u },
	{ 0x88415abbe9a76beau, 0xd8d00cf112e4d4a9u }, { 0x8a66a7e4c4e6b22au, 0xaf50ce3713ce2f05u },
	{ 0x8c949b83a7066b44u, 0x9e8c66dd40755e15u }, { 0x8ecb5877f873c9e8u, 0xac7a4d3206c3015fu },
	{ 0x910b022db7ae67ceu, 0x76b441c27035c6a1u }, { 0x9353bc9fb00b215au, 0xeb9860044d070592u },
	{ 0x95a5ac59b963ca80u, 0x9bb3e062cebec9a5u }, { 0x9800f67b00d7b805u, 0xeae44b1a7ffaabe3u },
	{ 0x9a65c0b85ac1a96au, 0x7062465be33249a3u }, { 0x9cd4315e9e0832fbu, 0xa34f397a1f83baa9u },
	{ 0x9f4c6f5508ee5d51u, 0xbbdee0206028ab6cu }, { 0xa1cea21faf8ac771u, 0xd268bc652de9f408u },
	{ 0xa45af1e1f40c333bu, 0x3de1db4dd55f29a7u }, { 0xa6f1876108f3009du, 0xa911f650b893501cu },
	{ 0xa9928c067d67bb65u, 0x16cc14c91b4fdb27u }, { 0xac3e29e2d3d7813bu, 0x0e93c017936f2fa1u },
	{ 0xaef48bb022ffa9dau, 0x89923298baa201e1u }, { 0xb1b5dcd4c192c269u, 0x39863ee4919e1312u },
	{ 0xb4824965fca1967eu, 0xd7cc08291bd3a598u },
};

/* 1/i! * 2^127 rounded, i = 0 .. 13. */
static const uint64_t inv_fact[14][2] = {
	{ 0x8000000000000000u, 0x0000000000000000u }, { 0x8000000000000000u, 0x0000000000000000u },
	{ 0x4000000000000000u, 0x0000000000000000u }, { 0x1555555555555555u, 0x5555555555555555u },
	{ 0x0555555555555555u, 0x5555555555555555u }, { 0x0111111111111111u, 0x1111111111111111u },
	{ 0x002d82d82d82d82du, 0x82d82d82d82d82d8u }, { 0x0006806806806806u, 0x8068068068068068u },
	{ 0x0000d00d00d00d00u, 0xd00d00d00d00d00du }, { 0x0000171de3a556c7u, 0x338faac1c88e5001u },
	{ 0x0000024fc9f6ef13u, 0xeb8e5de02da7d4cdu }, { 0x00000035cc8acfeau, 0x89c71fce8fc97070u },
	{ 0x000000047bb63bfeu, 0x3625ed5136a61eb4u }, { 0x000000005849184eu, 0xa1b425f28e0cc749u },
};

static int bitlen(u128 a)
{
	uint64_t hi = (uint64_t)(a >> 64);
	if (hi)
		return 128 - __builtin_clzll(hi);
	return a ? 64 - __builtin_clzll((uint64_t)a) : 0;
}

/* a * b, all 256 bits. */
struct u256 {
	u128 hi, lo;
};

static struct u256 mul_wide(u128 a, u128 b)
{
	uint64_t a0 = (uint64_t)a, a1 = (uint64_t)(a >> 64);
	uint64_t b0 = (uint64_t)b, b1 = (uint64_t)(b >> 64);
	u128 p00 = (u128)a0 * b0, p01 = (u128)a0 * b1, p10 = (u128)a1 * b0, p11 = (u128)a1 * b1;
	u128 mid = (p00 >> 64) + (uint64_t)p01 + (uint64_t)p10;
	return (struct u256){ p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64),
			      mid << 64 | (uint64_t)p00 };
}

/* round(a * b / 2^sh) for sh = 127 or 128, when the result is below 2^128. */
static u128 mul_round(u128 a, u128 b, int sh)
{
	struct u256 p = mul_wide(a, b);
	u128 lo = p.lo + (ONE128 << (sh - 1));
	u128 hi = p.hi + (lo < p.lo);
	return sh == 128 ? hi : hi << 1 | lo >> 127;
}

/* round(|k| ln2 2^128) mod 2^128, from ln2_192. */
static u128 k_ln2(uint64_t k)
{
	u128 p0 = (u128)k * ln2_192[2] + (ONE128 << 63);
	u128 p1 = (u128)k * ln2_192[1] + (p0 >> 64);
	u128 p2 = (u128)k * ln2_192[0] + (p1 >> 64);
	return p2 << 64 | (uint64_t)p1;
}

/* y * 2^128 mod 2^128, exactly (y a normal double, |y| < 2^17). */
static u128 y_fixed(double y)
{
	int ex;
	double fr = frexp(fabs(y), &ex);
	u128 m = (u128)(uint64_t)ldexp(fr, 53);
	int sh = ex - 53 + 128; /* >= 16 for |y| >= 2^-60 */
	u128 a = sh >= 128 ? 0 : m << sh;
	return y < 0 ? -a : a;
}

/* exp(y) ~ R 2^(k-127) with |R - exp(y) 2^(127-k)| <= EXP_ERR, R in [2^126, 2^128). */
static u128 exp_fixed(double y, int *k)
{
	double kd = nearbyint(y * 0x1.71547652b82fep0);
	*k = (int)kd;
	u128 kl = k_ln2((uint64_t)fabs(kd));
	i128 r = (i128)(y_fixed(y) - (kd < 0 ? -kl : kl));
	/* j = round(64 r): offset by 32.5 / 64 so the shift sees a positive value */
	int j = (int)(((u128)r + (ONE128 << 121) * 65) >> 122) - 32;
	i128 s = r - (i128)j * (i128)(ONE128 << 122);
	int neg = s < 0;
	u128 as = (u128)(neg ? -s : s);
	u128 p = u128_of(inv_fact[13][0], inv_fact[13][1]);
	for (int i = 12; i >= 0; i--) {
		u128 c = u128_of(inv_fact[i][0], inv_fact[i][1]);
		u128 t = mul_round(as, p, 128);
		p = neg ? c - t : c + t;
	}
	return mul_round(u128_of(exp_table[j + 22][0], exp_table[j + 22][1]), p, 127);
}

void sb_ref_f64_exp_fixed(double y, uint64_t *hi, uint64_t *lo, int *k)
{
	u128 R = exp_fixed(y, k);
	*hi = (uint64_t)(R >> 64);
	*lo = (uint64_t)R;
}

/* A value m 2^s, m in [2^116, 2^117) (117 bits, normalised). */
struct v117 {
	u128 m;
	int s;
};

/* RN117(m 2^s), ties to even (m != 0). */
static struct v117 rn117(u128 m, int s)
{
	int nb = bitlen(m);
	if (nb <= PREC)
		return (struct v117){ m << (PREC - nb), s - (PREC - nb) };
	int d = nb - PREC;
	u128 q = m >> d, low = m & ((ONE128 << d) - 1), half = ONE128 << (d - 1);
	if (low > half || (low == half && (q & 1)))
		q++;
	if (q >> PREC)
		return (struct v117){ q >> 1, s + d + 1 };
	return (struct v117){ q, s + d };
}

/* RN117(exp(y)), or 0 when R's error bound straddles a rounding midpoint. */
static int exp_rn117(double y, struct v117 *e)
{
	int k;
	u128 R = exp_fixed(y, &k);
	int d = (R >> 127) ? 11 : 10;
	if (((R - EXP_ERR) >> 127) != ((R + EXP_ERR) >> 127))
		return 0; /* the binade, and so the rounding bit, is not known */
	u128 low = R & ((ONE128 << d) - 1), half = ONE128 << (d - 1);
	if (low + EXP_ERR >= half && low <= half + EXP_ERR)
		return 0;
	*e = rn117(R, k - 127); /* no tie: the exact value is off the midpoint */
	return 1;
}

/* RN117(1 + e), exactly: the sum in units of 2^min(s, 0), or where e is far
 * below 1, in units of 2^-126 with what lies below folded into a sticky bit
 * (the rounding position is ten bits higher, so that decides as the exact
 * sum would). */
static struct v117 add_one(struct v117 e)
{
	if (e.s >= 2)
		return e; /* 1 is below half an ulp of e */
	if (e.s >= 0)
		return rn117((e.m << e.s) + 1, 0);
	if (e.s >= -126)
		return rn117(e.m + (ONE128 << -e.s), e.s);
	int sh = -126 - e.s;
	u128 part = sh >= 128 ? 0 : e.m >> sh;
	u128 sticky = sh >= 128 || part << sh != e.m;
	return rn117((ONE128 << 126) + (part | sticky), -126);
}

/* floor(2^244 / m) for m in (2^127, 2^128), and its remainder: a quotient
 * from m's top 64 bits rounded up (so it never overshoots), raised by the
 * remainder's quotient, estimated the same way, until the remainder is
 * below m (two or three rounds). */
static u128 div_pow2(u128 m, u128 *rem)
{
	u128 d = (m >> 64) + 1; /* d 2^64 > m */
	u128 q = (ONE128 << 116) / d << 64 | ((ONE128 << 116) % d << 64) / d;
	for (;;) {
		struct u256 p = mul_wide(q, m); /* < 2^244: q <= 2^244 / m, m no power of 2 */
		u128 lo = -p.lo;
		u128 hi = (ONE128 << 116) - p.hi - (p.lo != 0); /* 2^244 - q m >= 0 */
		if (hi == 0 && lo < m) {
			*rem = lo;
			return q;
		}
		u128 delta = (hi << 64 | lo >> 64) / d; /* hi < 2^54 */
		q += delta ? delta : 1;
	}
}

/* RN117(1 / t), exactly: 1/t = 2^-(t.s + 233) * 2^244 / (t.m 2^11), rounded
 * by the remainder (never a tie: t.m is not a power of two there). */
static struct v117 reciprocal(struct v117 t)
{
	if (t.m == ONE128 << (PREC - 1))
		return (struct v117){ t.m, -t.s - 2 * (PREC - 1) };
	u128 m = t.m << (128 - PREC), rem;
	u128 q = div_pow2(m, &rem);
	if (rem > m - rem)
		q++;
	if (q >> PREC)
		return (struct v117){ q >> 1, -t.s - 2 * PREC + 2 };
	return (struct v117){ q, -t.s - 2 * PREC + 1 };
}

/* a 2^s rounded to a double (to nearest, ties to even, subnormals and
 * underflow as mpfr_get_d rounds them); neg gives the sign. */
static double rn_double(u128 a, int s, int neg)
{
	if (a == 0)
		return 0;
	int top = bitlen(a) + s; /* value in [2^(top-1), 2^top) */
	int ue = top - 53 < -1074 ? -1074 : top - 53;
	int sh = ue - s;
	u128 q;
	if (sh <= 0) {
		q = a;
		ue = s;
	} else if (sh > 128) {
		q = 0;
	} else {
		u128 low = sh == 128 ? a : a & ((ONE128 << sh) - 1);
		u128 half = ONE128 << (sh - 1);
		q = sh == 128 ? 0 : a >> sh;
		if (low > half || (low == half && (q & 1)))
			q++;
	}
	double d = ldexp((double)(uint64_t)q, ue); /* exact: q <= 2^53 */
	return neg ? -d : d;
}

/* v a boundary's distance within EDGE_MARGIN units of the pe+1 bit grid?
 * (mpfr_can_round's test, widened: MPFR's error radius is 8 units.) */
static int near_rounding_edge(u128 m, int pe)
{
	u128 grid = ONE128 << (PREC - 1 - pe);
	u128 low = m & (grid - 1);
	return low <= EDGE_MARGIN || grid - low <= EDGE_MARGIN;
}

/* The fields sb_ref_mpfr derives from v (its round_to_format and the end of
 * its loop), or 0 where MPFR would not have stopped at 117 bits. */
static int fields_of(struct v117 v, double x, struct sb_ref *r)
{
	int e = v.s + PREC; /* v in [2^(e-1), 2^e) */
	if (x > 0 && e != 0)
		return 0; /* cannot happen for 2^-60 <= x <= 64; MPFR takes e = 0 */
	if (x < 0 && (v.m - (ONE128 << (PREC - 1)) < 8 || (ONE128 << PREC) - v.m < 8))
		return 0; /* near_binade_edge: MPFR retries */
	int pe = e + 1074 > 53 ? 53 : e + 1074;
	int ulp_exp = e - 53 < -1074 ? -1074 : e - 53;
	u128 crm; /* cr in units of 2^v.s */
	if (pe <= 0) {
		crm = pe == 0 ? ONE128 << PREC : 0; /* 2^-1074 = 2^(e + 0) with v.s = e - 117 */
		r->cr = pe == 0 ? 0x1p-1074 : 0.0;
	} else {
		if (near_rounding_edge(v.m, pe))
			return 0;
		int d = PREC - pe;
		u128 q = v.m >> d, low = v.m & ((ONE128 << d) - 1);
		if (low > ONE128 << (d - 1))
			q++; /* no tie: near_rounding_edge excludes it */
		crm = q << d;
		r->cr = ldexp((double)(uint64_t)q, v.s + d);
	}
	int below = v.m < crm;
	r->frac = rn_double(below ? crm - v.m : v.m - crm, v.s - ulp_exp, below);
	r->ulp = ldexp(1.0, ulp_exp);
	r->sigma = rn_double(v.m, v.s, 0);
	return 1;
}

int sb_ref_fast_f64(double x, struct sb_ref *r)
{
	/* sb_ref_mpfr's closed forms (NaN fails both comparisons) */
	if (fabs(x) < 0x1p-60 || !(x >= -65536 && x <= 64))
		return 0;
	struct v117 e;
	if (!exp_rn117(-x, &e))
		return 0;
	return fields_of(reciprocal(add_one(e)), x, r);
}

void sb_ref_f64_block(const double *x, size_t n, double *cr, double *frac, double *ulp,
		      double *sigma)
{
	for (size_t i = 0; i < n; i++) {
		struct sb_ref r;
		if (!sb_ref_fast_f64(x[i], &r)) {
			if (fabs(x[i]) >= 0x1p-60 && x[i] >= -65536 && x[i] <= 64)
				atomic_fetch_add_explicit(&fallbacks, 1, memory_order_relaxed);
			sb_ref_mpfr(x[i], SB_FMT_F64, &r);
		}
		cr[i] = r.cr;
		frac[i] = r.frac;
		ulp[i] = r.ulp;
		sigma[i] = r.sigma;
	}
}
