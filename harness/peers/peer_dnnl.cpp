// oneDNN 2.6 peers: eltwise primitives on a 1-D f32 tensor {n}, tag a.
//   sigpeer_dnnl          eltwise_logistic forward_inference           sigma
//   sigpeer_dnnl_dsigmoid eltwise_logistic backward_data, diff_dst = 1 sigma'
//                         (the src form: the primitive gets x, not sigma(x);
//                         eltwise_logistic_use_dst_for_bwd would need a forward
//                         pass first and measures something else)
//   sigpeer_dnnl_silu     eltwise_swish (alpha = 1) forward_inference  SiLU
//   sigpeer_dnnl_dsilu    eltwise_swish (alpha = 1) backward_data, diff_dst = 1  SiLU'
// A backward primitive computes diff_src = diff_dst * f'(src); with diff_dst
// a buffer of ones (one per cached size) it returns f'(x).
//
// Zero-copy: the memory objects wrap the caller's x / y (set_data_handle per call).
// Primitive + memory objects are cached per (thread, op, n): LRU of 8 per thread.
// Threading: Debian's libdnnl.so.2 uses the OpenMP runtime (DNNL_CPU_THREADING_RUNTIME
// == DNNL_RUNTIME_OMP, libgomp). oneDNN 2.6 has no dnnl_set_max_threads(); it asks
// omp_get_max_threads() at execute time. To stay on one thread without relying on
// OMP_NUM_THREADS, each call sets the calling thread's nthreads-var ICV to 1 and
// restores it afterwards (libgomp keeps it per thread; costs ~ns). Needs -fopenmp
// (OpenMP::OpenMP_CXX) at link time for omp_* symbols.
#include <cstring>
#include <cstdint>
#include <limits>
#include <unordered_map>
#include <vector>
#include <oneapi/dnnl/dnnl.hpp>
#if DNNL_CPU_THREADING_RUNTIME == DNNL_RUNTIME_OMP
#include <omp.h>
#endif
#include "sigpeers.h"

namespace {

struct Op {                     // one peer: the algorithm, forward or backward
    dnnl::algorithm alg;
    bool backward;
    float alpha;                // swish(x) = x * sigma(alpha x): SiLU at 1; logistic has none
};
constexpr Op kLogistic{dnnl::algorithm::eltwise_logistic, false, 0.f};
constexpr Op kLogisticBwd{dnnl::algorithm::eltwise_logistic, true, 0.f};
constexpr Op kSwish{dnnl::algorithm::eltwise_swish, false, 1.f};
constexpr Op kSwishBwd{dnnl::algorithm::eltwise_swish, true, 1.f};

struct Entry {
    size_t n = 0;
    const Op *op = nullptr;
    uint64_t last = 0;
    dnnl::primitive prim;
    dnnl::memory src, dst;           // dst is diff_src for a backward op
    std::vector<float> ones;         // diff_dst of a backward op
    std::unordered_map<int, dnnl::memory> args;  // built once, reused per call
};

dnnl::eltwise_forward::primitive_desc forward_pd(const Op &op, const dnnl::memory::desc &md,
                                                 const dnnl::engine &eng, dnnl::prop_kind prop)
{
    dnnl::eltwise_forward::desc d(prop, op.alg, md, op.alpha, 0.f);
    return dnnl::eltwise_forward::primitive_desc(d, eng);
}

void build(Entry &e, const dnnl::engine &eng)
{
    dnnl::memory::desc md({static_cast<dnnl::memory::dim>(e.n)},
                          dnnl::memory::data_type::f32, dnnl::memory::format_tag::a);
    e.src = dnnl::memory(md, eng, DNNL_MEMORY_NONE);
    e.dst = dnnl::memory(md, eng, DNNL_MEMORY_NONE);
    if (!e.op->backward) {
        e.prim = dnnl::eltwise_forward(forward_pd(*e.op, md, eng, dnnl::prop_kind::forward_inference));
        e.args = {{DNNL_ARG_SRC, e.src}, {DNNL_ARG_DST, e.dst}};
        return;
    }
    // a backward primitive_desc needs its forward_training one as a hint
    auto hint = forward_pd(*e.op, md, eng, dnnl::prop_kind::forward_training);
    dnnl::eltwise_backward::desc d(e.op->alg, md, md, e.op->alpha, 0.f);
    e.prim = dnnl::eltwise_backward(dnnl::eltwise_backward::primitive_desc(d, eng, hint));
    e.ones.assign(e.n, 1.f);
    e.args = {{DNNL_ARG_SRC, e.src}, {DNNL_ARG_DIFF_DST, dnnl::memory(md, eng, e.ones.data())},
              {DNNL_ARG_DIFF_SRC, e.dst}};
}

struct Ctx {
    bool ok = false;
    dnnl::engine eng;
    dnnl::stream strm;
    std::vector<Entry> cache;   // at most kCache entries
    uint64_t tick = 0;
    static constexpr size_t kCache = 8;

    bool init() {
        if (ok) return true;
        try {
            eng = dnnl::engine(dnnl::engine::kind::cpu, 0);
            strm = dnnl::stream(eng);
            cache.reserve(kCache);
            ok = true;
        } catch (const dnnl::error &) { ok = false; }
        return ok;
    }

    Entry *get(const Op &op, size_t n) {
        ++tick;
        for (auto &e : cache)
            if (e.n == n && e.op == &op) { e.last = tick; return &e; }
        Entry fresh;
        fresh.n = n;
        fresh.op = &op;
        fresh.last = tick;
        build(fresh, eng);
        if (cache.size() < kCache) { cache.push_back(std::move(fresh)); return &cache.back(); }
        Entry *victim = &cache[0];
        for (auto &e : cache) if (e.last < victim->last) victim = &e;
        *victim = std::move(fresh);
        return victim;
    }
};

thread_local Ctx tl;

struct OneThread {   // scoped: nthreads-var := 1 for the calling thread
#if DNNL_CPU_THREADING_RUNTIME == DNNL_RUNTIME_OMP
    int old;
    OneThread() : old(omp_get_max_threads()) { if (old != 1) omp_set_num_threads(1); }
    ~OneThread() { if (old != 1) omp_set_num_threads(old); }
#endif
};

void run(const Op &op, const float *x, float *y, size_t n)
{
    if (n == 0) return;
    try {
        if (!tl.init()) throw dnnl::error(dnnl_runtime_error, "engine");
        Entry *e = tl.get(op, n);
        e->src.set_data_handle(const_cast<float *>(x));  // read-only use by the primitive
        e->dst.set_data_handle(y);
        OneThread guard;
        e->prim.execute(tl.strm, e->args);
        tl.strm.wait();
    } catch (const dnnl::error &) {
        for (size_t i = 0; i < n; i++) y[i] = std::numeric_limits<float>::quiet_NaN();
    }
}

} // namespace

extern "C" int sigpeer_dnnl_init(void) { return tl.init() ? 0 : -1; }

extern "C" void sigpeer_dnnl(const float *x, float *y, size_t n) { run(kLogistic, x, y, n); }
extern "C" void sigpeer_dnnl_dsigmoid(const float *x, float *y, size_t n) { run(kLogisticBwd, x, y, n); }
extern "C" void sigpeer_dnnl_silu(const float *x, float *y, size_t n) { run(kSwish, x, y, n); }
extern "C" void sigpeer_dnnl_dsilu(const float *x, float *y, size_t n) { run(kSwishBwd, x, y, n); }

extern "C" void sigpeer_dnnl_fini(void)
{
    tl.cache.clear();
    tl.strm = dnnl::stream();
    tl.eng = dnnl::engine();
    tl.ok = false;
}
