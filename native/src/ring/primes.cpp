// NTT-friendly prime search and primitive roots of unity.
#include "primes.hpp"

#include <algorithm>
#include <stdexcept>

#include "modarith.hpp"

namespace he4j::ring {
namespace {

u64 mulm(u64 a, u64 b, u64 n) { return static_cast<u64>(static_cast<u128>(a) * b % n); }

u64 powm(u64 b, u64 e, u64 n) {
    u64 r = 1 % n;
    b %= n;
    while (e != 0) {
        if (e & 1) r = mulm(r, b, n);
        b = mulm(b, b, n);
        e >>= 1;
    }
    return r;
}

}  // namespace

bool is_prime(std::uint64_t n) {
    if (n < 2) return false;
    // The first 12 primes as Miller-Rabin bases are exact for n < 3.3e24 (Sorenson and Webster 2015),
    // which covers every 64-bit n.
    static constexpr u64 kBases[] = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37};
    for (u64 p : kBases) {
        if (n % p == 0) return n == p;
    }
    u64 d = n - 1;
    int s = 0;
    while ((d & 1) == 0) {
        d >>= 1;
        ++s;
    }
    for (u64 a : kBases) {
        u64 x = powm(a, d, n);
        if (x == 1 || x == n - 1) continue;
        bool composite = true;
        for (int i = 1; i < s && composite; ++i) {
            x = mulm(x, x, n);
            if (x == n - 1) composite = false;
        }
        if (composite) return false;
    }
    return true;
}

std::vector<std::uint64_t> ntt_primes(int bits, std::size_t n, std::size_t count,
                                      const std::vector<std::uint64_t>& exclude) {
    if (bits < 20 || bits > 61) throw std::invalid_argument("ntt_primes: bits must be in [20, 61]");
    if (n == 0 || (n & (n - 1)) != 0) throw std::invalid_argument("ntt_primes: n must be a power of two");
    const u64 step = 2 * static_cast<u64>(n);
    const u64 top = u64{1} << bits, bottom = u64{1} << (bits - 1);
    if (step >= bottom) throw std::invalid_argument("ntt_primes: 2n too large for this bit size");
    std::vector<std::uint64_t> out;
    // Largest candidate below 2^bits that is 1 mod 2n, then downward in steps of 2n.
    for (u64 q = top - step + 1; q > bottom && out.size() < count; q -= step) {
        if (std::find(exclude.begin(), exclude.end(), q) != exclude.end()) continue;
        if (is_prime(q)) out.push_back(q);
    }
    if (out.size() < count) throw std::invalid_argument("ntt_primes: not enough primes of this size for this n");
    return out;
}

std::uint64_t minimal_primitive_root(std::uint64_t order, std::uint64_t q) {
    if (order == 0 || (order & (order - 1)) != 0 || (q - 1) % order != 0 || !is_prime(q))
        throw std::invalid_argument("minimal_primitive_root: need prime q and a power-of-two order dividing q-1");
    if (order == 1) return 1;
    const Modulus m(q);
    // Find one primitive root g (g^(order/2) == -1), then take the smallest of its odd powers, which are
    // exactly all primitive order-th roots.
    u64 g = 0;
    for (u64 c = 2; c < q; ++c) {
        const u64 r = pow_mod(c, (q - 1) / order, m);
        if (pow_mod(r, order / 2, m) == q - 1) {
            g = r;
            break;
        }
    }
    if (g == 0) throw std::invalid_argument("minimal_primitive_root: no root found");
    const u64 g2 = mul_mod(g, g, m);
    u64 best = g, cur = g;
    for (u64 k = 1; k < order / 2; ++k) {
        cur = mul_mod(cur, g2, m);
        best = std::min(best, cur);
    }
    return best;
}

}  // namespace he4j::ring
