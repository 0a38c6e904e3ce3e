# sigbench_add_accuracy_test(NAME name SOURCES file.c... SYMBOL fn
#     [PRECISION f32|f64] [BATCH] LIMITS limits-file | "METRIC BOUND [DOMAIN]"...
#     [ARGS option...])
#
# A CTest test that runs `sigbench check --impl file.c:fn --limits ...` on
# your sigmoid: exit 0 when every limit holds, 1 when one fails (the test
# fails and its output names the metric, the worst input, got and want), 2
# when the code does not compile or a limit is malformed.  fn is
# `T fn(T)` (T float for f32, the default, double for f64), or with BATCH
# `void fn(const T *x, T *y, size_t n)`.  LIMITS is a limits file (lines
# `PREC-user-fn METRIC BOUND [DOMAIN]`, README "Accuracy limits") or the
# lines without the variant name, e.g. LIMITS "ulp 1" "abs 6e-8 -10:10" "mono 0".
# Several SOURCES are compiled as one file (a generated one including each).
# ARGS go to sigbench check as they are (e.g. --stride 97 --threads 1).
# The code is compiled by the project's C compiler (CC), flags from $CFLAGS.
# SIGBENCH_ACCURACY_ARGS (cache) is added to every such test: e.g.
# -DSIGBENCH_ACCURACY_ARGS="--stride;97" for a quick sampled pass, whose PASS
# check marks as a lower bound, not proof.
set(SIGBENCH_ACCURACY_ARGS "" CACHE STRING "Options for every sigbench_add_accuracy_test (a ;-list)")

function(sigbench_add_accuracy_test)
  cmake_parse_arguments(PARSE_ARGV 0 A "BATCH" "NAME;SYMBOL;PRECISION" "SOURCES;LIMITS;ARGS")
  foreach(req NAME SOURCES SYMBOL LIMITS)
    if(NOT A_${req})
      message(FATAL_ERROR "sigbench_add_accuracy_test: ${req} is required")
    endif()
  endforeach()
  if(A_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "sigbench_add_accuracy_test(${A_NAME}): unknown arguments ${A_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT A_PRECISION)
    set(A_PRECISION f32)
  elseif(NOT A_PRECISION MATCHES "^f(32|64)$")
    message(FATAL_ERROR "sigbench_add_accuracy_test(${A_NAME}): PRECISION is f32 or f64, not ${A_PRECISION}")
  endif()
  set(work ${CMAKE_CURRENT_BINARY_DIR}/sigbench-accuracy/${A_NAME})

  set(impl "")
  foreach(src IN LISTS A_SOURCES)
    get_filename_component(src "${src}" ABSOLUTE BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
    string(APPEND impl "#include \"${src}\"\n")
    set(impl_file ${src})
  endforeach()
  list(LENGTH A_SOURCES nsrc)
  if(nsrc GREATER 1)
    set(impl_file ${work}/impl.c)
    file(CONFIGURE OUTPUT ${impl_file} CONTENT "${impl}")
  endif()

  list(LENGTH A_LIMITS nlim)
  get_filename_component(limits_file "${A_LIMITS}" ABSOLUTE BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
  if(NOT nlim EQUAL 1 OR NOT EXISTS "${limits_file}")
    set(limits_file ${work}/limits.txt)
    set(lines "")
    foreach(line IN LISTS A_LIMITS)
      string(APPEND lines "${A_PRECISION}-user-${A_SYMBOL} ${line}\n")
    endforeach()
    file(CONFIGURE OUTPUT ${limits_file} CONTENT "${lines}")
  endif()

  set(batch "")
  if(A_BATCH)
    set(batch --batch)
  endif()
  add_test(NAME ${A_NAME}
    COMMAND $<TARGET_FILE:sigbench::sigbench> check --limits ${limits_file}
            --impl ${impl_file}:${A_SYMBOL} ${batch} --precision ${A_PRECISION} --quiet ${A_ARGS} ${SIGBENCH_ACCURACY_ARGS})
  set_tests_properties(${A_NAME} PROPERTIES ENVIRONMENT "CC=${CMAKE_C_COMPILER}"
    LABELS sigbench-accuracy)
endfunction()
