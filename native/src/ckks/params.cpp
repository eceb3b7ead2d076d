#include "ckks/params.hpp"

#include <sodium.h>

#include <cmath>
#include <cstring>

#include "common/error.hpp"

namespace he4j::ckks {

namespace {

// Rows: security 128, 192, 256; columns: log_n = 10 .. 16. The 2^16 entries of the 192/256 rows extend the
// published table by doubling (the standard stops at 2^15).
constexpr std::uint32_t kTable[3][7] = {
    {27, 54, 109, 218, 438, 881, 1761},
    {19, 37, 75, 152, 305, 611, 1222},
    {14, 29, 58, 118, 237, 476, 952},
};

struct Preset {
    const char* name;
    ParamSpec spec;
};

const std::vector<Preset>& presets() {
    static const std::vector<Preset> list = {
        {"P8K", {13, {60, 40, 40}, {60}, std::ldexp(1.0, 40), 0}},
        {"P16K", {14, {60, 45, 45, 45}, {60}, std::ldexp(1.0, 45), 0}},
        // IFMA-friendly presets: every prime below 2^48 so the 52-bit multiply-add kernels apply.
        // One prime, no keys: a coefficient-encoded inner product whose score fits 48 bits (linear models,
        // one query, the smallest upload): 48 <= 54 bits.
        {"P2K-IFMA", {11, {48}, {}, std::ldexp(1.0, 24), 0}},
        // One plaintext multiply of coefficient-encoded vectors (inner products), no key switching: 96 bits.
        {"P4K-IFMA", {12, {48, 48}, {}, std::ldexp(1.0, 30), 0}},
        // Depth 3 with key switching (digits of one prime): 216 <= 218 bits.
        {"P8K-IFMA", {13, {48, 40, 40, 40}, {48}, std::ldexp(1.0, 40), 0}},
        // Depth 7, dnum 4 (digits of two primes under P = 96 bits): 424 <= 438 bits.
        {"P16K-IFMA", {14, {48, 40, 40, 40, 40, 40, 40, 40}, {48, 48}, std::ldexp(1.0, 40), 0}},
    };
    return list;
}

}  // namespace

std::uint32_t max_modulus_bits(std::uint32_t log_n, std::uint32_t security) {
    if (log_n < 10 || log_n > 16) return 0;
    int row = security == 128 ? 0 : security == 192 ? 1 : security == 256 ? 2 : -1;
    if (row < 0) return 0;
    return kTable[row][log_n - 10];
}

std::uint32_t security_bits(std::uint32_t log_n, std::uint32_t total_bits) {
    for (std::uint32_t s : {256u, 192u, 128u}) {
        std::uint32_t m = max_modulus_bits(log_n, s);
        if (m != 0 && total_bits <= m) return s;
    }
    return 0;
}

void validate(const ParamSpec& spec) {
    const bool insecure_ok = (spec.flags & kAllowInsecure) != 0;
    auto bad = [](const std::string& m) { fail(ErrorKind::kInvalidParameters, m); };
    if (spec.flags & ~kAllowInsecure) bad("unknown flags " + std::to_string(spec.flags));
    // N = 2^10 and 2^11 are secure only with tiny moduli (27 and 54 bits): the table below decides.
    if (spec.log_n < 10 || spec.log_n > 16) bad("log_n must be in [10, 16], got " + std::to_string(spec.log_n));
    if (spec.data_bits.empty()) bad("at least one data prime is required");
    if (spec.data_bits.size() > 64) bad("at most 64 data primes are supported");
    if (spec.special_bits.size() > 16) bad("at most 16 special primes are supported");
    std::uint32_t total = 0;
    for (auto* list : {&spec.data_bits, &spec.special_bits}) {
        for (std::uint32_t b : *list) {
            if (b < 20 || b > 60) bad("prime sizes must be 20..60 bits, got " + std::to_string(b));
            total += b;
        }
    }
    if (!(std::isfinite(spec.scale) && spec.scale >= 1.0))
        bad("default scale must be finite and >= 1");
    if (std::log2(spec.scale) >= 0.5 + spec.data_bits[0] + 60)
        bad("default scale 2^" + std::to_string(std::log2(spec.scale)) + " is too large for the modulus");
    const std::uint32_t limit = max_modulus_bits(spec.log_n, 128);
    if (total > limit && !insecure_ok)
        bad("log2(Q*P) = " + std::to_string(total) + " bits exceeds the 128-bit security limit of " +
            std::to_string(limit) + " bits for N = 2^" + std::to_string(spec.log_n) +
            " (HomomorphicEncryption.org standard, ternary secret); use fewer or smaller primes, a larger N, "
            "or HE4J_ALLOW_INSECURE for tests");
}

ParamSpec preset(const std::string& name) {
    for (const auto& p : presets())
        if (name == p.name) return p.spec;
    fail(ErrorKind::kInvalidArgument, "unknown preset '" + name + "'; known: " + preset_names());
}

const char* preset_names() {
    static const std::string names = [] {
        std::string s;
        for (const auto& p : presets()) {
            if (!s.empty()) s += ',';
            s += p.name;
        }
        return s;
    }();
    return names.c_str();
}

std::uint64_t param_id(std::size_t n, const std::vector<std::uint64_t>& primes, std::size_t data_count, double scale) {
    std::vector<std::uint64_t> words;
    words.push_back(n);
    words.push_back(data_count);
    for (auto q : primes) words.push_back(q);
    std::uint64_t scale_bits;
    std::memcpy(&scale_bits, &scale, sizeof scale_bits);
    words.push_back(scale_bits);
    unsigned char out[8];
    crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(words.data()), words.size() * 8,
                       nullptr, 0);
    std::uint64_t id;
    std::memcpy(&id, out, sizeof id);
    return id;
}

}  // namespace he4j::ckks
