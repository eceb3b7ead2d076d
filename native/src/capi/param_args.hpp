// he4j_context_create's arguments, checked and gathered into a ParamSpec: shared by every backend.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

#include "capi/guard.hpp"
#include "ckks/params.hpp"

namespace he4j::capi {

inline ckks::ParamSpec param_spec_from_args(std::uint32_t log_n, const std::uint32_t* data_prime_bits,
                                            std::size_t data_count, const std::uint32_t* special_prime_bits,
                                            std::size_t special_count, double default_scale, std::uint32_t flags) {
    require(data_count >= 1 && data_count <= 64, ErrorKind::kInvalidParameters,
            "data_count must be in [1, 64], got " + std::to_string(data_count));
    require(special_count <= 16, ErrorKind::kInvalidParameters,
            "special_count must be at most 16, got " + std::to_string(special_count));
    deref(data_prime_bits, "data_prime_bits");
    if (special_count > 0) deref(special_prime_bits, "special_prime_bits");
    ckks::ParamSpec spec;
    spec.log_n = log_n;
    spec.data_bits.assign(data_prime_bits, data_prime_bits + data_count);
    if (special_count > 0) spec.special_bits.assign(special_prime_bits, special_prime_bits + special_count);
    spec.scale = default_scale;
    spec.flags = flags;
    return spec;
}

}  // namespace he4j::capi
