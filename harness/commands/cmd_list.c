/* sigbench list: the registry, and whether this CPU runs each variant. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands/cli.h"
#include "commands/commands.h"
#include "report/json_writer.h"

static void json_variant(struct sb_jw *j, const struct sb_variant *v, int runs)
{
	sb_jw_open(j, NULL, '{');
	sb_jw_str(j, "name", v->name);
	sb_jw_str(j, "family", v->family);
	sb_jw_str(j, "function", sb_func_name(v->function));
	sb_jw_str(j, "params", v->params);
	sb_jw_str(j, "precision", v->prec == SB_F32 ? "f32" : "f64");
	sb_jw_str(j, "isa", v->isa);
	sb_jw_str(j, "features", v->features);
	sb_jw_bool(j, "runs_here", runs);
	sb_jw_str(j, "summary", v->summary);
	if (v->cpu_dependent)
		sb_jw_str(j, "cpu_dependent", v->cpu_dependent);
	sb_jw_close(j);
}

int sb_cmd_list(int argc, char **argv)
{
	struct sb_cli c;
	sb_cli_init(&c, "list");
	sb_cli_parse(&c, argc, argv, SELECT_OPTS | OPTBIT(OPT_JSON),
		     "usage: sigbench list [OPTIONS]\nList the registry: name, family, parameters, "
		     "ISA, whether this CPU runs it, and what it is.");
	if (!(c.given & OPTBIT(OPT_FUNCTION)))
		c.function = -1; /* the whole registry unless --function narrows it */
	struct sb_jw j;
	sb_jw_start(&j, stdout);
	if (c.json)
		sb_jw_open(&j, NULL, '[');
	for (int p = SB_F32; p <= SB_F64; p++) {
		const struct sb_variant **run, **skip;
		size_t nrun, nskip;
		sb_select(&c, (enum sb_prec)p, &run, &nrun, &skip, &nskip);
		for (size_t i = 0; i < sb_nvariants; i++) {
			const struct sb_variant *v = &sb_variants[i];
			int runs = 0, listed = 0;
			for (size_t k = 0; k < nrun; k++)
				listed |= runs |= run[k] == v;
			for (size_t k = 0; k < nskip; k++)
				listed |= skip[k] == v;
			if (!listed)
				continue;
			if (c.json) {
				json_variant(&j, v, runs);
				continue;
			}
			/* the tests find CPU-dependent variants by this mark */
			char mark[160] = "";
			if (v->cpu_dependent)
				snprintf(mark, sizeof mark, " [outputs depend on the CPU model: %s]",
					 v->cpu_dependent);
			printf("%-34s %-7s %-4s %-12s %s%s\n", v->name, v->isa, runs ? "yes" : "SKIP",
			       v->family, v->summary, mark);
		}
		free(run);
		free(skip);
	}
	if (c.json) {
		sb_jw_close(&j);
		sb_jw_end(&j);
	}
	return 0;
}

