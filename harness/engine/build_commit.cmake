# Writes OUT (build_commit.h): the commit the binary is built from, with
# "-dirty" if tracked files differ from it.  Run at every build (a target
# that is always out of date), but OUT is rewritten only when the text
# changes, so an unchanged commit recompiles nothing.  The binary then never
# asks the source tree, which may be gone by the time it runs.
#   cmake -DSRC=<source dir> -DOUT=<file> -P build_commit.cmake
execute_process(COMMAND git -C "${SRC}" rev-parse --short=12 HEAD
  OUTPUT_VARIABLE hash OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR hash STREQUAL "")
  set(hash "unknown")
else()
  execute_process(COMMAND git -C "${SRC}" status --porcelain --untracked-files=no
    OUTPUT_VARIABLE changes ERROR_QUIET)
  if(NOT changes STREQUAL "")
    string(APPEND hash "-dirty")
  endif()
endif()
set(text "/* Made at build time by harness/engine/build_commit.cmake. */\n#define SB_COMMIT \"${hash}\"\n")
if(EXISTS "${OUT}")
  file(READ "${OUT}" old)
endif()
if(NOT old STREQUAL text)
  file(WRITE "${OUT}" "${text}")
endif()
