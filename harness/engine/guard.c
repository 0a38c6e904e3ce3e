#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <xmmintrin.h>

#include "engine/guard.h"

/* MXCSR bits 0-5 are sticky exception flags that any arithmetic may set:
 * not part of the environment a call must leave as it found it. */
#define MXCSR_CONTROL 0xFFC0u
#define MXCSR_DAZ 0x0040u
#define MXCSR_FTZ 0x8000u
#define MXCSR_RC 0x6000u

struct sb_fpstate sb_fpstate_get(void)
{
	struct sb_fpstate s;
	s.mxcsr = _mm_getcsr() & MXCSR_CONTROL;
	__asm__ volatile("fnstcw %0" : "=m"(s.x87));
	return s;
}

void sb_fpstate_set(struct sb_fpstate s)
{
	_mm_setcsr(s.mxcsr | (_mm_getcsr() & ~MXCSR_CONTROL));
	__asm__ volatile("fldcw %0" : : "m"(s.x87));
}

int sb_fpstate_equal(struct sb_fpstate a, struct sb_fpstate b)
{
	return a.mxcsr == b.mxcsr && a.x87 == b.x87;
}

void sb_fpstate_describe(struct sb_fpstate a, struct sb_fpstate b, char *out, size_t size)
{
	static const char *const modes[4] = { "to nearest", "down", "up", "toward zero" };
	size_t n = 0;
	out[0] = '\0';
	if ((a.mxcsr ^ b.mxcsr) & MXCSR_FTZ)
		n += (size_t)snprintf(out + n, size - n, "%sFTZ %s", n ? ", " : "",
				      b.mxcsr & MXCSR_FTZ ? "on" : "off");
	if ((a.mxcsr ^ b.mxcsr) & MXCSR_DAZ && n < size)
		n += (size_t)snprintf(out + n, size - n, "%sDAZ %s", n ? ", " : "",
				      b.mxcsr & MXCSR_DAZ ? "on" : "off");
	if ((a.mxcsr ^ b.mxcsr) & MXCSR_RC && n < size)
		n += (size_t)snprintf(out + n, size - n, "%srounding %s", n ? ", " : "",
				      modes[(b.mxcsr & MXCSR_RC) >> 13]);
	if (((a.mxcsr ^ b.mxcsr) & MXCSR_CONTROL & ~(MXCSR_FTZ | MXCSR_DAZ | MXCSR_RC)) && n < size)
		n += (size_t)snprintf(out + n, size - n, "%sexception masks", n ? ", " : "");
	if (a.x87 != b.x87 && n < size)
		snprintf(out + n, size - n, "%sx87 control word %#x", n ? ", " : "", b.x87);
}

/* ---- the guarded call ---- */

static const struct sb_variant *guarded;
static sb_batch_f32 user_f32;
static sb_batch_f64 user_f64;
static atomic_ulong fp_changes;

/* What the crash and timeout messages need about the call in progress:
 * per thread for the signal handler (it runs on the crashing thread), and
 * the latest for the watchdog. */
static _Thread_local const void *call_x;
static _Thread_local size_t call_n;
static _Thread_local int in_call;
static atomic_int calls_running;
static _Atomic double call_started;
static const void *_Atomic last_x;
static atomic_size_t last_n;

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static double first_input(const void *x, size_t n)
{
	if (!x || !n)
		return 0;
	return guarded->prec == SB_F32 ? (double)*(const float *)x : *(const double *)x;
}

/* One line and exit 2, from a signal handler or the watchdog: the process
 * state is suspect, so no cleanup beyond what _exit does (result files are
 * written only after all measuring, so none is half written). */
static void die_line(const char *what, const char *which, const void *x, size_t n)
{
	char msg[512];
	int len = snprintf(msg, sizeof msg, "sigbench: %s %s; %s call had %zu inputs from x = %a; "
			   "nothing was written\n", guarded ? guarded->name : "user code", what, which,
			   n, first_input(x, n));
	if (len > 0)
		(void)!write(STDERR_FILENO, msg, (size_t)len < sizeof msg ? (size_t)len : sizeof msg - 1);
	_exit(2);
}

static void on_crash(int sig)
{
	if (!in_call) { /* not the user's code: let the default action show it */
		signal(sig, SIG_DFL);
		raise(sig);
		return;
	}
	char what[64];
	snprintf(what, sizeof what, "crashed (%s)",
		 sig == SIGSEGV ? "SIGSEGV" : sig == SIGBUS ? "SIGBUS" : sig == SIGFPE ? "SIGFPE" : "SIGILL");
	die_line(what, "the", call_x, call_n);
}

static double timeout_s = SB_GUARD_TIMEOUT_S;

void sb_guard_set_timeout(double seconds)
{
	timeout_s = seconds;
}

static void *watchdog(void *arg)
{
	(void)arg;
	for (;;) {
		struct timespec tick = { 0, 100 * 1000 * 1000 };
		nanosleep(&tick, NULL);
		if (atomic_load(&calls_running) > 0 && now_s() - atomic_load(&call_started) > timeout_s) {
			char what[64];
			snprintf(what, sizeof what, "timed out after %g s", timeout_s);
			die_line(what, "the latest", atomic_load(&last_x), atomic_load(&last_n));
		}
	}
	return NULL;
}

static void enter(const void *x, size_t n)
{
	call_x = x;
	call_n = n;
	in_call = 1;
	atomic_store(&last_x, x);
	atomic_store(&last_n, n);
	atomic_store(&call_started, now_s());
	atomic_fetch_add(&calls_running, 1);
}

static void leave(struct sb_fpstate before)
{
	atomic_fetch_sub(&calls_running, 1);
	in_call = 0;
	if (!sb_fpstate_equal(sb_fpstate_get(), before)) {
		sb_fpstate_set(before);
		atomic_fetch_add(&fp_changes, 1);
	}
}

static void guarded_f32(const float *x, float *y, size_t n)
{
	struct sb_fpstate before = sb_fpstate_get();
	enter(x, n);
	user_f32(x, y, n);
	leave(before);
}

static void guarded_f64(const double *x, double *y, size_t n)
{
	struct sb_fpstate before = sb_fpstate_get();
	enter(x, n);
	user_f64(x, y, n);
	leave(before);
}

void sb_guard_wrap(struct sb_variant *v)
{
	guarded = v;
	user_f32 = v->f32;
	user_f64 = v->f64;
	if (v->f32)
		v->f32 = guarded_f32;
	else
		v->f64 = guarded_f64;
	static const int sigs[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL };
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_crash;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		sigaction(sigs[i], &sa, NULL);
	pthread_t t;
	if (timeout_s > 0 && pthread_create(&t, NULL, watchdog, NULL) == 0)
		pthread_detach(t);
}

unsigned long sb_guard_fp_changes(void)
{
	return atomic_load(&fp_changes);
}
