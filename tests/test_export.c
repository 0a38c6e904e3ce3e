/* sigbench export, end to end: for every non-peer variant this CPU runs, the
 * exported header, compiled on its own by the system cc into a small driver,
 * must give bit-identical outputs to the registry variant called here, on a
 * fixed set of inputs (specials, subnormals, powers of two, the interval
 * breakpoints and integers with their neighbours, random values), through
 * the batch on all of them, the batch in chunks of 1..67 and the
 * one-element function.  Then: all exported headers compile together in
 * one file (no name clashes), the header quotes the results it was given
 * (or says "not measured"), and bad requests exit 2 with one line.
 *
 * usage: test_export SIGBENCH WORKDIR [GLOB]   (GLOB: only those variants)
 *
 * Each driver is compiled twice, with the variant's -m flags: -std=c11 -O2
 * -ffp-contract=off (not the registry's -O3 -fno-trapping-math: the outputs
 * must not depend on either), and -std=gnu11 -O3 -march=native, where gcc
 * contracts a*b+c into FMAs unless the header's pragma stops it (without
 * it about half the variants differ).  Runs `nproc` jobs at a time (2 to
 * 8); about a minute on 2 cores, the same under ASan (the time goes into
 * cc).  A variant that passes leaves only its header in WORKDIR. */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <fcntl.h>
#include <math.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "commands/cli.h"
#include "engine/intervals.h"
#include "engine/variant.h"

extern char **environ;

#define CFLAGS "-std=c11 -O2 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes " \
	       "-Wmissing-prototypes -Werror -ffp-contract=off"
/* what users often write: GNU C contracts a*b+c into an FMA by default, and
 * -march=native has FMA; the header's pragma must keep the results */
#define NATIVE "-std=gnu11 -O3 -march=native -Wall -Wextra -Werror"

static const char *sb, *work;

/* ---- inputs ---- */

struct inputs {
	double *x; /* as doubles; f32 inputs are exact floats */
	size_t n, cap;
};

static void add(struct inputs *in, double x)
{
	if (in->n == in->cap) {
		in->cap = in->cap ? 2 * in->cap : 4096;
		in->x = realloc(in->x, in->cap * sizeof *in->x);
		if (!in->x)
			abort();
	}
	in->x[in->n++] = x;
}

/* x and its neighbours, in the format */
static void add_around(struct inputs *in, double x, int f32, int k)
{
	double lo = x, hi = x;
	add(in, x);
	for (int i = 0; i < k; i++) {
		lo = f32 ? nextafterf((float)lo, -INFINITY) : nextafter(lo, -INFINITY);
		hi = f32 ? nextafterf((float)hi, INFINITY) : nextafter(hi, INFINITY);
		add(in, lo);
		add(in, hi);
	}
}

