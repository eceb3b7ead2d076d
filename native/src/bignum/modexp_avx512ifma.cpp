// AVX-512 IFMA twin of modexp_scalar.cpp: one 512-bit register holds the same limb of 8 independent
// exponentiations, so each vpmadd52luq/huq advances 8 Montgomery products at once (multi-buffer method of
// Gueron & Krasnov, "Software implementation of modular exponentiation, using advanced vector instructions
// architectures", WAIFI 2012, here with the 52-bit IFMA products of Drucker & Gueron 2019). Constant time:
// the table is read by a full masked scan, compare results are masks, never branches.
#include <immintrin.h>  // GCC 12 warns about its own _mm512_undefined in shift intrinsics:
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <string.h>  // explicit_bzero

#include "modexp_kernels.hpp"

namespace he4j::bignum::detail {
namespace {

using V = __m512i;

inline V ld(const u64* p) { return _mm512_load_si512(p); }
inline void st(u64* p, V v) { _mm512_store_si512(p, v); }
inline V lo(V acc, V a, V b) { return _mm512_madd52lo_epu64(acc, a, b); }
inline V hi(V acc, V a, V b) { return _mm512_madd52hi_epu64(acc, a, b); }

// r = a*b/R mod m in [0, 2m) for a, b < 2m, 8 lanes; r may alias a or b. t: L vectors.
void mont_mul(V* r, const V* a, const V* b, const V* m, V k0, std::size_t L, V* t) {
    const V zero = _mm512_setzero_si512();
    const V mask = _mm512_set1_epi64(static_cast<long long>(kLimbMask));
    for (std::size_t j = 0; j < L; ++j) t[j] = zero;
    for (std::size_t i = 0; i < L; ++i) {
        const V ai = a[i];
        V t0 = lo(t[0], ai, b[0]);
        const V u = lo(zero, t0, k0);
        t0 = lo(t0, u, m[0]);
        const V carry = _mm512_srli_epi64(t0, kLimbBits);
        V bp = b[0], mp = m[0];
        for (std::size_t j = 1; j < L; ++j) {
            const V bj = b[j], mj = m[j];
            V x = lo(t[j], ai, bj);
            x = lo(x, u, mj);
            x = hi(x, ai, bp);
            x = hi(x, u, mp);
            t[j - 1] = x;
            bp = bj;
            mp = mj;
        }
        t[L - 1] = hi(hi(zero, ai, bp), u, mp);
        t[0] = _mm512_add_epi64(t[0], carry);
    }
    V c = zero;
    for (std::size_t j = 0; j < L; ++j) {
        const V v = _mm512_add_epi64(t[j], c);
        r[j] = _mm512_and_si512(v, mask);
        c = _mm512_srli_epi64(v, kLimbBits);
    }
}

// x = x - m where x >= m, per lane.
void cond_sub(V* x, const V* m, std::size_t L, V* d) {
    const V mask = _mm512_set1_epi64(static_cast<long long>(kLimbMask));
    V borrow = _mm512_setzero_si512();
    for (std::size_t j = 0; j < L; ++j) {
        const V v = _mm512_sub_epi64(_mm512_sub_epi64(x[j], m[j]), borrow);
        d[j] = _mm512_and_si512(v, mask);
        borrow = _mm512_srli_epi64(v, 63);
    }
    const __mmask8 take = _mm512_cmpeq_epi64_mask(borrow, _mm512_setzero_si512());  // x >= m
    for (std::size_t j = 0; j < L; ++j) x[j] = _mm512_mask_blend_epi64(take, x[j], d[j]);
}

void double_mod(V* x, const V* m, std::size_t L, V* d) {
    const V mask = _mm512_set1_epi64(static_cast<long long>(kLimbMask));
    V c = _mm512_setzero_si512();
    for (std::size_t j = 0; j < L; ++j) {
        const V v = _mm512_or_si512(_mm512_slli_epi64(x[j], 1), c);
        c = _mm512_srli_epi64(v, kLimbBits);
        x[j] = _mm512_and_si512(v, mask);
    }
    cond_sub(x, m, L, d);
}

inline V digit(const u64* e, std::size_t words, std::size_t pos) {
    const std::size_t w = pos / 64, off = pos % 64;
    V d = w < words ? _mm512_srli_epi64(ld(e + w * kLanes), static_cast<unsigned>(off)) : _mm512_setzero_si512();
    if (off + kWindow > 64 && w + 1 < words)
        d = _mm512_or_si512(d, _mm512_slli_epi64(ld(e + (w + 1) * kLanes), static_cast<unsigned>(64 - off)));
    return _mm512_and_si512(d, _mm512_set1_epi64(kTableSize - 1));
}

}  // namespace

void modexp8_avx512ifma(const Modexp8& a, u64* scratch) {
    const std::size_t L = a.limbs;
    V* table = reinterpret_cast<V*>(scratch);  // same scratch layout as the scalar twin
    V* acc = table + kTableSize * L;
    V* r2 = acc + L;
    V* x2 = r2 + L;
    V* one = x2 + L;
    V* t = one + L;
    V* d = t + L;
    const V* m = reinterpret_cast<const V*>(a.mod);
    const V k0 = ld(a.k0);
    const std::size_t windows = (a.exp_words * 64 + kWindow - 1) / kWindow;
    const std::size_t rbits = static_cast<std::size_t>(kLimbBits) * L;

    for (std::size_t j = 0; j < L; ++j) table[j] = _mm512_setzero_si512();
    table[a.start_bit / kLimbBits] = _mm512_set1_epi64(static_cast<long long>(u64{1} << (a.start_bit % kLimbBits)));
    for (std::size_t k = a.start_bit; k < rbits; ++k) double_mod(table, m, L, d);
    for (std::size_t j = 0; j < L; ++j) x2[j] = table[j];
    double_mod(x2, m, L, d);
    for (std::size_t j = 0; j < L; ++j) r2[j] = x2[j];
    const int top = 63 - __builtin_clzll(rbits);
    for (int bit = top - 1; bit >= 0; --bit) {
        mont_mul(r2, r2, r2, m, k0, L, t);
        if ((rbits >> bit) & 1) mont_mul(r2, r2, x2, m, k0, L, t);
    }
    mont_mul(table + L, reinterpret_cast<const V*>(a.base), r2, m, k0, L, t);
    for (std::size_t k = 2; k < kTableSize; ++k) mont_mul(table + k * L, table + (k - 1) * L, table + L, m, k0, L, t);
    for (std::size_t win = windows; win-- > 0;) {
        if (win + 1 != windows)
            for (int s = 0; s < kWindow; ++s) mont_mul(acc, acc, acc, m, k0, L, t);
        const V dg = digit(a.exp, a.exp_words, win * kWindow);
        for (std::size_t j = 0; j < L; ++j) d[j] = _mm512_setzero_si512();
        for (std::size_t k = 0; k < kTableSize; ++k) {
            const __mmask8 sel = _mm512_cmpeq_epi64_mask(dg, _mm512_set1_epi64(static_cast<long long>(k)));
            const V* entry = table + k * L;
            for (std::size_t j = 0; j < L; ++j) d[j] = _mm512_mask_blend_epi64(sel, d[j], entry[j]);
        }
        if (win + 1 == windows) {
            for (std::size_t j = 0; j < L; ++j) acc[j] = d[j];
        } else {
            mont_mul(acc, acc, d, m, k0, L, t);
        }
    }
    for (std::size_t j = 0; j < L; ++j) one[j] = j == 0 ? _mm512_set1_epi64(1) : _mm512_setzero_si512();
    V* out = reinterpret_cast<V*>(a.out);
    mont_mul(out, acc, one, m, k0, L, t);
    cond_sub(out, m, L, d);
    explicit_bzero(scratch, modexp8_scratch_words(L) * sizeof(u64));
}

}  // namespace he4j::bignum::detail
