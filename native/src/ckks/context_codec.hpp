// The payload of a serialized context, one layout for every backend (little-endian):
//   log_n u32, flags u32 (informational), scale f64, data prime count u32, one u8 bit size per data prime,
//   special prime count u32, one u8 bit size per special prime, then every prime (data, special) as u64.
// Loading re-derives the parameters from the sizes and checks that the stored primes and parameter id
// are the re-derived ones, so a context can never carry primes the rules would not choose.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "ckks/params.hpp"
#include "common/error.hpp"

namespace he4j::ckks {

struct StoredContext {
    ParamSpec spec;                    // flags are the loader's, not the stored ones
    std::vector<std::uint64_t> primes;  // as stored
};

std::size_t context_payload_size(const ParamSpec& spec);
// Writes exactly context_payload_size(spec) bytes; `primes` holds data then special primes.
void write_context_payload(const ParamSpec& spec, const std::uint64_t* primes, std::uint8_t* out);
// Parses exactly len bytes; throws Error(kMalformedInput) naming the first defect.
StoredContext read_context_payload(const std::uint8_t* p, std::size_t len, std::uint32_t flags);

// A failure to re-derive stored parameters: a security refusal (without HE4J_ALLOW_INSECURE) and
// kUnsupported pass through unchanged, anything else means the stored parameters are malformed.
[[noreturn]] void rethrow_rederive_failure(const Error& e, std::uint32_t flags);

// The stored primes and parameter id must be the re-derived ones; prime_at(i) is the i-th derived prime.
template <class PrimeAt>
void check_rederived(const StoredContext& stored, std::uint64_t stored_id, PrimeAt prime_at, std::uint64_t derived_id) {
    for (std::size_t i = 0; i < stored.primes.size(); ++i)
        if (stored.primes[i] != prime_at(i))
            fail(ErrorKind::kMalformedInput, "stored prime " + std::to_string(i) + " does not match the re-derived prime");
    if (stored_id != derived_id) fail(ErrorKind::kMalformedInput, "parameter id does not match the re-derived parameters");
}

}  // namespace he4j::ckks
