// AVX-512 DQ element-wise kernels, any q < 2^62. Sums use the unsigned-min conditional subtraction.
// Products: Barrett with a 64-bit constant mu = floor(2^(k+62) / q), k = bit length of q, on the 128-bit
// product assembled from four 32x32-bit multiplies (AVX-512 has no 64x64->128 multiply without IFMA).
#include <algorithm>
#include <type_traits>

#include "eltwise_avx512_common.hpp"
#include "eltwise_kernels.hpp"

namespace he4j::ring::detail {
namespace {

struct Wide {
    V hi, lo;
};

// 128-bit lane sum s + p.
inline Wide add_wide(Wide s, Wide p) {
    const V lo = _mm512_add_epi64(s.lo, p.lo);
    const __mmask8 carry = _mm512_cmplt_epu64_mask(lo, p.lo);
    const V hi = _mm512_add_epi64(s.hi, p.hi);
    return {_mm512_mask_add_epi64(hi, carry, hi, bcast(1)), lo};
}

// Full 64x64 -> 128-bit product per lane.
inline Wide mul_wide(V a, V b) {
    const V a_hi = _mm512_srli_epi64(a, 32), b_hi = _mm512_srli_epi64(b, 32);
    const V p00 = _mm512_mul_epu32(a, b), p01 = _mm512_mul_epu32(a, b_hi);
    const V p10 = _mm512_mul_epu32(a_hi, b), p11 = _mm512_mul_epu32(a_hi, b_hi);
    const V mid = _mm512_add_epi64(p10, _mm512_srli_epi64(p00, 32));
    const V mid2 = _mm512_add_epi64(p01, _mm512_and_si512(mid, bcast(0xffffffff)));
    const V hi = _mm512_add_epi64(_mm512_add_epi64(p11, _mm512_srli_epi64(mid, 32)), _mm512_srli_epi64(mid2, 32));
    const V lo = _mm512_add_epi64(p00, _mm512_slli_epi64(_mm512_add_epi64(p01, p10), 32));
    return {hi, lo};
}

// Barrett product a * b mod q for a, b < q < 2^62 (HAC 14.42 with the shifts chosen so every intermediate
// fits a word): c1 = floor(ab / 2^(k-2)) < 2^64, c3 = floor(c1 mu / 2^64) >= floor(ab/q) - 2, so the
// remainder ab - c3 q lies in [0, 2.5q) and two conditional subtractions finish it.
struct Barrett {
    V q, mu;
    __m128i shr, shl;
    explicit Barrett(const Modulus& m) : q(bcast(m.value())) {
        const int k = m.bits();
        mu = bcast(static_cast<u64>((static_cast<u128>(1) << (k + 62)) / m.value()));
        shr = _mm_cvtsi64_si128(k - 2);
        shl = _mm_cvtsi64_si128(66 - k);  // 64 - (k - 2); a count of 64 yields 0, as needed when k == 2
    }
    V mul(V a, V b) const { return reduce(mul_wide(a, b)); }
    // Any x < 2^(k+62) (so c1 < 2^64), not only products: the same bound c3 >= floor(x/q) - 2 holds.
    V reduce(Wide p) const {
        const V c1 = _mm512_or_si512(_mm512_sll_epi64(p.hi, shl), _mm512_srl_epi64(p.lo, shr));
        const V c3 = mul_wide(c1, mu).hi;
        const V r = _mm512_sub_epi64(p.lo, _mm512_mullo_epi64(c3, q));
        return csub(csub(r, q), q);
    }
};

}  // namespace

void eltwise_add_mod_avx512dq(u64* out, const u64* a, const u64* b, std::size_t n, u64 q) {
    const V qv = bcast(q);
    for_each_vec(n, [&](std::size_t i, __mmask8 m) {
        storem(out + i, m, csub(_mm512_add_epi64(loadm(a + i, m), loadm(b + i, m)), qv));
    });
}

void eltwise_sub_mod_avx512dq(u64* out, const u64* a, const u64* b, std::size_t n, u64 q) {
    const V qv = bcast(q);
    for_each_vec(n, [&](std::size_t i, __mmask8 m) {
        // a - b wraps when a < b; adding q back then gives the smaller (correct) value.
        const V d = _mm512_sub_epi64(loadm(a + i, m), loadm(b + i, m));
        storem(out + i, m, _mm512_min_epu64(d, _mm512_add_epi64(d, qv)));
    });
}

void eltwise_negate_mod_avx512dq(u64* out, const u64* a, std::size_t n, u64 q) {
    const V qv = bcast(q);
    for_each_vec(n, [&](std::size_t i, __mmask8 m) {
        storem(out + i, m, csub(_mm512_sub_epi64(qv, loadm(a + i, m)), qv));  // q - 0 = q maps to 0
    });
}

void eltwise_add_scalar_mod_avx512dq(u64* out, const u64* a, u64 s, std::size_t n, u64 q) {
    const V qv = bcast(q), sv = bcast(s);
    for_each_vec(n, [&](std::size_t i, __mmask8 m) {
        storem(out + i, m, csub(_mm512_add_epi64(loadm(a + i, m), sv), qv));
    });
}

void eltwise_mul_mod_avx512dq(u64* out, const u64* a, const u64* b, std::size_t n, const Modulus& q) {
    const Barrett br(q);
    for_each_vec(n, [&](std::size_t i, __mmask8 m) { storem(out + i, m, br.mul(loadm(a + i, m), loadm(b + i, m))); });
}

void eltwise_mul_add_mod_avx512dq(u64* out, const u64* a, const u64* b, std::size_t n, const Modulus& q) {
    const Barrett br(q);
    for_each_vec(n, [&](std::size_t i, __mmask8 m) {
        const V p = br.mul(loadm(a + i, m), loadm(b + i, m));
        storem(out + i, m, csub(_mm512_add_epi64(loadm(out + i, m), p), br.q));
    });
}

void eltwise_mul_scalar_mod_avx512dq(u64* out, const u64* a, u64 s, std::size_t n, const Modulus& q) {
    // Shoup: a s - floor(a s' / 2^64) q in [0, 2q) with s' = floor(s 2^64 / q).
    const V qv = bcast(q.value()), sv = bcast(s), ssv = bcast(shoup_precompute(s, q.value()));
    for_each_vec(n, [&](std::size_t i, __mmask8 m) {
        const V x = loadm(a + i, m);
        const V quot = mul_wide(x, ssv).hi;
        const V r = _mm512_sub_epi64(_mm512_mullo_epi64(x, sv), _mm512_mullo_epi64(quot, qv));
        storem(out + i, m, csub(r, qv));
    });
}

void eltwise_mul_scalar_add_mod_avx512dq(u64* out, const u64* a, u64 s, std::size_t n, const Modulus& q) {
    // Shoup holds for any 64-bit x: x s - floor(x s' / 2^64) q lies in [0, 2q).
    const V qv = bcast(q.value()), sv = bcast(s), ssv = bcast(shoup_precompute(s, q.value()));
    for_each_vec(n, [&](std::size_t i, __mmask8 m) {
        const V x = loadm(a + i, m);
        const V quot = mul_wide(x, ssv).hi;
        const V r = csub(_mm512_sub_epi64(_mm512_mullo_epi64(x, sv), _mm512_mullo_epi64(quot, qv)), qv);
        storem(out + i, m, csub(_mm512_add_epi64(loadm(out + i, m), r), qv));
    });
}

void eltwise_dot2_mod_avx512dq(u64* out0, u64* out1, const u64* const* x, const u64* const* k0, const u64* const* k1,
                               std::size_t terms, std::size_t n, const Modulus& q) {
    // 128-bit lane sums, Barrett-reduced once per group (Barrett::reduce accepts x < 2^(k+62)).
    const Barrett br(q);
    const std::size_t g0 = dot2_first_group(q.bits(), 62), g1 = dot2_next_group(q.bits(), 62);
    const V zero = _mm512_setzero_si512();
    for_each_vec(n, [&](std::size_t i, __mmask8 m) {
        Wide s0{zero, zero}, s1{zero, zero};
        for (std::size_t j = 0, group = g0;;) {
            for (const std::size_t end = std::min(terms, j + group); j < end; ++j) {
                const V xv = loadm(x[j] + i, m);
                s0 = add_wide(s0, mul_wide(xv, loadm(k0[j] + i, m)));
                s1 = add_wide(s1, mul_wide(xv, loadm(k1[j] + i, m)));
            }
            s0 = {zero, br.reduce(s0)};
            s1 = {zero, br.reduce(s1)};
            if (j == terms) break;
            group = g1;
        }
        storem(out0 + i, m, s0.lo);
        storem(out1 + i, m, s1.lo);
    });
}

void eltwise_sub_mul_scalar_mod_avx512dq(u64* out, const u64* a, const u64* b, u64 s, const u64* c, std::size_t n,
                                         const Modulus& q) {
    const V qv = bcast(q.value()), sv = bcast(s), ssv = bcast(shoup_precompute(s, q.value()));
    auto run = [&](auto with_c) {
        for_each_vec(n, [&](std::size_t i, __mmask8 m) {
            const V d0 = _mm512_sub_epi64(loadm(a + i, m), loadm(b + i, m));
            const V d = _mm512_min_epu64(d0, _mm512_add_epi64(d0, qv));  // a - b mod q
            const V quot = mul_wide(d, ssv).hi;
            V r = csub(_mm512_sub_epi64(_mm512_mullo_epi64(d, sv), _mm512_mullo_epi64(quot, qv)), qv);
            if constexpr (decltype(with_c)::value) r = csub(_mm512_add_epi64(r, loadm(c + i, m)), qv);
            storem(out + i, m, r);
        });
    };
    if (c) run(std::true_type{});
    else run(std::false_type{});
}

void eltwise_permute_avx512dq(u64* out, const u64* a, const std::uint32_t* perm, std::size_t n) {
    std::size_t j = 0;
    for (; j + 8 <= n; j += 8) {
        const __m256i idx = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(perm + j));
        _mm512_storeu_si512(out + j, _mm512_i32gather_epi64(idx, a, 8));
    }
    eltwise_permute_scalar(out + j, a, perm + j, n - j);
}