static uint64_t rng = 0x9E3779B97F4A7C15u;
static uint64_t next_random(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static double uniform(double lo, double hi)
{
	return lo + (hi - lo) * (double)(next_random() >> 11) * 0x1p-53;
}

static double random_bits(int f32)
{
	uint64_t b = next_random();
	if (f32) {
		uint32_t u = (uint32_t)b;
		float f;
		memcpy(&f, &u, sizeof f);
		return f;
	}
	double d;
	memcpy(&d, &b, sizeof d);
	return d;
}

static double nan_with(int f32, uint64_t bits)
{
	if (f32) {
		uint32_t u = (uint32_t)bits;
		float f;
		memcpy(&f, &u, sizeof f);
		return f; /* float -> double -> float keeps a quiet NaN's payload */
	}
	double d;
	memcpy(&d, &bits, sizeof d);
	return d;
}

static void make_inputs(struct inputs *in, int f32)
{
	const struct sb_breakpoints *bp = sb_breakpoints(f32 ? SB_FMT_F32 : SB_FMT_F64);
	const double max = f32 ? 0x1.fffffep127 : 0x1.fffffffffffffp1023;
	const double tiny = f32 ? 0x1p-149 : 0x1p-1074, minn = f32 ? 0x1p-126 : 0x1p-1022;
	const double specials[] = { 0.0, -0.0, INFINITY, -INFINITY, max, -max, tiny, -tiny, minn, -minn,
				    minn - tiny, tiny - minn, 1.0, -1.0, 0.5, -0.5 };
	for (size_t i = 0; i < sizeof specials / sizeof specials[0]; i++)
		add(in, specials[i]);
	add(in, NAN);
	add(in, -NAN);
	add(in, nan_with(f32, f32 ? 0x7FC12345u : 0x7FF8000000012345u)); /* payload */
	const double edges[] = { bp->zero_hi, bp->sub_hi, bp->tiny_lo, bp->tiny_hi, bp->one_lo };
	for (size_t i = 0; i < sizeof edges / sizeof edges[0]; i++)
		add_around(in, edges[i], f32, 3);
	/* integers and halves (table edges, cut-offs, path switches at 64, 87 ...) */
	int range = f32 ? 128 : 800;
	for (int k = -2 * range; k <= 2 * range; k++)
		add_around(in, k / 2.0, f32, 1);
	for (int k = -1024; k <= 1024; k++) /* a 1/64 grid on [-16, 16]: table points */
		add(in, k / 64.0);
	int emin = f32 ? -149 : -1074, emax = f32 ? 127 : 1023, step = f32 ? 1 : 4;
	for (int e = emin; e <= emax; e += step) {
		add(in, ldexp(1, e));
		add(in, -ldexp(1, e));
	}
	for (int i = 0; i < 1500; i++) {
		double b = random_bits(f32);
		add(in, b);
		add(in, uniform(-20, 20));
		add(in, uniform(f32 ? -110 : -760, f32 ? 110 : 760));
	}
	if (in->n % 2 == 0)
		add(in, 0.25); /* odd count: every SIMD width ends in a tail */
	if (f32)
		for (size_t i = 0; i < in->n; i++)
			in->x[i] = (float)in->x[i];
}

/* ---- files and processes ---- */

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 1 << 16, n = 0, k;
	char *p = malloc(cap + 1);
	while (p && (k = fread(p + n, 1, cap - n, f)) > 0) {
		n += k;
		if (n == cap)
			p = realloc(p, (cap *= 2) + 1);
	}
	fclose(f);
	if (!p)
		abort();
	p[n] = '\0';
	if (len)
		*len = n;
	return p;
}

static void write_all(const char *path, const void *p, size_t n)
{
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(p, 1, n, f) != n || fclose(f) != 0) {
		fprintf(stderr, "test_export: cannot write %s\n", path);
		exit(1);
	}
}

