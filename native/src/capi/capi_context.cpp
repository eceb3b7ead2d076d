// Context entry points: validated parameters, presets and their properties.
#include <cstring>

#include "capi/param_args.hpp"
#include "capi/capi_handles.hpp"
#include "ckks/params.hpp"

using namespace he4j;
using namespace he4j::capi;

namespace {

he4j_context* new_context(const ckks::ParamSpec& spec) {
    return make_handle(he4j_context{ckks::Context::create(spec)});
}

}  // namespace

extern "C" {

he4j_status he4j_context_create(uint32_t log_n, const uint32_t* data_prime_bits, size_t data_count,
                                const uint32_t* special_prime_bits, size_t special_count, double default_scale,
                                uint32_t flags, he4j_context** out) {
    return guard("he4j_context_create", [&] {
        out_arg(out);
        *out = new_context(capi::param_spec_from_args(log_n, data_prime_bits, data_count, special_prime_bits,
                                                      special_count, default_scale, flags));
    });
}

he4j_status he4j_context_create_preset(const char* name, uint32_t flags, he4j_context** out) {
    return guard("he4j_context_create_preset", [&] {
        out_arg(out);
        deref(name, "name");
        ckks::ParamSpec spec = ckks::preset(std::string(name, strnlen(name, 64)));
        spec.flags = flags;
        *out = new_context(spec);
    });
}

const char* he4j_preset_names(void) { return ckks::preset_names(); }

void he4j_context_free(he4j_context* ctx) { free_handle(ctx); }

he4j_status he4j_context_poly_degree(const he4j_context* ctx, uint64_t* out) {
    return guard("he4j_context_poly_degree", [&] { deref(out, "out") = context_of(ctx).n(); });
}

he4j_status he4j_context_slot_count(const he4j_context* ctx, uint64_t* out) {
    return guard("he4j_context_slot_count", [&] { deref(out, "out") = context_of(ctx).slots(); });
}

he4j_status he4j_context_max_level(const he4j_context* ctx, uint32_t* out) {
    return guard("he4j_context_max_level", [&] { deref(out, "out") = context_of(ctx).max_level(); });
}

he4j_status he4j_context_default_scale(const he4j_context* ctx, double* out) {
    return guard("he4j_context_default_scale", [&] { deref(out, "out") = context_of(ctx).default_scale(); });
}

he4j_status he4j_context_modulus_count(const he4j_context* ctx, size_t* data_count, size_t* special_count) {
    return guard("he4j_context_modulus_count", [&] {
        const auto& c = context_of(ctx);
        deref(data_count, "data_count");
        deref(special_count, "special_count");
        *data_count = c.data_count();
        *special_count = c.special_count();
    });
}

he4j_status he4j_context_modulus(const he4j_context* ctx, size_t index, uint64_t* out) {
    return guard("he4j_context_modulus", [&] {
        const auto& c = context_of(ctx);
        deref(out, "out");
        modulus_index_arg(c, index);
        *out = c.modulus(index).value();
    });
}

he4j_status he4j_context_security_bits(const he4j_context* ctx, uint32_t* out) {
    return guard("he4j_context_security_bits", [&] { deref(out, "out") = context_of(ctx).security_bits(); });
}

he4j_status he4j_context_param_id(const he4j_context* ctx, uint64_t* out) {
    return guard("he4j_context_param_id", [&] { deref(out, "out") = context_of(ctx).param_id(); });
}

}  // extern "C"
