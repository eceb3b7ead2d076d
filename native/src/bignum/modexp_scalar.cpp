// Portable twin of modexp_avx512ifma.cpp: the same algorithm, lane by lane, with each vpmadd52luq/huq
// replaced by the low/high 52 bits of a 128-bit product of the operands' low 52 bits. Same layout, same
// scratch, bit-identical results. Constant time: no branch or address depends on secret values (the compare
// masks below are computed with arithmetic, not branches).
#include <string.h>  // explicit_bzero

#include <cstring>

#include "modexp_kernels.hpp"

namespace he4j::bignum::detail {
namespace {

using u128 = unsigned __int128;
constexpr std::size_t S = kLanes;  // stride between limbs of one lane

inline u64 lo52(u64 a, u64 b) { return static_cast<u64>(static_cast<u128>(a & kLimbMask) * (b & kLimbMask)) & kLimbMask; }
inline u64 hi52(u64 a, u64 b) { return static_cast<u64>((static_cast<u128>(a & kLimbMask) * (b & kLimbMask)) >> kLimbBits); }

// r = a*b/R mod m in [0, 2m) for a, b < 2m (one lane; a, b, m, r strided; r may alias a or b). t: L words.
void mont_mul(u64* r, const u64* a, const u64* b, const u64* m, u64 k0, std::size_t L, u64* t) {
    for (std::size_t j = 0; j < L; ++j) t[j] = 0;
    for (std::size_t i = 0; i < L; ++i) {
        const u64 ai = a[i * S];
        u64 t0 = t[0] + lo52(ai, b[0]);
        const u64 u = lo52(t0, k0);
        t0 += lo52(u, m[0]);
        const u64 carry = t0 >> kLimbBits;
        for (std::size_t j = 1; j < L; ++j) {
            u64 x = t[j];
            x += lo52(ai, b[j * S]);
            x += lo52(u, m[j * S]);
            x += hi52(ai, b[(j - 1) * S]);
            x += hi52(u, m[(j - 1) * S]);
            t[j - 1] = x;
        }
        t[L - 1] = hi52(ai, b[(L - 1) * S]) + hi52(u, m[(L - 1) * S]);
        t[0] += carry;
    }
    u64 c = 0;
    for (std::size_t j = 0; j < L; ++j) {
        const u64 v = t[j] + c;
        r[j * S] = v & kLimbMask;
        c = v >> kLimbBits;
    }
}

// x = x - m if x >= m (x, m strided, normalized limbs, x < 2^(52L)); constant time.
void cond_sub(u64* x, const u64* m, std::size_t L, u64* d) {
    u64 borrow = 0;
    for (std::size_t j = 0; j < L; ++j) {
        const u64 v = x[j * S] - m[j * S] - borrow;
        d[j] = v & kLimbMask;
        borrow = v >> 63;
    }
    const u64 keep = 0 - borrow;  // all ones when x < m
    for (std::size_t j = 0; j < L; ++j) x[j * S] = (x[j * S] & keep) | (d[j] & ~keep);
}

// x = 2x mod m for x < m.
void double_mod(u64* x, const u64* m, std::size_t L, u64* d) {
    u64 c = 0;
    for (std::size_t j = 0; j < L; ++j) {
        const u64 v = (x[j * S] << 1) | c;
        c = v >> kLimbBits;
        x[j * S] = v & kLimbMask;
    }
    cond_sub(x, m, L, d);
}

inline u64 ct_eq_mask(u64 a, u64 b) { return 0 - (((a ^ b) - 1) >> 63); }  // a, b < 2^63

// The exponent digit of kWindow bits at bit position pos (public), per lane.
inline u64 digit(const u64* e, std::size_t words, std::size_t pos, std::size_t lane) {
    const std::size_t w = pos / 64, off = pos % 64;
    u64 d = w < words ? e[w * S + lane] >> off : 0;
    if (off + kWindow > 64 && w + 1 < words) d |= e[(w + 1) * S + lane] << (64 - off);
    return d & (kTableSize - 1);
}

}  // namespace

std::size_t modexp8_scratch_words(std::size_t limbs) { return (kTableSize + 6) * limbs * kLanes; }

void modexp8_scalar(const Modexp8& a, u64* scratch) {
    const std::size_t L = a.limbs, V = L * kLanes;
    u64* table = scratch;  // kTableSize numbers in the 8-lane layout
    u64* acc = table + kTableSize * V;
    u64* r2 = acc + V;
    u64* x2 = r2 + V;
    u64* one = x2 + V;
    u64* t = one + V;      // L words
    u64* d = t + V;        // L words
    const std::size_t windows = (a.exp_words * 64 + kWindow - 1) / kWindow;
    const std::size_t rbits = static_cast<std::size_t>(kLimbBits) * L;

    for (std::size_t lane = 0; lane < kLanes; ++lane) {
        const u64* m = a.mod + lane;
        const u64 k0 = a.k0[lane];
        u64* tab = table + lane;
        u64* ac = acc + lane;
        u64* rr = r2 + lane;
        u64* xx = x2 + lane;
        u64* on = one + lane;
        // R mod m by doubling 2^start_bit, then 2R mod m (the Montgomery form of 2), then R^2 mod m as
        // 2^(52L) in Montgomery form by square and multiply over the public exponent 52L.
        for (std::size_t j = 0; j < L; ++j) tab[j * S] = 0;
        tab[(a.start_bit / kLimbBits) * S] = u64{1} << (a.start_bit % kLimbBits);
        for (std::size_t k = a.start_bit; k < rbits; ++k) double_mod(tab, m, L, d);
        for (std::size_t j = 0; j < L; ++j) xx[j * S] = tab[j * S];
        double_mod(xx, m, L, d);
        for (std::size_t j = 0; j < L; ++j) rr[j * S] = xx[j * S];
        int top = 63 - __builtin_clzll(rbits);
        for (int bit = top - 1; bit >= 0; --bit) {
            mont_mul(rr, rr, rr, m, k0, L, t);
            if ((rbits >> bit) & 1) mont_mul(rr, rr, xx, m, k0, L, t);
        }
        // Table of base^k R mod m, k < kTableSize (entry 0 is R mod m from above).
        mont_mul(tab + V, a.base + lane, rr, m, k0, L, t);
        for (std::size_t k = 2; k < kTableSize; ++k) mont_mul(tab + k * V, tab + (k - 1) * V, tab + V, m, k0, L, t);
        // Fixed windows from the top; every window squares kWindow times and multiplies once.
        for (std::size_t win = windows; win-- > 0;) {
            if (win + 1 != windows)
                for (int s = 0; s < kWindow; ++s) mont_mul(ac, ac, ac, m, k0, L, t);
            const u64 dg = digit(a.exp, a.exp_words, win * kWindow, lane);
            for (std::size_t j = 0; j < L; ++j) d[j] = 0;
            for (std::size_t k = 0; k < kTableSize; ++k) {
                const u64 sel = ct_eq_mask(dg, k);
                for (std::size_t j = 0; j < L; ++j) d[j] |= tab[k * V + j * S] & sel;
            }
            if (win + 1 == windows) {
                for (std::size_t j = 0; j < L; ++j) ac[j * S] = d[j];
            } else {
                for (std::size_t j = 0; j < L; ++j) xx[j * S] = d[j];
                mont_mul(ac, ac, xx, m, k0, L, t);
            }
        }
        // Out of the Montgomery domain (result <= m) and fully reduced.
        for (std::size_t j = 0; j < L; ++j) on[j * S] = j == 0 ? 1 : 0;
        u64* out = a.out + lane;
        mont_mul(out, ac, on, m, k0, L, t);
        cond_sub(out, m, L, d);
    }
    explicit_bzero(scratch, modexp8_scratch_words(L) * sizeof(u64));
}

}  // namespace he4j::bignum::detail
