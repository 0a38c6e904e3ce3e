/* Bring your own sigmoid (issue 5): `sigbench measure --impl FILE.c:SYMBOL`
 * compiles the user's file at run time, loads it, registers it as a variant
 * and measures it exactly like the built-ins, beside a few of them.
 *
 * The user's file is never compiled alone: a generated wrapper includes it
 * and then redeclares SYMBOL with the expected type, so the compiler itself
 * checks the signature ("conflicting types") and the existence of the
 * function ("undeclared"), and the wrapper provides the batch entry point
 * the harness calls (a loop for a scalar function, which the compiler may
 * inline as it does for the built-in scalar variants). */
#define _XOPEN_SOURCE 700 /* mkdtemp, realpath, nftw, posix_spawn */
#include <ctype.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <math.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "byo.h"
#include "outfile.h"
#include "results.h"
#include "util.h"

extern char **environ;

/* What --impl asks for. */
struct impl {
	char path[PATH_MAX]; /* absolute: the wrapper #includes it from a temp dir */
	char sym[128];
	int batch;
	enum sb_prec prec;
};

static const char *ctype_of(enum sb_prec p) { return p == SB_F32 ? "float" : "double"; }

/* The expected prototype, for messages. */
static const char *want_proto(const struct impl *im)
{
	static char buf[256];
	const char *t = ctype_of(im->prec);
	if (im->batch)
		snprintf(buf, sizeof buf, "void %s(const %s *x, %s *y, size_t n)", im->sym, t, t);
	else
		snprintf(buf, sizeof buf, "%s %s(%s)", t, im->sym, t);
	return buf;
}

/* ---- --impl PATH:SYMBOL ---- */

static int is_identifier(const char *s)
{
	if (!isalpha((unsigned char)*s) && *s != '_')
		return 0;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '_')
			return 0;
	return 1;
}

/* Split at the last ':' (a symbol has none, a path may) and resolve the path. */
static void parse_impl(const char *arg, struct impl *im)
{
	const char *colon = strrchr(arg, ':');
	if (!colon || colon == arg)
		sb_fail("--impl: '%s' is not PATH:SYMBOL (e.g. my_sigmoid.c:my_sigmoid)", arg);
	const char *sym = colon + 1;
	if (!is_identifier(sym) || strlen(sym) >= sizeof im->sym)
		sb_fail("--impl: '%s' is not PATH:SYMBOL: '%s' is not a C function name", arg, sym);
	snprintf(im->sym, sizeof im->sym, "%s", sym);
	char rel[PATH_MAX];
	size_t len = (size_t)(colon - arg);
	if (len >= sizeof rel)
		sb_fail("--impl: path too long");
	memcpy(rel, arg, len);
	rel[len] = '\0';
	struct stat st;
	if (stat(rel, &st) != 0 || access(rel, R_OK) != 0)
		sb_fail("--impl: cannot read '%s': %s", rel, strerror(errno));
	if (!S_ISREG(st.st_mode))
		sb_fail("--impl: '%s' is not a regular file", rel);
	if (!realpath(rel, im->path))
		sb_fail("--impl: cannot resolve '%s': %s", rel, strerror(errno));
	/* #include "..." has no escapes: these would end or break the name */
	if (strpbrk(im->path, "\"\\\n"))
		sb_fail("--impl: '%s': a path with '\"', '\\' or a newline cannot be #included", rel);
}

/* ---- the temporary directory ---- */

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

