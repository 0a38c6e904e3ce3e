#define _POSIX_C_SOURCE 200809L
#include <fnmatch.h>
#include <stdio.h>
#include <string.h>

#include "engine/globs.h"

int sb_glob_match(const char *globs, const char *name)
{
	char buf[1024];
	snprintf(buf, sizeof buf, "%s", globs);
	char *save;
	for (char *g = strtok_r(buf, ",", &save); g; g = strtok_r(NULL, ",", &save))
		if (fnmatch(g, name, 0) == 0)
			return 1;
	return 0;
}
