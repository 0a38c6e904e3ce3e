/* The file readers (harness/files/) return their errors instead of exiting,
 * so each error path is checked here, in-process: the message names the
 * file, the line and the cause. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include <math.h>

#include "files/budget.h"
#include "files/json.h"
#include "files/limitfile.h"
#include "files/table.h"

static char dir[] = "/tmp/sigbench-test-files-XXXXXX";

static const char *put(const char *name, const char *text)
{
	static char path[256];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	if (!f || fputs(text, f) < 0 || fclose(f) != 0)
		abort();
	return path;
}

static void table_fails(const char *what, const char *text, const char *want)
{
	struct sb_table t;
	struct sb_error e = { "" };
	const char *path = put("t.csv", text);
	CHECK(sb_table_read(path, sb_accuracy_csv_columns, &t, &e) == -1 && strstr(e.msg, want),
	      "%s: error '%s', want it to contain '%s'", what, e.msg, want);
}

static void limits_fail(const char *what, const char *text, const char *want)
{
	size_t n;
	struct sb_error e = { "" };
	const char *path = put("l.txt", text);
	CHECK(sb_limits_read(path, &n, &e) == NULL && strstr(e.msg, want),
	      "%s: error '%s', want it to contain '%s'", what, e.msg, want);
}

/* A header with every column readers rely on, then rows of the same width. */
static char header[1024];

static void tables(void)
{
	size_t k = 0;
	for (const char *const *c = sb_accuracy_csv_columns; *c; c++)
		k += (size_t)snprintf(header + k, sizeof header - k, "%s%s", k ? "," : "", *c);
	snprintf(header + k, sizeof header - k, "\n");
	char good[4096];
	snprintf(good, sizeof good, "%sf32-exact-scalar,f32,\"exhaustive: all 2^32 inputs\",all,-inf,inf,"
		 "10,2.5,0x1p-3,0x1p-4,0x1.1p-4,0.1,99.5,1e-7,0x1p+1,1e-6,0x1p+2,0,0,3\n", header);
	struct sb_table t;
	struct sb_error e = { "" };
	CHECK(sb_table_read(put("t.csv", good), sb_accuracy_csv_columns, &t, &e) == 0,
	      "a good accuracy.csv: %s", e.msg);
	if (!e.msg[0]) {
		struct sb_errstats s;
		double lo, hi;
		CHECK(t.nrows == 1 && strcmp(sb_table_get(&t, 0, "sweep"), "exhaustive: all 2^32 inputs") == 0,
		      "rows %zu", t.nrows);
		CHECK(sb_accuracy_row_stats(&t, 0, "t.csv", &s, &lo, &hi, &e) == 0 && s.ulp.err == 2.5 &&
		      s.ulp.x == 0.125 && s.n == 10 && s.mono == 3 && lo < -1e308 && hi > 1e308,
		      "row stats: %s", e.msg);
		CHECK(sb_table_get(&t, 0, "no-such-column") == NULL, "an absent column is NULL");
		sb_table_free(&t);
	}
	char text[4096];
	table_fails("empty file", "", "t.csv:1: no CSV header line");
	CHECK(sb_table_read("/nonexistent/accuracy.csv", NULL, &t, &e) == -1 &&
	      strstr(e.msg, "cannot read '/nonexistent/accuracy.csv'"), "missing file: '%s'", e.msg);
	table_fails("no such column", "variant,interval\nx,all\n", "no column 'precision'");
	snprintf(text, sizeof text, "%sf32-exact-scalar,f32\n", header);
	table_fails("short row", text, "t.csv:2: 2 fields, the header has 20");
	snprintf(text, sizeof text, "%s\"unterminated,f32\n", header);
	table_fails("bad quoting", text, "t.csv:2:");
	snprintf(text, sizeof text, "%sf32-exact-scalar,f32,s,all,-inf,inf,10,2.5x,0,0,0,0,0,0,0,0,0,0,0,0\n",
		 header);
	CHECK(sb_table_read(put("t.csv", text), sb_accuracy_csv_columns, &t, &e) == 0, "%s", e.msg);
	struct sb_errstats s;
	double lo, hi;
	CHECK(sb_accuracy_row_stats(&t, 0, "t.csv", &s, &lo, &hi, &e) == -1 &&
	      strstr(e.msg, "t.csv:2: max_ulp '2.5x' is not a number"), "bad number: '%s'", e.msg);
	sb_table_free(&t);
}

static void limits(void)
{
	size_t n;
	struct sb_error e = { "" };
	struct sb_limit *l = sb_limits_read(put("l.txt", "# c\nf32-exact-scalar ulp 2.5 -87.33:inf\n\n"
						     "f32-exact-scalar mono 0\n"), &n, &e);
	CHECK(l && n == 2 && l[0].metric == SB_M_ULP && l[0].bound == 2.5 && l[0].lo == -87.33 &&
	      l[1].metric == SB_M_MONO && l[1].line == 4, "a good limits file: '%s'", e.msg);
	free(l);
	CHECK(sb_limits_read("/nonexistent/l.txt", &n, &e) == NULL &&
	      strstr(e.msg, "cannot read limits file '/nonexistent/l.txt'"), "'%s'", e.msg);
	limits_fail("empty", "# only a comment\n", "no limits in file");
	limits_fail("unknown variant", "f32-nope ulp 1\n", "l.txt:1: unknown variant 'f32-nope'");
	limits_fail("unknown metric", "f32-exact-scalar ulps 1\n", "l.txt:1: unknown metric 'ulps'");
	limits_fail("bad bound", "\nf32-exact-scalar ulp -1\n", "l.txt:2: bound '-1' is not a number >= 0");
	limits_fail("bad domain", "f32-exact-scalar ulp 1 3:2\n", "domain '3:2' is not 'all' or LO:HI");
	limits_fail("too few fields", "f32-exact-scalar ulp\n", "expected VARIANT METRIC BOUND");
	limits_fail("too many fields", "f32-exact-scalar ulp 1 all x\n", "too many fields");
	limits_fail("control character", "f32-exact-scalar ulp 1\x01\n", "control character");
}