/* The compiler may leave more than we asked for (-save-temps in CFLAGS). */
static void remove_tree(const char *dir)
{
	nftw(dir, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
}

/* sb_fail, after removing the temporary directory. */
static _Noreturn __attribute__((format(printf, 2, 3))) void fail_in(const char *dir, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	remove_tree(dir);
	sb_fail("%s", msg);
}

static void make_tmpdir(char *dir, size_t size)
{
	const char *base = getenv("TMPDIR");
	if (!base || !*base)
		base = "/tmp";
	if (snprintf(dir, size, "%s/sigbench-byo-XXXXXX", base) >= (int)size || !mkdtemp(dir))
		sb_fail("cannot create a temporary directory in '%s': %s", base, strerror(errno));
}

/* ---- the wrapper and the compiler ---- */

#define WRAPPER_NAME "<sigbench wrapper>" /* what compiler messages call it */

static void write_wrapper(const char *dir, const struct impl *im)
{
	char path[PATH_MAX + 32];
	snprintf(path, sizeof path, "%s/wrapper.c", dir);
	FILE *f = fopen(path, "w");
	if (!f)
		fail_in(dir, "cannot write '%s': %s", path, strerror(errno));
	const char *t = ctype_of(im->prec), *s = im->sym;
	fprintf(f, "#include \"%s\"\n#line 1 \"" WRAPPER_NAME "\"\n#include <stddef.h>\n", im->path);
	/* a use before our declaration: "undeclared" if the file lacks SYM */
	fprintf(f, "enum { sigbench_byo_declared = sizeof &%s };\n", s);
	/* the expected type: anything else is "conflicting types" */
	if (im->batch)
		fprintf(f, "typedef void sigbench_byo_sig(const %s *, %s *, size_t);\n", t, t);
	else
		fprintf(f, "typedef %s sigbench_byo_sig(%s);\n", t, t);
	fprintf(f, "sigbench_byo_sig %s;\n", s);
	fprintf(f, "void sigbench_byo_batch(const %s *x, %s *y, size_t n)\n{\n", t, t);
	if (im->batch)
		fprintf(f, "\t%s(x, y, n);\n}\n", s);
	else
		fprintf(f, "\tfor (size_t i = 0; i < n; i++)\n\t\ty[i] = %s(x[i]);\n}\n", s);
	if (fclose(f) != 0)
		fail_in(dir, "cannot write '%s': %s", path, strerror(errno));
}

/* $CC and $CFLAGS split into words by the shell, as make does; -z defs makes
 * an undefined symbol a link error rather than a dlopen failure (a later
 * -Wl,-z,undefs in CFLAGS undoes it).  C locale: messages are parsed. */
static const char compile_script[] =
	"cd \"$1\" || exit 126; LC_ALL=C; export LC_ALL; "
	"exec ${CC:-cc} -O2 -fPIC -shared -std=gnu11 -Wl,-z,defs $CFLAGS "
	"-o user.so wrapper.c $LDLIBS -lm";

/* Run the compiler in dir, its output to dir/cc.log; the exit status, or -1. */
static int run_compiler(const char *dir)
{
	char log[PATH_MAX + 32], sh[] = "sh", opt[] = "-c", script[sizeof compile_script], d[PATH_MAX];
	snprintf(log, sizeof log, "%s/cc.log", dir);
	snprintf(script, sizeof script, "%s", compile_script);
	snprintf(d, sizeof d, "%s", dir);
	char *argv[] = { sh, opt, script, sh, d, NULL };
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	posix_spawn_file_actions_adddup2(&fa, 1, 2);
	pid_t pid;
	int err = posix_spawn(&pid, "/bin/sh", &fa, NULL, argv, environ), status = 0;
	posix_spawn_file_actions_destroy(&fa);
	if (err)
		return -1;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* The compiler's log, for diagnosis (truncated at the buffer's size). */
static void read_log(const char *dir, char *buf, size_t size)
{
	char path[PATH_MAX + 32];
	snprintf(path, sizeof path, "%s/cc.log", dir);
	buf[0] = '\0';
	FILE *f = fopen(path, "r");
	if (!f)
		return;
	size_t n = fread(buf, 1, size - 1, f);
	buf[n] = '\0';
	fclose(f);
}

/* Copy the line of log containing p into out (one line, at most size-1 chars). */
static void line_at(const char *log, const char *p, char *out, size_t size)
{
	while (p > log && p[-1] != '\n')
		p--;
	size_t len = strcspn(p, "\n");
	snprintf(out, size, "%.*s", (int)(len < size ? len : size - 1), p);
}

/* The first line saying what went wrong: an error, an unresolved symbol, a
 * missing program; else the first line. */
static void first_error(const char *log, char *out, size_t size)
{
	static const char *const marks[] = { "error:", "undefined reference", "cannot find", "not found" };
	const char *best = NULL;
	for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++) {
		const char *p = strstr(log, marks[i]);
		if (p && (!best || p < best))
			best = p;
	}
	line_at(log, best ? best : log, out, size);
}

/* The type the user's file gave SYM, from gcc's note "previous definition
 * of 'SYM' with type 'T'" (empty if the compiler said nothing like it). */
