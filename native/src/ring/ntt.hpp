// Negacyclic number-theoretic transform over Z_q[X]/(X^N + 1).
//
// Ordering contract (relied upon by the CKKS layer for automorphisms in the NTT domain):
// with psi = root() a primitive 2N-th root of unity mod q, forward() maps coefficients a_0..a_{N-1}
// to values A_j = a(psi^(2*bitrev(j)+1)), j = 0..N-1, where bitrev reverses log2(N) bits.
// inverse() is its exact inverse. Then forward(a) * forward(b) element-wise = forward(a*b mod X^N+1).
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "modarith.hpp"

namespace he4j::ring {

namespace detail {
struct NttKernelTables;  // SIMD-only precomputation, defined in ntt_kernels.hpp
}

class NttTables {
public:
    // n a power of two in [2^10, 2^17] (smaller powers >= 2 allowed for tests); q prime, q ≡ 1 mod 2n, q < 2^61.
    NttTables(std::size_t n, const Modulus& q);

    std::size_t n() const { return n_; }
    const Modulus& modulus() const { return q_; }
    std::uint64_t root() const { return psi_; }

    // In place; input and output in [0, q). For speed pass 64-byte aligned buffers: the AVX-512 kernels
    // work with any alignment, but a misaligned base splits every vector access across cache lines. (The kernels also accept lazily reduced input: forward any
    // value < 4q, inverse any value < 2q; the output is always fully reduced.)
    void forward(std::uint64_t* a) const;
    void inverse(std::uint64_t* a) const;

    // Precomputed tables (exposed for the SIMD kernels): powers of psi in bit-reversed order with
    // their Shoup companions, and the same for psi^-1; n^-1 mod q.
    const std::vector<std::uint64_t>& root_powers() const { return root_powers_; }
    const std::vector<std::uint64_t>& root_powers_shoup() const { return root_powers_shoup_; }
    const std::vector<std::uint64_t>& inv_root_powers() const { return inv_root_powers_; }
    const std::vector<std::uint64_t>& inv_root_powers_shoup() const { return inv_root_powers_shoup_; }
    std::uint64_t inv_n() const { return inv_n_; }

private:
    std::size_t n_;
    Modulus q_;
    std::uint64_t psi_ = 0, inv_n_ = 0;
    std::vector<std::uint64_t> root_powers_, root_powers_shoup_, inv_root_powers_, inv_root_powers_shoup_;
    // Kernel-specific precomputation (e.g. 52-bit IFMA companions) may be added by the implementation.
    std::shared_ptr<const detail::NttKernelTables> kernel_;

public:
    // Internal: the SIMD kernels' extra tables (never null once constructed).
    const detail::NttKernelTables& kernel_tables() const { return *kernel_; }
};

}  // namespace he4j::ring
