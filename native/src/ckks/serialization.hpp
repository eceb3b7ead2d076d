// Serialized objects: the 24-byte object header (common/object_header.hpp, backend 1) followed by the
// payload. Residues are bit-packed at ceil(log2 q_i) bits; seeded objects store the 32-byte seed instead
// of their uniform polynomial.
// Loading validates everything (header, exact lengths, levels, sizes, scales, every residue < its prime,
// zero padding) into a fresh object and throws Error(kMalformedInput) naming the first defect.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "ckks/ciphertext.hpp"
#include "ckks/context.hpp"
#include "ckks/keys.hpp"
#include "ckks/plaintext.hpp"
#include "common/object_header.hpp"

namespace he4j::ckks {

using format::Kind;
using format::kHeaderSize;

// Exact serialized sizes (header included).
std::size_t serialized_size(const Context& ctx);
std::size_t serialized_size(const Context& ctx, const Plaintext& pt);
std::size_t serialized_size(const Context& ctx, const Ciphertext& ct);
std::size_t serialized_size(const Context& ctx, const SecretKey& sk);
std::size_t serialized_size(const Context& ctx, const PublicKey& pk);
std::size_t serialized_size(const Context& ctx, const RelinKey& rk);
std::size_t serialized_size(const Context& ctx, const GaloisKeys& gk);

// Writes the object into out[0, cap) and returns serialized_size(...); cap below that size throws
// Error(kBufferTooSmall). The save() overloads return an owning copy.
std::size_t save_to(const Context& ctx, std::uint8_t* out, std::size_t cap);
std::size_t save_to(const Context& ctx, const Plaintext& pt, std::uint8_t* out, std::size_t cap);
std::size_t save_to(const Context& ctx, const Ciphertext& ct, std::uint8_t* out, std::size_t cap);
std::size_t save_to(const Context& ctx, const SecretKey& sk, std::uint8_t* out, std::size_t cap);
std::size_t save_to(const Context& ctx, const PublicKey& pk, std::uint8_t* out, std::size_t cap);
std::size_t save_to(const Context& ctx, const RelinKey& rk, std::uint8_t* out, std::size_t cap);
std::size_t save_to(const Context& ctx, const GaloisKeys& gk, std::uint8_t* out, std::size_t cap);

std::vector<std::uint8_t> save(const Context& ctx);
std::vector<std::uint8_t> save(const Context& ctx, const Plaintext& pt);
std::vector<std::uint8_t> save(const Context& ctx, const Ciphertext& ct);
std::vector<std::uint8_t> save(const Context& ctx, const SecretKey& sk);
std::vector<std::uint8_t> save(const Context& ctx, const PublicKey& pk);
std::vector<std::uint8_t> save(const Context& ctx, const RelinKey& rk);
std::vector<std::uint8_t> save(const Context& ctx, const GaloisKeys& gk);

// `flags` (HE4J_ALLOW_INSECURE) governs the security check of the loaded parameters.
std::shared_ptr<const Context> load_context(const std::uint8_t* buf, std::size_t len, std::uint32_t flags);
Plaintext load_plaintext(const Context& ctx, const std::uint8_t* buf, std::size_t len);
Ciphertext load_ciphertext(const Context& ctx, const std::uint8_t* buf, std::size_t len);
std::unique_ptr<SecretKey> load_secret_key(const Context& ctx, const std::uint8_t* buf, std::size_t len);
PublicKey load_public_key(const Context& ctx, const std::uint8_t* buf, std::size_t len);
RelinKey load_relin_key(const Context& ctx, const std::uint8_t* buf, std::size_t len);
GaloisKeys load_galois_keys(const Context& ctx, const std::uint8_t* buf, std::size_t len);

}  // namespace he4j::ckks
