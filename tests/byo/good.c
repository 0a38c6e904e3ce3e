/* A correct sigmoid: the stable split in double, rounded once to float.
 * Faithful, and misrounded only by hairs: max ~0.5000001 ULP. */
#include <math.h>

float good_sigmoid(float x)
{
	double d = x;
	double e = exp(-fabs(d));
	double s = 1.0 / (1.0 + e);
	return (float)(d >= 0 ? s : e * s);
}
