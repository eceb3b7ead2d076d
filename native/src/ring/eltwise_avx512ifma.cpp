// AVX-512 element-wise kernels (avx512ifma). Placeholder forwarding to scalar until the SIMD code lands.
#include "eltwise_kernels.hpp"

namespace he4j::ring::detail {

void eltwise_add_mod_avx512ifma(u64* out, const u64* a, const u64* b, std::size_t n, u64 q) { eltwise_add_mod_scalar(out, a, b, n, q); }
void eltwise_sub_mod_avx512ifma(u64* out, const u64* a, const u64* b, std::size_t n, u64 q) { eltwise_sub_mod_scalar(out, a, b, n, q); }
void eltwise_negate_mod_avx512ifma(u64* out, const u64* a, std::size_t n, u64 q) { eltwise_negate_mod_scalar(out, a, n, q); }
void eltwise_add_scalar_mod_avx512ifma(u64* out, const u64* a, u64 s, std::size_t n, u64 q) { eltwise_add_scalar_mod_scalar(out, a, s, n, q); }
void eltwise_mul_mod_avx512ifma(u64* out, const u64* a, const u64* b, std::size_t n, const Modulus& q) { eltwise_mul_mod_scalar(out, a, b, n, q); }
void eltwise_mul_add_mod_avx512ifma(u64* out, const u64* a, const u64* b, std::size_t n, const Modulus& q) { eltwise_mul_add_mod_scalar(out, a, b, n, q); }
void eltwise_mul_scalar_mod_avx512ifma(u64* out, const u64* a, u64 s, std::size_t n, const Modulus& q) { eltwise_mul_scalar_mod_scalar(out, a, s, n, q); }

}  // namespace he4j::ring::detail