static void json_fails(const char *text, const char *want)
{
	struct sb_error e = { "" };
	struct sb_json *j = sb_json_parse(text, "r.json", &e);
	CHECK(!j && strstr(e.msg, want) && strstr(e.msg, "r.json"), "'%s': error '%s', want '%s'",
	      text, e.msg, want);
	sb_json_free(j);
}

/* results.json's reader: values, escapes, the non-finite strings, and every
 * malformed text an error naming the file. */
static void json(void)
{
	struct sb_error e = { "" };
	struct sb_json *j = sb_json_parse(
		" {\"a\": [1, -2.5e3, true, null], \"s\": \"q\\\"\\n\\u0041\", \"m\": \"-inf\", \"o\": {}}",
		"r.json", &e);
	CHECK(j != NULL, "a good text: %s", e.msg);
	if (j) {
		const struct sb_json *a = sb_json_get(j, "a");
		CHECK(a && a->nkids == 4 && sb_json_num(&a->kids[1]) == -2500 && sb_json_num(&a->kids[2]) == 1 &&
		      a->kids[3].type == SB_JSON_NULL, "the array");
		CHECK(strcmp(sb_json_str(sb_json_get(j, "s")), "q\"\nA") == 0, "escapes: '%s'",
		      sb_json_str(sb_json_get(j, "s")));
		CHECK(sb_json_num(sb_json_get(j, "m")) == -INFINITY, "\"-inf\" is a number");
		CHECK(isnan(sb_json_num(sb_json_get(j, "s"))) && !sb_json_get(j, "nosuch") &&
		      sb_json_get(j, "o")->nkids == 0, "absent and wrong kinds");
	}
	sb_json_free(j);
	json_fails("{\"a\": [1, 2}", "expected , or ]");
	json_fails("{\"a\" 1}", "expected \"name\":");
	json_fails("{\"a\": \"open", "unterminated string");
	json_fails("\"bad \\x escape\"", "bad escape");
	json_fails("{} x", "text after the value");
	json_fails("", "expected a value");
	char deep[200];
	memset(deep, '[', sizeof deep - 1);
	deep[sizeof deep - 1] = '\0';
	json_fails(deep, "nested too deep");
}

/* The budget rule pick and the answer table share (budget.h). */
static void budget(void)
{
	struct sb_budget b = { 1, NAN, -INFINITY, INFINITY };
	CHECK(sb_budget_met(&b, 0.9, 1, 0, 5), "0.9 ULP meets 1 ULP");
	CHECK(!sb_budget_met(&b, 0.9, 1, 1, 5), "a NaN output never qualifies");
	b.max_ulp = 0.5;
	CHECK(!sb_budget_met(&b, 0.5, 1, 0, 1), "an output not CR fails 0.5 ULP even at a 0.5 figure");
	CHECK(sb_budget_met(&b, 0.5, 1, 0, 0), "all CR meets 0.5 ULP");
	b = (struct sb_budget){ NAN, 1e-3, -INFINITY, INFINITY };
	CHECK(!sb_budget_met(&b, 1e30, 2e-3, 0, 0) && sb_budget_met(&b, 1e30, 1e-3, 0, 0), "abs only");
	/* a sampled "all" row rules in only when its sample counts */
	struct sb_budget_row r = { "v", "f64", "exp", "scalar", "all", -INFINITY, INFINITY, 2, 1e-16, 0, 0, 0 };
	struct sb_verdict v;
	b = (struct sb_budget){ 4, NAN, -INFINITY, INFINITY };
	sb_budget_judge(&b, &r, 1, "v", 0, &v);
	CHECK(!v.known, "a sample rules nothing in for pick's own sweep");
	sb_budget_judge(&b, &r, 1, "v", 1, &v);
	CHECK(v.known && v.bound == '>' && sb_budget_qualifies(&b, &v), "a counted sample: a lower bound");
	r.nan_out = 1;
	sb_budget_judge(&b, &r, 1, "v", 0, &v);
	CHECK(v.known && !sb_budget_qualifies(&b, &v), "a sample with a NaN rules out");
	CHECK(sb_budget_faster(1, "b", 1, "a") > 0 && sb_budget_faster(-1, "a", 9, "b") > 0,
	      "ties by name, unknown last");
}

int main(void)
{
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	tables();
	limits();
	json();
	budget();
	char path[256];
	snprintf(path, sizeof path, "%s/t.csv", dir);
	unlink(path);
	snprintf(path, sizeof path, "%s/l.txt", dir);
	unlink(path);
	rmdir(dir);
	return check_report("test_files");
}
