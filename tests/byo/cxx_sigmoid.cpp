// A C++ sigmoid exported with C linkage, loaded from the shared library
// g++ builds (sigbench --impl libcxx.so:cxx_sigmoid): no C source involved.
#include <cmath>

extern "C" float cxx_sigmoid(float x)
{
	double e = std::exp(-std::fabs(double(x)));
	double s = 1.0 / (1.0 + e);
	return float(x >= 0 ? s : e * s);
}

// A data object by the name a user might mistype for a function.
extern "C" const float not_a_function[4] = { 0.5f, 0.5f, 0.5f, 0.5f };
