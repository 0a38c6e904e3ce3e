/* Bring your own sigmoid (issue 5): `sigbench measure --impl FILE.c:SYMBOL`
 * compiles the user's file at run time, loads it, registers it as a variant
 * and measures it exactly like the built-ins, beside a few of them.
 * `--impl libfoo.so:SYMBOL` loads a shared library built by any toolchain
 * (C++, Rust, Fortran) without compiling anything.
 *
 * The user's file is never compiled alone: a generated wrapper includes it
 * and then redeclares SYMBOL with the expected type, so the compiler itself
 * checks the signature ("conflicting types") and the existence of the
 * function ("undeclared"), and the wrapper provides the batch entry point
 * the harness calls (a loop for a scalar function, which the compiler may
 * inline as it does for the built-in scalar variants). */
#define _GNU_SOURCE /* dladdr1 (a shared library's symbol type), mkdtemp, nftw */
#include <ctype.h>
#include <dlfcn.h>
#include <elf.h>
#include <link.h>
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

#include "base/util.h"
#include "engine/byo.h"
#include "engine/guard.h"
#include "engine/registry.h"

extern char **environ;

/* What --impl asks for. */
struct impl {
	char path[PATH_MAX]; /* absolute: the wrapper #includes it from a temp dir */
	char sym[128];
	int batch;
	enum sb_prec prec;
	int shared;       /* a shared library, loaded as it is: nothing compiled */
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
static int parse_impl(const char *arg, struct impl *im, struct sb_error *e)
{
	const char *colon = strrchr(arg, ':');
	if (!colon || colon == arg)
		return sb_error_set(e, "--impl: '%s' is not PATH:SYMBOL (e.g. my_sigmoid.c:my_sigmoid)", arg);
	const char *sym = colon + 1;
	if (!is_identifier(sym) || strlen(sym) >= sizeof im->sym)
		return sb_error_set(e, "--impl: '%s' is not PATH:SYMBOL: '%s' is not a C function name", arg, sym);
	snprintf(im->sym, sizeof im->sym, "%s", sym);
	char rel[PATH_MAX];
	size_t len = (size_t)(colon - arg);
	if (len >= sizeof rel)
		return sb_error_set(e, "--impl: path too long");
	memcpy(rel, arg, len);
	rel[len] = '\0';
	struct stat st;
	if (stat(rel, &st) != 0 || access(rel, R_OK) != 0)
		return sb_error_set(e, "--impl: cannot read '%s': %s", rel, strerror(errno));
	if (!S_ISREG(st.st_mode))
		return sb_error_set(e, "--impl: '%s' is not a regular file", rel);
	if (!realpath(rel, im->path))
		return sb_error_set(e, "--impl: cannot resolve '%s': %s", rel, strerror(errno));
	/* #include "..." has no escapes: these would end or break the name */
	if (strpbrk(im->path, "\"\\\n"))
		return sb_error_set(e, "--impl: '%s': a path with '\"', '\\' or a newline cannot be #included", rel);
	return 0;
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

/* Fail (-1, e says why) after removing the temporary directory. */
static __attribute__((format(printf, 3, 4))) int fail_in(struct sb_error *e, const char *dir,
							 const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (e)
		vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
	remove_tree(dir);
	return -1;
}

static int make_tmpdir(char *dir, size_t size, struct sb_error *e)
{
	const char *base = getenv("TMPDIR");
	if (!base || !*base)
		base = "/tmp";
	if (snprintf(dir, size, "%s/sigbench-byo-XXXXXX", base) >= (int)size || !mkdtemp(dir))
		return sb_error_set(e, "cannot create a temporary directory in '%s': %s", base,
				    strerror(errno));
	return 0;
}

/* ---- the wrapper and the compiler ---- */

#define WRAPPER_NAME "<sigbench wrapper>" /* what compiler messages call it */

static int write_wrapper(const char *dir, const struct impl *im, struct sb_error *e)
{
	char path[PATH_MAX + 32];
	snprintf(path, sizeof path, "%s/wrapper.c", dir);
	FILE *f = fopen(path, "w");
	if (!f)
		return fail_in(e, dir, "cannot write '%s': %s", path, strerror(errno));
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
		return fail_in(e, dir, "cannot write '%s': %s", path, strerror(errno));
	return 0;
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

/* Say why the compilation failed, in one line; always -1. */
static int compile_failed(const char *dir, const struct impl *im, int status, struct sb_error *e)
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
		return fail_in(e, dir, "cannot run the C compiler '%s' (set CC): %s",
			getenv("CC") ? getenv("CC") : "cc", line);
	if (in_wrapper && strstr(line, "undeclared"))
		return fail_in(e, dir, "no function %s in %s", im->sym, im->path);
	if (in_wrapper && (strstr(line, "conflicting types") || strstr(line, "different kind of symbol"))) {
		user_type(log, im->sym, type, sizeof type);
		return fail_in(e, dir, "wrong signature: %s declares %s%s%s%s, want %s%s", im->path, im->sym,
			*type ? " as '" : "", type, *type ? "'" : "", want_proto(im),
			im->batch ? "" : " (or --batch, --precision)");
	}
	if (strstr(log, undef))
		return fail_in(e, dir, "no function %s in %s (declared, never defined)", im->sym, im->path);
	return fail_in(e, dir, "%s does not compile: %s", im->path, line);
}

/* ---- loading ---- */

/* The variant lives as long as the process; at most one per run. */
static struct sb_variant user_variant;
static char user_name[160], user_params[PATH_MAX + 512], user_summary[PATH_MAX + 512];
static void *user_handle;
static char load_warning[PATH_MAX + 512];

/* A library built with -ffast-math turns on FTZ and DAZ from a constructor
 * when it is loaded, for the whole process: every later measurement (the
 * reference's included) would flush subnormals.  Put the environment back
 * and say so; the user's function is then measured as everything else is. */
static void note_fpstate_change(const struct impl *im, struct sb_fpstate before)
{
	struct sb_fpstate after = sb_fpstate_get();
	if (sb_fpstate_equal(before, after))
		return;
	char what[256];
	sb_fpstate_describe(before, after, what, sizeof what);
	sb_fpstate_set(before);
	snprintf(load_warning, sizeof load_warning,
		 "loading %s changed the floating-point environment (%s; built with -ffast-math?): "
		 "restored, so it is measured like the built-ins", im->path, what);
}

const char *sb_byo_load_warning(void)
{
	return load_warning[0] ? load_warning : NULL;
}

void sb_byo_set_function(enum sb_func fn)
{
	user_variant.function = fn;
}

static void fill_variant(const struct impl *im, void *fn)
{
	struct sb_variant *v = &user_variant;
	const char *p = im->prec == SB_F32 ? "f32" : "f64";
	snprintf(user_name, sizeof user_name, "%s-user-%s", p, im->sym);
	snprintf(user_params, sizeof user_params, "%s=%s symbol=%s form=%s", im->shared ? "library" : "file",
		 im->path, im->sym, im->batch ? "batch" : "scalar");
	snprintf(user_summary, sizeof user_summary, "your %s from %s%s", want_proto(im), im->path,
		 im->shared ? " (a shared library: the signature is taken on trust)" : "");
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

/* ---- a shared library, loaded as it is ---- */

/* An ELF shared object rather than C source?  (By content: libfoo.so.1 and
 * a Rust cdylib are both.)  -1 with e set for an ELF file that cannot be
 * loaded, such as an object file or a static executable. */
static int is_shared_library(const struct impl *im, struct sb_error *e)
{
	unsigned char h[EI_NIDENT + 2] = { 0 };
	FILE *f = fopen(im->path, "rb");
	size_t got = f ? fread(h, 1, sizeof h, f) : 0;
	if (f)
		fclose(f);
	if (got < sizeof h || memcmp(h, ELFMAG, SELFMAG) != 0)
		return 0;
	unsigned type = h[EI_DATA] == ELFDATA2MSB ? (unsigned)h[16] << 8 | h[17] : (unsigned)h[17] << 8 | h[16];
	if (type != ET_DYN)
		return sb_error_set(e, "--impl: %s is an ELF %s, not a shared library (link it with -shared)",
				    im->path, type == ET_REL ? "object file" : type == ET_EXEC ? "executable" : "file");
	return 1;
}

/* The user's scalar function, called by the batch loop below. */
static float (*user_scalar_f32)(float);
static double (*user_scalar_f64)(double);

static void scalar_loop_f32(const float *x, float *y, size_t n)
{
	for (size_t i = 0; i < n; i++)
		y[i] = user_scalar_f32(x[i]);
}

static void scalar_loop_f64(const double *x, double *y, size_t n)
{
	for (size_t i = 0; i < n; i++)
		y[i] = user_scalar_f64(x[i]);
}

/* A library's exported SYMBOL must be code: a data object of that name
 * would be called and crash.  Its type is all a .so says: the signature is
 * taken on trust (README, "Your own implementation"). */
static int check_is_function(const struct impl *im, void *fn, struct sb_error *e)
{
	Dl_info info;
	const ElfW(Sym) *sym = NULL;
	if (!dladdr1(fn, &info, (void **)&sym, RTLD_DL_SYMENT) || !sym)
		return 0; /* nothing more to learn: trust it */
	int type = ELF64_ST_TYPE(sym->st_info); /* the same bits in ELF32 */
	if (type != STT_FUNC && type != STT_GNU_IFUNC)
		return sb_error_set(e, "--impl: %s in %s is not a function (ELF symbol type %d)", im->sym,
				    im->path, type);
	return 0;
}

/* The batch entry point for the variant: the symbol itself, or a loop. */
static void *batch_entry(const struct impl *im, void *fn)
{
	if (im->batch)
		return fn;
	if (im->prec == SB_F32) {
		memcpy(&user_scalar_f32, &fn, sizeof fn);
		void (*loop)(const float *, float *, size_t) = scalar_loop_f32;
		memcpy(&fn, &loop, sizeof fn);
	} else {
		memcpy(&user_scalar_f64, &fn, sizeof fn);
		void (*loop)(const double *, double *, size_t) = scalar_loop_f64;
		memcpy(&fn, &loop, sizeof fn);
	}
	return fn;
}

static void *load_shared(const struct impl *im, struct sb_error *e)
{
	struct sb_fpstate before = sb_fpstate_get();
	user_handle = dlopen(im->path, RTLD_NOW | RTLD_LOCAL);
	note_fpstate_change(im, before);
	if (!user_handle) {
		sb_error_set(e, "--impl: cannot load %s: %s", im->path, dlerror());
		return NULL;
	}
	void *fn = dlsym(user_handle, im->sym);
	if (!fn) {
		sb_error_set(e, "no function %s exported by %s (nm -D --defined-only lists what it exports)",
			     im->sym, im->path);
		return NULL;
	}
	if (check_is_function(im, fn, e))
		return NULL;
	return batch_entry(im, fn);
}

/* ---- C source, compiled now ---- */

static void *load_source(const struct impl *im, struct sb_error *e)
{
	char dir[PATH_MAX];
	if (make_tmpdir(dir, sizeof dir, e) || write_wrapper(dir, im, e))
		return NULL;
	int status = run_compiler(dir);
	if (status != 0) {
		compile_failed(dir, im, status, e);
		return NULL;
	}
	char so[PATH_MAX + 32];
	snprintf(so, sizeof so, "%s/user.so", dir);
	struct sb_fpstate before = sb_fpstate_get();
	user_handle = dlopen(so, RTLD_NOW | RTLD_LOCAL);
	note_fpstate_change(im, before);
	if (!user_handle) {
		fail_in(e, dir, "cannot load %s once compiled: %s", im->path, dlerror());
		return NULL;
	}
	void *fn = dlsym(user_handle, "sigbench_byo_batch");
	remove_tree(dir); /* the mapping outlives the file */
	if (!fn)
		sb_error_set(e, "cannot load %s once compiled: no sigbench_byo_batch in it", im->path);
	return fn;
}

const struct sb_variant *sb_byo_load(const char *impl, int batch, enum sb_prec prec,
				     struct sb_error *e)
{
	struct impl im = { .batch = batch, .prec = prec };
	if (user_handle) {
		sb_error_set(e, "only one --impl per run");
		return NULL;
	}
	if (parse_impl(impl, &im, e))
		return NULL;
	int shared = is_shared_library(&im, e);
	if (shared < 0)
		return NULL;
	void *fn = shared ? load_shared(&im, e) : load_source(&im, e);
	if (!fn)
		return NULL;
	im.shared = shared;
	fill_variant(&im, fn);
	sb_guard_wrap(&user_variant);
	if (sb_register_extra(&user_variant, e))
		return NULL;
	return &user_variant;
}

