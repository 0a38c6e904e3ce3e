/* sigbench list: the registry, and whether this CPU runs each variant. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands/cli.h"
#include "commands/commands.h"

int sb_cmd_list(int argc, char **argv)
{
	struct sb_cli c;
	sb_cli_init(&c, "list");
	sb_cli_parse(&c, argc, argv, SELECT_OPTS | OPTBIT(OPT_JSON),
		     "usage: sigbench list [OPTIONS]\nList the registry: name, family, parameters, "
		     "ISA, whether this CPU runs it, and what it is.");
	if (c.json)
		printf("[");
	int first = 1;
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
			if (c.json)
				printf("%s\n {\"name\": \"%s\", \"family\": \"%s\", \"params\": \"%s\", "
				       "\"precision\": \"%s\", \"isa\": \"%s\", \"runs_here\": %s, "
				       "\"summary\": \"%s\"}", first ? "" : ",", v->name, v->family,
				       v->params, p == SB_F32 ? "f32" : "f64", v->isa,
				       runs ? "true" : "false", v->summary);
			else
				printf("%-34s %-7s %-4s %-12s %s\n", v->name, v->isa,
				       runs ? "yes" : "SKIP", v->family, v->summary);
			first = 0;
		}
		free(run);
		free(skip);
	}
	if (c.json)
		printf("\n]\n");
	return 0;
}

