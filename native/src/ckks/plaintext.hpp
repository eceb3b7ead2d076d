// A plaintext polynomial at a level: level+1 rows of N words (row i mod q_i), in NTT form.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "ckks/poly_storage.hpp"

namespace he4j::ckks {

struct Plaintext {
    std::uint32_t level = 0;
    double scale = 0;
    PolyStorage data;  // empty until encoded

    bool empty() const { return data.empty(); }
    std::size_t rows() const { return level + 1; }
    std::uint64_t* row(std::size_t i, std::size_t n) { return data.data() + i * n; }
    const std::uint64_t* row(std::size_t i, std::size_t n) const { return data.data() + i * n; }
};

}  // namespace he4j::ckks
