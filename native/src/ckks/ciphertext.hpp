// A ciphertext (c_0, ..., c_{size-1}) at a level, each polynomial level+1 rows of N words in NTT form.
// A fresh symmetric ciphertext remembers the seed c_1 was expanded from, so it serializes at half size;
// any operation writing a ciphertext clears it.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "ckks/poly_storage.hpp"

namespace he4j::ckks {

struct Ciphertext {
    std::uint32_t level = 0;
    std::uint32_t size = 0;  // 0 = empty, 2, or 3 after an unrelinearized multiply
    double scale = 0;
    PolyStorage data;  // size * (level+1) * N
    bool seeded = false;
    std::array<std::uint8_t, 32> seed{};

    bool empty() const { return size == 0; }
    std::size_t rows() const { return level + 1; }
    std::uint64_t* poly(std::size_t k, std::size_t n) { return data.data() + k * rows() * n; }
    const std::uint64_t* poly(std::size_t k, std::size_t n) const { return data.data() + k * rows() * n; }
    // Reshapes (contents unspecified) and clears the seed.
    void reset(std::uint32_t new_level, std::uint32_t new_size, std::size_t n) {
        level = new_level;
        size = new_size;
        data.resize(static_cast<std::size_t>(new_size) * (new_level + 1) * n);
        seeded = false;
    }
};

}  // namespace he4j::ckks
