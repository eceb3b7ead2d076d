// Key generation entry points.
#include <cstdlib>

#include "capi/capi_handles.hpp"

using namespace he4j;
using namespace he4j::capi;

extern "C" {

he4j_status he4j_secret_key_generate(const he4j_context* ctx, he4j_secret_key** out) {
    return guard("he4j_secret_key_generate", [&] {
        out_arg(out);
        const auto& c = context_of(ctx);
        auto sk = std::make_unique<ckks::SecretKey>(ckks::generate_secret_key(c));
        *out = make_handle(he4j_secret_key{ctx->ctx, std::move(sk)});
    });
}

he4j_status he4j_public_key_generate(const he4j_context* ctx, const he4j_secret_key* sk, he4j_public_key** out) {
    return guard("he4j_public_key_generate", [&] {
        out_arg(out);
        const auto& c = context_of(ctx);
        const auto& s = checked(sk, c, "sk");
        *out = make_handle(he4j_public_key{ctx->ctx, ckks::generate_public_key(c, *s.sk)});
    });
}

he4j_status he4j_relin_key_generate(const he4j_context* ctx, const he4j_secret_key* sk, he4j_relin_key** out) {
    return guard("he4j_relin_key_generate", [&] {
        out_arg(out);
        const auto& c = context_of(ctx);
        const auto& s = checked(sk, c, "sk");
        *out = make_handle(he4j_relin_key{ctx->ctx, ckks::generate_relin_key(c, *s.sk)});
    });
}

he4j_status he4j_galois_keys_generate(const he4j_context* ctx, const he4j_secret_key* sk, const int32_t* steps,
                                      size_t step_count, int include_conjugate, he4j_galois_keys** out) {
    return guard("he4j_galois_keys_generate", [&] {
        out_arg(out);
        const auto& c = context_of(ctx);
        const auto& s = checked(sk, c, "sk");
        values_arg(steps, step_count, "steps");
        slot_count_arg(c, step_count, "steps");
        std::vector<std::uint64_t> elements;
        for (size_t i = 0; i < step_count; ++i) {
            const std::int64_t st = steps[i];
            step_arg(c, st);
            if (st != 0) elements.push_back(c.galois_element_for_step(st));
        }
        if (include_conjugate) elements.push_back(c.conjugation_element());
        *out = make_handle(he4j_galois_keys{ctx->ctx, ckks::generate_galois_keys(c, *s.sk, elements)});
    });
}

he4j_status he4j_galois_keys_has_step(const he4j_galois_keys* gk, int32_t step, int* out) {
    return guard("he4j_galois_keys_has_step", [&] {
        const auto& c = object_context(gk, "gk");
        const auto& g = *gk;
        deref(out, "out");
        step_arg(c, step);
        const std::uint64_t e = step == 0 ? c.conjugation_element() : c.galois_element_for_step(step);
        *out = g.gk.keys.count(e) ? 1 : 0;
    });
}

void he4j_secret_key_free(he4j_secret_key* sk) { free_handle(sk); }
void he4j_public_key_free(he4j_public_key* pk) { free_handle(pk); }
void he4j_relin_key_free(he4j_relin_key* rk) { free_handle(rk); }
void he4j_galois_keys_free(he4j_galois_keys* gk) { free_handle(gk); }

}  // extern "C"
