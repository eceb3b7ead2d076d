#include "common/object_header.hpp"

#include <cstring>
#include <string>

#include "common/error.hpp"
#include "he4j/he4j.h"

namespace he4j::format {

static_assert(static_cast<int>(Kind::kContext) == HE4J_KIND_CONTEXT && static_cast<int>(Kind::kPlaintext) == HE4J_KIND_PLAINTEXT &&
              static_cast<int>(Kind::kCiphertext) == HE4J_KIND_CIPHERTEXT &&
              static_cast<int>(Kind::kSecretKey) == HE4J_KIND_SECRET_KEY &&
              static_cast<int>(Kind::kPublicKey) == HE4J_KIND_PUBLIC_KEY &&
              static_cast<int>(Kind::kRelinKey) == HE4J_KIND_RELIN_KEY &&
              static_cast<int>(Kind::kGaloisKeys) == HE4J_KIND_GALOIS_KEYS &&
              static_cast<int>(Kind::kCompactReply) == HE4J_KIND_COMPACT_REPLY,
              "object kinds must match he4j.h");

namespace {

constexpr char kMagic[4] = {'H', 'E', '4', 'J'};

void put_le(std::uint8_t* p, std::uint64_t v, int n) {
    for (int i = 0; i < n; ++i) p[i] = static_cast<std::uint8_t>(v >> (8 * i));
}
std::uint64_t get_le(const std::uint8_t* p, int n) {
    std::uint64_t v = 0;
    for (int i = 0; i < n; ++i) v |= static_cast<std::uint64_t>(p[i]) << (8 * i);
    return v;
}

std::string backend_name(std::uint8_t b) {
    switch (b) {
        case static_cast<std::uint8_t>(Backend::kHe4j): return "backend 1 (the he4j engine)";
        case static_cast<std::uint8_t>(Backend::kSeal): return "backend 2 (the SEAL backend)";
    }
    return "backend " + std::to_string(b) + " (unknown)";
}

[[noreturn]] void malformed(const std::string& m) { fail(ErrorKind::kMalformedInput, m); }

}  // namespace

const char* kind_name(Kind kind) noexcept {
    switch (kind) {
        case Kind::kContext: return "context";
        case Kind::kPlaintext: return "plaintext";
        case Kind::kCiphertext: return "ciphertext";
        case Kind::kSecretKey: return "secret key";
        case Kind::kPublicKey: return "public key";
        case Kind::kRelinKey: return "relinearization key";
        case Kind::kGaloisKeys: return "Galois keys";
        case Kind::kCompactReply: return "compact reply";
    }
    return "unknown";
}

void write_header(std::uint8_t* out, Kind kind, Backend backend, std::uint64_t param_id, std::uint64_t payload_len) {
    std::memcpy(out, kMagic, 4);
    put_le(out + 4, kFormatVersion, 2);
    out[6] = static_cast<std::uint8_t>(kind);
    out[7] = static_cast<std::uint8_t>(backend);
    put_le(out + 8, param_id, 8);
    put_le(out + 16, payload_len, 8);
}

std::uint64_t read_header(const std::uint8_t* buf, std::size_t len, Kind kind, Backend backend,
                          const std::uint64_t* expected_param_id) {
    if (buf == nullptr) fail(ErrorKind::kInvalidArgument, "buf must not be null");
    if (len < kHeaderSize)
        malformed("input of " + std::to_string(len) + " bytes is shorter than the " + std::to_string(kHeaderSize) +
                  "-byte header");
    if (std::memcmp(buf, kMagic, 4) != 0) malformed("bad magic: not an he4j object");
    const auto version = static_cast<std::uint16_t>(get_le(buf + 4, 2));
    if (version != kFormatVersion)
        malformed("unsupported format version " + std::to_string(version) + " (this library reads " +
                  std::to_string(kFormatVersion) + ")");
    if (buf[6] != static_cast<std::uint8_t>(kind))
        malformed("wrong object kind " + std::to_string(buf[6]) + ": expected " + kind_name(kind) + " (" +
                  std::to_string(static_cast<int>(kind)) + ")");
    if (buf[7] != static_cast<std::uint8_t>(backend))
        malformed("object was written by " + backend_name(buf[7]) + ", not " +
                  backend_name(static_cast<std::uint8_t>(backend)) + "; load it with the backend that wrote it");
    const std::uint64_t id = get_le(buf + 8, 8);
    if (expected_param_id != nullptr && id != *expected_param_id)
        malformed("parameter id mismatch: object was made for different parameters");
    const std::uint64_t payload = get_le(buf + 16, 8);
    if (payload != len - kHeaderSize)
        malformed("payload length field says " + std::to_string(payload) + " bytes but " +
                  std::to_string(len - kHeaderSize) + " follow the header");
    return id;
}

}  // namespace he4j::format
