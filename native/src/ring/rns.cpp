// RNS base (CRT composition with multi-word integers) and fast base conversion
// (Bajard, Eynard, Hasan, Zucca, SAC 2016; Halevi, Polyakov, Shoup, CT-RSA 2019).
#include "rns.hpp"

#include <numeric>
#include <stdexcept>

namespace he4j::ring {
namespace {

using Words = std::vector<u64>;

// x *= w (little-endian words), growing as needed.
void mul_word(Words& x, u64 w) {
    u64 carry = 0;
    for (u64& d : x) {
        const u128 p = static_cast<u128>(d) * w + carry;
        d = static_cast<u64>(p);
        carry = static_cast<u64>(p >> 64);
    }
    if (carry != 0) x.push_back(carry);
}

// x += y; x must have at least y.size() words; returns the carry out of x's top word.
u64 add_in_place(Words& x, const Words& y) {
    u64 carry = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        const u128 s = static_cast<u128>(x[i]) + (i < y.size() ? y[i] : 0) + carry;
        x[i] = static_cast<u64>(s);
        carry = static_cast<u64>(s >> 64);
    }
    return carry;
}

// x >= y for equal-length word vectors.
bool geq(const Words& x, const Words& y) {
    for (std::size_t i = x.size(); i-- > 0;) {
        if (x[i] != y[i]) return x[i] > y[i];
    }
    return true;
}

void sub_in_place(Words& x, const Words& y) {
    u64 borrow = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        const u64 yi = y[i];
        const u64 d = x[i] - yi - borrow;
        borrow = (x[i] < yi || (x[i] == yi && borrow)) ? 1 : 0;
        x[i] = d;
    }
}

// Multi-word value mod a single modulus, by Horner from the top word.
u64 words_mod(const Words& x, const Modulus& m) {
    u64 r = 0;
    for (std::size_t i = x.size(); i-- > 0;) r = m.reduce128((static_cast<u128>(r) << 64) | x[i]);
    return r;
}

Words punctured_product(const std::vector<Modulus>& moduli, std::size_t skip) {
    Words p{1};
    for (std::size_t k = 0; k < moduli.size(); ++k) {
        if (k != skip) mul_word(p, moduli[k].value());
    }
    return p;
}

}  // namespace

RnsBase::RnsBase(std::vector<Modulus> moduli) : moduli_(std::move(moduli)) {
    if (moduli_.empty()) throw std::invalid_argument("RnsBase: empty base");
    for (std::size_t i = 0; i < moduli_.size(); ++i) {
        for (std::size_t j = i + 1; j < moduli_.size(); ++j) {
            if (std::gcd(moduli_[i].value(), moduli_[j].value()) != 1)
                throw std::invalid_argument("RnsBase: moduli must be pairwise coprime");
        }
    }
    product_ = Words{1};
    for (const Modulus& m : moduli_) mul_word(product_, m.value());
    punctured_inv_.resize(moduli_.size());
    for (std::size_t i = 0; i < moduli_.size(); ++i) {
        const u64 qhat = words_mod(punctured_product(moduli_, i), moduli_[i]);
        punctured_inv_[i] = moduli_.size() == 1 ? 1 % moduli_[i].value() : inv_mod(qhat, moduli_[i]);
    }
}

std::vector<std::uint64_t> RnsBase::compose(const std::uint64_t* residues) const {
    // x = sum_i [r_i * (Q/q_i)^-1 mod q_i] * (Q/q_i) mod Q; each term < Q so the sum stays < size() * Q.
    const std::size_t words = product_.size();
    Words acc(words + 1, 0);
    Words q_ext = product_;
    q_ext.push_back(0);
    for (std::size_t i = 0; i < moduli_.size(); ++i) {
        const u64 c = mul_mod(moduli_[i].reduce(residues[i]), punctured_inv_[i], moduli_[i]);
        Words term = punctured_product(moduli_, i);
        mul_word(term, c);
        term.resize(words + 1, 0);
        add_in_place(acc, term);
        while (geq(acc, q_ext)) sub_in_place(acc, q_ext);
    }
    acc.resize(words);
    return acc;
}

BaseConverter::BaseConverter(const RnsBase& from, const RnsBase& to) : from_(from), to_(to) {
    const std::size_t k = from_.size();
    q_hat_inv_ = from_.punctured_inv();
    q_hat_inv_shoup_.resize(k);
    for (std::size_t i = 0; i < k; ++i) q_hat_inv_shoup_[i] = shoup_precompute(q_hat_inv_[i], from_[i].value());
    q_hat_mod_p_.resize(to_.size() * k);
    for (std::size_t i = 0; i < k; ++i) {
        const Words qhat = punctured_product(from_.moduli(), i);
        for (std::size_t j = 0; j < to_.size(); ++j) q_hat_mod_p_[j * k + i] = words_mod(qhat, to_[j]);
    }
}

void BaseConverter::convert(const std::uint64_t* in, std::uint64_t* out, std::size_t n) const {
    const std::size_t k = from_.size();
    // y_i = x_i * (Q/q_i)^-1 mod q_i, then out_j = sum_i y_i * (Q/q_i) mod p_j (no correction of the
    // multiple of Q, hence "fast": the result is x + e*Q with 0 <= e < k).
    std::vector<u64> y(k * n);
    for (std::size_t i = 0; i < k; ++i) {
        const u64 qi = from_[i].value(), w = q_hat_inv_[i], ws = q_hat_inv_shoup_[i];
        for (std::size_t c = 0; c < n; ++c) y[i * n + c] = mul_mod_shoup(in[i * n + c], w, ws, qi);
    }
    for (std::size_t j = 0; j < to_.size(); ++j) {
        const Modulus& p = to_[j];
        const u64* row = &q_hat_mod_p_[j * k];
        for (std::size_t c = 0; c < n; ++c) {
            // Products are < 2^124; accumulate up to 8 before reducing so the 128-bit sum cannot overflow.
            u64 acc = 0;
            for (std::size_t i = 0; i < k; i += 8) {
                u128 s = acc;
                const std::size_t end = i + 8 < k ? i + 8 : k;
                for (std::size_t t = i; t < end; ++t) s += static_cast<u128>(y[t * n + c]) * row[t];
                acc = p.reduce128(s);
            }
            out[j * n + c] = acc;
        }
    }
}

}  // namespace he4j::ring
