// AVX-512 IFMA52 element-wise kernels for q < 2^50. Additive kernels are the DQ ones (no products).
// Products: Barrett on 52-bit limbs, mu = floor(2^(k+50) / q) with k = bit length of q; c1 =
// floor(ab / 2^(k-2)) < 2^52 and c3 = floor(c1 mu / 2^52) >= floor(ab/q) - 2, so ab - c3 q lies in
// [0, 2.5q) < 2^52 and is recovered from the low 52 bits; two conditional subtractions finish it.
#include <algorithm>
#include <type_traits>

#include "eltwise_avx512_common.hpp"
#include "eltwise_kernels.hpp"

namespace he4j::ring::detail {
namespace {

constexpr u64 kMask52 = (u64{1} << 52) - 1;

struct Barrett52 {
    V q, neg_q, mu, mask;
    __m128i shr, shl;
    explicit Barrett52(const Modulus& m) : q(bcast(m.value())), neg_q(bcast((u64{1} << 52) - m.value())), mask(bcast(kMask52)) {
        const int k = m.bits();
        mu = bcast(static_cast<u64>((static_cast<u128>(1) << (k + 50)) / m.value()));
        shr = _mm_cvtsi64_si128(k - 2);
        shl = _mm_cvtsi64_si128(54 - k);  // 52 - (k - 2)
    }
    V mul(V a, V b) const {
        const V zero = _mm512_setzero_si512();
        // ab mod 2^52 and floor(ab / 2^52)
        return reduce(_mm512_madd52hi_epu64(zero, a, b), _mm512_madd52lo_epu64(zero, a, b));
    }
    // x = hi 2^52 + lo for any x < 2^(k+50) with lo < 2^52 (so c1 < 2^52), not only products.
    V reduce(V hi, V lo) const {
        const V zero = _mm512_setzero_si512();
        const V c1 = _mm512_or_si512(_mm512_sll_epi64(hi, shl), _mm512_srl_epi64(lo, shr));
        const V c3 = _mm512_madd52hi_epu64(zero, c1, mu);
        const V r = _mm512_and_si512(_mm512_madd52lo_epu64(lo, c3, neg_q), mask);
        return csub(csub(r, q), q);
    }
};

}  // namespace

void eltwise_add_mod_avx512ifma(u64* out, const u64* a, const u64* b, std::size_t n, u64 q) {
    eltwise_add_mod_avx512dq(out, a, b, n, q);
}
void eltwise_sub_mod_avx512ifma(u64* out, const u64* a, const u64* b, std::size_t n, u64 q) {
    eltwise_sub_mod_avx512dq(out, a, b, n, q);
}
void eltwise_negate_mod_avx512ifma(u64* out, const u64* a, std::size_t n, u64 q) { eltwise_negate_mod_avx512dq(out, a, n, q); }
void eltwise_add_scalar_mod_avx512ifma(u64* out, const u64* a, u64 s, std::size_t n, u64 q) {
    eltwise_add_scalar_mod_avx512dq(out, a, s, n, q);
}

void eltwise_mul_mod_avx512ifma(u64* out, const u64* a, const u64* b, std::size_t n, const Modulus& q) {
    const Barrett52 br(q);
    for_each_vec(n, [&](std::size_t i, __mmask8 m) { storem(out + i, m, br.mul(loadm(a + i, m), loadm(b + i, m))); });
}

void eltwise_mul_add_mod_avx512ifma(u64* out, const u64* a, const u64* b, std::size_t n, const Modulus& q) {
    const Barrett52 br(q);
    for_each_vec(n, [&](std::size_t i, __mmask8 m) {
        const V p = br.mul(loadm(a + i, m), loadm(b + i, m));
        storem(out + i, m, csub(_mm512_add_epi64(loadm(out + i, m), p), br.q));
    });
}

void eltwise_mul_scalar_mod_avx512ifma(u64* out, const u64* a, u64 s, std::size_t n, const Modulus& q) {
    // 52-bit Shoup: a s - floor(a s' / 2^52) q in [0, 2q) with s' = floor(s 2^52 / q).
    const u64 qv = q.value();
    const V qvec = bcast(qv), neg_q = bcast((u64{1} << 52) - qv), mask = bcast(kMask52), sv = bcast(s);
    const V ssv = bcast(static_cast<u64>((static_cast<u128>(s) << 52) / qv));
    const V zero = _mm512_setzero_si512();
    for_each_vec(n, [&](std::size_t i, __mmask8 m) {
        const V x = loadm(a + i, m);
        const V quot = _mm512_madd52hi_epu64(zero, x, ssv);
        const V r = _mm512_and_si512(_mm512_madd52lo_epu64(_mm512_madd52lo_epu64(zero, x, sv), quot, neg_q), mask);
        storem(out + i, m, csub(r, qvec));
    });
}

void eltwise_dot2_mod_avx512ifma(u64* out0, u64* out1, const u64* const* x, const u64* const* k0, const u64* const* k1,
                                 std::size_t terms, std::size_t n, const Modulus& q) {
    // The 52-bit multiplier accumulates natively: sum hi 2^52 + sum lo, normalized (carry lo's excess into
    // hi) and reduced once per group (Barrett52::reduce accepts x < 2^(k+50)). Groups hold at most 1024
    // terms, so sum lo < 2^62 never overflows.
    const Barrett52 br(q);
    const std::size_t g0 = dot2_first_group(q.bits(), 50), g1 = dot2_next_group(q.bits(), 50);
    const V zero = _mm512_setzero_si512();
    const __m128i s52 = _mm_cvtsi64_si128(52);
    for_each_vec(n, [&](std::size_t i, __mmask8 m) {
        V lo0 = zero, hi0 = zero, lo1 = zero, hi1 = zero;
        for (std::size_t j = 0, group = g0;;) {
            for (const std::size_t end = std::min(terms, j + group); j < end; ++j) {
                const V xv = loadm(x[j] + i, m), a = loadm(k0[j] + i, m), b = loadm(k1[j] + i, m);
                lo0 = _mm512_madd52lo_epu64(lo0, xv, a);
                hi0 = _mm512_madd52hi_epu64(hi0, xv, a);
                lo1 = _mm512_madd52lo_epu64(lo1, xv, b);
                hi1 = _mm512_madd52hi_epu64(hi1, xv, b);
            }
            lo0 = br.reduce(_mm512_add_epi64(hi0, _mm512_srl_epi64(lo0, s52)), _mm512_and_si512(lo0, br.mask));
            lo1 = br.reduce(_mm512_add_epi64(hi1, _mm512_srl_epi64(lo1, s52)), _mm512_and_si512(lo1, br.mask));
            hi0 = hi1 = zero;
            if (j == terms) break;
            group = g1;
        }
        storem(out0 + i, m, lo0);
        storem(out1 + i, m, lo1);
    });
}

void eltwise_sub_mul_scalar_mod_avx512ifma(u64* out, const u64* a, const u64* b, u64 s, const u64* c, std::size_t n,
                                           const Modulus& q) {
    // (a - b) mod q, then the 52-bit Shoup product of eltwise_mul_scalar_mod_avx512ifma.
    const u64 qv = q.value();
    const V qvec = bcast(qv), neg_q = bcast((u64{1} << 52) - qv), mask = bcast(kMask52), sv = bcast(s);
    const V ssv = bcast(static_cast<u64>((static_cast<u128>(s) << 52) / qv));
    const V zero = _mm512_setzero_si512();
    auto run = [&](auto with_c) {
        for_each_vec(n, [&](std::size_t i, __mmask8 m) {
            const V d0 = _mm512_sub_epi64(loadm(a + i, m), loadm(b + i, m));
            const V x = _mm512_min_epu64(d0, _mm512_add_epi64(d0, qvec));
            const V quot = _mm512_madd52hi_epu64(zero, x, ssv);
            V r = csub(_mm512_and_si512(_mm512_madd52lo_epu64(_mm512_madd52lo_epu64(zero, x, sv), quot, neg_q), mask), qvec);
            if constexpr (decltype(with_c)::value) r = csub(_mm512_add_epi64(r, loadm(c + i, m)), qvec);
            storem(out + i, m, r);
        });
    };
    if (c) run(std::true_type{});
    else run(std::false_type{});
}

void eltwise_tensor_mod_avx512ifma(u64* d0, u64* d1, u64* d2, const u64* a0, const u64* a1, const u64* b0,
                                   const u64* b1, std::size_t n, const Modulus& q) {
    const Barrett52 br(q);
    const V zero = _mm512_setzero_si512();
    const __m128i s52 = _mm_cvtsi64_si128(52);
    auto run = [&](auto lazy) {
        for_each_vec(n, [&](std::size_t i, __mmask8 m) {
            const V x0 = loadm(a0 + i, m), x1 = loadm(a1 + i, m), y0 = loadm(b0 + i, m), y1 = loadm(b1 + i, m);
            storem(d0 + i, m, br.mul(x0, y0));
            storem(d2 + i, m, br.mul(x1, y1));
            if constexpr (decltype(lazy)::value) {  // limb sums of both products, normalized and reduced once
                const V lo = _mm512_madd52lo_epu64(_mm512_madd52lo_epu64(zero, x0, y1), x1, y0);
                const V hi = _mm512_madd52hi_epu64(_mm512_madd52hi_epu64(zero, x0, y1), x1, y0);
                storem(d1 + i, m, br.reduce(_mm512_add_epi64(hi, _mm512_srl_epi64(lo, s52)), _mm512_and_si512(lo, br.mask)));
            } else {
                storem(d1 + i, m, csub(_mm512_add_epi64(br.mul(x0, y1), br.mul(x1, y0)), br.q));
            }
        });
    };
    if (dot2_first_group(q.bits(), 50) >= 2) run(std::true_type{});
    else run(std::false_type{});
}

}  // namespace he4j::ring::detail
