#include "ring/centered_crt.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace he4j::ring {

CenteredCrt::CenteredCrt(const std::vector<Modulus>& primes) {
    if (primes.empty() || primes.size() > kMaxPrimes)
        throw std::invalid_argument("CenteredCrt: 1 to " + std::to_string(kMaxPrimes) + " primes");
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
            qm_shoup_[j * k + m] = shoup_precompute(qm, q_[j]);
            prod = mul_mod(prod, qm, primes[j]);
        }
        inv_[j] = inv_mod(prod, primes[j]);
        inv_shoup_[j] = shoup_precompute(inv_[j], q_[j]);
    }
    // Digits of (Q-1)/2: halve Q - 1 (digits q_j - 1) from the top digit; the carried remainder is worth
    // q_j units of the next digit down, and rem * q_j + digit < 2 q_j < 2^63.
    half_.assign(k, 0);
    u64 rem = 0;
    for (std::size_t j = k; j-- > 0;) {
        const u64 cur = rem * q_[j] + (q_[j] - 1);
        half_[j] = cur / 2;
        rem = cur % 2;
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
            partial = mul_mod_shoup(partial, qm_[j * k + m], qm_shoup_[j * k + m], q);
            const u64 t = partial + reduce64(a[m], q, bh_[j]);
            partial = t >= q ? t - q : t;
        }
        const u64 diff = r[j] >= partial ? r[j] - partial : r[j] + q - partial;
        a[j] = mul_mod_shoup(diff, inv_[j], inv_shoup_[j], q);
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
    u64 r[kMaxPrimes], a[kMaxPrimes];
    for (std::size_t c = 0; c < n; ++c) {
        for (std::size_t i = 0; i < k; ++i) r[i] = rows[i][c];
        mixed_radix(r, a);
        // The sign, exactly: x > (Q-1)/2 iff its digits are lexicographically larger, from the top digit.
        bool negative = false;
        for (std::size_t j = k; j-- > 0;) {
            if (a[j] != half_[j]) {
                negative = a[j] > half_[j];
                break;
            }
        }
        // Then the magnitude by Horner: x itself, or Q - x = (Q - 1 - x) + 1 whose digits are q_j - 1 - a_j.
        long double v = 0;
        if (negative) {
            for (std::size_t j = k; j-- > 0;) v = v * static_cast<long double>(q_[j]) + static_cast<long double>(q_[j] - 1 - a[j]);
            out[c] = -(v + 1);
        } else {
            for (std::size_t j = k; j-- > 0;) v = v * static_cast<long double>(q_[j]) + static_cast<long double>(a[j]);
            out[c] = v;
        }
    }
}

}  // namespace he4j::ring