void eltwise_reduce_mod_avx512dq(u64* out, const u64* a, std::size_t n, const Modulus& q) {
    // Shoup with multiplier 1: x - floor(x floor(2^64/q) / 2^64) q lies in [0, 2q) for any 64-bit x.
    const V qv = bcast(q.value()), ssv = bcast(shoup_precompute(1, q.value()));
    for_each_vec(n, [&](std::size_t i, __mmask8 m) {
        const V x = loadm(a + i, m);
        storem(out + i, m, csub(_mm512_sub_epi64(x, _mm512_mullo_epi64(mul_wide(x, ssv).hi, qv)), qv));
    });
}

void eltwise_tensor_mod_avx512dq(u64* d0, u64* d1, u64* d2, const u64* a0, const u64* a1, const u64* b0, const u64* b1,
                                 std::size_t n, const Modulus& q) {
    const Barrett br(q);
    auto run = [&](auto lazy) {
        for_each_vec(n, [&](std::size_t i, __mmask8 m) {
            const V x0 = loadm(a0 + i, m), x1 = loadm(a1 + i, m), y0 = loadm(b0 + i, m), y1 = loadm(b1 + i, m);
            storem(d0 + i, m, br.mul(x0, y0));
            storem(d2 + i, m, br.mul(x1, y1));
            if constexpr (decltype(lazy)::value) {  // the 128-bit sum of both products, reduced once
                storem(d1 + i, m, br.reduce(add_wide(mul_wide(x0, y1), mul_wide(x1, y0))));
            } else {
                storem(d1 + i, m, csub(_mm512_add_epi64(br.mul(x0, y1), br.mul(x1, y0)), br.q));
            }
        });
    };
    if (dot2_first_group(q.bits(), 62) >= 2) run(std::true_type{});
    else run(std::false_type{});
}

}  // namespace he4j::ring::detail