static void user_type(const char *log, const char *sym, char *out, size_t size)
{
	char key[192];
	snprintf(key, sizeof key, "of '%s' with type '", sym);
	const char *p = strstr(log, key);
	out[0] = '\0';
	if (p) {
		p += strlen(key);
		size_t len = strcspn(p, "'\n");
		snprintf(out, size, "%.*s", (int)(len < size ? len : size - 1), p);
	}
}

/* Say why the compilation failed, in one line, and exit 2. */
static _Noreturn void compile_failed(const char *dir, const struct impl *im, int status)
{
	static char log[1 << 16];
	char line[512], type[160], undef[192];
	read_log(dir, log, sizeof log);
	first_error(log, line, sizeof line);
	if (!*line) /* e.g. CC=false */
		snprintf(line, sizeof line, "the compiler exited with status %d, saying nothing", status);
	snprintf(undef, sizeof undef, "undefined reference to `%s'", im->sym);
	int in_wrapper = strncmp(line, WRAPPER_NAME ":", strlen(WRAPPER_NAME ":")) == 0;
	if (status == 127 || status < 0)
		fail_in(dir, "cannot run the C compiler '%s' (set CC): %s",
			getenv("CC") ? getenv("CC") : "cc", line);
	if (in_wrapper && strstr(line, "undeclared"))
		fail_in(dir, "no function %s in %s", im->sym, im->path);
	if (in_wrapper && (strstr(line, "conflicting types") || strstr(line, "different kind of symbol"))) {
		user_type(log, im->sym, type, sizeof type);
		fail_in(dir, "wrong signature: %s declares %s%s%s%s, want %s%s", im->path, im->sym,
			*type ? " as '" : "", type, *type ? "'" : "", want_proto(im),
			im->batch ? "" : " (or --batch, --precision)");
	}
	if (strstr(log, undef))
		fail_in(dir, "no function %s in %s (declared, never defined)", im->sym, im->path);
	fail_in(dir, "%s does not compile: %s", im->path, line);
}

/* ---- loading ---- */

/* The variant lives as long as the process; at most one per run. */
static struct sb_variant user_variant;
static char user_name[160], user_params[PATH_MAX + 512], user_summary[PATH_MAX + 512];
static void *user_handle;

static void fill_variant(const struct impl *im, void *fn)
{
	struct sb_variant *v = &user_variant;
	const char *p = im->prec == SB_F32 ? "f32" : "f64";
	snprintf(user_name, sizeof user_name, "%s-user-%s", p, im->sym);
	snprintf(user_params, sizeof user_params, "file=%s symbol=%s form=%s", im->path, im->sym,
		 im->batch ? "batch" : "scalar");
	snprintf(user_summary, sizeof user_summary, "your %s from %s", want_proto(im), im->path);
	*v = (struct sb_variant){
		.name = user_name, .family = "user", .params = user_params, .summary = user_summary,
		.prec = im->prec, .isa = im->batch ? "user" : "scalar", .features = "",
		.dom_lo = -INFINITY, .dom_hi = INFINITY,
	};
	/* dlsym returns an object pointer; POSIX guarantees it holds a function's */
	if (im->prec == SB_F32) {
		_Static_assert(sizeof v->f32 == sizeof fn, "function and object pointers differ");
		memcpy(&v->f32, &fn, sizeof fn);
	} else {
		memcpy(&v->f64, &fn, sizeof fn);
	}
}

const struct sb_variant *sb_byo_load(const char *impl, int batch, enum sb_prec prec)
{
	struct impl im = { .batch = batch, .prec = prec };
	if (user_handle)
		sb_fail("only one --impl per run");
	parse_impl(impl, &im);
	char dir[PATH_MAX];
	make_tmpdir(dir, sizeof dir);
	write_wrapper(dir, &im);
	int status = run_compiler(dir);
	if (status != 0)
		compile_failed(dir, &im, status);
	char so[PATH_MAX + 32];
	snprintf(so, sizeof so, "%s/user.so", dir);
	user_handle = dlopen(so, RTLD_NOW | RTLD_LOCAL);
	if (!user_handle)
		fail_in(dir, "cannot load %s once compiled: %s", im.path, dlerror());
	void *fn = dlsym(user_handle, "sigbench_byo_batch");
	remove_tree(dir); /* the mapping outlives the file */
	if (!fn)
		sb_fail("cannot load %s once compiled: no sigbench_byo_batch in it", im.path);
	fill_variant(&im, fn);
	sb_register_extra(&user_variant);
	return &user_variant;
}

