// AVX-512 DQ twins of the encoder loops (encode_kernels.hpp); compiled with AVX-512 flags, called only
// after the CPU check.
// GCC 12 warns falsely inside its own AVX-512 intrinsics (GCC bug 105593).
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"
#include <immintrin.h>

#include <cmath>
#include <limits>

#include "ckks/encode_kernels.hpp"

namespace he4j::ckks::detail {
namespace {

// std::round on 8 lanes: t = trunc(x); x - t is exact, and |x - t| >= 1/2 moves t one away from zero.
inline __m512d round_half_away(__m512d x) {
    const __m512d t = _mm512_roundscale_pd(x, _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC);
    const __m512d frac = _mm512_abs_pd(_mm512_sub_pd(x, t));
    const __mmask8 up = _mm512_cmp_pd_mask(frac, _mm512_set1_pd(0.5), _CMP_GE_OQ);
    const __m512d one = _mm512_or_pd(_mm512_set1_pd(1.0), _mm512_and_pd(x, _mm512_set1_pd(-0.0)));  // copysign(1, x)
    return _mm512_mask_add_pd(t, up, t, one);
}

constexpr int kNotFinite = 0x01 | 0x08 | 0x10 | 0x80;  // fpclass: QNaN, +inf, -inf, SNaN

}  // namespace

double round_scaled_avx512dq(const std::complex<double>* u, std::size_t slots, double scale, double* coeffs) {
    const double* in = reinterpret_cast<const double*>(u);  // re, im interleaved (std::complex layout)
    const __m512d s = _mm512_set1_pd(scale);
    // Lane permutations splitting 8 interleaved values of two vectors into 8 reals and 8 imaginaries.
    const __m512i re_idx = _mm512_setr_epi64(0, 2, 4, 6, 8, 10, 12, 14), im_idx = _mm512_setr_epi64(1, 3, 5, 7, 9, 11, 13, 15);
    __m512d max_v = _mm512_setzero_pd();
    __mmask8 bad = 0;
    for (std::size_t j = 0; j < slots; j += 8) {  // slots % 8 == 0 (checked by the dispatcher)
        const __m512d a = _mm512_loadu_pd(in + 2 * j), b = _mm512_loadu_pd(in + 2 * j + 8);
        const __m512d re = round_half_away(_mm512_mul_pd(_mm512_permutex2var_pd(a, re_idx, b), s));
        const __m512d im = round_half_away(_mm512_mul_pd(_mm512_permutex2var_pd(a, im_idx, b), s));
        _mm512_storeu_pd(coeffs + j, re);
        _mm512_storeu_pd(coeffs + slots + j, im);
        bad |= _mm512_fpclass_pd_mask(re, kNotFinite) | _mm512_fpclass_pd_mask(im, kNotFinite);
        max_v = _mm512_max_pd(max_v, _mm512_max_pd(_mm512_abs_pd(re), _mm512_abs_pd(im)));
    }
    return bad == 0 ? _mm512_reduce_max_pd(max_v) : std::numeric_limits<double>::infinity();
}

void small_coeffs_to_residues_avx512dq(const double* coeffs, std::size_t n, std::uint64_t q, std::uint64_t* row) {
    const __m512i qv = _mm512_set1_epi64(static_cast<long long>(q));
    std::size_t k = 0;
    for (; k + 8 <= n; k += 8) {
        const __m512i c = _mm512_cvttpd_epi64(_mm512_loadu_pd(coeffs + k));  // exact: integer-valued, |c| < q
        _mm512_storeu_si512(row + k, _mm512_mask_add_epi64(c, _mm512_movepi64_mask(c), c, qv));
    }
    small_coeffs_to_residues_scalar(coeffs + k, n - k, q, row + k);
}

}  // namespace he4j::ckks::detail
