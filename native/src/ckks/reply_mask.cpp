#include "ckks/reply_mask.hpp"

#include <sodium.h>

#include <array>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "ckks/sampling.hpp"
#include "common/error.hpp"
#include "ring/eltwise.hpp"

namespace he4j::ckks {

using ring::u128;
using ring::u64;

namespace {

auto identity = [](std::size_t r) { return r; };

void check_arguments(const Context& ctx, std::uint32_t level, double scale, const std::uint32_t* positions,
                     std::size_t count, std::uint32_t flood_bits) {
    require(level <= ctx.max_level(), ErrorKind::kInvalidArgument,
            "reply mask: level " + std::to_string(level) + " exceeds max level " + std::to_string(ctx.max_level()));
    require(std::isfinite(scale) && scale > 0, ErrorKind::kInvalidArgument, "reply mask: scale must be finite and > 0");
    if (flood_bits == 0) return;
    double log_q = 0;
    for (std::uint32_t i = 0; i <= level; ++i) log_q += std::log2(static_cast<double>(ctx.modulus(i).value()));
    require(flood_bits <= kMaxFloodBits && flood_bits + 3.0 <= log_q, ErrorKind::kInvalidArgument,
            "reply mask: flood bits " + std::to_string(flood_bits) + " outside [0, min(" +
                std::to_string(kMaxFloodBits) + ", log2(Q) - 3 = " + std::to_string(log_q - 3) + ")] at level " +
                std::to_string(level));
    const std::size_t n = ctx.n();
    if (positions == nullptr) {
        require(count == n, ErrorKind::kInvalidArgument,
                "reply mask: without positions the count must be N = " + std::to_string(n) + " (every coefficient)");
        return;
    }
    require(count >= 1 && count <= n, ErrorKind::kInvalidArgument,
            "reply mask: position count " + std::to_string(count) + " outside [1, N = " + std::to_string(n) + "]");
    std::vector<bool> seen(n, false);
    for (std::size_t k = 0; k < count; ++k) {
        const std::uint32_t p = positions[k];
        require(p < n, ErrorKind::kInvalidArgument,
                "reply mask: position " + std::to_string(p) + " is not below N = " + std::to_string(n));
        require(!seen[p], ErrorKind::kInvalidArgument, "reply mask: position " + std::to_string(p) + " appears twice");
        seen[p] = true;
    }
}

// Adds the flood to the residues of e0 (coefficient form, rows x N): value r - 2^bits for r uniform on
// [0, 2^(bits+1)), r read from `words_per` little-endian random words per position.
void add_flood(const Context& ctx, std::size_t rows, const std::uint32_t* positions, std::size_t count,
               std::uint32_t bits, const u64* random, std::size_t words_per, u64* e0) {
    const std::size_t n = ctx.n();
    const u128 one = 1;
    const u128 mask = (one << (bits + 1)) - 1, half = one << bits;
    for (std::size_t i = 0; i < rows; ++i) {
        const auto& q = ctx.modulus(i);
        const u64 qv = q.value(), h = q.reduce128(half);
        u64* row = e0 + i * n;
        if (words_per == 1) {  // floods of up to 63 bits (batch masks flood all N): inline 64-bit Barrett
            const u64 mask64 = static_cast<u64>(mask), bh = q.barrett_hi();
            for (std::size_t k = 0; k < count; ++k) {
                const std::size_t p = positions == nullptr ? k : positions[k];
                const u64 x = ring::reduce64(random[k] & mask64, qv, bh);
                row[p] = ring::add_mod(row[p], x >= h ? x - h : x + (qv - h), qv);
            }
            continue;
        }
        for (std::size_t k = 0; k < count; ++k) {
            const std::size_t p = positions == nullptr ? k : positions[k];
            u128 r = random[k * words_per];
            if (words_per == 2) r |= static_cast<u128>(random[k * words_per + 1]) << 64;
            const u64 x = q.reduce128(r & mask);
            const u64 f = x >= h ? x - h : x + (qv - h);  // (r - 2^bits) mod q
            row[p] = ring::add_mod(row[p], f, qv);
        }
    }
}

}  // namespace

void encrypt_zero_flooded(const Context& ctx, const PublicKey& pk, std::uint32_t level, double scale,
                          const std::uint32_t* positions, std::size_t count, std::uint32_t flood_bits,
                          Ciphertext& out) {
    check_arguments(ctx, level, scale, positions, count, flood_bits);
    const std::size_t n = ctx.n(), rows = level + 1;
    out.reset(level, 2, n);
    out.scale = scale;
    out.seeded = false;
    // One OS draw for the four fresh ChaCha20 keys of u, e0, e1 and the flood.
    std::array<detail::SecretKeyBytes, 4> keys;
    randombytes_buf(keys.data(), sizeof keys);
    std::vector<std::int8_t> small(n);
    std::vector<u64> u(rows * n);
    detail::sample_ternary_from_key(small.data(), n, keys[0]);
    small_to_ntt(ctx, small.data(), rows, identity, u.data());
    detail::sample_cbd_from_key(small.data(), n, keys[2]);
    small_to_ntt(ctx, small.data(), rows, identity, out.poly(1, n));

    // e0 + flood in coefficient form, then one NTT per row.
    detail::sample_cbd_from_key(small.data(), n, keys[1]);
    u64* c0 = out.poly(0, n);
    for (std::size_t i = 0; i < rows; ++i) detail::small_to_residues(small.data(), n, ctx.modulus(i).value(), c0 + i * n);
    std::vector<u64> flood;
    if (flood_bits > 0) {
        const std::size_t words_per = flood_bits + 1 <= 64 ? 1 : 2;
        flood.resize(count * words_per);
        detail::uniform_bytes_from_key(reinterpret_cast<std::uint8_t*>(flood.data()), flood.size() * sizeof(u64),
                                       keys[3]);
        add_flood(ctx, rows, positions, count, flood_bits, flood.data(), words_per, c0);
    }
    for (std::size_t i = 0; i < rows; ++i) ctx.ntt(i).forward(c0 + i * n);

    for (std::size_t i = 0; i < rows; ++i) {
        const auto& q = ctx.modulus(i);
        const u64* ui = u.data() + i * n;
        ring::eltwise_mul_add_mod(c0 + i * n, ui, pk.b.data() + i * n, n, q);
        ring::eltwise_mul_add_mod(out.poly(1, n) + i * n, ui, pk.a.data() + i * n, n, q);
    }
    sodium_memzero(keys.data(), sizeof keys);
    sodium_memzero(small.data(), small.size());
    sodium_memzero(u.data(), u.size() * sizeof(u64));
    if (!flood.empty()) sodium_memzero(flood.data(), flood.size() * sizeof(u64));
}

}  // namespace he4j::ckks
