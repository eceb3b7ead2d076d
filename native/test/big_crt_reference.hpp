// Test reference: exact CRT over multi-word integers (schoolbook arithmetic on little-endian 64-bit words,
// every modular step in plain 128-bit arithmetic). It shares no code with ring/, so the ring's base
// converter and centered CRT are checked against an independent definition:
//   x = sum_i [r_i * (Q/q_i)^-1 mod q_i] * (Q/q_i) mod Q,  the unique x in [0, Q) with x = r_i mod q_i.
#pragma once
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace he4j::ring::test {

using BigWords = std::vector<std::uint64_t>;  // little-endian, no fixed length

inline std::uint64_t mul_mod_ref(std::uint64_t a, std::uint64_t b, std::uint64_t q) {
    return static_cast<std::uint64_t>(static_cast<unsigned __int128>(a) * b % q);
}

// a^(q-2) mod q: the inverse of a != 0 modulo a prime q (Fermat).
inline std::uint64_t inv_mod_ref(std::uint64_t a, std::uint64_t q) {
    std::uint64_t r = 1, b = a % q;
    for (std::uint64_t e = q - 2; e != 0; e >>= 1, b = mul_mod_ref(b, b, q))
        if (e & 1) r = mul_mod_ref(r, b, q);
    return r;
}

inline void big_mul_word(BigWords& x, std::uint64_t w) {
    std::uint64_t carry = 0;
    for (auto& d : x) {
        const unsigned __int128 p = static_cast<unsigned __int128>(d) * w + carry;
        d = static_cast<std::uint64_t>(p);
        carry = static_cast<std::uint64_t>(p >> 64);
    }
    if (carry != 0) x.push_back(carry);
}

// x + y, as long as the longer operand plus one word.
inline BigWords big_add(const BigWords& x, const BigWords& y) {
    BigWords s(std::max(x.size(), y.size()) + 1, 0);
    std::uint64_t carry = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const unsigned __int128 t = static_cast<unsigned __int128>(i < x.size() ? x[i] : 0) +
                                    (i < y.size() ? y[i] : 0) + carry;
        s[i] = static_cast<std::uint64_t>(t);
        carry = static_cast<std::uint64_t>(t >> 64);
    }
    return s;
}

// Three-way comparison, ignoring leading zero words.
inline int big_cmp(const BigWords& x, const BigWords& y) {
    for (std::size_t i = std::max(x.size(), y.size()); i-- > 0;) {
        const std::uint64_t a = i < x.size() ? x[i] : 0, b = i < y.size() ? y[i] : 0;
        if (a != b) return a < b ? -1 : 1;
    }
    return 0;
}

// x - y for x >= y, as long as x.
inline BigWords big_sub(const BigWords& x, const BigWords& y) {
    BigWords d(x.size());
    std::uint64_t borrow = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        const std::uint64_t b = i < y.size() ? y[i] : 0;
        const unsigned __int128 t = static_cast<unsigned __int128>(x[i]) - b - borrow;
        d[i] = static_cast<std::uint64_t>(t);
        borrow = static_cast<std::uint64_t>(t >> 64) != 0 ? 1 : 0;
    }
    return d;
}

inline std::uint64_t big_mod(const BigWords& x, std::uint64_t q) {
    unsigned __int128 r = 0;
    for (std::size_t i = x.size(); i-- > 0;) r = ((r << 64) | x[i]) % q;
    return static_cast<std::uint64_t>(r);
}

// x as long double, by Horner from the top word.
inline long double big_to_long_double(const BigWords& x) {
    long double v = 0;
    for (std::size_t i = x.size(); i-- > 0;) v = v * 18446744073709551616.0L + static_cast<long double>(x[i]);
    return v;
}

class BigCrt {
public:
    explicit BigCrt(std::vector<std::uint64_t> primes) : q_(std::move(primes)), product_{1} {
        for (auto q : q_) big_mul_word(product_, q);
    }
    const BigWords& product() const { return product_; }

    BigWords compose(const std::uint64_t* residues) const {
        BigWords x{0};
        for (std::size_t i = 0; i < q_.size(); ++i) {
            BigWords q_hat{1};
            std::uint64_t q_hat_mod_qi = 1;
            for (std::size_t k = 0; k < q_.size(); ++k) {
                if (k == i) continue;
                big_mul_word(q_hat, q_[k]);
                q_hat_mod_qi = mul_mod_ref(q_hat_mod_qi, q_[k] % q_[i], q_[i]);
            }
            big_mul_word(q_hat, mul_mod_ref(residues[i] % q_[i], inv_mod_ref(q_hat_mod_qi, q_[i]), q_[i]));
            x = big_add(x, q_hat);
            while (big_cmp(x, product_) >= 0) x = big_sub(x, product_);
        }
        return x;
    }

    // The centered representative of x in (-Q/2, Q/2] as long double.
    long double centered(const BigWords& x) const {
        const BigWords twice = big_add(x, x);
        if (big_cmp(twice, product_) <= 0) return big_to_long_double(x);
        return -big_to_long_double(big_sub(product_, x));
    }

private:
    std::vector<std::uint64_t> q_;
    BigWords product_;
};

}  // namespace he4j::ring::test
