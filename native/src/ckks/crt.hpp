// Exact centered CRT composition of RNS residues into long double, for decoding.
// x = sum_i [r_i * (Q/q_i)^-1]_{q_i} * (Q/q_i) - k*Q computed in multi-word integers, then mapped to
// (-Q/2, Q/2] and rounded once to long double (64-bit mantissa), so precision does not depend on Q.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "ring/modarith.hpp"

namespace he4j::ckks {

class CenteredCrt {
public:
    explicit CenteredCrt(const std::vector<ring::Modulus>& primes);
    std::size_t size() const { return primes_.size(); }
    // rows[i] points to n residues mod primes[i] (coefficient form); out[k] gets the centered value.
    void compose(const std::uint64_t* const* rows, std::size_t n, long double* out) const;
    // log2(Q), for range checks.
    double log2_q() const { return log2_q_; }

private:
    std::vector<ring::Modulus> primes_;
    std::size_t words_ = 0;                   // words per multi-word integer
    std::vector<std::uint64_t> q_hat_;        // size() rows of words_: Q/q_i
    std::vector<std::uint64_t> q_hat_inv_, q_hat_inv_shoup_;
    std::vector<std::uint64_t> q_, half_q_;   // Q and floor(Q/2)
    double log2_q_ = 0;
};

}  // namespace he4j::ckks
