// N-of-N threshold CKKS: collective key generation and collective decryption, after Mouchet,
// Troncoso-Pastoriza, Bossuat, Hubaux, "Multiparty Homomorphic Encryption from Ring-Learning-with-Errors",
// PETS 2021 (eprint 2020/304), Sec. 4 (protocols EncKeyGen and, with the receiver's key 0, the decryption
// half of PCKS/KeySwitch).
//
// Each party i samples a ternary secret share s_i (a SecretKey object: zeroized when freed). The collective
// secret is S = sum_i s_i; nobody ever holds it.
//  - Common reference polynomial: a, expanded from a public 32-byte seed exactly as a public key's `a`.
//  - Public-key share: p_i = -a*s_i + e_i (a public key of s_i whose `a` is the common one).
//  - Collective public key: (sum_i p_i, a) = (-a*S + E, a); encryption under it is the ordinary public-key
//    encryptor.
//  - Decryption share of a ciphertext (c0, c1): d_i = s_i*c1 + e_smudge,i; combination c0 + sum_i d_i =
//    m + e_ct + sum_i e_smudge,i, which decodes to the message.
//
// Smudging (noise flooding; Asharov, Jain, Lopez-Alt, Tromer, Vaikuntanathan, Wichs, Eurocrypt 2012,
// Lemma 2.1): if |e| <= B and U is uniform on [-2^b, 2^b], the statistical distance between e + U and U is at
// most B / 2^b. The coordinator sees c0 + sum d_i, i.e. m + e_ct + sum e_smudge; e_ct depends on the secret
// shares and the encryption randomness, so each e_smudge,i is drawn uniform on [-2^b, 2^b] with
// b >= lambda + log2(B), giving distance <= 2^-lambda per share. B bounds the ciphertext noise
// (noise_bound below); smudging_bits() computes b. The price: the message needs about b + log2(parties)
// + (precision) bits of modulus above it, which is why threshold mode needs a larger ring than shared-key mode.
#pragma once
#include <cstdint>
#include <utility>
#include <vector>

#include "ckks/ciphertext.hpp"
#include "ckks/context.hpp"
#include "ckks/keys.hpp"
#include "ckks/plaintext.hpp"

