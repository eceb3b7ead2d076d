// Element-wise dispatch: additive kernels need only AVX-512F/DQ (any q < 2^62); products use IFMA52 when
// q < 2^50 and the CPU has it, otherwise the DQ kernel, otherwise scalar. Decided per call from the
// load-time kernel path.
#include "eltwise.hpp"

#include "cpu_features.hpp"
#include "eltwise_kernels.hpp"

namespace he4j::ring {
namespace {

constexpr u64 kIfmaLimit = u64{1} << 50;
bool simd_enabled() { return use_avx512(); }

}  // namespace

using namespace detail;

void eltwise_add_mod(u64* out, const u64* a, const u64* b, std::size_t n, u64 q) {
    if (simd_enabled()) return eltwise_add_mod_avx512dq(out, a, b, n, q);
    eltwise_add_mod_scalar(out, a, b, n, q);
}

void eltwise_sub_mod(u64* out, const u64* a, const u64* b, std::size_t n, u64 q) {
    if (simd_enabled()) return eltwise_sub_mod_avx512dq(out, a, b, n, q);
    eltwise_sub_mod_scalar(out, a, b, n, q);
}

void eltwise_negate_mod(u64* out, const u64* a, std::size_t n, u64 q) {
    if (simd_enabled()) return eltwise_negate_mod_avx512dq(out, a, n, q);
    eltwise_negate_mod_scalar(out, a, n, q);
}

void eltwise_add_scalar_mod(u64* out, const u64* a, u64 s, std::size_t n, u64 q) {
    if (simd_enabled()) return eltwise_add_scalar_mod_avx512dq(out, a, s, n, q);
    eltwise_add_scalar_mod_scalar(out, a, s, n, q);
}

void eltwise_mul_mod(u64* out, const u64* a, const u64* b, std::size_t n, const Modulus& q) {
    if (simd_enabled()) {
        if (use_ifma() && q.value() < kIfmaLimit) return eltwise_mul_mod_avx512ifma(out, a, b, n, q);
        return eltwise_mul_mod_avx512dq(out, a, b, n, q);
    }
    eltwise_mul_mod_scalar(out, a, b, n, q);
}

void eltwise_mul_add_mod(u64* out, const u64* a, const u64* b, std::size_t n, const Modulus& q) {
    if (simd_enabled()) {
        if (use_ifma() && q.value() < kIfmaLimit) return eltwise_mul_add_mod_avx512ifma(out, a, b, n, q);
        return eltwise_mul_add_mod_avx512dq(out, a, b, n, q);
    }
    eltwise_mul_add_mod_scalar(out, a, b, n, q);
}

void eltwise_mul_scalar_mod(u64* out, const u64* a, u64 s, std::size_t n, const Modulus& q) {
    if (simd_enabled()) {
        if (use_ifma() && q.value() < kIfmaLimit) return eltwise_mul_scalar_mod_avx512ifma(out, a, s, n, q);
        return eltwise_mul_scalar_mod_avx512dq(out, a, s, n, q);
    }
    eltwise_mul_scalar_mod_scalar(out, a, s, n, q);
}

void eltwise_mul_scalar_add_mod(u64* out, const u64* a, u64 s, std::size_t n, const Modulus& q) {
    if (simd_enabled()) return eltwise_mul_scalar_add_mod_avx512dq(out, a, s, n, q);
    eltwise_mul_scalar_add_mod_scalar(out, a, s, n, q);
}

void eltwise_dot2_mod(u64* out0, u64* out1, const u64* const* x, const u64* const* k0, const u64* const* k1,
                      std::size_t terms, std::size_t n, const Modulus& q) {
    if (simd_enabled()) {
        if (use_ifma() && q.value() < kIfmaLimit) return eltwise_dot2_mod_avx512ifma(out0, out1, x, k0, k1, terms, n, q);
        return eltwise_dot2_mod_avx512dq(out0, out1, x, k0, k1, terms, n, q);
    }
    eltwise_dot2_mod_scalar(out0, out1, x, k0, k1, terms, n, q);
}

void eltwise_sub_mul_scalar_mod(u64* out, const u64* a, const u64* b, u64 s, const u64* c, std::size_t n,
                                const Modulus& q) {
    if (simd_enabled()) {
        if (use_ifma() && q.value() < kIfmaLimit) return eltwise_sub_mul_scalar_mod_avx512ifma(out, a, b, s, c, n, q);
        return eltwise_sub_mul_scalar_mod_avx512dq(out, a, b, s, c, n, q);
    }
    eltwise_sub_mul_scalar_mod_scalar(out, a, b, s, c, n, q);
}

void eltwise_permute(u64* out, const u64* a, const std::uint32_t* perm, std::size_t n) {
    if (simd_enabled()) return eltwise_permute_avx512dq(out, a, perm, n);
    eltwise_permute_scalar(out, a, perm, n);
}

void eltwise_reduce_mod(u64* out, const u64* a, std::size_t n, const Modulus& q) {
    if (simd_enabled()) return eltwise_reduce_mod_avx512dq(out, a, n, q);
    eltwise_reduce_mod_scalar(out, a, n, q);
}

void eltwise_tensor_mod(u64* d0, u64* d1, u64* d2, const u64* a0, const u64* a1, const u64* b0, const u64* b1,
                        std::size_t n, const Modulus& q) {
    if (simd_enabled()) {
        if (use_ifma() && q.value() < kIfmaLimit) return eltwise_tensor_mod_avx512ifma(d0, d1, d2, a0, a1, b0, b1, n, q);
        return eltwise_tensor_mod_avx512dq(d0, d1, d2, a0, a1, b0, b1, n, q);
    }
    eltwise_tensor_mod_scalar(d0, d1, d2, a0, a1, b0, b1, n, q);
}

}  // namespace he4j::ring
