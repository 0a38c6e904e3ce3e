/* sigbench hash: a 64-bit fingerprint (FNV-1a over the output bits) of each
 * variant on a fixed input set, so that a change of any output bit shows
 * even when it stays within the ULP limit.  `run` writes them to
 * results/hashes.txt and the tests compare.
 *
 * Inputs, f32: every 4093rd float in increasing order (1,045,245 of them),
 * the 129 floats around each interval edge, the special inputs and 64 NaN
 * patterns.  f64: 2^20 doubles from a fixed xorshift stream (uniform bit
 * patterns, uniform on [-40, 40], and 2^-60..2^10 magnitudes, a third each),
 * the 129 doubles around each interval edge, the special inputs.
 * Variants are called in blocks of 1024, as the sweeps do. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/accuracy.h"
#include "engine/hash.h"
#include "engine/intervals.h"
#include "base/util.h"

#define STRIDE32 4093
#define EDGE 64 /* inputs each side of an interval edge */
#define N64 (1u << 20)
#define BLOCK 1024

struct inputs {
	double *x;
	size_t n, cap;
};

static void add(struct inputs *in, double x)
{
	if (in->n == in->cap) {
		in->cap = in->cap ? 2 * in->cap : 1 << 16;
		in->x = sb_xrealloc(in->x, in->cap * sizeof *in->x);
	}
	in->x[in->n++] = x;
}

static void edges(struct inputs *in, enum sb_fmt fmt)
{
	const struct sb_breakpoints *bp = sb_breakpoints(fmt);
	for (int iv = 1; iv < SB_IV_COUNT; iv++) {
		double e = sb_interval_lo(bp, iv);
		for (int k = -EDGE; k <= EDGE; k++)
			add(in, fmt == SB_FMT_F32 ? (double)sb_unkey32((uint32_t)((int64_t)sb_key32((float)e) + k))
						  : sb_unkey64((uint64_t)((int64_t)sb_key64(e) + k)));
	}
	for (int i = 0; i < SB_NSPECIAL; i++)
		add(in, sb_special_input(fmt, i));
}

static void inputs32(struct inputs *in)
{
	for (uint64_t k = 0; k < SB_NKEY32; k += STRIDE32)
		add(in, sb_unkey32((uint32_t)k));
	edges(in, SB_FMT_F32);
	for (uint32_t m = 1; m <= 64; m++) { /* NaN payloads, both signs */
		uint32_t b = (m & 1u) << 31 | 0x7F800000u | (m * 0x1F3Du);
		float f;
		memcpy(&f, &b, sizeof f);
		add(in, f);
	}
}

static uint64_t xorshift(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static void inputs64(struct inputs *in)
{
	uint64_t s = 0x5DEECE66Du;
	for (uint32_t i = 0; i < N64; i++) {
		uint64_t r = xorshift(&s);
		double u = (double)(r >> 11) * 0x1p-53, x;
		if (i % 3 == 0)
			memcpy(&x, &r, sizeof x);
		else if (i % 3 == 1)
			x = -40 + 80 * u;
		else
			x = (r & 1 ? -1 : 1) * exp2(-60 + 70 * u);
		add(in, x);
	}
	edges(in, SB_FMT_F64);
}

uint64_t sb_fnv1a(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;
	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 0x100000001B3u;
	return h;
}

uint64_t sb_hash_variant(const struct sb_variant *v)
{
	static struct inputs in32, in64;
	struct inputs *in = v->prec == SB_F32 ? &in32 : &in64;
	if (!in->n) {
		if (v->prec == SB_F32)
			inputs32(in);
		else
			inputs64(in);
	}
	uint64_t h = 0xCBF29CE484222325u;
	if (v->prec == SB_F32) {
		float *x = sb_xalloc_aligned(BLOCK * sizeof(float)), *y = sb_xalloc_aligned(BLOCK * sizeof(float));
		for (size_t a = 0; a < in->n; a += BLOCK) {
			size_t m = in->n - a < BLOCK ? in->n - a : BLOCK;
			for (size_t i = 0; i < m; i++)
				x[i] = (float)in->x[a + i];
			v->f32(x, y, m);
			h = sb_fnv1a(h, y, m * sizeof *y);
		}
		free(x);
		free(y);
	} else {
		double *x = sb_xalloc_aligned(BLOCK * sizeof(double)), *y = sb_xalloc_aligned(BLOCK * sizeof(double));
		for (size_t a = 0; a < in->n; a += BLOCK) {
			size_t m = in->n - a < BLOCK ? in->n - a : BLOCK;
			memcpy(x, in->x + a, m * sizeof *x);
			v->f64(x, y, m);
			h = sb_fnv1a(h, y, m * sizeof *y);
		}
		free(x);
		free(y);
	}
	return h;
}
