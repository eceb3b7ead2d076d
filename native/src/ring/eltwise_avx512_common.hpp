// Internal: AVX-512 helpers shared by the element-wise kernels. Include only from AVX-512 translation
// units; everything has internal linkage.
#pragma once
// GCC 12 warns falsely inside its own AVX-512 intrinsics (_mm512_undefined_epi32; GCC bug 105593).
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"
#include <immintrin.h>

#include <cstddef>

#include "modarith.hpp"

namespace he4j::ring::detail {
namespace {

using V = __m512i;

inline V bcast(u64 x) { return _mm512_set1_epi64(static_cast<long long>(x)); }
// x - c if x >= c else x: x - c wraps to a large value exactly when x < c (all values < 2^63).
inline V csub(V x, V c) { return _mm512_min_epu64(x, _mm512_sub_epi64(x, c)); }
// Mask selecting the first `left` lanes of the final partial vector.
inline __mmask8 tail_mask(std::size_t left) { return static_cast<__mmask8>((1u << left) - 1); }

// Applies f to 8 lanes at a time; the tail uses masked loads/stores so no element is touched twice.
template <class F>
inline void for_each_vec(std::size_t n, F f) {
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) f(i, static_cast<__mmask8>(0xff));
    if (i < n) f(i, tail_mask(n - i));
}
inline V loadm(const u64* p, __mmask8 m) { return _mm512_maskz_loadu_epi64(m, p); }
inline void storem(u64* p, __mmask8 m, V v) { _mm512_mask_storeu_epi64(p, m, v); }

}  // namespace
}  // namespace he4j::ring::detail
