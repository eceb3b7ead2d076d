#include "ckks/crt.hpp"

#include <cmath>

#include "ckks/fast_mod.hpp"

namespace he4j::ckks {

using ring::u64;

CenteredCrt::CenteredCrt(const std::vector<ring::Modulus>& primes) {
    const std::size_t k = primes.size();
    for (const auto& p : primes) {
        q_.push_back(p.value());
        bh_.push_back(p.barrett_hi());
        log2_q_ += std::log2(static_cast<double>(p.value()));
    }
    inv_.assign(k, 0);
    inv_shoup_.assign(k, 0);
    qm_.assign(k * k, 0);
    qm_shoup_.assign(k * k, 0);
    for (std::size_t j = 1; j < k; ++j) {
        u64 prod = 1;
        for (std::size_t m = 0; m < j; ++m) {
            const u64 qm = primes[j].reduce(q_[m]);
            qm_[j * k + m] = qm;
            qm_shoup_[j * k + m] = ring::shoup_precompute(qm, q_[j]);
            prod = ring::mul_mod(prod, qm, primes[j]);
        }
        inv_[j] = ring::inv_mod(prod, primes[j]);
        inv_shoup_[j] = ring::shoup_precompute(inv_[j], q_[j]);
    }
}

void CenteredCrt::mixed_radix(const u64* r, u64* a) const {
    const std::size_t k = q_.size();
    a[0] = r[0];
    for (std::size_t j = 1; j < k; ++j) {
        const u64 q = q_[j];
        // partial = a_0 + a_1 q_0 + ... + a_{j-1} q_0...q_{j-2} mod q_j, by Horner from the top digit.
        u64 partial = reduce64(a[j - 1], q, bh_[j]);
        for (std::size_t m = j - 1; m-- > 0;) {
            partial = ring::mul_mod_shoup(partial, qm_[j * k + m], qm_shoup_[j * k + m], q);
            const u64 t = partial + reduce64(a[m], q, bh_[j]);
            partial = t >= q ? t - q : t;
        }
        const u64 diff = r[j] >= partial ? r[j] - partial : r[j] + q - partial;
        a[j] = ring::mul_mod_shoup(diff, inv_[j], inv_shoup_[j], q);
    }
}

void CenteredCrt::compose(const u64* const* rows, std::size_t n, long double* out) const {
    const std::size_t k = q_.size();
    if (k == 1) {
        const u64 q = q_[0];
        for (std::size_t c = 0; c < n; ++c) {
            const u64 r = rows[0][c];
            out[c] = r > q / 2 ? -static_cast<long double>(q - r) : static_cast<long double>(r);
        }
        return;
    }
    u64 r[64], a[64];
    for (std::size_t c = 0; c < n; ++c) {
        for (std::size_t i = 0; i < k; ++i) r[i] = rows[i][c];
        mixed_radix(r, a);
        // x from digits a_j; Q - 1 - x has digits q_j - 1 - a_j (no borrows), so Q - x costs one more Horner.
        long double pos = static_cast<long double>(a[k - 1]);
        long double neg = static_cast<long double>(q_[k - 1] - 1 - a[k - 1]);
        for (std::size_t j = k - 1; j-- > 0;) {
            const long double qj = static_cast<long double>(q_[j]);
            pos = pos * qj + static_cast<long double>(a[j]);
            neg = neg * qj + static_cast<long double>(q_[j] - 1 - a[j]);
        }
        neg += 1;
        out[c] = pos <= neg ? pos : -neg;
    }
}

}  // namespace he4j::ckks
