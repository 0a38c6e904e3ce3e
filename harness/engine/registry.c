#define _POSIX_C_SOURCE 200809L
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "engine/context.h"
#include "engine/registry.h"

int sb_registry_check_globs(const char *what, const char *globs, struct sb_error *e)
{
	char buf[1024];
	if (snprintf(buf, sizeof buf, "%s", globs) >= (int)sizeof buf)
		return sb_error_set(e, "%s: list too long", what);
	char *save;
	for (char *g = strtok_r(buf, ",", &save); g; g = strtok_r(NULL, ",", &save)) {
		size_t i = 0;
		while (i < sb_nvariants && fnmatch(g, sb_variants[i].name, 0) != 0)
			i++;
		if (i == sb_nvariants)
			return sb_error_set(e, "%s: no variant matches '%s' "
					    "(sigbench list shows them)", what, g);
	}
	return 0;
}

/* The first registry variant matching glob g, and whether one of them
 * computes fn. */
static const struct sb_variant *match_fn(const char *g, int fn, int *has_fn)
{
	const struct sb_variant *first = NULL;
	*has_fn = 0;
	for (size_t i = 0; i < sb_nvariants; i++) {
		if (fnmatch(g, sb_variants[i].name, 0) != 0)
			continue;
		if (!first)
			first = &sb_variants[i];
		*has_fn |= (int)sb_variants[i].function == fn;
	}
	return first;
}

int sb_registry_check_function(const char *what, const char *globs, int fn, struct sb_error *e)
{
	char buf[1024];
	if (!globs || fn < 0)
		return 0;
	if (snprintf(buf, sizeof buf, "%s", globs) >= (int)sizeof buf)
		return sb_error_set(e, "%s: list too long", what);
	char *save;
	for (char *g = strtok_r(buf, ",", &save); g; g = strtok_r(NULL, ",", &save)) {
		int has_fn;
		const struct sb_variant *v = match_fn(g, fn, &has_fn);
		if (v && !has_fn)
			return sb_error_set(e, "%s: %s does not implement %s (it computes %s: "
					    "--function %s)", what, v->name, sb_func_name((enum sb_func)fn),
					    sb_func_name(v->function), sb_func_name(v->function));
	}
	return 0;
}

/* Asked once per registry variant: init() may be costly (peers set up a
 * library) and must not run twice. */
int sb_variant_usable(const struct sb_variant *v)
{
	static signed char state[4096]; /* 0 unknown, 1 usable, -1 not */
	size_t i = (size_t)(v - sb_variants);
	if (i >= sb_nvariants || i >= sizeof state)
		return sb_cpu_has(v->features) && (!v->init || v->init() == 0);
	if (!state[i])
		state[i] = sb_cpu_has(v->features) && (!v->init || v->init() == 0) ? 1 : -1;
	return state[i] > 0;
}

#define MAX_EXTRA 16
static const struct sb_variant *extra[MAX_EXTRA];
static size_t nextra;

int sb_register_extra(const struct sb_variant *v, struct sb_error *e)
{
	if (nextra == MAX_EXTRA)
		return sb_error_set(e, "too many run-time variants (at most %d)", MAX_EXTRA);
	extra[nextra++] = v;
	return 0;
}

const struct sb_variant *sb_find_variant(const char *name)
{
	for (size_t i = 0; i < sb_nvariants; i++)
		if (strcmp(sb_variants[i].name, name) == 0)
			return &sb_variants[i];
	for (size_t i = 0; i < nextra; i++)
		if (strcmp(extra[i]->name, name) == 0)
			return extra[i];
	return NULL;
}

int sb_registry_select(const char *globs, enum sb_prec prec,
		       const struct sb_variant ***run, size_t *nrun,
		       const struct sb_variant ***skip, size_t *nskip, struct sb_error *e)
{
	if (!globs)
		globs = "*";
	if (sb_registry_check_globs("--variants", globs, e))
		return -1;
	*run = sb_xcalloc(sb_nvariants, sizeof **run);
	*nrun = 0;
	if (skip) {
		*skip = sb_xcalloc(sb_nvariants, sizeof **skip);
		*nskip = 0;
	}
	for (size_t i = 0; i < sb_nvariants; i++) {
		const struct sb_variant *v = &sb_variants[i];
		if (v->prec != prec || !sb_glob_match(globs, v->name))
			continue;
		if (sb_variant_usable(v))
			(*run)[(*nrun)++] = v;
		else if (skip)
			(*skip)[(*nskip)++] = v;
	}
	return 0;
}
