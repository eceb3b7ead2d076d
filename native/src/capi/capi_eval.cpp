// Evaluator entry points: argument checks, then the scheme layer (which checks levels, scales, sizes).
#include <cstdlib>
#include <vector>

#include "capi/capi_handles.hpp"
#include "ckks/evaluator.hpp"

using namespace he4j;
using namespace he4j::capi;

extern "C" {

#define HE4J_BINARY_CT(fn, impl)                                                                              \
    he4j_status fn(const he4j_context* ctx, const he4j_ciphertext* a, const he4j_ciphertext* b, he4j_ciphertext* out) { \
        return guard(#fn, [&] {                                                                                \
            const auto& c = context_of(ctx);                                                                   \
            const auto& x = checked(a, c, "a");                                                                \
            const auto& y = checked(b, c, "b");                                                                \
            auto& o = checked(out, c, "out");                                                                  \
            impl(c, x.ct, y.ct, o.ct);                                                                         \
        });                                                                                                    \
    }

#define HE4J_PLAIN_CT(fn, impl)                                                                               \
    he4j_status fn(const he4j_context* ctx, const he4j_ciphertext* a, const he4j_plaintext* b, he4j_ciphertext* out) { \
        return guard(#fn, [&] {                                                                                \
            const auto& c = context_of(ctx);                                                                   \
            const auto& x = checked(a, c, "a");                                                                \
            const auto& y = checked(b, c, "b");                                                                \
            auto& o = checked(out, c, "out");                                                                  \
            impl(c, x.ct, y.pt, o.ct);                                                                         \
        });                                                                                                    \
    }

HE4J_BINARY_CT(he4j_eval_add, ckks::add)
HE4J_BINARY_CT(he4j_eval_sub, ckks::sub)
HE4J_BINARY_CT(he4j_eval_mul, ckks::mul)
HE4J_PLAIN_CT(he4j_eval_add_plain, ckks::add_plain)
HE4J_PLAIN_CT(he4j_eval_sub_plain, ckks::sub_plain)
HE4J_PLAIN_CT(he4j_eval_mul_plain, ckks::mul_plain)

he4j_status he4j_eval_negate(const he4j_context* ctx, const he4j_ciphertext* a, he4j_ciphertext* out) {
    return guard("he4j_eval_negate", [&] {
        const auto& c = context_of(ctx);
        const auto& x = checked(a, c, "a");
        auto& o = checked(out, c, "out");
        ckks::negate(c, x.ct, o.ct);
    });
}

he4j_status he4j_eval_add_scalar(const he4j_context* ctx, const he4j_ciphertext* a, double value, he4j_ciphertext* out) {
    return guard("he4j_eval_add_scalar", [&] {
        const auto& c = context_of(ctx);
        const auto& x = checked(a, c, "a");
        auto& o = checked(out, c, "out");
        ckks::add_scalar(c, x.ct, value, o.ct);
    });
}

he4j_status he4j_eval_mul_scalar(const he4j_context* ctx, const he4j_ciphertext* a, double value, double scale,
                                 he4j_ciphertext* out) {
    return guard("he4j_eval_mul_scalar", [&] {
        const auto& c = context_of(ctx);
        const auto& x = checked(a, c, "a");
        auto& o = checked(out, c, "out");
        ckks::mul_scalar(c, x.ct, value, scale, o.ct);
    });
}

he4j_status he4j_eval_relinearize(const he4j_context* ctx, const he4j_relin_key* rk, const he4j_ciphertext* a,
                                  he4j_ciphertext* out) {
    return guard("he4j_eval_relinearize", [&] {
        const auto& c = context_of(ctx);
        const auto& k = checked(rk, c, "rk");
        const auto& x = checked(a, c, "a");
        auto& o = checked(out, c, "out");
        ckks::relinearize(c, k.rk, x.ct, o.ct);
    });
}

he4j_status he4j_eval_mul_relin(const he4j_context* ctx, const he4j_relin_key* rk, const he4j_ciphertext* a,
                                const he4j_ciphertext* b, he4j_ciphertext* out) {
    return guard("he4j_eval_mul_relin", [&] {
        const auto& c = context_of(ctx);
        const auto& k = checked(rk, c, "rk");
        const auto& x = checked(a, c, "a");
        const auto& y = checked(b, c, "b");
        auto& o = checked(out, c, "out");
        ckks::mul_relin(c, k.rk, x.ct, y.ct, o.ct);
    });
}

