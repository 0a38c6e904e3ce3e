/* The answer table that opens summary.md (answer.c). */
#ifndef SIGBENCH_ANSWER_H
#define SIGBENCH_ANSWER_H

#include <stdio.h>

#include "report/results.h"

/* The run has what the table needs: accuracy and throughput. */
int sb_answer_possible(const struct sb_results *r);
void sb_answer_md(FILE *f, const struct sb_results *r);

#endif