const struct sb_variant *sb_byo_load_cli(const struct sb_cli *c)
{
	int both = (1 << SB_F32) | (1 << SB_F64);
	if (!c->impl) {
		if (c->batch || c->prec_mask != both)
			sb_fail("%s: --batch and --precision describe --impl PATH:SYMBOL, which is missing",
				c->command);
		return NULL;
	}
	return sb_byo_load(c->impl, c->batch, c->prec_mask == (1 << SB_F64) ? SB_F64 : SB_F32);
}

/* ---- sigbench measure ---- */

/* Built-ins measured beside the user's function unless --variants says
 * otherwise: the textbook form, a faithful and a correctly rounded one, a
 * fast <= 1 ULP kernel and a library. */
static const char *const default_set[2] = {
	"f32-exact-scalar,f32-stable-dbl-scalar,f32-rr1-lut16-p3-dd-x4-avx512,"
	"f32-cr-lut16-p4-dbl-avx512,f32-xnnpack-auto",
	"f64-exact-scalar,f64-stable-scalar,f64-rr2-p11-honest-scalar,f64-rr2-p11-div-honest-avx512",
};

/* The default set less names this registry lacks: a default must never be
 * why measure fails (sb_select rejects globs that match nothing). */
static const char *default_variants(enum sb_prec p, char *buf, size_t size)
{
	char list[512];
	snprintf(list, sizeof list, "%s", default_set[p]);
	size_t used = 0;
	buf[0] = '\0';
	char *save;
	for (char *n = strtok_r(list, ",", &save); n; n = strtok_r(NULL, ",", &save))
		if (sb_find_variant(n) && used + strlen(n) + 2 < size)
			used += (size_t)snprintf(buf + used, size - used, "%s%s", used ? "," : "", n);
	return buf;
}

static void measure_accuracy(const struct sb_cli *c, const struct sb_variant **vs, size_t n,
			     struct sb_results *r)
{
	enum sb_prec p = vs[0]->prec;
	r->acc[p] = sb_xcalloc(n, sizeof *r->acc[p]);
	r->nacc[p] = n;
	double t0 = sb_now();
	if (p == SB_F32)
		sb_sweep_f32(vs, n, &c->sweep, r->acc[p]);
	else
		sb_sweep_f64(vs, n, &c->sweep, r->acc[p]);
	r->acc_seconds[p] = sb_now() - t0;
}

/* As in run, f32-exact-scalar joins as the baseline of the "x exact" column;
 * vs has room for one more. */
static void measure_speed(const struct sb_cli *c, const struct sb_variant **vs, size_t n,
			  struct sb_results *r)
{
	const struct sb_variant *base = sb_find_variant("f32-exact-scalar");
	size_t i = 0;
	while (i < n && vs[i] != base)
		i++;
	if (i == n && base)
		vs[n++] = base;
	r->speed = sb_xcalloc(n * (size_t)c->speed.nsizes, sizeof *r->speed);
	r->nspeed = n;
	sb_speed_run(vs, n, &c->speed, r->speed, &r->ctx.tsc_ghz);
	r->have_speed = 1;
}

/* The user's variant first, then the selected built-ins of its precision. */
static void measure_user(const struct sb_cli *c, const struct sb_variant *user, struct sb_results *r)
{
	const struct sb_variant **sel, **skip;
	size_t nsel, nskip;
	sb_select(c, user->prec, &sel, &nsel, &skip, &nskip);
	const struct sb_variant **vs = sb_xcalloc(nsel + 2, sizeof *vs);
	vs[0] = user;
	memcpy(vs + 1, sel, nsel * sizeof *vs);
	free(sel);
	memset(r, 0, sizeof *r);
	snprintf(r->command, sizeof r->command, "%s", c->cmdline);
	r->sweep = c->sweep;
	r->speed_opts = c->speed;
	r->skipped = skip;
	r->nskipped = nskip;
	measure_accuracy(c, vs, nsel + 1, r);
	r->ref_fallbacks = sb_ref_fallbacks();
	sb_context_get(&r->ctx);
	measure_speed(c, vs, nsel + 1, r);
	free(vs);
}

