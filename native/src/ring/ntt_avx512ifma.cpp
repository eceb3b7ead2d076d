// AVX-512 IFMA52 NTT kernel for q < 2^50: Shoup products on 52-bit limbs (vpmadd52lo/hi), with companions
// w' = floor(w * 2^52 / q). Lazy values stay below 4q < 2^52, inside the multiplier's 52-bit inputs.
#include "ntt_avx512_impl.hpp"

namespace he4j::ring::detail {
namespace {

struct Ifma52 {
    static constexpr int kChunk = 1;  // 4-cycle multiplies: one vector per step keeps register pressure low
    V q, bound, neg_q, mask52;  // bound = 2q
    explicit Ifma52(u64 qv)
        : q(bcast(qv)), bound(bcast(2 * qv)), neg_q(bcast((u64{1} << 52) - qv)), mask52(bcast((u64{1} << 52) - 1)) {}
    V reduce(V x) const { return csub(x, q); }
    // Q = floor(y w' / 2^52) is within 2 below y w / q, so y w - Q q lies in [0, 2q) < 2^52 and is
    // recovered exactly from the low 52 bits: (y w mod 2^52) + (Q (2^52 - q) mod 2^52), masked.
    V mul(V y, V w, V ws) const {
        const V zero = _mm512_setzero_si512();
        const V quot = _mm512_madd52hi_epu64(zero, y, ws);
        const V lo = _mm512_madd52lo_epu64(zero, y, w);
        return _mm512_and_si512(_mm512_madd52lo_epu64(lo, quot, neg_q), mask52);
    }
};

}  // namespace

bool ntt_avx512ifma_supports(const NttTables& t) {
    return t.n() >= 16 && t.modulus().value() < (u64{1} << 50) && !t.kernel_tables().root_powers_shoup52.empty();
}

void ntt_forward_avx512ifma(const NttTables& t, u64* a) {
    forward_impl<false>(t.n(), a, t.root_powers().data(), t.kernel_tables().root_powers_shoup52.data(),
                 Ifma52(t.modulus().value()));
}

void ntt_inverse_avx512ifma(const NttTables& t, u64* a) {
    const NttKernelTables& k = t.kernel_tables();
    inverse_impl<false>(t.n(), a, t.inv_root_powers().data(), k.inv_root_powers_shoup52.data(), t.inv_n(), k.inv_n_shoup52,
                 k.inv_n_w, k.inv_n_w_shoup52, Ifma52(t.modulus().value()));
}

}  // namespace he4j::ring::detail
