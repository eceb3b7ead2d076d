// Shared helpers for the ring tests: fixed-seed random vectors and the prime sizes the issue asks for.
#pragma once
#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

#include "ring/cpu_features.hpp"

namespace he4j::ring::test {

inline constexpr int kPrimeBits[] = {30, 40, 47, 50, 55, 59, 61};

inline std::vector<std::uint64_t> random_vector(std::size_t n, std::uint64_t bound, std::uint64_t seed) {
    std::mt19937_64 rng(seed);  // tests only: reproducible, not secret
    std::uniform_int_distribution<std::uint64_t> dist(0, bound - 1);
    std::vector<std::uint64_t> v(n);
    for (auto& x : v) x = dist(rng);
    return v;
}

inline bool cpu_has_avx512dq() {
    const CpuFeatures& f = cpu_features();
    return f.os_saves_zmm && f.avx512f && f.avx512dq && f.avx512vl && f.avx512bw;
}
inline bool cpu_has_avx512ifma() { return cpu_has_avx512dq() && cpu_features().avx512ifma; }

}  // namespace he4j::ring::test
