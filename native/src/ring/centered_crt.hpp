// Exact centered CRT composition of RNS residues into long double, for decoding.
// Garner's mixed-radix conversion gives x = a_0 + q_0 (a_1 + q_1 (a_2 + ...)) with digits a_k < q_k using
// word-size modular arithmetic only. Comparing the digits with those of (Q-1)/2 gives the sign exactly
// (even for |x| within an ulp of Q/2); evaluating the mixed-radix form of x or of Q - x by Horner in long
// double (64-bit mantissa) keeps the full precision of the centered value regardless of Q.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "ring/modarith.hpp"

namespace he4j::ring {

class CenteredCrt {
public:
    static constexpr std::size_t kMaxPrimes = 64;
    // Distinct primes, 1 to kMaxPrimes of them; throws std::invalid_argument otherwise.
    explicit CenteredCrt(const std::vector<Modulus>& primes);
    std::size_t size() const { return q_.size(); }
    // rows[i] points to n residues mod primes[i] (coefficient form); out[k] gets the centered value.
    void compose(const std::uint64_t* const* rows, std::size_t n, long double* out) const;
    // log2(Q), for range checks.
    double log2_q() const { return log2_q_; }

private:
    // Mixed-radix digits a (one per prime) of the residues r.
    void mixed_radix(const std::uint64_t* r, std::uint64_t* a) const;
    std::vector<std::uint64_t> q_, bh_;                       // primes and their Barrett constants
    std::vector<std::uint64_t> inv_, inv_shoup_;              // (q_0...q_{k-1})^-1 mod q_k
    std::vector<std::uint64_t> qm_, qm_shoup_;                // q_m mod q_k at [k * size + m]
    std::vector<std::uint64_t> half_;                         // mixed-radix digits of (Q-1)/2
    double log2_q_ = 0;
};

}  // namespace he4j::ring
