#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "files/textread.h"
#include "base/util.h"

int sb_csv_split(char *line, char **col)
{
	int n = 0;
	line[strcspn(line, "\r\n")] = '\0';
	for (char *p = line; n < SB_CSV_MAXCOL;) {
		if (*p == '"') {
			col[n++] = ++p;
			p = strchr(p, '"');
			if (!p)
				return -1;
			*p++ = '\0';
		} else {
			col[n++] = p;
			p += strcspn(p, ",");
		}
		if (*p != ',')
			return *p == '\0' ? n : -1;
		*p++ = '\0';
	}
	return -1;
}

int sb_json_string(const char *json, const char *key, char *out, size_t size)
{
	char pat[64];
	snprintf(pat, sizeof pat, "\"%s\": \"", key);
	const char *p = json ? strstr(json, pat) : NULL;
	if (!p)
		return 0;
	p += strlen(pat);
	size_t n = strcspn(p, "\"\n");
	snprintf(out, size, "%.*s", (int)n, p);
	return p[n] == '"';
}

int sb_csv_column(char *const *hdr, int nh, const char *name)
{
	for (int i = 0; i < nh; i++)
		if (strcmp(hdr[i], name) == 0)
			return i;
	return -1;
}

char *sb_read_text(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 1 << 16, n = 0;
	char *s = sb_xmalloc(cap);
	for (size_t k; (k = fread(s + n, 1, cap - n - 1, f)) > 0;) {
		n += k;
		if (n + 1 == cap) {
			cap *= 2;
			char *t = realloc(s, cap);
			if (!t)
				sb_die("out of memory");
			s = t;
		}
	}
	int bad = ferror(f);
	fclose(f);
	if (bad)
		sb_fail("cannot read '%s'", path);
	s[n] = '\0';
	return s;
}
