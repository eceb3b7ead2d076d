// AVX-512 DQ NTT kernel for q < 2^61 (64-bit lanes): Shoup products with 64-bit companions, the high
// half of y * w' assembled from four 32x32-bit products (vpmuludq), the low halves with vpmullq.
#include "ntt_avx512_impl.hpp"

namespace he4j::ring::detail {
namespace {

struct Dq64 {
    V q, two_q;
    explicit Dq64(u64 qv) : q(bcast(qv)), two_q(bcast(2 * qv)) {}
    // floor(a * b / 2^64) exactly, from 32-bit pieces without overflow.
    static V mulhi(V a, V b) {
        const V a_hi = _mm512_srli_epi64(a, 32), b_hi = _mm512_srli_epi64(b, 32);
        const V p00 = _mm512_mul_epu32(a, b), p01 = _mm512_mul_epu32(a, b_hi);
        const V p10 = _mm512_mul_epu32(a_hi, b), p11 = _mm512_mul_epu32(a_hi, b_hi);
        const V mid = _mm512_add_epi64(p10, _mm512_srli_epi64(p00, 32));
        const V mid2 = _mm512_add_epi64(p01, _mm512_and_si512(mid, _mm512_set1_epi64(0xffffffff)));
        return _mm512_add_epi64(_mm512_add_epi64(p11, _mm512_srli_epi64(mid, 32)), _mm512_srli_epi64(mid2, 32));
    }
    // Shoup: y w - floor(y w' / 2^64) q in [0, 2q), computed mod 2^64.
    V mul(V y, V w, V ws) const {
        const V quot = mulhi(y, ws);
        return _mm512_sub_epi64(_mm512_mullo_epi64(y, w), _mm512_mullo_epi64(quot, q));
    }
};

}  // namespace

bool ntt_avx512dq_supports(const NttTables& t) { return t.n() >= 16 && t.modulus().value() < (u64{1} << 61); }

void ntt_forward_avx512dq(const NttTables& t, u64* a) {
    forward_impl(t.n(), a, t.root_powers().data(), t.root_powers_shoup().data(), Dq64(t.modulus().value()));
}

void ntt_inverse_avx512dq(const NttTables& t, u64* a) {
    const NttKernelTables& k = t.kernel_tables();
    inverse_impl(t.n(), a, t.inv_root_powers().data(), t.inv_root_powers_shoup().data(), t.inv_n(), k.inv_n_shoup,
                 k.inv_n_w, k.inv_n_w_shoup, Dq64(t.modulus().value()));
}

}  // namespace he4j::ring::detail
