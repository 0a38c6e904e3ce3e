/* A double sigmoid (sigbench measure --precision f64): the stable split,
 * a few ULP at most. */
#include <math.h>

double sigmoid64(double x)
{
	double e = exp(-fabs(x)), s = 1.0 / (1.0 + e);
	return x >= 0 ? s : e * s;
}
