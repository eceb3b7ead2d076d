#include "ckks/context_codec.hpp"

#include <cstring>

namespace he4j::ckks {

namespace {

[[noreturn]] void malformed(const std::string& m) { fail(ErrorKind::kMalformedInput, m); }

}  // namespace

std::size_t context_payload_size(const ParamSpec& spec) {
    const std::size_t d = spec.data_bits.size(), s = spec.special_bits.size();
    return 4 + 4 + 8 + 4 + d + 4 + s + 8 * (d + s);
}

void write_context_payload(const ParamSpec& spec, const std::uint64_t* primes, std::uint8_t* out) {
    auto put = [&](std::uint64_t v, int n) {
        for (int i = 0; i < n; ++i) *out++ = static_cast<std::uint8_t>(v >> (8 * i));
    };
    std::uint64_t scale_bits;
    std::memcpy(&scale_bits, &spec.scale, 8);
    put(spec.log_n, 4);
    put(spec.flags, 4);
    put(scale_bits, 8);
    put(spec.data_bits.size(), 4);
    for (auto b : spec.data_bits) put(b, 1);
    put(spec.special_bits.size(), 4);
    for (auto b : spec.special_bits) put(b, 1);
    for (std::size_t i = 0; i < spec.data_bits.size() + spec.special_bits.size(); ++i) put(primes[i], 8);
}

StoredContext read_context_payload(const std::uint8_t* p, std::size_t len, std::uint32_t flags) {
    std::size_t left = len;
    auto get = [&](int n, const char* what) {
        if (left < static_cast<std::size_t>(n))
            malformed(std::string("truncated input: ") + what + " needs " + std::to_string(n) + " bytes, " +
                      std::to_string(left) + " left");
        std::uint64_t v = 0;
        for (int i = 0; i < n; ++i) v |= static_cast<std::uint64_t>(p[i]) << (8 * i);
        p += n;
        left -= static_cast<std::size_t>(n);
        return v;
    };
    StoredContext s;
    s.spec.log_n = static_cast<std::uint32_t>(get(4, "log_n"));
    (void)get(4, "flags");  // informational: the caller's flags decide what security is acceptable
    s.spec.flags = flags;
    const std::uint64_t scale_bits = get(8, "scale");
    std::memcpy(&s.spec.scale, &scale_bits, 8);
    const std::uint64_t dc = get(4, "data prime count");
    if (dc == 0 || dc > 64) malformed("data prime count " + std::to_string(dc) + " outside [1, 64]");
    for (std::uint64_t i = 0; i < dc; ++i) s.spec.data_bits.push_back(static_cast<std::uint32_t>(get(1, "data prime bits")));
    const std::uint64_t sc = get(4, "special prime count");
    if (sc > 16) malformed("special prime count " + std::to_string(sc) + " exceeds 16");
    for (std::uint64_t i = 0; i < sc; ++i)
        s.spec.special_bits.push_back(static_cast<std::uint32_t>(get(1, "special prime bits")));
    s.primes.resize(dc + sc);
    for (auto& q : s.primes) q = get(8, "prime");
    if (left != 0) malformed("context: " + std::to_string(left) + " unexpected trailing bytes");
    return s;
}

void rethrow_rederive_failure(const Error& e, std::uint32_t flags) {
    const bool refusal = e.kind() == ErrorKind::kInvalidParameters && (flags & kAllowInsecure) == 0 &&
                         std::string(e.what()).find("security") != std::string::npos;
    if (refusal || e.kind() == ErrorKind::kUnsupported) throw e;
    malformed(std::string("stored parameters are invalid: ") + e.what());
}

}  // namespace he4j::ckks
