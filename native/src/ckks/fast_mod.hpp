// Inline word reductions for the scheme's hot loops (the ring's Modulus::reduce is out of line).
#pragma once
#include <cstdint>

#include "ring/modarith.hpp"

namespace he4j::ckks {

// x mod q for any 64-bit x, with bh = q.barrett_hi() = floor(2^64 / q): the Barrett estimate is at most
// one short, so one conditional subtraction suffices.
inline std::uint64_t reduce64(std::uint64_t x, std::uint64_t q, std::uint64_t bh) {
    const std::uint64_t quot = static_cast<std::uint64_t>((static_cast<unsigned __int128>(x) * bh) >> 64);
    const std::uint64_t r = x - quot * q;
    return r >= q ? r - q : r;
}

}  // namespace he4j::ckks