/* Start argv with stdout and stderr going to files (NULL: /dev/null). */
static pid_t start(char *const *argv, const char *out, const char *err)
{
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, out ? out : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	posix_spawn_file_actions_addopen(&fa, 2, err ? err : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	pid_t pid;
	int rc = posix_spawn(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (rc != 0) {
		fprintf(stderr, "test_export: cannot start %s: %s\n", argv[0], strerror(rc));
		exit(1);
	}
	return pid;
}

/* the exit status, or -1 if it died */
static int finish(pid_t pid)
{
	int st;
	if (waitpid(pid, &st, 0) != pid)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* ---- one variant: export, compile, run, compare ---- */

static void public_name(const struct sb_variant *v, char *out, size_t size)
{
	size_t n = (size_t)snprintf(out, size, "sigmoid_");
	for (const char *c = v->name; *c && n + 1 < size; c++)
		out[n++] = *c == '-' ? '_' : *c == '.' ? 'p' : *c;
	out[n] = '\0';
}

static const char driver_fmt[] =
	"#include \"%s.h\"\n"
	"#include \"%s.h\" /* twice: the include guard */\n"
	"#include <stdio.h>\n"
	"#include <stdlib.h>\n"
	"\n"
	"/* all inputs in one batch, in batches of 1, 2 .. 67, one by one */\n"
	"int main(int argc, char **argv)\n"
	"{\n"
	"\tFILE *f = argc == 3 ? fopen(argv[1], \"rb\") : NULL;\n"
	"\tlong len;\n"
	"\tif (!f || fseek(f, 0, SEEK_END) || (len = ftell(f)) <= 0 || fseek(f, 0, SEEK_SET))\n"
	"\t\treturn 2;\n"
	"\tsize_t n = (size_t)len / sizeof(%s);\n"
	"\t%s *x = malloc(n * sizeof *x), *y = malloc(3 * n * sizeof *y);\n"
	"\tif (!x || !y || fread(x, sizeof *x, n, f) != n)\n"
	"\t\treturn 2;\n"
	"\tfclose(f);\n"
	"\t%s(x, y, n);\n"
	"\tfor (size_t i = 0, k = 1; i < n; i += k, k = k %% 67 + 1)\n"
	"\t\t%s(x + i, y + n + i, i + k <= n ? k : n - i);\n"
	"\tfor (size_t i = 0; i < n; i++)\n"
	"\t\ty[2 * n + i] = %s_1(x[i]);\n"
	"\tf = fopen(argv[2], \"wb\");\n"
	"\tif (!f || fwrite(y, sizeof *y, 3 * n, f) != 3 * n || fclose(f))\n"
	"\t\treturn 2;\n"
	"\tfree(x);\n"
	"\tfree(y);\n"
	"\treturn 0;\n"
	"}\n";

struct job {
	const struct sb_variant *v;
	pid_t pid;
	char base[4096]; /* WORK/NAME: .h .c .bin .out .log */
};

static void start_job(struct job *j, const char *in)
{
	char pub[256], src[4200], script[1024];
	public_name(j->v, pub, sizeof pub);
	snprintf(j->base, sizeof j->base, "%s/%s", work, j->v->name);
	snprintf(src, sizeof src, "%s.c", j->base);
	FILE *f = fopen(src, "w");
	if (!f)
		abort();
	const char *T = j->v->prec == SB_F32 ? "float" : "double";
	fprintf(f, driver_fmt, j->v->name, j->v->name, T, T, pub, pub, pub);
	fclose(f);
	snprintf(script, sizeof script,
		 "\"$0\" export \"$1\" -o \"$2.h\" && cc %s %s -o \"$2.bin\" \"$2.c\" -lm && \"$2.bin\" \"$3\" \"$2.out\""
		 " && cc %s %s -o \"$2.nat\" \"$2.c\" -lm && \"$2.nat\" \"$3\" \"$2.out-native\"",
		 CFLAGS, j->v->cflags, NATIVE, j->v->cflags);
	char log[4200];
	snprintf(log, sizeof log, "%s.log", j->base);
	char *argv[] = { "/bin/sh", "-c", script, (char *)sb, (char *)j->v->name, j->base, (char *)in, NULL };
	j->pid = start(argv, log, log);
}

/* y = the registry variant: whole batch, chunks of 1..67, one by one */
static void reference_outputs(const struct sb_variant *v, const struct inputs *in, void *y)
{
	size_t n = in->n;
	if (v->prec == SB_F32) {
		float *x = malloc(n * sizeof *x), *yf = y;
		for (size_t i = 0; i < n; i++)
			x[i] = (float)in->x[i];
		v->f32(x, yf, n);
		for (size_t i = 0, k = 1; i < n; i += k, k = k % 67 + 1)
			v->f32(x + i, yf + n + i, i + k <= n ? k : n - i);
		for (size_t i = 0; i < n; i++)
			v->f32(x + i, yf + 2 * n + i, 1);
		free(x);
	} else {
		double *yd = y;
		v->f64(in->x, yd, n);
		for (size_t i = 0, k = 1; i < n; i += k, k = k % 67 + 1)
			v->f64(in->x + i, yd + n + i, i + k <= n ? k : n - i);
		for (size_t i = 0; i < n; i++)
			v->f64(in->x + i, yd + 2 * n + i, 1);
	}
}

static double element(const char *p, size_t es)
{
	if (es == sizeof(float)) {
		float f;
		memcpy(&f, p, es);
		return f;
	}
	double d;
	memcpy(&d, p, es);
	return d;
}

/* Elements whose bits differ; the first few are reported unless quiet. */
static size_t compare(const struct sb_variant *v, const struct inputs *in, const char *got,
		      const char *want, const char *flags, int quiet)
{
	static const char *const how[3] = { "batch", "chunked batch", "_1" };
	size_t es = v->prec == SB_F32 ? sizeof(float) : sizeof(double), bad = 0;
	for (size_t i = 0; i < 3 * in->n; i++) {
		if (memcmp(got + i * es, want + i * es, es) == 0)
			continue;
		if (++bad <= 3 && !quiet)
			CHECK(0, "%s (%s, %s): x = %a: exported %a, registry %a", v->name, how[i / in->n],
			      flags, in->x[i % in->n], element(got + i * es, es), element(want + i * es, es));
	}
	return bad;
}

/* A variant that passed leaves only its header (the all-in-one file needs
 * it); a failure keeps everything to look at. */
static void remove_outputs(const struct job *j)
{
	static const char *const ext[] = { "c", "bin", "nat", "out", "out-native", "log" };
	char path[4200];
	for (size_t i = 0; i < sizeof ext / sizeof ext[0]; i++) {
		snprintf(path, sizeof path, "%s.%s", j->base, ext[i]);
		remove(path);
	}
}

static void finish_job(struct job *j, const struct inputs *in32, const struct inputs *in64,
		       int *negative_done)
{
	const struct inputs *in = j->v->prec == SB_F32 ? in32 : in64;
	char path[4200];
	int rc = finish(j->pid);
	snprintf(path, sizeof path, "%s.log", j->base);
	if (rc != 0) {
		char *log = read_all(path, NULL);
		CHECK(0, "%s: export, compile or run failed (exit %d):\n%.2000s", j->v->name, rc,
		      log ? log : "(no log)");
		free(log);
		return;
	}
	size_t es = j->v->prec == SB_F32 ? sizeof(float) : sizeof(double), size = 3 * in->n * es;
	char *want = malloc(size);
	reference_outputs(j->v, in, want);
	static const char *const outs[2] = { "out", "out-native" };
	int failures = check_failures;
	for (int k = 0; k < 2; k++) {
		size_t len = 0;
		snprintf(path, sizeof path, "%s.%s", j->base, outs[k]);
		char *got = read_all(path, &len);
		CHECK(got && len == size, "%s: driver wrote %zu bytes, want %zu", path, len, size);
		if (got && len == size) {
			compare(j->v, in, got, want, k ? "-std=gnu11 -O3 -march=native" : "-std=c11 -O2", 0);
			if (!*negative_done) { /* the comparison can fail: one flipped bit is seen */
				got[len / 2] ^= 1;
				CHECK(compare(j->v, in, got, want, "", 1) == 1, "the comparison misses a flipped bit");
				*negative_done = 1;
			}
		}
		free(got);
	}
	free(want);
	if (check_failures == failures)
		remove_outputs(j);
}

/* Export, compile and compare every selected variant, `jobs` at a time;
 * flags collects the union of their -m flags. */
static size_t all_variants(const char *glob, int jobs, const struct inputs *in32,
			   const struct inputs *in64, char *flags, size_t flags_size)
{
	char in_f32[4200], in_f64[4200];
	snprintf(in_f32, sizeof in_f32, "%s/in-f32.bin", work);
	snprintf(in_f64, sizeof in_f64, "%s/in-f64.bin", work);
	struct job *run = calloc((size_t)jobs, sizeof *run);
	int nrun = 0, negative_done = 0;
	size_t done = 0;
	for (size_t i = 0; i < sb_nvariants; i++) {
		const struct sb_variant *v = &sb_variants[i];
		if (v->peer || !sb_variant_usable(v) || (glob && !sb_glob_match(glob, v->name)))
			continue;
		if (nrun == jobs) { /* wait for the oldest */
			finish_job(&run[0], in32, in64, &negative_done);
			memmove(run, run + 1, (size_t)--nrun * sizeof *run);
		}
		run[nrun].v = v;
		start_job(&run[nrun++], v->prec == SB_F32 ? in_f32 : in_f64);
		if (*v->cflags && !strstr(flags, v->cflags))
			snprintf(flags + strlen(flags), flags_size - strlen(flags), " %s", v->cflags);
		done++;
	}
	while (nrun) {
		finish_job(&run[0], in32, in64, &negative_done);
		memmove(run, run + 1, (size_t)--nrun * sizeof *run);
	}
	free(run);
	return done;
}

/* Every exported header in one file, with every -m flag they need: no name
 * clashes, no warnings about what a file does not use. */
static void all_in_one(const char *glob, const char *flags)
{
	char src[4200], script[2048], log[4200];
	snprintf(src, sizeof src, "%s/all-in-one.c", work);
	snprintf(log, sizeof log, "%s/all-in-one.log", work);
	FILE *f = fopen(src, "w");
	if (!f)
		abort();
	for (size_t i = 0; i < sb_nvariants; i++) {
		const struct sb_variant *v = &sb_variants[i];
		if (!v->peer && sb_variant_usable(v) && (!glob || sb_glob_match(glob, v->name)))
			fprintf(f, "#include \"%s.h\"\n", v->name);
	}
	fprintf(f, "int all_in_one(void);\nint all_in_one(void) { return 0; }\n");
	fclose(f);
	snprintf(script, sizeof script, "cc %s %s -c -o \"$0.o\" \"$0.c\"", CFLAGS, flags);
	char base[4200];
	snprintf(base, sizeof base, "%s/all-in-one", work);
	char *argv[] = { "/bin/sh", "-c", script, base, NULL };
	int rc = finish(start(argv, log, log));
	char *text = rc ? read_all(log, NULL) : NULL;
	CHECK(rc == 0, "all exported headers in one file do not compile:\n%.3000s", text ? text : "");
	free(text);
}

/* ---- the header's comment: what it was given ---- */

static const char acc_head[] =
	"variant,precision,family,isa,sweep,interval,x_lo,x_hi,inputs,max_ulp,worst_x,worst_got,"
	"worst_want,mean_ulp,mean_is_lower_bound,cr_pct,max_abs,max_abs_x,max_rel,max_rel_x,nan_out,"
	"out_of_range,mono_breaks,not_cr\n";
static const char thr_head[] =
	"variant,precision,isa,n,buffers,reps,calls_per_rep,median_ns,min_ns,q1_ns,q3_ns,max_ns,spread,"
	"melem_per_s,tsc_cycles,ratio_to_exact_f32,cpu,commit,date\n";

static int export_to(const char *name, const char *results, const char *out)
{
	char *argv[] = { (char *)sb, "export", (char *)name, "-o", (char *)out, "--results",
			 (char *)results, NULL };
	return finish(start(argv, NULL, NULL));
}

static void check_contains(const char *text, const char *want, const char *what)
{
	CHECK(text && strstr(text, want), "%s: the header lacks \"%s\"", what, want);
}

/* Made-up numbers go in, the same numbers must come out; no files: "not measured". */
static void header_quotes_results(void)
{
	const char *name = "f32-lut256-r8-linear-sat-scalar";
	char dir[4200], path[4300], out[4300];
	snprintf(dir, sizeof dir, "%s/fake-results", work);
	mkdir(dir, 0777);
	snprintf(path, sizeof path, "%s/accuracy.csv", dir);
	FILE *f = fopen(path, "w");
	if (!f)
		abort();
	fprintf(f, "%s%s,f32,lut,scalar,\"exhaustive: all 2^32 inputs\",all,-inf,inf,10,123.456,0x1.5p+2,"
		   "0x1p-3,0x1.2p-3,1,0,97.125,0.0625,-0x1p+1,1,0,0,0,0,5\n"
		   "%s,f32,lut,scalar,\"exhaustive: all 2^32 inputs\",domain,-0x1p+3,0x1p+3,10,7.5,-0x1.8p+1,"
		   "0x1p-4,0x1.1p-4,1,0,99.5,0.03125,0x1p+0,1,0,0,0,0,5\n", acc_head, name, name);
	fclose(f);
	snprintf(path, sizeof path, "%s/throughput.csv", dir);
	f = fopen(path, "w");
	if (!f)
		abort();
	const char *ctx = "\"Test CPU\",abc123,2000-01-01T00:00:00Z";
	fprintf(f, "%s%s,f32,scalar,4096,16,11,10,0.777,0,0,0,0,0,0,0,0.111,%s\n"
		   "%s,f32,scalar,65536,16,11,10,0.888,0,0,0,0,0,0,0,0.222,%s\n",
		thr_head, name, ctx, name, ctx);
	fclose(f);
	snprintf(path, sizeof path, "%s/results.json", dir);
	write_all(path, "{\"command\": \"sigbench run --out fake\"}\n", 39);
	snprintf(out, sizeof out, "%s/quoted.h", work);
	CHECK(export_to(name, dir, out) == 0, "export %s --results %s failed", name, dir);
	char *h = read_all(out, NULL);
	check_contains(h, "variant    f32-lut256-r8-linear-sat-scalar", "quoted");
	check_contains(h, "DO NOT EDIT", "quoted");
	check_contains(h, "all inputs: max 123.456 ULP at x = 0x1.5p+2 (got 0x1p-3, want 0x1.2p-3)", "quoted");
	check_contains(h, "max abs err 0.0625 at x = -0x1p+1; 97.125% correctly rounded", "quoted");
	check_contains(h, "[-0x1p+3, 0x1p+3]: max 7.5 ULP at x = -0x1.8p+1", "quoted");
	check_contains(h, "n = 4096: 0.777 ns (x 0.111)", "quoted");
	check_contains(h, "n = 65536: 0.888 ns (x 0.222)", "quoted");
	check_contains(h, "on Test CPU, sigbench abc123, 2000-01-01T00:00:00Z", "quoted");
	check_contains(h, "`sigbench run --out fake`", "quoted");
	free(h);
	snprintf(dir, sizeof dir, "%s/no-results", work);
	mkdir(dir, 0777);
	CHECK(export_to(name, dir, out) == 0, "export %s --results %s failed", name, dir);
	h = read_all(out, NULL);
	check_contains(h, "accuracy   not measured", "unmeasured");
	check_contains(h, "throughput not measured", "unmeasured");
	free(h);
}

/* ---- bad requests ---- */

/* exit 2 and exactly one line "sigbench: ..." on stderr */
static void expect_usage_error(const char *what, char *const *args)
{
	char err[4200], *argv[16] = { (char *)sb, "export" };
	int n = 2;
	for (; args[n - 2] && n < 15; n++)
		argv[n] = args[n - 2];
	argv[n] = NULL;
	snprintf(err, sizeof err, "%s/stderr.txt", work);
	int rc = finish(start(argv, NULL, err));
	char *text = read_all(err, NULL);
	const char *nl = text ? strchr(text, '\n') : NULL;
	CHECK(rc == 2, "%s: exit %d, want 2 (stderr: %s)", what, rc, text ? text : "");
	CHECK(text && strncmp(text, "sigbench: ", 10) == 0 && nl && nl[1] == '\0',
	      "%s: want one line 'sigbench: ...' on stderr, got \"%s\"", what, text ? text : "");
	free(text);
}

static void bad_requests(void)
{
	char out[4200];
	snprintf(out, sizeof out, "%s/never.h", work);
	expect_usage_error("no name", (char *[]){ NULL });
	expect_usage_error("unknown variant", (char *[]){ "f32-no-such-variant", "-o", out, NULL });
	expect_usage_error("two names", (char *[]){ "f32-exact-scalar", "f64-exact-scalar", NULL });
	expect_usage_error("unknown option", (char *[]){ "f32-exact-scalar", "--bogus", NULL });
	expect_usage_error("unwritable -o", (char *[]){ "f32-exact-scalar", "-o", "/dev/null/x.h", NULL });
	expect_usage_error("missing --results", (char *[]){ "f32-exact-scalar", "--results",
							      "/nonexistent/results", "-o", out, NULL });
	const struct sb_variant *peer = NULL;
	for (size_t i = 0; i < sb_nvariants && !peer; i++)
		if (sb_variants[i].peer)
			peer = &sb_variants[i];
	if (peer)
		expect_usage_error("a peer", (char *[]){ (char *)peer->name, "-o", out, NULL });
	else
		printf("test_export: no peer in this build; the peer error is not checked\n");
	CHECK(access(out, F_OK) != 0, "a failed export left %s behind", out);
}

/* No temporary file (.NAME.tmp-XXXXXX) stays behind a finished export. */
static void no_temporaries(void)
{
	DIR *d = opendir(work);
	if (!d)
		return;
	for (struct dirent *e; (e = readdir(d));)
		CHECK(!strstr(e->d_name, ".tmp-"), "temporary file %s/%s left behind", work, e->d_name);
	closedir(d);
}

static void write_inputs(const struct inputs *in, int f32)
{
	char path[4200];
	snprintf(path, sizeof path, "%s/in-%s.bin", work, f32 ? "f32" : "f64");
	if (!f32) {
		write_all(path, in->x, in->n * sizeof *in->x);
		return;
	}
	float *x = malloc(in->n * sizeof *x);
	for (size_t i = 0; i < in->n; i++)
		x[i] = (float)in->x[i];
	write_all(path, x, in->n * sizeof *x);
	free(x);
}

int main(int argc, char **argv)
{
	if (argc < 3 || argc > 4) {
		fprintf(stderr, "usage: test_export SIGBENCH WORKDIR [GLOB]\n");
		return 2;
	}
	sb = argv[1];
	work = argv[2];
	const char *glob = argc == 4 ? argv[3] : NULL;
	if (mkdir(work, 0777) != 0 && access(work, W_OK) != 0) {
		fprintf(stderr, "test_export: cannot use %s\n", work);
		return 1;
	}
	struct inputs in32 = { 0 }, in64 = { 0 };
	make_inputs(&in32, 1);
	make_inputs(&in64, 0);
	write_inputs(&in32, 1);
	write_inputs(&in64, 0);
	bad_requests();
	header_quotes_results();
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	int jobs = cpus < 2 ? 2 : cpus > 8 ? 8 : (int)cpus;
	char flags[1024] = "";
	size_t n = all_variants(glob, jobs, &in32, &in64, flags, sizeof flags);
	CHECK(n > 0, "no variant to export");
	if (n > 0)
		all_in_one(glob, flags);
	no_temporaries();
	printf("test_export: %zu variants exported, compiled alone and compared bit for bit on %zu f32 "
	       "and %zu f64 inputs (3 ways each)\n", n, in32.n, in64.n);
	free(in32.x);
	free(in64.x);
	return check_report("test_export");
}
