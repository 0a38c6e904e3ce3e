/* The textbook form; byo.sh compiles it with -ffast-math, which links a
 * constructor that turns on FTZ and DAZ for the whole process on load. */
#include <math.h>

float fastmath_sigmoid(float x)
{
	return 1.0f / (1.0f + expf(-x));
}
