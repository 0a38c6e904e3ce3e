#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/outfile.h"
#include "base/util.h"

/* A run's whole result set is committed together: the tables, pages and
 * three plots per function of the family (result_files.c) come to 26. */
#define MAX_OUTFILES 48

static struct {
	FILE *f;
	char tmp[4096];
	char final[4096];
} pending[MAX_OUTFILES];
static int npending;

static void mkdir_p(const char *dir)
{
	char path[4096];
	if (snprintf(path, sizeof path, "%s", dir) >= (int)sizeof path)
		sb_fail("--out: path too long");
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0777) != 0 && errno != EEXIST)
			sb_fail("cannot create directory '%s': %s", path, strerror(errno));
		*p = '/';
	}
	if (mkdir(path, 0777) != 0 && errno != EEXIST)
		sb_fail("cannot create directory '%s': %s", path, strerror(errno));
}

void sb_outdir_prepare(const char *dir)
{
	struct stat st;
	if (stat(dir, &st) != 0)
		mkdir_p(dir);
	else if (!S_ISDIR(st.st_mode))
		sb_fail("output directory '%s' is not a directory", dir);
	char probe[4096];
	snprintf(probe, sizeof probe, "%s/.sigbench-probe-XXXXXX", dir);
	int fd = mkstemp(probe);
	if (fd < 0)
		sb_fail("output directory '%s' is not writable: %s", dir, strerror(errno));
	close(fd);
	unlink(probe);
}

FILE *sb_outfile_open(const char *dir, const char *name)
{
	/* Any exit before the commit (sb_fail, sb_die, a plain exit) must leave
	 * no half-written file: the files clean up after themselves. */
	static int cleanup_registered;
	if (!cleanup_registered && atexit(sb_outfile_discard_all) == 0)
		cleanup_registered = 1;
	if (npending == MAX_OUTFILES)
		sb_die("too many result files open (bug)");
	int i = npending;
	if (snprintf(pending[i].final, sizeof pending[i].final, "%s/%s", dir, name)
	    >= (int)sizeof pending[i].final)
		sb_fail("output path too long: %s/%s", dir, name);
	snprintf(pending[i].tmp, sizeof pending[i].tmp, "%s/.%s.tmp-XXXXXX", dir, name);
	int fd = mkstemp(pending[i].tmp);
	if (fd < 0)
		sb_fail("cannot write in '%s': %s", dir, strerror(errno));
	fchmod(fd, 0644);
	pending[i].f = fdopen(fd, "w");
	if (!pending[i].f) {
		close(fd);
		unlink(pending[i].tmp);
		sb_die("cannot open %s: %s", pending[i].tmp, strerror(errno));
	}
	npending++;
	return pending[i].f;
}

void sb_outfile_discard_all(void)
{
	for (int i = 0; i < npending; i++) {
		if (pending[i].f)
			fclose(pending[i].f);
		unlink(pending[i].tmp);
	}
	npending = 0;
}

/* A buffered write failed earlier and its errno is gone (the buffer drained
 * since): one more byte at the file's end, which is discarded anyway, says
 * why (File too large, No space left on device). */
static int probe_cause(FILE *f)
{
	struct stat st;
	int fd = fileno(f);
	errno = 0;
	if (fstat(fd, &st) == 0 && pwrite(fd, "", 1, st.st_size) < 0)
		return errno;
	return 0;
}

void sb_outfile_commit_all(void)
{
	for (int i = 0; i < npending; i++) {
		FILE *f = pending[i].f;
		errno = 0;
		int bad = ferror(f) | fflush(f) | fsync(fileno(f));
		int err = errno; /* fclose below must not hide the first cause */
		if (bad && !err)
			err = probe_cause(f);
		bad |= fclose(f);
		if (!err)
			err = errno;
		pending[i].f = NULL;
		if (bad) {
			char name[4096];
			snprintf(name, sizeof name, "%s", pending[i].final);
			sb_outfile_discard_all();
			sb_die("writing %s failed: %s", name, err ? strerror(err) : "I/O error");
		}
	}
	for (int i = 0; i < npending; i++) {
		if (rename(pending[i].tmp, pending[i].final) != 0) {
			char name[4096];
			snprintf(name, sizeof name, "%s", pending[i].final);
			int err = errno;
			sb_outfile_discard_all();
			sb_die("cannot rename into %s: %s", name, strerror(err));
		}
	}
	npending = 0;
}
