/* sigbench breakpoints: the interval edges the reference derives. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands/cli.h"
#include "commands/commands.h"
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

int sb_cmd_breakpoints(int argc, char **argv)
{
	struct sb_cli c;
	sb_cli_init(&c, "breakpoints");
	sb_cli_parse(&c, argc, argv, OPTBIT(OPT_JSON) | OPTBIT(OPT_HELP),
		     "usage: sigbench breakpoints [--json]\nThe interval edges, derived from the MPFR "
		     "reference by bisection over each format's ordered values.");
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

