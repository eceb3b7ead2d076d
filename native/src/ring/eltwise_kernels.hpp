// Internal: per-instruction-set element-wise kernels behind eltwise.hpp, exposed so tests can compare
// each SIMD kernel with its scalar twin directly. Same contracts as eltwise.hpp, plus:
//   *_avx512ifma: q < 2^50 (52-bit multiplier);  *_avx512dq: q < 2^62.
// Call a SIMD kernel only when cpu_features() reports the instruction set.
#pragma once
#include <cstddef>
#include <cstdint>

#include "modarith.hpp"

namespace he4j::ring::detail {

#define HE4J_ELTWISE_KERNELS(suffix)                                                                          \
    void eltwise_add_mod_##suffix(u64* out, const u64* a, const u64* b, std::size_t n, u64 q);               \
    void eltwise_sub_mod_##suffix(u64* out, const u64* a, const u64* b, std::size_t n, u64 q);               \
    void eltwise_negate_mod_##suffix(u64* out, const u64* a, std::size_t n, u64 q);                          \
    void eltwise_add_scalar_mod_##suffix(u64* out, const u64* a, u64 s, std::size_t n, u64 q);               \
    void eltwise_mul_mod_##suffix(u64* out, const u64* a, const u64* b, std::size_t n, const Modulus& q);    \
    void eltwise_mul_add_mod_##suffix(u64* out, const u64* a, const u64* b, std::size_t n, const Modulus& q); \
    void eltwise_mul_scalar_mod_##suffix(u64* out, const u64* a, u64 s, std::size_t n, const Modulus& q);    \
    void eltwise_dot2_mod_##suffix(u64* out0, u64* out1, const u64* const* x, const u64* const* k0,          \
                                   const u64* const* k1, std::size_t terms, std::size_t n, const Modulus& q); \
    void eltwise_sub_mul_scalar_mod_##suffix(u64* out, const u64* a, const u64* b, u64 s, const u64* c,      \
                                             std::size_t n, const Modulus& q);                               \
    void eltwise_tensor_mod_##suffix(u64* d0, u64* d1, u64* d2, const u64* a0, const u64* a1, const u64* b0,  \
                                     const u64* b1, std::size_t n, const Modulus& q);

HE4J_ELTWISE_KERNELS(scalar)
HE4J_ELTWISE_KERNELS(avx512dq)
HE4J_ELTWISE_KERNELS(avx512ifma)

#undef HE4J_ELTWISE_KERNELS

// Unreduced products per reduction in eltwise_dot2_mod when a Barrett reduction accepts x < 2^(k + limit)
// (q of k bits): the first group sums up to 2^(limit - k) products, later groups one fewer, plus the
// carried residue. At least one product per group.
inline std::size_t dot2_first_group(int k, int limit) { return limit - k >= 10 ? 1024 : std::size_t{1} << (limit - k); }
inline std::size_t dot2_next_group(int k, int limit) {
    const std::size_t g = dot2_first_group(k, limit);
    return g > 1 ? g - 1 : 1;
}

// out = a mod q for any 64-bit a (Shoup with multiplier 1). No IFMA twin: a may exceed 2^52.
void eltwise_reduce_mod_scalar(u64* out, const u64* a, std::size_t n, const Modulus& q);
void eltwise_reduce_mod_avx512dq(u64* out, const u64* a, std::size_t n, const Modulus& q);

// Gather out[j] = a[perm[j]]: no products, so no IFMA twin.
void eltwise_permute_scalar(u64* out, const u64* a, const std::uint32_t* perm, std::size_t n);
void eltwise_permute_avx512dq(u64* out, const u64* a, const std::uint32_t* perm, std::size_t n);

// out = out + a * s mod q for any 64-bit a (Shoup). No IFMA twin: a may exceed 2^52.
void eltwise_mul_scalar_add_mod_scalar(u64* out, const u64* a, u64 s, std::size_t n, const Modulus& q);
void eltwise_mul_scalar_add_mod_avx512dq(u64* out, const u64* a, u64 s, std::size_t n, const Modulus& q);

}  // namespace he4j::ring::detail
