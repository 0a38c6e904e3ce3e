/* Progress of long jobs on stderr: a bar when stderr is a terminal,
 * otherwise a line every few seconds (CI logs stay short). */
#ifndef SIGBENCH_PROGRESS_TEXT_H
#define SIGBENCH_PROGRESS_TEXT_H

#include "engine/progress.h"

sb_progress_sink sb_progress_stderr;

#endif
