#include <math.h>
#include <string.h>

#include "report/dominance.h"

/* What keeps a variant from dominating a peer, one bit each. */
enum { BAD_TIME = 1, BAD_ULP = 2, BAD_NAN = 4, BAD_RANGE = 8, BAD_MONO = 16 };

struct judged {
	const struct sb_accuracy *a; /* ours */
	unsigned bad;
	int nbad;
	double ratio[2]; /* our median over the peer's, per size; <0: not timed */
};

/* A library's "auto" dispatches to the best ISA this machine runs, so any
 * of ours that ran here competes with it. */
static const struct {
	const char *isa;
	int rank;
} isa_order[] = {
	{ "scalar", 0 }, { "sse2", 1 }, { "sse41", 2 }, { "avx2", 3 }, { "avx512", 4 }, { "auto", 4 },
};

static int isa_rank(const char *isa)
{
	for (size_t i = 0; i < sizeof isa_order / sizeof isa_order[0]; i++)
		if (strcmp(isa_order[i].isa, isa) == 0)
			return isa_order[i].rank;
	return -1;
}

/* The peer's max ULP over all inputs.  A peer with NaN outputs has an
 * infinite maximum that any variant would meet; it is held instead to its
 * maximum where sigma is a normal number below 1, the inputs it is meant
 * for (XNNPACK's 3.85, the same as on [-20, 20]). */
static double peer_ulp_bound(const struct sb_accuracy *p)
{
	static const enum sb_iv normal[] = { SB_IV_NEGATIVE, SB_IV_CENTRAL, SB_IV_TINY, SB_IV_NEARSAT };
	if (p->all.nan_out == 0)
		return p->all.ulp.err;
	double m = 0;
	for (size_t i = 0; i < sizeof normal / sizeof normal[0]; i++) {
		const struct sb_errstats *s = &p->iv[normal[i]];
		if (s->nan_out)
			return INFINITY;
		m = fmax(m, s->ulp.err);
	}
	return m;
}

static int nsizes(const struct sb_results *r)
{
	return r->speed_opts.nsizes < 2 ? r->speed_opts.nsizes : 2;
}

/* 0 when o was not timed at every size the peer was. */
static int judge(const struct sb_results *r, const struct sb_accuracy *o,
		 const struct sb_accuracy *p, double bound, struct judged *j)
{
	memset(j, 0, sizeof *j);
	j->a = o;
	j->ratio[0] = j->ratio[1] = -1;
	for (int s = 0; s < nsizes(r); s++) {
		double a = sb_score_median(r, o->v, s), b = sb_score_median(r, p->v, s);
		if (a <= 0 || b <= 0)
			return 0;
		j->ratio[s] = a / b;
		if (a > b)
			j->bad |= BAD_TIME;
	}
	if (!(o->all.ulp.err <= bound))
		j->bad |= BAD_ULP;
	if (o->all.nan_out)
		j->bad |= BAD_NAN;
	if (o->all.oob)
		j->bad |= BAD_RANGE;
	if (o->all.mono > p->all.mono)
		j->bad |= BAD_MONO;
	for (unsigned b = j->bad; b; b &= b - 1)
		j->nbad++;
	return nsizes(r) > 0;
}

/* Fewest failed accuracy conditions first, then one only too slow, then the
 * fastest at the first size: a variant as accurate as the peer that loses
 * on time is nearer than a faster one that is not as accurate. */
static int nearer(const struct judged *a, const struct judged *b)
{
	int acc_a = a->nbad - !!(a->bad & BAD_TIME), acc_b = b->nbad - !!(b->bad & BAD_TIME);
	if (acc_a != acc_b)
		return acc_a < acc_b;
	if (a->nbad != b->nbad)
		return a->nbad < b->nbad;
	return a->ratio[0] < b->ratio[0];
}

