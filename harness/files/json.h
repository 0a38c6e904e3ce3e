/* Reading back results.json (README "Result files"): a small JSON parser
 * into a tree.  Numbers JSON cannot hold are the strings "inf", "-inf",
 * "nan" there, and sb_json_num reads them as such. */
#ifndef SIGBENCH_JSON_H
#define SIGBENCH_JSON_H

#include <stddef.h>

#include "base/error.h"

enum sb_json_type { SB_JSON_NULL, SB_JSON_BOOL, SB_JSON_NUM, SB_JSON_STR, SB_JSON_ARR, SB_JSON_OBJ };

struct sb_json {
	enum sb_json_type type;
	double num;            /* NUM; BOOL: 0 or 1 */
	char *str;             /* STR, unescaped */
	char *key;             /* the member's name, inside an object */
	struct sb_json *kids;  /* ARR, OBJ */
	size_t nkids;
};

/* The value text holds (and nothing else but white space); NULL (e names
 * path and offset) when it is not JSON.  Free with sb_json_free. */
struct sb_json *sb_json_parse(const char *text, const char *path, struct sb_error *e);
void sb_json_free(struct sb_json *j);

/* Member key of an object; NULL when j is not an object or lacks it. */
const struct sb_json *sb_json_get(const struct sb_json *j, const char *key);
/* A number, a boolean, or "inf"/"-inf"/"nan"; NAN for anything else. */
double sb_json_num(const struct sb_json *j);
/* A string's text; "" for anything else. */
const char *sb_json_str(const struct sb_json *j);

#endif
