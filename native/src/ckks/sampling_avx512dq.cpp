// AVX-512 twin of expand_uniform's rejection step (sampling.hpp): 8 words per step, the accepted ones
// packed with VPCOMPRESSQ. Compiled with AVX-512 flags; called only after the CPU check.
// GCC 12 warns falsely inside its own AVX-512 intrinsics (GCC bug 105593).
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"
#include <immintrin.h>

#include "ckks/sampling.hpp"

namespace he4j::ckks::detail {

// POPCNT is on every CPU with AVX-512 (not implied by the AVX-512 compiler flags).
__attribute__((target("popcnt"))) std::size_t keep_below_avx512dq(const std::uint64_t* words, std::size_t count,
                                                                  std::uint64_t mask, std::uint64_t q,
                                                                  std::uint64_t* out, std::size_t filled,
                                                                  std::size_t n) {
    const __m512i m = _mm512_set1_epi64(static_cast<long long>(mask));
    const __m512i qv = _mm512_set1_epi64(static_cast<long long>(q));
    std::size_t i = 0;
    // A full 8-word store is safe while 8 slots remain; the packed tail beyond the kept words is rewritten.
    for (; i + 8 <= count && filled + 8 <= n; i += 8) {
        const __m512i v = _mm512_and_si512(_mm512_loadu_si512(words + i), m);
        const __mmask8 keep = _mm512_cmplt_epu64_mask(v, qv);
        _mm512_storeu_si512(out + filled, _mm512_maskz_compress_epi64(keep, v));
        filled += static_cast<std::size_t>(_mm_popcnt_u32(keep));
    }
    return keep_below_scalar(words + i, count - i, mask, q, out, filled, n);
}

// 8 coefficients per step: sign-extend bytes to quadwords, add q where negative.
void small_to_residues_avx512dq(const std::int8_t* coeffs, std::size_t n, std::uint64_t q, std::uint64_t* out) {
    const __m512i qv = _mm512_set1_epi64(static_cast<long long>(q));
    std::size_t k = 0;
    for (; k + 8 <= n; k += 8) {
        const __m512i c = _mm512_cvtepi8_epi64(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(coeffs + k)));
        const __mmask8 negative = _mm512_movepi64_mask(c);
        _mm512_storeu_si512(out + k, _mm512_mask_add_epi64(c, negative, c, qv));
    }
    small_to_residues_scalar(coeffs + k, n - k, q, out + k);
}

}  // namespace he4j::ckks::detail
