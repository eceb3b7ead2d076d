// Compact coefficient replies: what a client needs to decrypt K chosen coefficients of a ciphertext, and
// nothing else. Decrypting coefficient i needs only c0[i] and all of c1 (m[i] = c0[i] + (c1*s)[i]), so the
// reply carries c0 at the K positions and c1 in full, both switched from Q = q_0...q_level down to the
// power-of-two modulus 2^b (v -> round(v * 2^b / Q) mod 2^b). The client computes
// m'[i] = c0'[i] + (c1'*s)[i] mod 2^b in coefficient form (K*N additions: s is ternary), centers it and
// divides by the new scale Delta' = scale * 2^b / Q. Size ~ (N + K) * b / 8 bytes instead of 2*N*log2(Q)/8.
//
// Error bound. Each switched value carries a rounding error e with |e| <= 1/2 (+ below 2^-60 from the
// 192-bit fixed point of the CRT), and c0' + c1'*s = (2^b/Q)(c0 + c1*s) + e0 + e1*s, where the multiple
// (2^b/Q)*Q*I of c0 + c1*s = m + Q*I vanishes mod 2^b. So coefficient i of the compact decryption differs
// from the full decryption's by at most
//     (1 + ||s||_1) / 2   units of 2^b, i.e.  (1 + ||s||_1) / 2 / Delta'   in decoded value,
// with ||s||_1 the secret's Hamming weight (about 2N/3 for a uniform ternary s; the typical error is far
// smaller, about sqrt(||s||_1 / 12) units, as the rounding errors are independent). The decoded value is
// correct while |Delta' * value| + that bound < 2^(b-1). b is limited to [20, 62]: below 20 bits the bound
// (~2^10 at N = 2048) swamps any useful scale; 62 keeps every value and the sums in one 64-bit word.
//
// Serialized form: the 24-byte object header (kind 8) and the payload
//     u32 level | u8 bits | u8 flags = 0 | u16 reserved = 0 | f64 scale (the ciphertext's) | u32 count K |
//     K x u32 positions (distinct, < N) | c0' at the positions (K x b bits) | c1' (N x b bits),
// each packed block little-endian bit-packed and zero-padded to a byte. Unknown flag bits are refused, so a
// later format (e.g. a marker for a re-randomized, noise-flooded reply) can be told apart.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "ckks/ciphertext.hpp"
#include "ckks/context.hpp"
#include "ckks/keys.hpp"

namespace he4j::ckks {

inline constexpr std::uint32_t kCompactReplyMinBits = 20;
inline constexpr std::uint32_t kCompactReplyMaxBits = 62;

struct CompactReply {
    std::uint32_t level = 0;
    std::uint32_t bits = 0;
    double scale = 0;                      // the ciphertext's scale (Delta' follows from level and bits)
    std::vector<std::uint32_t> positions;  // K distinct coefficient indices
    std::vector<std::uint64_t> c0;         // K values < 2^bits, c0' at positions[k]
    std::vector<std::uint64_t> c1;         // N values < 2^bits
};

// Exact serialized size for `count` positions at `bits` bits; throws Error(kInvalidArgument) when count is
// outside [1, N] or bits outside [kCompactReplyMinBits, kCompactReplyMaxBits].
std::size_t compact_reply_size(const Context& ctx, std::size_t count, std::uint32_t bits);

// Switches ct (size 2) to 2^bits and keeps c0 at `positions` (each < N, distinct).
CompactReply make_compact_reply(const Context& ctx, const Ciphertext& ct, const std::uint32_t* positions,
                                std::size_t count, std::uint32_t bits);

// Writes the reply into out[0, cap) and returns compact_reply_size(...); a smaller cap throws kBufferTooSmall.
std::size_t save_to(const Context& ctx, const CompactReply& reply, std::uint8_t* out, std::size_t cap);

// Validates every byte (header, level, bits, flags, scale, count, positions, packed values and their
// padding, exact length) and throws Error(kMalformedInput) naming the first defect.
CompactReply load_compact_reply(const Context& ctx, const std::uint8_t* buf, std::size_t len);

// values[k] = the decoded coefficient at reply.positions[k] (already divided by the scale).
void decrypt_compact_reply(const Context& ctx, const SecretKey& sk, const CompactReply& reply, double* values);

}  // namespace he4j::ckks