he4j_status he4j_eval_square_relin(const he4j_context* ctx, const he4j_relin_key* rk, const he4j_ciphertext* a,
                                   he4j_ciphertext* out) {
    return guard("he4j_eval_square_relin", [&] {
        const auto& c = context_of(ctx);
        const auto& k = checked(rk, c, "rk");
        const auto& x = checked(a, c, "a");
        auto& o = checked(out, c, "out");
        ckks::square_relin(c, k.rk, x.ct, o.ct);
    });
}

he4j_status he4j_eval_rescale(const he4j_context* ctx, const he4j_ciphertext* a, he4j_ciphertext* out) {
    return guard("he4j_eval_rescale", [&] {
        const auto& c = context_of(ctx);
        const auto& x = checked(a, c, "a");
        auto& o = checked(out, c, "out");
        ckks::rescale(c, x.ct, o.ct);
    });
}

he4j_status he4j_eval_mod_switch_to(const he4j_context* ctx, const he4j_ciphertext* a, uint32_t level,
                                    he4j_ciphertext* out) {
    return guard("he4j_eval_mod_switch_to", [&] {
        const auto& c = context_of(ctx);
        const auto& x = checked(a, c, "a");
        auto& o = checked(out, c, "out");
        ckks::mod_switch_to(c, x.ct, level, o.ct);
    });
}

he4j_status he4j_plaintext_mod_switch_to(const he4j_context* ctx, const he4j_plaintext* a, uint32_t level,
                                         he4j_plaintext* out) {
    return guard("he4j_plaintext_mod_switch_to", [&] {
        const auto& c = context_of(ctx);
        const auto& x = checked(a, c, "a");
        auto& o = checked(out, c, "out");
        ckks::mod_switch_to(c, x.pt, level, o.pt);
    });
}

he4j_status he4j_eval_rotate(const he4j_context* ctx, const he4j_galois_keys* gk, const he4j_ciphertext* a, int32_t step,
                             he4j_ciphertext* out) {
    return guard("he4j_eval_rotate", [&] {
        const auto& c = context_of(ctx);
        const auto& k = checked(gk, c, "gk");
        const auto& x = checked(a, c, "a");
        auto& o = checked(out, c, "out");
        step_arg(c, step);
        ckks::rotate(c, k.gk, x.ct, step, o.ct);
    });
}

he4j_status he4j_eval_conjugate(const he4j_context* ctx, const he4j_galois_keys* gk, const he4j_ciphertext* a,
                                he4j_ciphertext* out) {
    return guard("he4j_eval_conjugate", [&] {
        const auto& c = context_of(ctx);
        const auto& k = checked(gk, c, "gk");
        const auto& x = checked(a, c, "a");
        auto& o = checked(out, c, "out");
        ckks::conjugate(c, k.gk, x.ct, o.ct);
    });
}

he4j_status he4j_eval_rotate_hoisted(const he4j_context* ctx, const he4j_galois_keys* gk, const he4j_ciphertext* a,
                                     const int32_t* steps, size_t count, he4j_ciphertext* const* outs) {
    return guard("he4j_eval_rotate_hoisted", [&] {
        const auto& c = context_of(ctx);
        const auto& k = checked(gk, c, "gk");
        const auto& x = checked(a, c, "a");
        if (count == 0) return;  // nothing to rotate
        slot_count_arg(c, count, "steps");
        deref(steps, "steps");
        deref(outs, "outs");
        std::vector<std::int64_t> st(count);
        std::vector<ckks::Ciphertext*> os(count);
        for (size_t i = 0; i < count; ++i) {
            step_arg(c, steps[i]);
            st[i] = steps[i];
            const std::string name = "outs[" + std::to_string(i) + "]";
            os[i] = &checked(outs[i], c, name.c_str()).ct;
        }
        ckks::rotate_hoisted(c, k.gk, x.ct, st, os);
    });
}

he4j_status he4j_eval_rotate_sum(const he4j_context* ctx, const he4j_galois_keys* gk, const he4j_ciphertext* a,
                                 uint32_t count, he4j_ciphertext* out) {
    return guard("he4j_eval_rotate_sum", [&] {
        const auto& c = context_of(ctx);
        const auto& k = checked(gk, c, "gk");
        const auto& x = checked(a, c, "a");
        auto& o = checked(out, c, "out");
        ckks::rotate_sum(c, k.gk, x.ct, count, o.ct);
    });
}

}  // extern "C"
