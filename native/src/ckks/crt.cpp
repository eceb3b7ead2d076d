#include "ckks/crt.hpp"

#include <cmath>

namespace he4j::ckks {

using ring::u128;
using ring::u64;

namespace {

// acc (w words) += a (w words) * m; the product fits by construction.
void mul_add(u64* acc, const u64* a, u64 m, std::size_t w) {
    u64 carry = 0;
    for (std::size_t i = 0; i < w; ++i) {
        u128 t = static_cast<u128>(a[i]) * m + acc[i] + carry;
        acc[i] = static_cast<u64>(t);
        carry = static_cast<u64>(t >> 64);
    }
}

void mul_word(u64* out, const u64* a, u64 m, std::size_t w) {
    u64 carry = 0;
    for (std::size_t i = 0; i < w; ++i) {
        u128 t = static_cast<u128>(a[i]) * m + carry;
        out[i] = static_cast<u64>(t);
        carry = static_cast<u64>(t >> 64);
    }
}

int compare(const u64* a, const u64* b, std::size_t w) {
    for (std::size_t i = w; i-- > 0;)
        if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
    return 0;
}

void sub_in_place(u64* a, const u64* b, std::size_t w) {
    u64 borrow = 0;
    for (std::size_t i = 0; i < w; ++i) {
        u64 bi = b[i] + borrow;
        u64 nb = (bi < borrow) || (a[i] < bi) ? 1 : 0;
        a[i] -= bi;
        borrow = nb;
    }
}

long double to_long_double(const u64* a, std::size_t w) {
    long double v = 0;
    for (std::size_t i = w; i-- > 0;) v = v * 18446744073709551616.0L + static_cast<long double>(a[i]);
    return v;
}

}  // namespace

CenteredCrt::CenteredCrt(const std::vector<ring::Modulus>& primes) : primes_(primes) {
    const std::size_t k = primes.size();
    words_ = k + 1;
    q_hat_.assign(k * words_, 0);
    q_.assign(words_, 0);
    q_[0] = 1;
    for (std::size_t i = 0; i < k; ++i) {
        std::vector<u64> t(words_);
        mul_word(t.data(), q_.data(), primes[i].value(), words_);
        q_ = t;
        log2_q_ += std::log2(static_cast<double>(primes[i].value()));
    }
    half_q_.assign(words_, 0);
    for (std::size_t i = 0; i < words_; ++i)
        half_q_[i] = (q_[i] >> 1) | (i + 1 < words_ ? q_[i + 1] << 63 : 0);
    q_hat_inv_.resize(k);
    q_hat_inv_shoup_.resize(k);
    for (std::size_t i = 0; i < k; ++i) {
        u64* h = &q_hat_[i * words_];
        h[0] = 1;
        u64 h_mod = 1;
        for (std::size_t m = 0; m < k; ++m) {
            if (m == i) continue;
            std::vector<u64> t(words_);
            mul_word(t.data(), h, primes[m].value(), words_);
            std::copy(t.begin(), t.end(), h);
            h_mod = ring::mul_mod(h_mod, primes[i].reduce(primes[m].value()), primes[i]);
        }
        q_hat_inv_[i] = ring::inv_mod(h_mod, primes[i]);
        q_hat_inv_shoup_[i] = ring::shoup_precompute(q_hat_inv_[i], primes[i].value());
    }
}

void CenteredCrt::compose(const u64* const* rows, std::size_t n, long double* out) const {
    const std::size_t k = primes_.size(), w = words_;
    if (k == 1) {
        const u64 q = primes_[0].value();
        for (std::size_t c = 0; c < n; ++c) {
            u64 r = rows[0][c];
            out[c] = r > q / 2 ? -static_cast<long double>(q - r) : static_cast<long double>(r);
        }
        return;
    }
    std::vector<u64> acc(w), t(w);
    std::vector<u64> y(k);
    for (std::size_t c = 0; c < n; ++c) {
        std::fill(acc.begin(), acc.end(), 0);
        long double frac = 0;
        for (std::size_t i = 0; i < k; ++i) {
            const u64 q = primes_[i].value();
            y[i] = ring::mul_mod_shoup(rows[i][c], q_hat_inv_[i], q_hat_inv_shoup_[i], q);
            mul_add(acc.data(), &q_hat_[i * w], y[i], w);
            frac += static_cast<long double>(y[i]) / static_cast<long double>(q);
        }
        // acc = x + e*Q with 0 <= e < k; remove e*Q using the fractional estimate, then correct exactly.
        u64 e = static_cast<u64>(std::floor(frac));
        if (e > 0) {
            mul_word(t.data(), q_.data(), e, w);
            if (compare(acc.data(), t.data(), w) < 0) sub_in_place(t.data(), q_.data(), w);
            sub_in_place(acc.data(), t.data(), w);
        }
        while (compare(acc.data(), q_.data(), w) >= 0) sub_in_place(acc.data(), q_.data(), w);
        if (compare(acc.data(), half_q_.data(), w) > 0) {
            t = q_;
            sub_in_place(t.data(), acc.data(), w);
            out[c] = -to_long_double(t.data(), w);
        } else {
            out[c] = to_long_double(acc.data(), w);
        }
    }
}

}  // namespace he4j::ckks
