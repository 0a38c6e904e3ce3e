/* Executed instructions of one kernel call, by class (instcount.h). */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/util.h"
#include "engine/instcount.h"
#include "engine/registry.h"

/* ---- decoding: just enough of x86-64 to name the opcode -------------------- */

struct opcode {
	unsigned map;               /* 0: one byte, 1: 0F, 2: 0F38, 3: 0F3A */
	unsigned op, pp;            /* pp: 0 none, 1 66, 2 F3, 3 F2 (as VEX/EVEX code it) */
	int evex;
	const unsigned char *modrm;
};

static int legacy_prefix(unsigned char b, unsigned *pp)
{
	static const unsigned char other[] = { 0x2E, 0x3E, 0x26, 0x64, 0x65, 0x36, 0xF0 };
	if (b == 0x66 || b == 0xF3 || b == 0xF2) {
		*pp = b == 0x66 ? 1 : b == 0xF3 ? 2 : 3;
		return 1;
	}
	return memchr(other, b, sizeof other) != NULL;
}

static struct opcode decode(const unsigned char *p)
{
	struct opcode o = { 0, 0, 0, 0, NULL };
	while (legacy_prefix(*p, &o.pp))
		p++;
	if ((*p & 0xF0) == 0x40) /* REX */
		p++;
	if (*p == 0x62) {
		o = (struct opcode){ p[1] & 7u, p[4], p[2] & 3u, 1, p + 5 };
	} else if (*p == 0xC4) {
		o = (struct opcode){ p[1] & 0x1Fu, p[3], p[2] & 3u, 0, p + 4 };
	} else if (*p == 0xC5) {
		o = (struct opcode){ 1, p[2], p[1] & 3u, 0, p + 3 };
	} else if (*p == 0x0F) {
		unsigned map = p[1] == 0x38 ? 2 : p[1] == 0x3A ? 3 : 1;
		const unsigned char *q = map == 1 ? p + 1 : p + 2;
		o = (struct opcode){ map, *q, o.pp, 0, q + 1 };
	} else {
		o.op = *p;
	}
	return o;
}

static int in(unsigned op, const unsigned char *set, size_t n)
{
	return memchr(set, (int)op, n) != NULL;
}

static enum sb_iclass class_0f(const struct opcode *o)
{
	static const unsigned char stores[] = { 0x11, 0x29, 0x2B, 0x7F, 0xE7, 0xD6 };
	static const unsigned char shuffles[] = { 0xC6, 0x14, 0x15 };
	if (o->op == 0x58 || o->op == 0x5C)
		return SB_IC_ADD;
	if (o->op == 0x59)
		return SB_IC_FMA;
	if (o->op == 0x5E) /* pp 1 and 3 are the double forms (66: pd, F2: sd) */
		return o->pp & 1 ? SB_IC_DIVPD : SB_IC_DIVPS;
	if (in(o->op, stores, sizeof stores) && (*o->modrm >> 6) != 3)
		return SB_IC_STORE;
	return in(o->op, shuffles, sizeof shuffles) ? SB_IC_PERM : SB_IC_OTHER;
}

static enum sb_iclass class_0f38(const struct opcode *o)
{
	static const unsigned char perms[] = { 0x00, 0x0C, 0x0D, 0x16, 0x36, 0x75, 0x76,
					       0x77, 0x7D, 0x7E, 0x7F, 0x8D };
	unsigned lo = o->op & 0x0F, hi = o->op & 0xF0;
	if ((hi == 0x90 || hi == 0xA0 || hi == 0xB0) && lo >= 6)
		return SB_IC_FMA; /* vfmadd/vfmsub/vfnmadd/vfnmsub 132/213/231 */
	if (o->op >= 0x90 && o->op <= 0x93)
		return SB_IC_GATHER;
	if (o->evex && (o->op == 0x2C || o->op == 0x2D)) /* VEX 2C/2D: vmaskmov */
		return SB_IC_SCALEF;
	return in(o->op, perms, sizeof perms) ? SB_IC_PERM : SB_IC_OTHER;
}

enum sb_iclass sb_iclass_of(const unsigned char *p)
{
	static const unsigned char perms3[] = { 0x00, 0x01, 0x04, 0x05, 0x06, 0x46 };
	struct opcode o = decode(p);
	switch (o.map) {
	case 1:
		return class_0f(&o);
	case 2:
		return class_0f38(&o);
	case 3:
		return in(o.op, perms3, sizeof perms3) ? SB_IC_PERM : SB_IC_OTHER;
	default:
		return SB_IC_OTHER;
	}
}

/* ---- the pipe model --------------------------------------------------------- */

/* Issue intervals measured for zmm on this machine (PERF-NOTES.md): FMA and
 * add 2 per cycle on separate pipes, vscalefps 1 per cycle on the add
 * pipes, vdivps every 2.5 cycles, vdivpd every 4, permutes about 2 per cycle. */
void sb_icount_model(struct sb_icount *c)
{
	const double *k = c->per16;
	c->cycles[0] = k[SB_IC_FMA] / 2;
	c->cycles[1] = (k[SB_IC_ADD] + 2 * k[SB_IC_SCALEF]) / 2;
	c->cycles[2] = 2.5 * k[SB_IC_DIVPS] + 4.0 * k[SB_IC_DIVPD];
	c->cycles[3] = k[SB_IC_PERM] / 2;
	c->bound = 0;
	for (int i = 1; i < 4; i++)
		if (c->cycles[i] > c->cycles[c->bound])
			c->bound = i;
}

