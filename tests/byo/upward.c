/* Leaves the rounding mode changed behind it: every later computation on
 * this thread (the reference's, the built-ins') would round upward. */
#include <fenv.h>
#include <math.h>

float upward_sigmoid(float x)
{
	fesetround(FE_UPWARD);
	return 1.0f / (1.0f + expf(-x));
}
