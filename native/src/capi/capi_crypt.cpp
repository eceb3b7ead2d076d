// Ciphertext handles, encryption and decryption.
#include <cmath>

#include "capi/capi_handles.hpp"
#include "ckks/encryptor.hpp"
#include "ckks/reply_mask.hpp"

using namespace he4j;
using namespace he4j::capi;

namespace {

const ckks::Ciphertext& nonempty(const he4j_ciphertext& c) {
    require(!c.ct.empty(), ErrorKind::kInvalidArgument, "ciphertext is empty (encrypt or compute into it first)");
    return c.ct;
}

}  // namespace

extern "C" {

he4j_status he4j_ciphertext_create(const he4j_context* ctx, he4j_ciphertext** out) {
    return guard("he4j_ciphertext_create", [&] {
        out_arg(out);
        context_of(ctx);
        *out = make_handle(he4j_ciphertext{ctx->ctx, {}});
    });
}

void he4j_ciphertext_free(he4j_ciphertext* ct) { free_handle(ct); }

he4j_status he4j_ciphertext_copy(const he4j_ciphertext* src, he4j_ciphertext* dst) {
    return guard("he4j_ciphertext_copy", [&] {
        const auto& s = deref(src, "src");
        auto& d = deref(dst, "dst");
        require_same_params(*s.ctx, d.ctx, "dst");
        if (&s != &d) d.ct = s.ct;
    });
}

he4j_status he4j_ciphertext_level(const he4j_ciphertext* ct, uint32_t* out) {
    return guard("he4j_ciphertext_level", [&] { deref(out, "out") = nonempty(deref(ct, "ct")).level; });
}

he4j_status he4j_ciphertext_scale(const he4j_ciphertext* ct, double* out) {
    return guard("he4j_ciphertext_scale", [&] { deref(out, "out") = nonempty(deref(ct, "ct")).scale; });
}

he4j_status he4j_ciphertext_set_scale(he4j_ciphertext* ct, double scale) {
    return guard("he4j_ciphertext_set_scale", [&] {
        auto& c = deref(ct, "ct");
        nonempty(c);
        require(std::isfinite(scale) && scale > 0, ErrorKind::kInvalidArgument, "scale must be finite and > 0");
        c.ct.scale = scale;
    });
}

he4j_status he4j_ciphertext_size(const he4j_ciphertext* ct, uint32_t* out) {
    return guard("he4j_ciphertext_size", [&] { deref(out, "out") = nonempty(deref(ct, "ct")).size; });
}

he4j_status he4j_encrypt_pk(const he4j_context* ctx, const he4j_public_key* pk, const he4j_plaintext* pt,
                            he4j_ciphertext* out) {
    return guard("he4j_encrypt_pk", [&] {
        const auto& c = context_of(ctx);
        const auto& k = checked(pk, c, "pk");
        const auto& p = checked(pt, c, "pt");
        auto& o = checked(out, c, "out");
        ckks::encrypt_pk(c, k.pk, p.pt, o.ct);
    });
}

he4j_status he4j_encrypt_zero_flooded(const he4j_context* ctx, const he4j_public_key* pk, int32_t level, double scale,
                                      const uint32_t* positions, size_t count, uint32_t flood_bits,
                                      he4j_ciphertext* out) {
    return guard("he4j_encrypt_zero_flooded", [&] {
        const auto& c = context_of(ctx);
        const auto& k = checked(pk, c, "pk");
        auto& o = checked(out, c, "out");
        ckks::encrypt_zero_flooded(c, k.pk, level_arg(c, level), scale, positions, count, flood_bits, o.ct);
    });
}

he4j_status he4j_encrypt_sk(const he4j_context* ctx, const he4j_secret_key* sk, const he4j_plaintext* pt,
                            he4j_ciphertext* out) {
    return guard("he4j_encrypt_sk", [&] {
        const auto& c = context_of(ctx);
        const auto& k = checked(sk, c, "sk");
        const auto& p = checked(pt, c, "pt");
        auto& o = checked(out, c, "out");
        ckks::encrypt_sk(c, *k.sk, p.pt, o.ct);
    });
}

he4j_status he4j_decrypt(const he4j_context* ctx, const he4j_secret_key* sk, const he4j_ciphertext* ct,
                         he4j_plaintext* out) {
    return guard("he4j_decrypt", [&] {
        const auto& c = context_of(ctx);
        const auto& k = checked(sk, c, "sk");
        const auto& x = checked(ct, c, "ct");
        auto& o = checked(out, c, "out");
        ckks::decrypt(c, *k.sk, x.ct, o.pt);
    });
}

}  // extern "C"
