/* glibc peer: y = 1/(1+expf(-x)), plain loop. Compile with -O2, NO -ffast-math
 * (gcc 12 then does not vectorise expf; with -ffast-math it goes through libmvec
 * and an approximate reciprocal -> NaN for x <= -88.72, see SIGMOID-FACTS.md). */
#include <math.h>
#include "sigpeers.h"

void sigpeer_glibc(const float *x, float *y, size_t n)
{
    for (size_t i = 0; i < n; i++)
        y[i] = 1.0f / (1.0f + expf(-x[i]));
}
