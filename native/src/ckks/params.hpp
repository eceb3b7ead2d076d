// CKKS parameter specification, named presets and the HomomorphicEncryption.org security check.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace he4j::ckks {

inline constexpr std::uint32_t kAllowInsecure = 1u;  // mirrors HE4J_ALLOW_INSECURE

// An unchecked, serializable literal; Context::create turns it into validated parameters.
struct ParamSpec {
    std::uint32_t log_n = 0;
    std::vector<std::uint32_t> data_bits;     // data_bits[0] is the level-0 prime
    std::vector<std::uint32_t> special_bits;  // key-switching primes (may be empty)
    double scale = 0;
    std::uint32_t flags = 0;
};

// Largest log2(Q*P) for ternary secrets at the given security (128, 192, 256) and N = 2^log_n,
// per the HomomorphicEncryption.org standard (Albrecht et al., 2018, Table 1 / 2021 update).
// Returns 0 if N is outside the table.
std::uint32_t max_modulus_bits(std::uint32_t log_n, std::uint32_t security);

// Highest security level (256, 192, 128) met by a modulus of `total_bits` at N = 2^log_n, or 0.
std::uint32_t security_bits(std::uint32_t log_n, std::uint32_t total_bits);

// Checks shape and security; throws Error(kInvalidParameters) naming the defect.
void validate(const ParamSpec& spec);

// The parameter id of every backend: BLAKE2b-64 over N, the data prime count, the primes (data, special)
// and the scale bits, as little-endian words. Equal parameters have equal ids on every backend (the
// backend byte of a serialized object tells the backends apart).
std::uint64_t param_id(std::size_t n, const std::vector<std::uint64_t>& primes, std::size_t data_count, double scale);

// Named presets ("P8K", "P16K", "P4K-IFMA", ...); throws Error(kInvalidArgument) for unknown names.
ParamSpec preset(const std::string& name);
const char* preset_names();

}  // namespace he4j::ckks
