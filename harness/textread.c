#include <stdio.h>
#include <string.h>

#include "textread.h"

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