/* What each variant returns for the special inputs (summary.md and the JSON
 * have them too; the text table does not). */
static void print_specials(FILE *f, const struct sb_results *r, enum sb_prec p)
{
	int digits = p == SB_F32 ? 9 : 17; /* enough to tell any two values apart */
	fprintf(f, "special inputs\n  %-32s", "variant");
	for (int k = 0; k < SB_NSPECIAL; k++)
		fprintf(f, " %10s", sb_special_names[k]);
	fprintf(f, "\n");
	for (size_t i = 0; i < r->nacc[p]; i++) {
		fprintf(f, "  %-32s", r->acc[p][i].v->name);
		for (int k = 0; k < SB_NSPECIAL; k++) {
			double y = r->acc[p][i].special_out[k];
			if (isnan(y)) /* the sign of a NaN means nothing here */
				fprintf(f, " %10s", "nan");
			else
				fprintf(f, " %10.*g", digits, y);
		}
		fprintf(f, "\n");
	}
}

static const char measure_usage[] =
	"usage: sigbench measure --impl PATH:SYMBOL [--batch] [--precision f32|f64] [OPTIONS]\n"
	"Compile your sigmoid, `float SYMBOL(float)` (double with --precision f64; with --batch\n"
	"`void SYMBOL(const T *x, T *y, size_t n)`), with ${CC:-cc} -O2 -fPIC -shared -std=gnu11\n"
	"$CFLAGS ... $LDLIBS -lm, and measure it as `run` does (f32: all 2^32 inputs unless\n"
	"--domain/--stride), beside --variants (default: a small comparison set; '' for none).\n"
	"It is called from several threads at once (--threads 1 if it is not thread-safe).\n"
	"Its name in tables and limits files: f32-user-SYMBOL or f64-user-SYMBOL.";

#define MEASURE_OPTS                                                                          \
	(OPTBIT(OPT_IMPL) | OPTBIT(OPT_BATCH) | OPTBIT(OPT_VARIANTS) | OPTBIT(OPT_PRECISION) |     \
	 OPTBIT(OPT_HELP) | OPTBIT(OPT_SAMPLES) | OPTBIT(OPT_SEED) | OPTBIT(OPT_THREADS) |         \
	 OPTBIT(OPT_DOMAIN) | OPTBIT(OPT_STRIDE) | OPTBIT(OPT_QUIET) | OPTBIT(OPT_PLOT) |          \
	 OPTBIT(OPT_RANGE) | OPTBIT(OPT_SIZES) | OPTBIT(OPT_REPS) | OPTBIT(OPT_OUT) |              \
	 OPTBIT(OPT_JSON))

int sb_cmd_measure(int argc, char **argv)
{
	struct sb_cli c;
	sb_cli_init(&c, "measure");
	c.prec_mask = 0; /* not given: f32; one function has one precision, never "all" */
	sb_cli_parse(&c, argc, argv, MEASURE_OPTS, measure_usage);
	if (!c.impl)
		sb_fail("measure needs --impl PATH:SYMBOL (sigbench measure --help)");
	if (c.prec_mask == ((1 << SB_F32) | (1 << SB_F64)))
		sb_fail("measure: --precision is f32 or f64, the type of your function");
	enum sb_prec p = c.prec_mask == (1 << SB_F64) ? SB_F64 : SB_F32;
	const struct sb_variant *user = sb_byo_load(c.impl, c.batch, p);
	c.prec_mask = 1 << p;
	char dflt[512];
	if (!c.variants)
		c.variants = default_variants(p, dflt, sizeof dflt);
	/* error bins (for plots) of what --out records; a few variants, cheap */
	c.sweep.plot = c.plot ? c.plot : c.out ? "*" : NULL;
	if (c.out)
		sb_outdir_prepare(c.out); /* only now: a compile error leaves no directory */
	struct sb_results r;
	measure_user(&c, user, &r);
	if (c.out)
		sb_write_result_files(c.out, &r, 1, 1);
	if (c.json) {
		sb_write_json(stdout, &r);
	} else {
		sb_print_text(stdout, &r);
		print_specials(stdout, &r, p);
	}
	if (c.out && !c.quiet)
		fprintf(stderr, "sigbench: wrote the result files into %s\n", c.out);
	sb_results_free(&r);
	return 0;
}
