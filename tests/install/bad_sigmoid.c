/* A wrong my_sigmoid for the gate to catch: the textbook form in float.
 * expf(-x) overflows below x = -88.7, so sigma's subnormal and small normal
 * results come out 0 (errors of millions of ULP), and it is 2.5 ULP off
 * elsewhere: far outside the example's 0.501 ULP. */
#include <math.h>

float my_sigmoid(float x)
{
	return 1.0f / (1.0f + expf(-x));
}
