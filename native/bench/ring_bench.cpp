// Ring-layer microbenchmarks: forward/inverse negacyclic NTT and element-wise modular product, each with
// the dispatched kernel (names from the issue: ntt_forward/<N>/<qbits>, ...) and the scalar reference
// side by side (ntt_forward_scalar/<N>/<qbits>, ...). The label says which kernel ran.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "ring/cpu_features.hpp"
#include "ring/eltwise.hpp"
#include "ring/eltwise_kernels.hpp"
#include "ring/ntt.hpp"
#include "ring/ntt_kernels.hpp"
#include "ring/primes.hpp"

namespace {

using namespace he4j::ring;

// 64-byte aligned buffers, as the CKKS layer should allocate them: a misaligned base makes every 512-bit
// access split a cache line (measured 10-20% slower at N = 8192).
struct AlignedFree {
    void operator()(std::uint64_t* p) const { std::free(p); }
};
using Buffer = std::unique_ptr<std::uint64_t[], AlignedFree>;

Buffer random_vector(std::size_t n, std::uint64_t q, std::uint64_t seed) {
    Buffer v(static_cast<std::uint64_t*>(std::aligned_alloc(64, n * sizeof(std::uint64_t))));
    std::mt19937_64 rng(seed);
    for (std::size_t i = 0; i < n; ++i) v[i] = rng() % q;
    return v;
}

// The kernel NttTables::forward dispatches to for this table (mirrors ntt.cpp's choice).
const char* ntt_kernel_name(const NttTables& t) {
    if (use_ifma() && detail::ntt_avx512ifma_supports(t)) return "avx512ifma";
    if (use_avx512() && detail::ntt_avx512dq_supports(t)) return "avx512dq";
    return "scalar";
}
const char* mulmod_kernel_name(std::uint64_t q) {
    if (!use_avx512()) return "scalar";
    return use_ifma() && q < (std::uint64_t{1} << 50) ? "avx512ifma" : "avx512dq";
}

enum class Op { kForward, kInverse, kMulMod };

void run(benchmark::State& state, Op op, bool scalar, std::size_t n, int bits) {
    const Modulus q(ntt_primes(bits, n, 1)[0]);
    auto a = random_vector(n, q.value(), 1), b = random_vector(n, q.value(), 2);
    if (op == Op::kMulMod) {
        state.SetLabel(scalar ? "scalar" : mulmod_kernel_name(q.value()));
        for (auto _ : state) {
            if (scalar) detail::eltwise_mul_mod_scalar(a.get(), a.get(), b.get(), n, q);
            else eltwise_mul_mod(a.get(), a.get(), b.get(), n, q);
            benchmark::DoNotOptimize(a.get());
            benchmark::ClobberMemory();
        }
    } else {
        const NttTables t(n, q);
        state.SetLabel(scalar ? "scalar" : ntt_kernel_name(t));
        for (auto _ : state) {
            if (op == Op::kForward) {
                if (scalar) detail::ntt_forward_scalar(t, a.get());
                else t.forward(a.get());
            } else {
                if (scalar) detail::ntt_inverse_scalar(t, a.get());
                else t.inverse(a.get());
            }
            benchmark::DoNotOptimize(a.get());
            benchmark::ClobberMemory();
        }
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(n));
}

const bool kRegistered = [] {
    benchmark::AddCustomContext("kernel", kernel_path_name(kernel_path()));
    benchmark::AddCustomContext("kernel_rule", "IFMA52 for q < 2^50 when available, else AVX-512 DQ, else scalar");
    const struct {
        const char* name;
        Op op;
    } ops[] = {{"ntt_forward", Op::kForward}, {"ntt_inverse", Op::kInverse}, {"mulmod", Op::kMulMod}};
    for (bool scalar : {false, true}) {
        for (const auto& o : ops) {
            for (std::size_t n : {4096, 8192, 16384, 32768}) {
                for (int bits : {40, 50, 59}) {
                    const std::string name = std::string(o.name) + (scalar ? "_scalar/" : "/") + std::to_string(n) + "/" +
                                             std::to_string(bits);
                    const Op op = o.op;
                    benchmark::RegisterBenchmark(name.c_str(), [=](benchmark::State& s) { run(s, op, scalar, n, bits); })
                        ->Unit(benchmark::kMicrosecond);
                }
            }
        }
    }
    return true;
}();

}  // namespace
