// NTT-friendly primes and primitive roots.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace he4j::ring {

// Deterministic Miller-Rabin, exact for all 64-bit n.
bool is_prime(std::uint64_t n);

// `count` distinct primes q with q ≡ 1 (mod 2n) and bit length exactly `bits` (20 <= bits <= 61),
// searched downward from 2^bits; deterministic. `exclude` lists primes that must not be returned
// (so several calls with the same size give disjoint primes). Throws std::invalid_argument if
// there are not enough.
std::vector<std::uint64_t> ntt_primes(int bits, std::size_t n, std::size_t count,
                                      const std::vector<std::uint64_t>& exclude = {});

// The smallest primitive `order`-th root of unity mod prime q (order a power of two dividing q-1).
std::uint64_t minimal_primitive_root(std::uint64_t order, std::uint64_t q);

}  // namespace he4j::ring
