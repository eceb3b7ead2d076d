// AVX-512 DQ NTT kernel for q < 2^61 (64-bit lanes): Shoup products with 64-bit companions. The high
// half of y * w' is estimated from three 32x32-bit products (vpmuludq), dropping the low x low product and
// the carries out of the middle column, so it is at most 2 short; the Shoup remainder then lies in [0, 4q)
// instead of [0, 2q), which the lazy invariants absorb with bound 4q (8q < 2^64 as q < 2^61).
// The low halves come from vpmullq (3 uops, latency 15). At about twenty vector uops per butterfly on the two
// 512-bit ports this kernel is throughput-bound once enough independent chains are in flight (kChunk).
#include "ntt_avx512_impl.hpp"

namespace he4j::ring::detail {
namespace {

struct Dq64 {
    static constexpr int kChunk = 4;  // multiply chains of ~25 cycles: overlap four
    V q, two_q, bound;  // bound = 4q
    explicit Dq64(u64 qv) : q(bcast(qv)), two_q(bcast(2 * qv)), bound(bcast(4 * qv)) {}
    V reduce(V x) const { return csub(csub(x, two_q), q); }
    // floor(a * b / 2^64) - e with e in {0, 1, 2}: a_hi b_hi + (a_lo b_hi >> 32) + (a_hi b_lo >> 32) omits
    // only the carry out of the middle 32-bit column, which is at most 2.
    static V mulhi_approx(V a, V b) {
        const V a_hi = _mm512_srli_epi64(a, 32), b_hi = _mm512_srli_epi64(b, 32);
        const V p01 = _mm512_mul_epu32(a, b_hi), p10 = _mm512_mul_epu32(a_hi, b), p11 = _mm512_mul_epu32(a_hi, b_hi);
        return _mm512_add_epi64(p11, _mm512_add_epi64(_mm512_srli_epi64(p01, 32), _mm512_srli_epi64(p10, 32)));
    }
    // Shoup with the approximate quotient: y w - Q q in [0, 4q), computed mod 2^64.
    V mul(V y, V w, V ws) const {
        const V quot = mulhi_approx(y, ws);
        V r = _mm512_sub_epi64(_mm512_mullo_epi64(y, w), _mm512_mullo_epi64(quot, q));
        // Keep r as one value: otherwise GCC reassociates x + (u - v) and x - (u - v) + bound into five
        // additions instead of four (one more uop per butterfly on the two busy vector ports).
        __asm__("" : "+v"(r));
        return r;
    }
};

}  // namespace

bool ntt_avx512dq_supports(const NttTables& t) { return t.n() >= 16 && t.modulus().value() < (u64{1} << 61); }

// Headroom mode (see ntt_avx512_impl.hpp) with B = 4q: forward needs 16q < 2^64, inverse 32q < 2^64.
void ntt_forward_avx512dq(const NttTables& t, u64* a) {
    const u64 q = t.modulus().value();
    const u64 *w = t.root_powers().data(), *ws = t.root_powers_shoup().data();
    if (q < (u64{1} << 60)) forward_impl<true>(t.n(), a, w, ws, Dq64(q));
    else forward_impl<false>(t.n(), a, w, ws, Dq64(q));
}

void ntt_inverse_avx512dq(const NttTables& t, u64* a) {
    const NttKernelTables& k = t.kernel_tables();
    const u64 q = t.modulus().value();
    const u64 *w = t.inv_root_powers().data(), *ws = t.inv_root_powers_shoup().data();
    if (q < (u64{1} << 59))
        inverse_impl<true>(t.n(), a, w, ws, t.inv_n(), k.inv_n_shoup, k.inv_n_w, k.inv_n_w_shoup, Dq64(q));
    else inverse_impl<false>(t.n(), a, w, ws, t.inv_n(), k.inv_n_shoup, k.inv_n_w, k.inv_n_w_shoup, Dq64(q));
}

}  // namespace he4j::ring::detail
