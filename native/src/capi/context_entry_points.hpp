// The context entry points of the C ABI, the same on every backend: HE4J_CONTEXT_ENTRY_POINTS(Context)
// defines them (inside extern "C", after the backend's handle structs) for a backend whose Context has
// create(ParamSpec), n(), slots(), max_level(), default_scale(), data_count(), special_count(),
// total_count(), modulus(i) (a prime, or a Modulus with value()), security_bits() and param_id().
#pragma once
#include <cstring>
#include <string>
#include <type_traits>

#include "capi/front.hpp"
#include "capi/param_args.hpp"
#include "ckks/params.hpp"

namespace he4j::capi {

template <class M>
std::uint64_t prime_value(const M& m) {
    if constexpr (std::is_integral_v<M>) return m;
    else return m.value();
}

}  // namespace he4j::capi

#define HE4J_CONTEXT_ENTRY_POINTS(Context)                                                                      \
    he4j_status he4j_context_create(uint32_t log_n, const uint32_t* data_prime_bits, size_t data_count,         \
                                    const uint32_t* special_prime_bits, size_t special_count,                   \
                                    double default_scale, uint32_t flags, he4j_context** out) {                 \
        return he4j::capi::guard("he4j_context_create", [&] {                                                   \
            he4j::capi::out_arg(out);                                                                           \
            *out = he4j::capi::make_handle(he4j_context{Context::create(he4j::capi::param_spec_from_args(      \
                log_n, data_prime_bits, data_count, special_prime_bits, special_count, default_scale, flags))}); \
        });                                                                                                     \
    }                                                                                                           \
    he4j_status he4j_context_create_preset(const char* name, uint32_t flags, he4j_context** out) {              \
        return he4j::capi::guard("he4j_context_create_preset", [&] {                                            \
            he4j::capi::out_arg(out);                                                                           \
            he4j::capi::deref(name, "name");                                                                    \
            he4j::ckks::ParamSpec spec = he4j::ckks::preset(std::string(name, strnlen(name, 64)));              \
            spec.flags = flags;                                                                                 \
            *out = he4j::capi::make_handle(he4j_context{Context::create(spec)});                                \
        });                                                                                                     \
    }                                                                                                           \
    const char* he4j_preset_names(void) { return he4j::ckks::preset_names(); }                                  \
    void he4j_context_free(he4j_context* ctx) { he4j::capi::free_handle(ctx); }                                 \
    he4j_status he4j_context_poly_degree(const he4j_context* ctx, uint64_t* out) {                              \
        return he4j::capi::guard("he4j_context_poly_degree",                                                    \
                                 [&] { he4j::capi::deref(out, "out") = he4j::capi::context_of(ctx).n(); });     \
    }                                                                                                           \
    he4j_status he4j_context_slot_count(const he4j_context* ctx, uint64_t* out) {                               \
        return he4j::capi::guard("he4j_context_slot_count",                                                     \
                                 [&] { he4j::capi::deref(out, "out") = he4j::capi::context_of(ctx).slots(); }); \
    }                                                                                                           \
    he4j_status he4j_context_max_level(const he4j_context* ctx, uint32_t* out) {                                \
        return he4j::capi::guard("he4j_context_max_level", [&] {                                                \
            he4j::capi::deref(out, "out") = he4j::capi::context_of(ctx).max_level();                            \
        });                                                                                                     \
    }                                                                                                           \
    he4j_status he4j_context_default_scale(const he4j_context* ctx, double* out) {                              \
        return he4j::capi::guard("he4j_context_default_scale", [&] {                                            \
            he4j::capi::deref(out, "out") = he4j::capi::context_of(ctx).default_scale();                        \
        });                                                                                                     \
    }                                                                                                           \
    he4j_status he4j_context_modulus_count(const he4j_context* ctx, size_t* data_count, size_t* special_count) { \
        return he4j::capi::guard("he4j_context_modulus_count", [&] {                                            \
            const auto& c = he4j::capi::context_of(ctx);                                                        \
            he4j::capi::deref(data_count, "data_count");                                                        \
            he4j::capi::deref(special_count, "special_count");                                                  \
            *data_count = c.data_count();                                                                       \
            *special_count = c.special_count();                                                                 \
        });                                                                                                     \
    }                                                                                                           \
    he4j_status he4j_context_modulus(const he4j_context* ctx, size_t index, uint64_t* out) {                    \
        return he4j::capi::guard("he4j_context_modulus", [&] {                                                  \
            const auto& c = he4j::capi::context_of(ctx);                                                        \
            he4j::capi::deref(out, "out");                                                                      \
            he4j::capi::modulus_index_arg(c, index);                                                            \
            *out = he4j::capi::prime_value(c.modulus(index));                                                   \
        });                                                                                                     \
    }                                                                                                           \
    he4j_status he4j_context_security_bits(const he4j_context* ctx, uint32_t* out) {                            \
        return he4j::capi::guard("he4j_context_security_bits", [&] {                                            \
            he4j::capi::deref(out, "out") = he4j::capi::context_of(ctx).security_bits();                        \
        });                                                                                                     \
    }                                                                                                           \
    he4j_status he4j_context_param_id(const he4j_context* ctx, uint64_t* out) {                                 \
        return he4j::capi::guard("he4j_context_param_id", [&] {                                                 \
            he4j::capi::deref(out, "out") = he4j::capi::context_of(ctx).param_id();                             \
        });                                                                                                     \
    }