static int nearest(const struct sb_results *r, const struct sb_accuracy *p, double bound,
		   struct judged *best)
{
	int found = 0, top = isa_rank(p->v->isa);
	size_t n = r->nacc[p->v->prec];
	for (size_t i = 0; i < n; i++) {
		const struct sb_accuracy *o = &r->acc[p->v->prec][i];
		int rank = isa_rank(o->v->isa);
		struct judged j = { 0 };
		if (o->v->peer || o->v->function != p->v->function || rank < 0 || rank > top ||
		    !judge(r, o, p, bound, &j))
			continue;
		if (!found || nearer(&j, best))
			*best = j;
		found = 1;
	}
	return found;
}

static void failing_note(char *note, size_t size, const struct judged *j, double bound,
			 const struct sb_accuracy *p)
{
	const struct sb_errstats *o = &j->a->all;
	int k = snprintf(note, size, "nearest; fails:");
	if (j->bad & BAD_TIME)
		k += snprintf(note + k, size - (size_t)k, " time,");
	if (j->bad & BAD_ULP)
		k += snprintf(note + k, size - (size_t)k, " max ULP %.4g > %.4g,", o->ulp.err, bound);
	if (j->bad & BAD_NAN)
		k += snprintf(note + k, size - (size_t)k, " %llu NaN out,", (unsigned long long)o->nan_out);
	if (j->bad & BAD_RANGE)
		k += snprintf(note + k, size - (size_t)k, " %llu outside [0,1],",
			      (unsigned long long)o->oob);
	if (j->bad & BAD_MONO)
		k += snprintf(note + k, size - (size_t)k, " mono breaks %llu > %llu,",
			      (unsigned long long)o->mono, (unsigned long long)p->all.mono);
	note[k - 1] = '\0'; /* the last comma */
}

static void peer_row(const struct sb_results *r, const struct sb_accuracy *p, int judgeable,
		     struct sb_score *sc)
{
	double bound = peer_ulp_bound(p);
	snprintf(sc->target, sizeof sc->target,
		 "%s dominated: ours on %s or lower, max ULP <= %.4g%s, no NaN, in [0,1], "
		 "mono breaks <= %llu, time <= 1.0x",
		 p->v->name, p->v->isa, bound, p->all.nan_out ? " (its max where sigma is normal; NaN elsewhere)" : "",
		 (unsigned long long)p->all.mono);
	sc->against = p->v->name;
	sc->goal = 1.0;
	sc->pass = -1;
	sc->measured[0] = sc->measured[1] = -1;
	struct judged j = { 0 };
	if (!judgeable || !nearest(r, p, bound, &j)) {
		snprintf(sc->note, sizeof sc->note, "%s", judgeable ? "no variant of ours on its ISA or lower was timed"
								  : "needs an exhaustive f32 sweep in the same run");
		return;
	}
	sc->variant = j.a->v->name;
	sc->measured[0] = j.ratio[0];
	sc->measured[1] = j.ratio[1];
	sc->pass = j.bad == 0;
	if (j.bad)
		failing_note(sc->note, sizeof sc->note, &j, bound, p);
	else
		snprintf(sc->note, sizeof sc->note, "max ULP %.4g, mono breaks %llu%s", j.a->all.ulp.err,
			 (unsigned long long)j.a->all.mono,
			 p->v->prec == SB_F64 ? "; f64: on the run's shared samples, not all inputs" : "");
}

/* sigma's peers only: the row's conditions (in [0, 1], the bound where sigma
 * is normal) are sigma's, and the errstats' out-of-range count means
 * nothing for log sigma or SiLU, whose values leave [0, 1]. */
int sb_dominance(const struct sb_results *r, struct sb_score *out, int max)
{
	int k = 0;
	for (int prec = SB_F32; prec <= SB_F64; prec++)
		for (size_t i = 0; i < r->nacc[prec] && k < max; i++) {
			const struct sb_accuracy *p = &r->acc[prec][i];
			if (!p->v->peer || p->v->function != SB_FN_SIGMOID)
				continue;
			memset(&out[k], 0, sizeof out[k]);
			peer_row(r, p, prec == SB_F64 || sb_score_exhaustive(r), &out[k]);
			k++;
		}
	return k;
}
