/* sigpeers.h -- plain C batch adapters around peer sigmoid implementations.
 *
 * Every batch function has the signature
 *     void NAME(const float *x, float *y, size_t n);
 * (const double *, double * for the float64 ones)
 * and computes y[i] = s(x[i]) = 1/(1+exp(-x[i])) for i in [0, n) (the adapters
 * with a family suffix compute that function of the family instead):
 *   - single-threaded (runs on the calling thread only; see sigpeer_dnnl notes),
 *   - n == 0 is a no-op, x / y may have any alignment (4-byte aligned floats),
 *   - never reads x[n..] nor writes y[n..]; in-place (x == y) is allowed,
 *     partially overlapping x / y are not.
 * Adapters with cached state keep it per thread (thread-local), so calling
 * the same adapter from several threads at once is safe.
 *
 * Each peer is compiled only when its library was found; SIGPEER_HAVE_<PEER>
 * is then defined (by cmake/SigbenchPeers.cmake) for every consumer.
 */
#ifndef SIGPEERS_H
#define SIGPEERS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- glibc: y = 1/(1+expf(-x)), plain scalar loop, -O2, no fast-math ---- */
void sigpeer_glibc(const float *x, float *y, size_t n);

/* ---- XNNPACK (Debian 0.0~git20220216) sigmoid_nc_f32 operator ----
 * init: xnn_initialize(NULL). Returns 0 on success, -1 if XNNPACK refuses
 * the CPU (then the batch function must not be called).
 * The operator is created lazily per thread and freed at thread exit (or by
 * sigpeer_xnnpack_fini() for the calling thread). */
int  sigpeer_xnnpack_init(void);
void sigpeer_xnnpack(const float *x, float *y, size_t n);
/* Same, for callers honouring XNNPACK's padding contract (x readable
 * XNN_EXTRA_BYTES = 16 bytes past x[n-1]): one operator run per call. */
void sigpeer_xnnpack_padded(const float *x, float *y, size_t n);
void sigpeer_xnnpack_fini(void);

/* ---- SLEEF 3.5: e = Sleef_expfW_u10<isa>(-x); y = 1/(1+e) ----
 * Caller must check the CPU (sigpeer_sleef_cpu_ok_*) before calling. */
int  sigpeer_sleef_cpu_ok_avx512(void);
int  sigpeer_sleef_cpu_ok_avx2(void);
int  sigpeer_sleef_cpu_ok_sse4(void);
void sigpeer_sleef16(const float *x, float *y, size_t n);   /* Sleef_expf16_u10avx512f */
void sigpeer_sleef8(const float *x, float *y, size_t n);    /* Sleef_expf8_u10avx2     */
void sigpeer_sleef4(const float *x, float *y, size_t n);    /* Sleef_expf4_u10sse4     */
/* float64: Sleef_expd8_u10avx512f, then 1/(1+e) in double. */
void sigpeer_sleefd8(const double *x, double *y, size_t n);
/* Stable variant (extra): e = exp(-|x|); y = (x >= 0 ? 1 : e) / (1 + e). */
void sigpeer_sleef16_stable(const float *x, float *y, size_t n);
/* The family composed from SLEEF u10 functions of the same ISA:
 *   log sigma: y = min(x, 0) - log1pf(expf(-|x|))
 *   SiLU:      y = x / (1 + expf(-x))          (NaN at x = -Inf) */
void sigpeer_sleef16_logsigmoid(const float *x, float *y, size_t n);
void sigpeer_sleef8_logsigmoid(const float *x, float *y, size_t n);
void sigpeer_sleef4_logsigmoid(const float *x, float *y, size_t n);
void sigpeer_sleef16_silu(const float *x, float *y, size_t n);
void sigpeer_sleef8_silu(const float *x, float *y, size_t n);
void sigpeer_sleef4_silu(const float *x, float *y, size_t n);

/* ---- Eigen 3.4: Map<const ArrayXf>(x,n).logistic() ---- */
void sigpeer_eigen(const float *x, float *y, size_t n);
/* SiLU: a * a.logistic(), a = Map<const ArrayXf>(x,n) */
void sigpeer_eigen_silu(const float *x, float *y, size_t n);
int  sigpeer_eigen_packet_size(void);   /* 16 when AVX-512 packets are in use */

/* ---- oneDNN 2.6 eltwise_logistic forward, f32, 1-D, user memory ----
 * init: creates the CPU engine + stream for the calling thread (optional,
 * done lazily otherwise). Returns 0 on success.
 * Primitives are cached per (thread, n), LRU of 8 sizes. */
int  sigpeer_dnnl_init(void);
void sigpeer_dnnl(const float *x, float *y, size_t n);
/* The family: backward_data primitives with diff_dst = 1 give the derivative.
 *   dsigmoid: eltwise_logistic backward (src form, from x)
 *   silu:     eltwise_swish forward, alpha = 1
 *   dsilu:    eltwise_swish backward, alpha = 1 (src form) */
void sigpeer_dnnl_dsigmoid(const float *x, float *y, size_t n);
void sigpeer_dnnl_silu(const float *x, float *y, size_t n);
void sigpeer_dnnl_dsilu(const float *x, float *y, size_t n);
void sigpeer_dnnl_fini(void);

#ifdef __cplusplus
}
#endif
#endif