const char *sb_icount_pipe_name(int k)
{
	static const char *const names[4] = { "FMA pipes", "add pipes", "divider", "permutes" };
	return k >= 0 && k < 4 ? names[k] : "?";
}

const char *sb_iclass_name(enum sb_iclass k)
{
	static const char *const names[SB_IC_COUNT] = {
		[SB_IC_FMA] = "fma_mul", [SB_IC_ADD] = "add_sub", [SB_IC_SCALEF] = "scalef",
		[SB_IC_DIVPS] = "div_ps",  [SB_IC_DIVPD] = "div_pd",  [SB_IC_PERM] = "perm",
		[SB_IC_GATHER] = "gather", [SB_IC_STORE] = "store",   [SB_IC_OTHER] = "other",
	};
	return (unsigned)k < SB_IC_COUNT ? names[k] : "?";
}

/* ---- counting ----------------------------------------------------------------- */

/* The traced child: warm the call (lazy binding, page faults), then stop
 * around an empty call and around the counted one. */
static void child(const struct sb_variant *v, const float *x, float *y)
{
	v->f32(x, y, SB_ICOUNT_N);
	if (ptrace(PTRACE_TRACEME, 0, NULL, NULL) != 0)
		_exit(3);
	raise(SIGSTOP);
	v->f32(x, y, 0);
	raise(SIGSTOP);
	v->f32(x, y, SB_ICOUNT_N);
	raise(SIGSTOP);
	_exit(0);
}

/* The 16 bytes at the child's rip: read from the child, since its code may
 * not be the parent's (a JIT peer such as oneDNN writes its kernel on first
 * use, in the child). */
static int code_at_rip(pid_t pid, unsigned char b[16], struct sb_error *e)
{
	errno = 0;
	long rip = ptrace(PTRACE_PEEKUSER, pid, offsetof(struct user_regs_struct, rip), NULL);
	for (int k = 0; k < 2 && !errno; k++) {
		long word = ptrace(PTRACE_PEEKTEXT, pid, (void *)(rip + 8 * k), NULL);
		memcpy(b + 8 * k, &word, 8);
	}
	return errno ? sb_error_set(e, "ptrace peek: %s", strerror(errno)) : 0;
}

/* Single-step the child to its next SIGSTOP, adding each instruction's
 * class to counts. */
static int step_to_stop(pid_t pid, double counts[SB_IC_COUNT + 1], struct sb_error *e)
{
	for (;;) {
		if (ptrace(PTRACE_SINGLESTEP, pid, NULL, NULL) != 0)
			return sb_error_set(e, "ptrace single-step: %s", strerror(errno));
		int st;
		if (waitpid(pid, &st, 0) != pid || !WIFSTOPPED(st))
			return sb_error_set(e, "the counted child ended unexpectedly");
		if (WSTOPSIG(st) == SIGSTOP)
			return 0;
		unsigned char code[16];
		if (code_at_rip(pid, code, e))
			return -1;
		counts[sb_iclass_of(code)] += 1;
		counts[SB_IC_COUNT] += 1;
	}
}

static int trace(pid_t pid, struct sb_icount *out, struct sb_error *e)
{
	int st;
	if (waitpid(pid, &st, 0) != pid || !WIFSTOPPED(st))
		return sb_error_set(e, "ptrace not permitted here (the child could not be traced)");
	double empty[SB_IC_COUNT + 1] = { 0 }, full[SB_IC_COUNT + 1] = { 0 };
	if (step_to_stop(pid, empty, e) || step_to_stop(pid, full, e))
		return -1;
	for (int k = 0; k < SB_IC_COUNT; k++)
		out->per16[k] = (full[k] - empty[k]) * 16 / SB_ICOUNT_N;
	out->total = (full[SB_IC_COUNT] - empty[SB_IC_COUNT]) * 16 / SB_ICOUNT_N;
	sb_icount_model(out);
	out->counted = 1;
	return 0;
}

/* Inputs uniform in [-10, 10], the same every time. */
static void fill_inputs(float *x, size_t n)
{
	uint64_t s = 0x9E3779B97F4A7C15u;
	for (size_t i = 0; i < n; i++) {
		s = s * 6364136223846793005u + 1442695040888963407u;
		x[i] = (float)((double)(s >> 11) * 0x1p-53 * 20 - 10);
	}
}

int sb_icount(const struct sb_variant *v, struct sb_icount *out, struct sb_error *e)
{
	memset(out, 0, sizeof *out);
	if (v->prec != SB_F32 || !sb_variant_usable(v))
		return sb_error_set(e, "%s: not a float32 variant this CPU runs", v->name);
	size_t bytes = SB_ICOUNT_N * sizeof(float) + v->pad_bytes + 64;
	float *x = sb_xcalloc(1, bytes), *y = sb_xcalloc(1, bytes);
	fill_inputs(x, SB_ICOUNT_N);
	pid_t pid = fork();
	if (pid == 0)
		child(v, x, y);
	int rc = pid < 0 ? sb_error_set(e, "fork: %s", strerror(errno)) : trace(pid, out, e);
	if (pid > 0) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
	}
	free(x);
	free(y);
	return rc;
}
