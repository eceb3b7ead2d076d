#include "ckks/compact_reply.hpp"

#include <cmath>
#include <string>

#include "ckks/wire.hpp"
#include "common/error.hpp"

namespace he4j::ckks {

using ring::u128;
using ring::u64;

namespace {

constexpr std::size_t kFixedPayload = 4 + 1 + 1 + 2 + 8 + 4;  // level, bits, flags, reserved, scale, count

void check_shape(const Context& ctx, std::size_t count, std::uint32_t bits, ErrorKind kind) {
    if (count == 0 || count > ctx.n())
        fail(kind, "compact reply: position count " + std::to_string(count) + " outside [1, N = " +
                       std::to_string(ctx.n()) + "]");
    if (bits < kCompactReplyMinBits || bits > kCompactReplyMaxBits)
        fail(kind, "compact reply: bits " + std::to_string(bits) + " outside [" +
                       std::to_string(kCompactReplyMinBits) + ", " + std::to_string(kCompactReplyMaxBits) + "]");
}

void check_positions(const Context& ctx, const std::uint32_t* positions, std::size_t count, ErrorKind kind) {
    std::vector<bool> seen(ctx.n(), false);
    for (std::size_t k = 0; k < count; ++k) {
        const std::uint32_t p = positions[k];
        if (p >= ctx.n())
            fail(kind, "compact reply: position " + std::to_string(k) + " = " + std::to_string(p) +
                           " is not below N = " + std::to_string(ctx.n()));
        if (seen[p]) fail(kind, "compact reply: position " + std::to_string(p) + " appears twice");
        seen[p] = true;
    }
}

// 192-bit fixed-point fractions in [0, 1): three little-endian 64-bit limbs, arithmetic mod 1.
struct Fraction {
    u64 w[3] = {0, 0, 0};
};

// floor(a * 2^192 / q) for a < q: the fraction a / q to 192 bits (error below 2^-192).
Fraction fraction_of(u64 a, u64 q) {
    Fraction r;
    u128 rem = a;
    for (int limb = 2; limb >= 0; --limb) {
        const u128 num = rem << 64;
        r.w[limb] = static_cast<u64>(num / q);
        rem = num % q;
    }
    return r;
}

// acc += y * rcp mod 2^192 (y < 2^64).
inline void add_multiple(Fraction& acc, u64 y, const Fraction& rcp) {
    const u128 p0 = static_cast<u128>(y) * rcp.w[0];
    const u128 p1 = static_cast<u128>(y) * rcp.w[1];
    const u64 p2 = y * rcp.w[2];  // only its low word survives mod 2^192
    const u128 mid = (p0 >> 64) + static_cast<u64>(p1);
    const u128 s0 = static_cast<u128>(acc.w[0]) + static_cast<u64>(p0);
    const u128 s1 = static_cast<u128>(acc.w[1]) + static_cast<u64>(mid) + static_cast<u64>(s0 >> 64);
    acc.w[0] = static_cast<u64>(s0);
    acc.w[1] = static_cast<u64>(s1);
    acc.w[2] += static_cast<u64>(p1 >> 64) + static_cast<u64>(mid >> 64) + p2 + static_cast<u64>(s1 >> 64);
}

// round(frac * 2^bits) mod 2^bits from the top limb (bits <= 62, so the rounding bit is in it too).
inline u64 round_to_bits(const Fraction& f, std::uint32_t bits) {
    const u64 half_units = f.w[2] >> (63 - bits);  // floor(frac * 2^(bits+1))
    return ((half_units + 1) >> 1) & ((u64{1} << bits) - 1);
}

// Modulus switching of RNS values (coefficient form) from Q to 2^bits through the CRT:
//     v / Q = sum_i v_i * [(Q/q_i)^-1 mod q_i] / q_i   (mod 1),
// with each constant [(Q/q_i)^-1 mod q_i] / q_i held as a 192-bit fraction, so a value costs one 64 x 192-bit
// product per prime. Each fraction is short by less than 2^-192 and v_i < 2^62, so the sum is short by less
// than (level+1) * 2^-130: far below the rounding to 2^-bits.
class PowerOfTwoSwitch {
public:
    PowerOfTwoSwitch(const Context& ctx, std::uint32_t level, std::uint32_t bits) : bits_(bits) {
        for (std::size_t i = 0; i <= level; ++i) {
            const auto& q = ctx.modulus(i);
            u64 q_hat = 1;  // (Q / q_i) mod q_i
            for (std::size_t j = 0; j <= level; ++j)
                if (j != i) q_hat = ring::mul_mod(q_hat, q.reduce(ctx.modulus(j).value()), q);
            constants_.push_back(fraction_of(ring::inv_mod(q_hat, q), q.value()));
        }
    }
    // rows[i][j] = v_j mod q_i; returns round(v_j * 2^bits / Q) mod 2^bits.
    u64 at(const u64* const* rows, std::size_t j) const {
        Fraction f;
        for (std::size_t i = 0; i < constants_.size(); ++i) add_multiple(f, rows[i][j], constants_[i]);
        return round_to_bits(f, bits_);
    }

private:
    std::uint32_t bits_;
    std::vector<Fraction> constants_;
};

// Q = q_0 ... q_level as a long double (at most 64 primes of < 62 bits: far inside its range).
long double modulus_product(const Context& ctx, std::uint32_t level) {
    long double q = 1.0L;
    for (std::size_t i = 0; i <= level; ++i) q *= static_cast<long double>(ctx.modulus(i).value());
    return q;
}

}  // namespace

std::size_t compact_reply_size(const Context& ctx, std::size_t count, std::uint32_t bits) {
    check_shape(ctx, count, bits, ErrorKind::kInvalidArgument);
    const int b = static_cast<int>(bits);
    return kHeaderSize + kFixedPayload + 4 * count + wire::packed_bytes(count, b) + wire::packed_bytes(ctx.n(), b);
}

CompactReply make_compact_reply(const Context& ctx, const Ciphertext& ct, const std::uint32_t* positions,
                                std::size_t count, std::uint32_t bits) {
    require(!ct.empty(), ErrorKind::kInvalidArgument, "compact reply: ciphertext is empty");
    require(ct.size == 2, ErrorKind::kIncompatible,
            "compact reply: ciphertext has " + std::to_string(ct.size) + " polynomials; relinearize it to 2 first");
    check_shape(ctx, count, bits, ErrorKind::kInvalidArgument);
    require(positions != nullptr, ErrorKind::kInvalidArgument, "compact reply: positions must not be null");
    check_positions(ctx, positions, count, ErrorKind::kInvalidArgument);

    const std::size_t n = ctx.n(), rows = ct.rows();
    PolyStorage coeffs(ct.data.begin(), ct.data.begin() + static_cast<std::ptrdiff_t>(2 * rows * n));
    std::vector<const u64*> c0_rows(rows), c1_rows(rows);
    for (std::size_t i = 0; i < rows; ++i) {
        u64* r0 = coeffs.data() + i * n;
        u64* r1 = coeffs.data() + (rows + i) * n;
        ctx.ntt(i).inverse(r0);
        ctx.ntt(i).inverse(r1);
        c0_rows[i] = r0;
        c1_rows[i] = r1;
    }
    const PowerOfTwoSwitch to_bits(ctx, ct.level, bits);
    CompactReply reply;
    reply.level = ct.level;
    reply.bits = bits;
    reply.scale = ct.scale;
    reply.positions.assign(positions, positions + count);
    reply.c0.resize(count);
    for (std::size_t k = 0; k < count; ++k) reply.c0[k] = to_bits.at(c0_rows.data(), positions[k]);
    reply.c1.resize(n);
    for (std::size_t j = 0; j < n; ++j) reply.c1[j] = to_bits.at(c1_rows.data(), j);
    return reply;
}

std::size_t save_to(const Context& ctx, const CompactReply& reply, std::uint8_t* out, std::size_t cap) {
    const std::size_t size = compact_reply_size(ctx, reply.positions.size(), reply.bits);
    require(reply.c0.size() == reply.positions.size() && reply.c1.size() == ctx.n(), ErrorKind::kInvalidArgument,
            "compact reply: inconsistent value counts");
    if (cap < size) fail(ErrorKind::kBufferTooSmall, "compact reply: output buffer too small");
    wire::Writer w(out, cap);
    wire::header(w, Kind::kCompactReply, ctx.param_id(), size - kHeaderSize);
    w.u32(reply.level);
    w.u8(static_cast<std::uint8_t>(reply.bits));
    w.u8(0);   // flags
    w.u16(0);  // reserved
    w.f64(reply.scale);
    w.u32(static_cast<std::uint32_t>(reply.positions.size()));
    for (std::uint32_t p : reply.positions) w.u32(p);
    const int b = static_cast<int>(reply.bits);
    w.packed(reply.c0.data(), reply.c0.size(), b);
    w.packed(reply.c1.data(), reply.c1.size(), b);
    return w.size();
}

CompactReply load_compact_reply(const Context& ctx, const std::uint8_t* buf, std::size_t len) {
    wire::Reader r = wire::open(ctx, buf, len, Kind::kCompactReply);
    CompactReply reply;
    reply.level = r.u32("level");
    if (reply.level > ctx.max_level())
        wire::malformed("compact reply: level " + std::to_string(reply.level) + " exceeds max level " +
                        std::to_string(ctx.max_level()));
    reply.bits = r.u8("bits");
    const std::uint8_t flags = r.u8("flags");
    if (flags != 0) wire::malformed("compact reply: flags " + std::to_string(flags) + " has unknown bits");
    if (r.u16("reserved") != 0) wire::malformed("compact reply: reserved field must be 0");
    reply.scale = r.f64("scale");
    if (!(std::isfinite(reply.scale) && reply.scale > 0))
        wire::malformed("compact reply: scale must be finite and > 0");
    const std::uint32_t count = r.u32("count");
    check_shape(ctx, count, reply.bits, ErrorKind::kMalformedInput);
    const int b = static_cast<int>(reply.bits);
    r.need(4 * std::size_t{count} + wire::packed_bytes(count, b) + wire::packed_bytes(ctx.n(), b),
           "compact reply positions and values");
    reply.positions.resize(count);
    for (auto& p : reply.positions) p = r.u32("position");
    check_positions(ctx, reply.positions.data(), count, ErrorKind::kMalformedInput);
    const u64 bound = u64{1} << reply.bits;
    reply.c0.resize(count);
    r.packed(reply.c0.data(), count, b, bound, "compact reply c0");
    reply.c1.resize(ctx.n());
    r.packed(reply.c1.data(), ctx.n(), b, bound, "compact reply c1");
    r.finish("compact reply");
    return reply;
}

void decrypt_compact_reply(const Context& ctx, const SecretKey& sk, const CompactReply& reply, double* values) {
    const std::size_t n = ctx.n();
    require(sk.coeffs.size() == n, ErrorKind::kInvalidArgument, "compact reply: secret key has no coefficients");
    require(reply.c1.size() == n && reply.c0.size() == reply.positions.size() && reply.level <= ctx.max_level(),
            ErrorKind::kInvalidArgument, "compact reply: inconsistent reply");
    const std::int8_t* s = sk.coeffs.data();
    const u64* c1 = reply.c1.data();
    const u64 mask = (u64{1} << reply.bits) - 1, half = u64{1} << (reply.bits - 1);
    // decoded = centered / Delta' with Delta' = scale * 2^b / Q.
    const long double unit = std::ldexp(modulus_product(ctx, reply.level) / static_cast<long double>(reply.scale),
                                        -static_cast<int>(reply.bits));
    for (std::size_t k = 0; k < reply.positions.size(); ++k) {
        const std::size_t i = reply.positions[k];
        // (c1 * s)[i] = sum_{j<=i} c1[j] s[i-j] - sum_{j>i} c1[j] s[N+i-j]  (X^N = -1), all mod 2^64.
        u64 plus = 0, minus = 0;
        for (std::size_t j = 0; j <= i; ++j) plus += c1[j] * static_cast<u64>(static_cast<std::int64_t>(s[i - j]));
        for (std::size_t j = i + 1; j < n; ++j)
            minus += c1[j] * static_cast<u64>(static_cast<std::int64_t>(s[n + i - j]));
        const u64 m = (reply.c0[k] + plus - minus) & mask;
        const std::int64_t centered =
            m >= half ? -static_cast<std::int64_t>((mask - m) + 1) : static_cast<std::int64_t>(m);
        values[k] = static_cast<double>(static_cast<long double>(centered) * unit);
    }
}

}  // namespace he4j::ckks
