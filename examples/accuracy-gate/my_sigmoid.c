/* The sigmoid this example project ships: the stable split evaluated in
 * double and rounded once to float (within 0.501 ULP everywhere). */
#include <math.h>

float my_sigmoid(float x)
{
	double e = exp(-fabs((double)x)); /* e^-|x| never overflows */
	double s = 1 / (1 + e);
	return (float)(x >= 0 ? s : e * s);
}
