// Element-wise arithmetic mod q on vectors of n words. Inputs in [0, q), outputs in [0, q);
// `out` may alias any input. Dispatched once at load time to the fastest kernel the CPU supports.
#pragma once
#include <cstddef>
#include <cstdint>

#include "modarith.hpp"

namespace he4j::ring {

void eltwise_add_mod(std::uint64_t* out, const std::uint64_t* a, const std::uint64_t* b, std::size_t n, std::uint64_t q);
void eltwise_sub_mod(std::uint64_t* out, const std::uint64_t* a, const std::uint64_t* b, std::size_t n, std::uint64_t q);
void eltwise_negate_mod(std::uint64_t* out, const std::uint64_t* a, std::size_t n, std::uint64_t q);
// out = a * b mod q
void eltwise_mul_mod(std::uint64_t* out, const std::uint64_t* a, const std::uint64_t* b, std::size_t n, const Modulus& q);
// out = out + a * b mod q
void eltwise_mul_add_mod(std::uint64_t* out, const std::uint64_t* a, const std::uint64_t* b, std::size_t n, const Modulus& q);
// out = a * scalar mod q (scalar < q)
void eltwise_mul_scalar_mod(std::uint64_t* out, const std::uint64_t* a, std::uint64_t scalar, std::size_t n, const Modulus& q);
// out = out + a * scalar mod q for ANY 64-bit a (a need not be < q; scalar < q, out in [0, q)). Used by
// RNS base conversion, whose inputs are residues modulo a different prime.
void eltwise_mul_scalar_add_mod(std::uint64_t* out, const std::uint64_t* a, std::uint64_t scalar, std::size_t n, const Modulus& q);
// Key-switching inner product: out0 = sum_j x[j] * k0[j] mod q and out1 = sum_j x[j] * k1[j] mod q over
// `terms` vectors, all inputs < q. Products are summed unreduced (128-bit, or 52-bit limbs on IFMA) and
// reduced once per group of terms, instead of once per product.
void eltwise_dot2_mod(std::uint64_t* out0, std::uint64_t* out1, const std::uint64_t* const* x,
                      const std::uint64_t* const* k0, const std::uint64_t* const* k1, std::size_t terms, std::size_t n,
                      const Modulus& q);
// Ciphertext tensor product: d0 = a0 b0, d1 = a0 b1 + a1 b0 (one reduction for the sum), d2 = a1 b1 mod q.
// The outputs must not alias the inputs.
void eltwise_tensor_mod(std::uint64_t* d0, std::uint64_t* d1, std::uint64_t* d2, const std::uint64_t* a0,
                        const std::uint64_t* a1, const std::uint64_t* b0, const std::uint64_t* b1, std::size_t n,
                        const Modulus& q);
// out = (a - b) * scalar mod q, plus c when c is not null (scalar < q). Rescale and ModDown in one pass.
void eltwise_sub_mul_scalar_mod(std::uint64_t* out, const std::uint64_t* a, const std::uint64_t* b, std::uint64_t scalar,
                                const std::uint64_t* c, std::size_t n, const Modulus& q);
// out[j] = a[perm[j]] (a permutation, e.g. an automorphism in the NTT domain); out must not alias a.
void eltwise_permute(std::uint64_t* out, const std::uint64_t* a, const std::uint32_t* perm, std::size_t n);
// out = a mod q for ANY 64-bit a (a residue modulo a larger prime, in RNS base conversion).
void eltwise_reduce_mod(std::uint64_t* out, const std::uint64_t* a, std::size_t n, const Modulus& q);
// out = a + scalar mod q (scalar < q)
void eltwise_add_scalar_mod(std::uint64_t* out, const std::uint64_t* a, std::uint64_t scalar, std::size_t n, std::uint64_t q);

}  // namespace he4j::ring
