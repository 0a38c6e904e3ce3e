// oneDNN 2.6 peer: eltwise_logistic forward_inference on a 1-D f32 tensor {n}, tag a.
//
// Zero-copy: the memory objects wrap the caller's x / y (set_data_handle per call).
// Primitive + memory objects are cached per (thread, n): LRU of 8 sizes per thread.
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

struct Entry {
    size_t n = 0;
    uint64_t last = 0;
    dnnl::eltwise_forward prim;
    dnnl::memory src, dst;
    std::unordered_map<int, dnnl::memory> args;  // built once, reused per call
};

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

    Entry *get(size_t n) {
        ++tick;
        for (auto &e : cache)
            if (e.n == n) { e.last = tick; return &e; }
        dnnl::memory::desc md({static_cast<dnnl::memory::dim>(n)},
                              dnnl::memory::data_type::f32, dnnl::memory::format_tag::a);
        dnnl::eltwise_forward::desc d(dnnl::prop_kind::forward_inference,
                                      dnnl::algorithm::eltwise_logistic, md, 0.f, 0.f);
        dnnl::eltwise_forward::primitive_desc pd(d, eng);
        Entry fresh;
        fresh.n = n;
        fresh.last = tick;
        fresh.prim = dnnl::eltwise_forward(pd);
        fresh.src = dnnl::memory(md, eng, DNNL_MEMORY_NONE);
        fresh.dst = dnnl::memory(md, eng, DNNL_MEMORY_NONE);
        fresh.args = {{DNNL_ARG_SRC, fresh.src}, {DNNL_ARG_DST, fresh.dst}};
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

} // namespace

extern "C" int sigpeer_dnnl_init(void) { return tl.init() ? 0 : -1; }

extern "C" void sigpeer_dnnl(const float *x, float *y, size_t n)
{
    if (n == 0) return;
    try {
        if (!tl.init()) throw dnnl::error(dnnl_runtime_error, "engine");
        Entry *e = tl.get(n);
        e->src.set_data_handle(const_cast<float *>(x));  // read-only use by forward
        e->dst.set_data_handle(y);
        OneThread guard;
        e->prim.execute(tl.strm, e->args);
        tl.strm.wait();
    } catch (const dnnl::error &) {
        for (size_t i = 0; i < n; i++) y[i] = std::numeric_limits<float>::quiet_NaN();
    }
}

extern "C" void sigpeer_dnnl_fini(void)
{
    tl.cache.clear();
    tl.strm = dnnl::stream();
    tl.eng = dnnl::engine();
    tl.ok = false;
}
