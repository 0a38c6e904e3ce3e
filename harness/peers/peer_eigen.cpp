// Eigen 3.4 peers: y = Map<const ArrayXf>(x,n).logistic(), and SiLU as x * that.
// Compile flags matter: the float logistic is a [9/10] rational + exp(x) below -9,
// evaluated with Eigen packets. With -mavx512f Eigen needs -mfma too (it #errors
// otherwise, bug 1638). Use -O2 -mavx512f -mfma (or -march=native) to get Packet16f.
// Eigen's headers must come in via -isystem (CMake's Eigen3::Eigen does this),
// otherwise -Wall -Wextra -Werror trips in Eigen's own code.
// g++ 12.2 + -mavx512f: -Wmaybe-uninitialized false positive from GCC's own
// avx512fintrin.h (_mm512_undefined_ps: "__Y = __Y") once inlined into Eigen code;
// -isystem does not silence it (GCC PR 105593). File-wide pragma, this TU only.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
/* the same false positive becomes -Wuninitialized under -fsanitize=address */
#pragma GCC diagnostic ignored "-Wuninitialized"
#endif
#ifndef EIGEN_DONT_PARALLELIZE
#define EIGEN_DONT_PARALLELIZE
#endif
#include <Eigen/Core>
#include "sigpeers.h"

extern "C" void sigpeer_eigen(const float *x, float *y, size_t n)
{
    if (n == 0) return;
    const Eigen::Index m = static_cast<Eigen::Index>(n);
    Eigen::Map<Eigen::ArrayXf>(y, m) = Eigen::Map<const Eigen::ArrayXf>(x, m).logistic();
}

extern "C" int sigpeer_eigen_packet_size(void)
{
    return Eigen::internal::packet_traits<float>::size *
           (Eigen::internal::functor_traits<Eigen::internal::scalar_logistic_op<float> >::PacketAccess ? 1 : 0);
}

// SiLU: x * logistic(x), one Eigen expression (Eigen 3.4 has no swish of its own;
// the product fuses into the same packet loop as logistic).
extern "C" void sigpeer_eigen_silu(const float *x, float *y, size_t n)
{
    if (n == 0) return;
    const Eigen::Index m = static_cast<Eigen::Index>(n);
    const Eigen::Map<const Eigen::ArrayXf> a(x, m);
    Eigen::Map<Eigen::ArrayXf>(y, m) = a * a.logistic();
}
