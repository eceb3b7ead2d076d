// Word-size modular arithmetic for moduli q < 2^62.
// Contract: inputs are reduced (< q) unless a function says otherwise; outputs are reduced.
#pragma once
#include <cstdint>

namespace he4j::ring {

using u64 = std::uint64_t;
using u128 = unsigned __int128;

// A modulus with its Barrett constant floor(2^128 / q), split into two words.
class Modulus {
public:
    Modulus() = default;
    explicit Modulus(u64 q);  // q in [2, 2^62), throws std::invalid_argument otherwise
    u64 value() const { return q_; }
    int bits() const { return bits_; }
    u64 barrett_hi() const { return barrett_hi_; }
    u64 barrett_lo() const { return barrett_lo_; }

    // x mod q for any 128-bit x.
    u64 reduce128(u128 x) const;
    // x mod q for any 64-bit x.
    u64 reduce(u64 x) const;

private:
    u64 q_ = 0;
    int bits_ = 0;
    u64 barrett_hi_ = 0, barrett_lo_ = 0;
};

inline u64 add_mod(u64 a, u64 b, u64 q) {
    u64 s = a + b;
    return s >= q ? s - q : s;
}
inline u64 sub_mod(u64 a, u64 b, u64 q) { return a >= b ? a - b : a + q - b; }
inline u64 neg_mod(u64 a, u64 q) { return a == 0 ? 0 : q - a; }

u64 mul_mod(u64 a, u64 b, const Modulus& m);
u64 pow_mod(u64 base, u64 exp, const Modulus& m);
// Inverse of a mod q (q prime, a != 0 mod q); throws std::invalid_argument if none exists.
u64 inv_mod(u64 a, const Modulus& m);

// x mod q for any 64-bit x, with bh = Modulus::barrett_hi() = floor(2^64 / q): the Barrett estimate is at
// most one short, so one conditional subtraction suffices. Inline for hot loops (reduce() is out of line).
inline u64 reduce64(u64 x, u64 q, u64 bh) {
    const u64 quot = static_cast<u64>((static_cast<u128>(x) * bh) >> 64);
    const u64 r = x - quot * q;
    return r >= q ? r - q : r;
}

// Shoup's precomputation for multiplying many values by a fixed w < q: floor(w * 2^64 / q).
inline u64 shoup_precompute(u64 w, u64 q) { return static_cast<u64>((static_cast<u128>(w) << 64) / q); }
// a * w mod q for any 64-bit a, given w_shoup = shoup_precompute(w, q); result < q.
inline u64 mul_mod_shoup(u64 a, u64 w, u64 w_shoup, u64 q) {
    u64 hi = static_cast<u64>((static_cast<u128>(a) * w_shoup) >> 64);
    u64 r = a * w - hi * q;
    return r >= q ? r - q : r;
}

}  // namespace he4j::ring
