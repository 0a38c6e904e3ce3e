/* sigbench breakpoints: the interval edges the reference derives. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands/cli.h"
#include "commands/commands.h"
#include "engine/fn_edges.h"
#include "engine/intervals.h"
#include "report/format.h"
#include "report/json_writer.h"

/* {"f32": {"INTERVAL": {"lo": HEX, "hi": HEX, "lo_value": X, ...}}, "f64": ...} */
static void print_json(void)
{
	struct sb_jw j;
	sb_jw_start(&j, stdout);
	sb_jw_open(&j, NULL, '{');
	for (int p = 0; p < 2; p++) {
		const struct sb_breakpoints *bp = sb_breakpoints(p == 0 ? SB_FMT_F32 : SB_FMT_F64);
		sb_jw_open(&j, p == 0 ? "f32" : "f64", '{');
		for (int iv = 0; iv < SB_IV_COUNT; iv++) {
			double lo = sb_interval_lo(bp, iv), hi = sb_interval_hi(bp, iv);
			sb_jw_open(&j, sb_interval_name(iv), '{');
			sb_jw_str(&j, "lo", sb_fmt_hex(lo, (enum sb_prec)p).s);
			sb_jw_str(&j, "hi", sb_fmt_hex(hi, (enum sb_prec)p).s);
			sb_jw_num(&j, "lo_value", lo);
			sb_jw_num(&j, "hi_value", hi);
			sb_jw_str(&j, "meaning", sb_interval_meaning(iv));
			sb_jw_close(&j);
		}
		sb_jw_close(&j);
	}
	sb_jw_close(&j);
	sb_jw_end(&j);
}

/* --function F (not sigma): F's edges, as text or as
 * {"function": F, "f32": {"EDGE": {"x": HEX, "x_value": X, "meaning": ...}}, "f64": ...} */
static void print_fn_edges(enum sb_func fn, int json)
{
	struct sb_jw j;
	if (json) {
		sb_jw_start(&j, stdout);
		sb_jw_open(&j, NULL, '{');
		sb_jw_str(&j, "function", sb_func_name(fn));
	}
	for (int p = 0; p < 2; p++) {
		struct sb_fn_edge e[SB_FN_EDGES_MAX];
		size_t n = sb_fn_edges(fn, p == 0 ? SB_FMT_F32 : SB_FMT_F64, e);
		if (json)
			sb_jw_open(&j, p == 0 ? "f32" : "f64", '{');
		else
			printf("%s %s\n", sb_func_name(fn), p == 0 ? "f32" : "f64");
		for (size_t i = 0; i < n; i++) {
			const char *hex = sb_fmt_hex(e[i].x, (enum sb_prec)p).s;
			if (!json) {
				printf("  %-16s X = %-24s %-14.9g %s\n", e[i].name, hex, e[i].x, e[i].meaning);
				continue;
			}
			sb_jw_open(&j, e[i].name, '{');
			sb_jw_str(&j, "x", hex);
			sb_jw_num(&j, "x_value", e[i].x);
			sb_jw_str(&j, "meaning", e[i].meaning);
			sb_jw_close(&j);
		}
		if (json)
			sb_jw_close(&j);
	}
	if (json) {
		sb_jw_close(&j);
		sb_jw_end(&j);
	}
}

int sb_cmd_breakpoints(int argc, char **argv)
{
	struct sb_cli c;
	sb_cli_init(&c, "breakpoints");
	sb_cli_parse(&c, argc, argv, OPTBIT(OPT_JSON) | OPTBIT(OPT_HELP) | OPTBIT(OPT_FUNCTION),
		     "usage: sigbench breakpoints [--function NAME] [--json]\nThe interval edges, derived "
		     "from the MPFR reference by bisection over each format's ordered values.");
	if (c.function != SB_FN_SIGMOID) {
		print_fn_edges((enum sb_func)c.function, c.json);
		return 0;
	}
	if (c.json) {
		print_json();
		return 0;
	}
	for (int p = 0; p < 2; p++) {
		const struct sb_breakpoints *bp = sb_breakpoints(p == 0 ? SB_FMT_F32 : SB_FMT_F64);
		printf("%s\n", p == 0 ? "f32" : "f64");
		for (int iv = 0; iv < SB_IV_COUNT; iv++) {
			double lo = sb_interval_lo(bp, iv), hi = sb_interval_hi(bp, iv);
			printf("  %-10s [%-22s %22s]  [%.12g, %.12g]  %s\n", sb_interval_name(iv),
			       sb_fmt_hex(lo, (enum sb_prec)p).s, sb_fmt_hex(hi, (enum sb_prec)p).s, lo, hi,
			       sb_interval_meaning(iv));
		}
	}
	return 0;
}