namespace he4j::ckks {

// Largest smudging width accepted (the noise is drawn as a 128-bit integer).
inline constexpr std::uint32_t kMaxSmudgingBits = 120;

// A party's secret share: a fresh ternary secret (generate_secret_key).
SecretKey generate_secret_share(const Context& ctx);

// p_i = (-a*s_i + e_i, a) with a expanded from crp_seed (domain kDomainPublicKey, as every public key's a).
PublicKey public_key_share(const Context& ctx, const SecretKey& share, const Seed& crp_seed);

// (sum p_i, a): every share must carry the same seed (the same common reference polynomial).
PublicKey aggregate_public_key_shares(const Context& ctx, const std::vector<const PublicKey*>& shares);

// A bound B on |c0 + c1*S - m| for the sum of `summands` fresh public-key encryptions under a collective key of
// `parties` shares, exceeded with probability <= 2^-lambda over all N coefficients. Each summand's noise is
// u*E + e0 + e1*S (encrypt_pk: u and every s_i ternary, every error centered binomial with |e| <= 21, E and S
// the sums of `parties` of them). A coefficient of u*E or e1*S is a sum of N independent zero-mean terms, each
// of magnitude <= 21*parties; over the summands that is 2*N*summands such terms, so by Hoeffding's inequality
// |sum| <= 21*parties*sqrt(4*N*summands*ln(2/delta)) except with probability delta; with delta = 2^-lambda/N
// (a union over the N coefficients) and the e0 terms (|e0| <= 21 each) added in full:
//   B = 21*summands + 21*parties*sqrt(4*N*summands*ln(2^(lambda+1)*N)).
// (The worst case, 21*summands*(1 + 2*N*parties), would cost 5 to 13 more bits of modulus.)
double noise_bound(const Context& ctx, std::uint64_t parties, std::uint64_t summands, std::uint32_t lambda);
// b = lambda + ceil(log2(noise_bound)): each share's smudging then hides the noise up to statistical distance
// 2^-lambda (Asharov et al.), plus 2^-lambda for the bound failing.
std::uint32_t smudging_bits(const Context& ctx, std::uint64_t parties, std::uint64_t summands, std::uint32_t lambda);

// d_i = s_i*c1 + e_smudge with e_smudge uniform on [-2^bits, 2^bits) (libsodium CSPRNG), at ct's level
// and scale. ct must have 2 polynomials; bits must leave at least one bit of the level's modulus free.
void decryption_share(const Context& ctx, const SecretKey& share, const Ciphertext& ct, std::uint32_t bits,
                      Plaintext& out);

// c0 + sum d_i: the plaintext if every party's share is there; shares must be at ct's level.
void combine_decryption_shares(const Context& ctx, const Ciphertext& ct,
                               const std::vector<const Plaintext*>& shares, Plaintext& out);

// Compact decryption shares: d_i switched from Q to 2^bits (v -> round(v * 2^bits / Q)), in the compact-reply
// format (compact_reply.hpp) of the pseudo-ciphertext (0, d_i) with the single position 0: its c1 is the
// switched share. Switching is post-processing of the smudged share, so it reveals nothing more; it adds a
// rounding error of at most 1/2 unit of 2^bits per share, i.e. Q / 2^(bits+1) in the units of Q.
std::vector<std::uint8_t> compact_decryption_share(const Context& ctx, const SecretKey& share, const Ciphertext& ct,
                                                   std::uint32_t smudging_bits, std::uint32_t bits);

// values[k] = coefficient k of c0' + sum d_i' mod 2^bits (c0' the ciphertext's c0 switched to 2^bits), centered
// and divided by scale * 2^bits / Q, for k < min(count, N). Every share is validated and must be at ct's level
// with `bits` bits. The result differs from the full combination's by at most (shares + 1) / 2 units of 2^bits.
void combine_compact_decryption_shares(const Context& ctx, const Ciphertext& ct,
                                       const std::vector<std::pair<const std::uint8_t*, std::size_t>>& shares,
                                       std::uint32_t bits, double* values, std::size_t count);

// ---- Compact updates: one c1 for a group of ciphertexts, and c0 switched to 2^bits ----------------------------
//
// Randomness reuse (Bellare, Boldyreva, Staddon, "Randomness Re-use in Multi-recipient Encryption Schemes",
// PKC 2003; for (R)LWE the amortized cryptosystem of Peikert, Vaikuntanathan, Waters, CRYPTO 2008, one
// randomness for l secrets): given
// L collective public keys (b_j, a) = (-a*S_j + E_j, a) of L independent collective secrets S_j with the SAME
// common reference polynomial a, the ciphertexts (u*b_j + e0_j + m_j, u*a + e1), j < L, share one ternary u and
// one e1, so one c1 serves L messages. Security: (a, b_1..b_L) is indistinguishable from uniform (L RLWE
// instances with a common a, one hybrid step per secret), and then (u*a + e1, u*b_j + e0_j) are L+1 RLWE samples
// with the secret u. Each (c0_j, c1) alone is exactly an encrypt_pk ciphertext under key j, so noise_bound and
// the smudging argument hold per ciphertext unchanged.
//
// Every key must carry the same seed (else kIncompatible); every plaintext the same level and scale.
void encrypt_pk_shared_c1(const Context& ctx, const std::vector<const PublicKey*>& keys,
                          const std::vector<const Plaintext*>& pts, const std::vector<Ciphertext*>& outs);

// c0 of ct switched from Q to 2^bits, as the compact reply of the pseudo-ciphertext (0, c0) at position 0 (its
// c1 field is the switched c0). Deterministic post-processing of c0: it reveals nothing c0 does not. Summed
// with the other parties' switched c0 and the compact decryption shares of the aggregate's c1 (same bits), it
// decrypts the aggregate: the coordinator then never needs c0 at full width. Rounding: 1/2 unit of 2^bits each.
std::vector<std::uint8_t> compact_c0(const Context& ctx, const Ciphertext& ct, std::uint32_t bits);

// The sum mod 2^bits of compact pieces (compact c0s or compact decryption shares: compact replies with the
// single position 0) as one such piece. Every piece is validated and must be at `level` with `bits` bits and the
// ciphertext scale `scale` (else kIncompatible).
std::vector<std::uint8_t> sum_compact_pieces(const Context& ctx,
                                             const std::vector<std::pair<const std::uint8_t*, std::size_t>>& pieces,
                                             std::uint32_t level, std::uint32_t bits, double scale);

// values[k] = coefficient k (k < count <= N) of the sum mod 2^bits of the pieces (a compact c0 sum and every
// party's compact decryption share), centered and divided by scale * 2^bits / Q_level. Validated as above;
// every piece must have `bits` bits.
void combine_compact_pieces(const Context& ctx, const std::vector<std::pair<const std::uint8_t*, std::size_t>>& pieces,
                            std::uint32_t bits, double* values, std::size_t count);

}  // namespace he4j::ckks
