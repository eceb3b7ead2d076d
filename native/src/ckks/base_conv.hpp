// Fast base conversion (Bajard-Eynard-Hasan-Zucca, SAC 2016; Halevi-Polyakov-Shoup, CT-RSA 2019) tuned
// for key switching: out_j = sum_i [x_i * (Q/q_i)^-1]_{q_i} * (Q/q_i) mod p_j, every product a Shoup
// multiplication by a precomputed constant, and no division or 128-bit reduction in the inner loop.
// The result is x + e*Q mod p_j with 0 <= e < #from, which hybrid key switching tolerates.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "ring/modarith.hpp"

namespace he4j::ckks {

class FastBaseConverter {
public:
    FastBaseConverter(const std::vector<ring::Modulus>& from, const std::vector<ring::Modulus>& to);
    std::size_t from_size() const { return from_.size(); }
    std::size_t to_size() const { return to_.size(); }
    // in: from_size rows of n words (coefficient form); out[j]: row j of the result (n words);
    // tmp: from_size rows of n words of scratch (unused when from_size == 1).
    void convert(const std::uint64_t* in, std::uint64_t* const* out, std::size_t n, std::uint64_t* tmp) const;

private:
    std::vector<std::uint64_t> from_, to_, to_barrett_;
    std::vector<ring::Modulus> from_mod_, to_mod_;
    std::vector<std::uint64_t> inv_, inv_shoup_;  // (Q/q_i)^-1 mod q_i
    std::vector<std::uint64_t> w_, w_shoup_;      // (Q/q_i) mod p_j at [j * from + i]
};

}  // namespace he4j::ckks
