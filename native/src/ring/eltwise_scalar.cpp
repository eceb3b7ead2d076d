// Scalar reference element-wise kernels: conditional subtraction for sums, 128-bit Barrett (Modulus) for
// products, Shoup for a fixed scalar multiplier.
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

}  // namespace he4j::ring::detail
