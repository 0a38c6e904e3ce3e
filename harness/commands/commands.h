/* The commands, one file each; main.c dispatches to them by name.  Each
 * takes the whole argv (argv[1] is its name) and returns the exit status. */
#ifndef SIGBENCH_COMMANDS_H
#define SIGBENCH_COMMANDS_H

int sb_cmd_list(int argc, char **argv);        /* cmd_list.c */
int sb_cmd_accuracy(int argc, char **argv);    /* cmd_run.c */
int sb_cmd_speed(int argc, char **argv);       /* cmd_run.c */
int sb_cmd_run(int argc, char **argv);         /* cmd_run.c */
int sb_cmd_check(int argc, char **argv);       /* check.c */
int sb_cmd_breakpoints(int argc, char **argv); /* cmd_breakpoints.c */
int sb_cmd_pick(int argc, char **argv);        /* pick.c */
int sb_cmd_hash(int argc, char **argv);        /* cmd_hash.c */
int sb_cmd_export(int argc, char **argv);      /* export.c */
int sb_cmd_measure(int argc, char **argv);     /* cmd_measure.c */
int sb_cmd_suggest_limits(int argc, char **argv); /* cmd_suggest.c */
int sb_cmd_version(int argc, char **argv);     /* cmd_version.c */
int sb_cmd_report(int argc, char **argv);      /* cmd_report.c */
int sb_cmd_merge(int argc, char **argv);       /* cmd_merge.c */
int sb_cmd_machines(int argc, char **argv);    /* cmd_machines.c */

#endif
