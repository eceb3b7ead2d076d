// Modulus construction, Barrett reduction and the scalar modular helpers declared in modarith.hpp.
#include "modarith.hpp"

#include <stdexcept>

namespace he4j::ring {

Modulus::Modulus(u64 q) : q_(q) {
    if (q < 2 || q >= (u64{1} << 62)) throw std::invalid_argument("Modulus: q must be in [2, 2^62)");
    bits_ = 64 - __builtin_clzll(q);
    // floor(2^128 / q) = floor((2^128 - 1) / q), plus one exactly when q divides 2^128 (a power of two).
    u128 ratio = ~u128{0} / q;
    if ((q & (q - 1)) == 0) ratio += 1;
    barrett_hi_ = static_cast<u64>(ratio >> 64);
    barrett_lo_ = static_cast<u64>(ratio);
}

u64 Modulus::reduce128(u128 x) const {
    // Barrett: the quotient estimate floor(x * m / 2^128) with m = floor(2^128 / q) is at most one below
    // floor(x / q), so one conditional subtraction suffices. Only its low word is needed because the
    // remainder x - quotient * q is known to fit in a word.
    const u64 x0 = static_cast<u64>(x), x1 = static_cast<u64>(x >> 64);
    const u128 p00 = static_cast<u128>(x0) * barrett_lo_;
    const u128 p01 = static_cast<u128>(x0) * barrett_hi_;
    const u128 p10 = static_cast<u128>(x1) * barrett_lo_;
    const u64 p11_lo = x1 * barrett_hi_;
    const u128 mid = (p00 >> 64) + static_cast<u64>(p01) + static_cast<u64>(p10);
    const u64 quot = static_cast<u64>(p01 >> 64) + static_cast<u64>(p10 >> 64) + p11_lo + static_cast<u64>(mid >> 64);
    const u64 r = x0 - quot * q_;
    return r >= q_ ? r - q_ : r;
}

u64 Modulus::reduce(u64 x) const {
    // barrett_hi_ = floor(2^64 / q); the estimate is again at most one short.
    const u64 quot = static_cast<u64>((static_cast<u128>(x) * barrett_hi_) >> 64);
    const u64 r = x - quot * q_;
    return r >= q_ ? r - q_ : r;
}

u64 mul_mod(u64 a, u64 b, const Modulus& m) { return m.reduce128(static_cast<u128>(a) * b); }

u64 pow_mod(u64 base, u64 exp, const Modulus& m) {
    u64 result = m.reduce(1);
    base = m.reduce(base);
    while (exp != 0) {
        if (exp & 1) result = mul_mod(result, base, m);
        base = mul_mod(base, base, m);
        exp >>= 1;
    }
    return result;
}

u64 inv_mod(u64 a, const Modulus& m) {
    // Extended Euclid on signed 128-bit values (q < 2^62, so no overflow); works for any modulus.
    using i128 = __int128;
    i128 r0 = m.value(), r1 = m.reduce(a), s0 = 0, s1 = 1;
    while (r1 != 0) {
        const i128 t = r0 / r1;
        i128 tmp = r0 - t * r1;
        r0 = r1;
        r1 = tmp;
        tmp = s0 - t * s1;
        s0 = s1;
        s1 = tmp;
    }
    if (r0 != 1) throw std::invalid_argument("inv_mod: value is not invertible modulo q");
    if (s0 < 0) s0 += m.value();
    return static_cast<u64>(s0);
}

}  // namespace he4j::ring
