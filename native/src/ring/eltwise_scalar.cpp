// Scalar reference element-wise kernels: conditional subtraction for sums, 128-bit Barrett (Modulus) for
// products, Shoup for a fixed scalar multiplier.
#include <algorithm>

#include "eltwise_kernels.hpp"

namespace he4j::ring::detail {

void eltwise_add_mod_scalar(u64* out, const u64* a, const u64* b, std::size_t n, u64 q) {
    for (std::size_t i = 0; i < n; ++i) out[i] = add_mod(a[i], b[i], q);
}

void eltwise_sub_mod_scalar(u64* out, const u64* a, const u64* b, std::size_t n, u64 q) {
    for (std::size_t i = 0; i < n; ++i) out[i] = sub_mod(a[i], b[i], q);
}

void eltwise_negate_mod_scalar(u64* out, const u64* a, std::size_t n, u64 q) {
    for (std::size_t i = 0; i < n; ++i) out[i] = neg_mod(a[i], q);
}

void eltwise_add_scalar_mod_scalar(u64* out, const u64* a, u64 s, std::size_t n, u64 q) {
    for (std::size_t i = 0; i < n; ++i) out[i] = add_mod(a[i], s, q);
}

void eltwise_mul_mod_scalar(u64* out, const u64* a, const u64* b, std::size_t n, const Modulus& q) {
    for (std::size_t i = 0; i < n; ++i) out[i] = q.reduce128(static_cast<u128>(a[i]) * b[i]);
}

void eltwise_mul_add_mod_scalar(u64* out, const u64* a, const u64* b, std::size_t n, const Modulus& q) {
    const u64 qv = q.value();
    for (std::size_t i = 0; i < n; ++i) out[i] = add_mod(out[i], q.reduce128(static_cast<u128>(a[i]) * b[i]), qv);
}

void eltwise_mul_scalar_mod_scalar(u64* out, const u64* a, u64 s, std::size_t n, const Modulus& q) {
    const u64 qv = q.value(), s_shoup = shoup_precompute(s, qv);
    for (std::size_t i = 0; i < n; ++i) out[i] = mul_mod_shoup(a[i], s, s_shoup, qv);
}

void eltwise_mul_scalar_add_mod_scalar(u64* out, const u64* a, u64 s, std::size_t n, const Modulus& q) {
    const u64 qv = q.value(), s_shoup = shoup_precompute(s, qv);
    for (std::size_t i = 0; i < n; ++i) out[i] = add_mod(out[i], mul_mod_shoup(a[i], s, s_shoup, qv), qv);
}

void eltwise_dot2_mod_scalar(u64* out0, u64* out1, const u64* const* x, const u64* const* k0, const u64* const* k1,
                             std::size_t terms, std::size_t n, const Modulus& q) {
    // 128-bit sums of products < 2^(2k): groups sized so the sum never overflows (limit 128 - k).
    const std::size_t g0 = dot2_first_group(q.bits(), 128 - q.bits()), g1 = dot2_next_group(q.bits(), 128 - q.bits());
    for (std::size_t i = 0; i < n; ++i) {
        u128 s0 = 0, s1 = 0;
        for (std::size_t j = 0, group = g0;;) {
            for (const std::size_t end = std::min(terms, j + group); j < end; ++j) {
                s0 += static_cast<u128>(x[j][i]) * k0[j][i];
                s1 += static_cast<u128>(x[j][i]) * k1[j][i];
            }
            s0 = q.reduce128(s0);
            s1 = q.reduce128(s1);
            if (j == terms) break;
            group = g1;
        }
        out0[i] = static_cast<u64>(s0);
        out1[i] = static_cast<u64>(s1);
    }
}

void eltwise_sub_mul_scalar_mod_scalar(u64* out, const u64* a, const u64* b, u64 s, const u64* c, std::size_t n,
                                       const Modulus& q) {
    const u64 qv = q.value(), s_shoup = shoup_precompute(s, qv);
    for (std::size_t i = 0; i < n; ++i) {
        const u64 r = mul_mod_shoup(sub_mod(a[i], b[i], qv), s, s_shoup, qv);
        out[i] = c ? add_mod(r, c[i], qv) : r;
    }
}

void eltwise_permute_scalar(u64* out, const u64* a, const std::uint32_t* perm, std::size_t n) {
    for (std::size_t j = 0; j < n; ++j) out[j] = a[perm[j]];
}

void eltwise_reduce_mod_scalar(u64* out, const u64* a, std::size_t n, const Modulus& q) {
    const u64 qv = q.value(), one_shoup = shoup_precompute(1, qv);
    for (std::size_t i = 0; i < n; ++i) out[i] = mul_mod_shoup(a[i], 1, one_shoup, qv);
}

void eltwise_tensor_mod_scalar(u64* d0, u64* d1, u64* d2, const u64* a0, const u64* a1, const u64* b0, const u64* b1,
                               std::size_t n, const Modulus& q) {
    for (std::size_t i = 0; i < n; ++i) {  // the sum of two products < 2^125 fits 128 bits
        d0[i] = q.reduce128(static_cast<u128>(a0[i]) * b0[i]);
        d1[i] = q.reduce128(static_cast<u128>(a0[i]) * b1[i] + static_cast<u128>(a1[i]) * b0[i]);
        d2[i] = q.reduce128(static_cast<u128>(a1[i]) * b1[i]);
    }
}

}  // namespace he4j::ring::detail
