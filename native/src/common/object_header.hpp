// The 24-byte header in front of every serialized object, one codec for every backend (little-endian):
//   offset  0  magic "HE4J"
//   offset  4  format version, u16
//   offset  6  object kind, u8 (HE4J_KIND_* in he4j.h)
//   offset  7  backend that wrote the payload, u8 (1 = the he4j engine, 2 = the SEAL backend)
//   offset  8  parameter id, u64
//   offset 16  payload length, u64: exactly the bytes that follow the header
// The Java side reads it with its own reader (io.he4j.ckks); the two must agree with this layout.
#pragma once
#include <cstddef>
#include <cstdint>

namespace he4j::format {

inline constexpr std::size_t kHeaderSize = 24;
inline constexpr std::uint16_t kFormatVersion = 1;

enum class Kind : std::uint8_t {
    kContext = 1, kPlaintext = 2, kCiphertext = 3, kSecretKey = 4, kPublicKey = 5, kRelinKey = 6, kGaloisKeys = 7,
    kCompactReply = 8  // ckks/compact_reply.hpp
};
enum class Backend : std::uint8_t { kHe4j = 1, kSeal = 2 };

const char* kind_name(Kind kind) noexcept;

// Writes the header into out[0, kHeaderSize).
void write_header(std::uint8_t* out, Kind kind, Backend backend, std::uint64_t param_id, std::uint64_t payload_len);

// Validates buf[0, len) as one whole object of `kind` written by `backend` (magic, version, kind, backend,
// parameter id when `expected_param_id` is not null, payload length == len - kHeaderSize) and returns its
// parameter id. Throws Error(kInvalidArgument) for a null buf, Error(kMalformedInput) naming the first defect.
std::uint64_t read_header(const std::uint8_t* buf, std::size_t len, Kind kind, Backend backend,
                          const std::uint64_t* expected_param_id);

}  // namespace he4j::format
