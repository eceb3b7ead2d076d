// Residue number system: a base of coprime word-size moduli, CRT composition and fast base conversion.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "modarith.hpp"

namespace he4j::ring {

class RnsBase {
public:
    explicit RnsBase(std::vector<Modulus> moduli);  // pairwise coprime, throws otherwise
    std::size_t size() const { return moduli_.size(); }
    const Modulus& operator[](std::size_t i) const { return moduli_[i]; }
    const std::vector<Modulus>& moduli() const { return moduli_; }

    // CRT composition of one residue vector (size() words) into a little-endian multi-word integer
    // in [0, Q). Slow; for tests and decoding diagnostics.
    std::vector<std::uint64_t> compose(const std::uint64_t* residues) const;
    // Product Q as little-endian words.
    const std::vector<std::uint64_t>& product() const { return product_; }

    // Q/q_i mod q_i inverses and Shoup companions, used by base conversion.
    const std::vector<std::uint64_t>& punctured_inv() const { return punctured_inv_; }

private:
    std::vector<Modulus> moduli_;
    std::vector<std::uint64_t> product_;
    std::vector<std::uint64_t> punctured_inv_;
};

// Fast (approximate) base conversion from base `from` to base `to` (Halevi-Polyakov-Shoup, CT-RSA 2019 /
// Bajard et al. SAC 2016): for x in [0, Q) given by residues, returns x + e*Q mod p_j with 0 <= e < from.size().
// Layout: `in` is from.size() rows of n words (row i mod from[i]); `out` is to.size() rows of n words.
class BaseConverter {
public:
    BaseConverter(const RnsBase& from, const RnsBase& to);
    void convert(const std::uint64_t* in, std::uint64_t* out, std::size_t n) const;
    const RnsBase& from() const { return from_; }
    const RnsBase& to() const { return to_; }

private:
    RnsBase from_, to_;
    std::vector<std::uint64_t> q_hat_inv_, q_hat_inv_shoup_;  // (Q/q_i)^-1 mod q_i
    std::vector<std::uint64_t> q_hat_mod_p_;                  // (Q/q_i) mod p_j, row j
};

}  // namespace he4j::ring
