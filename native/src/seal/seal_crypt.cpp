// Ciphertext handles, encryption and decryption. Symmetric encryption uses SEAL's seeded form: its compact
// stream is kept next to the expanded ciphertext until the ciphertext is written.
#include <cmath>

#include "seal_handles.hpp"

using namespace he4j;
using namespace he4j::sealb;

namespace {

void require_plain(const Context& c, const he4j_plaintext& p, const char* op) {
    nonempty(p, op);
    c.level_of(p.pt.parms_id());
}

}  // namespace

namespace he4j::sealb {

const seal::Ciphertext& expanded(const he4j_ciphertext& c) {
    if (c.pending.load(std::memory_order_acquire)) {
        std::lock_guard<std::mutex> lock(c.expand_mutex);
        if (c.pending.load(std::memory_order_relaxed)) {
            seal::Ciphertext r;
            r.load(c.ctx->seal(), c.compact.data(), c.compact.size());  // expands c1 from the seed
            c.ct = std::move(r);
            c.pending.store(false, std::memory_order_release);
        }
    }
    return c.ct;
}

}  // namespace he4j::sealb

extern "C" {

he4j_status he4j_ciphertext_create(const he4j_context* ctx, he4j_ciphertext** out) {
    return capi::guard("he4j_ciphertext_create", [&] {
        out_arg(out);
        context_of(ctx);
        auto h = std::make_unique<he4j_ciphertext>();
        h->ctx = ctx->ctx;
        *out = make_handle(h.release());
    });
}

void he4j_ciphertext_free(he4j_ciphertext* ct) { free_handle(ct); }

he4j_status he4j_ciphertext_copy(const he4j_ciphertext* src, he4j_ciphertext* dst) {
    return capi::guard("he4j_ciphertext_copy", [&] {
        const auto& s = deref(src, "src");
        auto& d = deref(dst, "dst");
        require_same_params(*s.ctx, d.ctx, "dst");
        if (&s != &d) {
            std::lock_guard<std::mutex> lock(s.expand_mutex);
            const bool pending = s.pending.load(std::memory_order_acquire);
            d.ct = pending ? seal::Ciphertext() : s.ct;
            d.compact = s.compact;
            d.pending.store(pending, std::memory_order_release);
        }
    });
}

he4j_status he4j_ciphertext_level(const he4j_ciphertext* ct, uint32_t* out) {
    return capi::guard("he4j_ciphertext_level", [&] {
        const auto& h = deref(ct, "ct");
        const auto& c = nonempty(h, "he4j_ciphertext_level");
        deref(out, "out") = h.ctx->level_of(c.parms_id());
    });
}

he4j_status he4j_ciphertext_scale(const he4j_ciphertext* ct, double* out) {
    return capi::guard("he4j_ciphertext_scale", [&] {
        deref(out, "out") = nonempty(deref(ct, "ct"), "he4j_ciphertext_scale").scale();
    });
}

he4j_status he4j_ciphertext_set_scale(he4j_ciphertext* ct, double scale) {
    return capi::guard("he4j_ciphertext_set_scale", [&] {
        auto& c = deref(ct, "ct");
        nonempty(c, "he4j_ciphertext_set_scale");
        if (!(std::isfinite(scale) && scale > 0)) fail(ErrorKind::kInvalidArgument, "scale must be finite and > 0");
        if (c.ct.scale() != scale) c.compact.clear();  // the compact SEAL stream records the old scale
        c.ct.scale() = scale;
    });
}

he4j_status he4j_ciphertext_size(const he4j_ciphertext* ct, uint32_t* out) {
    return capi::guard("he4j_ciphertext_size", [&] {
        deref(out, "out") = static_cast<uint32_t>(nonempty(deref(ct, "ct"), "he4j_ciphertext_size").size());
    });
}

he4j_status he4j_encrypt_pk(const he4j_context* ctx, const he4j_public_key* pk, const he4j_plaintext* pt,
                            he4j_ciphertext* out) {
    return capi::guard("he4j_encrypt_pk", [&] {
        const auto& c = context_of(ctx);
        const auto& k = checked(pk, c, "pk");
        const auto& p = checked(pt, c, "pt");
        auto& o = checked(out, c, "out");
        require_plain(c, p, "he4j_encrypt_pk");
        seal::Ciphertext r;
        k.encryptor->encrypt(p.pt, r);
        writable(o) = std::move(r);
    });
}

// The fused reply mask needs the own engine's sampling (flood added to e0 before its NTT): callers fall back to
// he4j_encrypt_pk of a zero plaintext plus an encoded flood, which SEAL does support.
he4j_status he4j_encrypt_zero_flooded(const he4j_context*, const he4j_public_key*, int32_t, double, const uint32_t*,
                                      size_t, uint32_t, he4j_ciphertext*) {
    return capi::guard("he4j_encrypt_zero_flooded", [&] {
        fail(ErrorKind::kUnsupported,
             "he4j_encrypt_zero_flooded (fused reply mask) is not supported by the SEAL backend; encrypt a zero "
             "plaintext and add the flood instead");
    });
}

he4j_status he4j_encrypt_sk(const he4j_context* ctx, const he4j_secret_key* sk, const he4j_plaintext* pt,
                            he4j_ciphertext* out) {
    return capi::guard("he4j_encrypt_sk", [&] {
        const auto& c = context_of(ctx);
        const auto& k = checked(sk, c, "sk");
        const auto& p = checked(pt, c, "pt");
        auto& o = checked(out, c, "out");
        require_plain(c, p, "he4j_encrypt_sk");
        const auto seeded = k.encryptor->encrypt_symmetric(p.pt);
        std::vector<seal::seal_byte> bytes(static_cast<std::size_t>(seeded.save_size(seal::compr_mode_type::none)));
        bytes.resize(static_cast<std::size_t>(seeded.save(bytes.data(), bytes.size(), seal::compr_mode_type::none)));
        writable(o) = seal::Ciphertext();
        o.compact = std::move(bytes);
        o.pending.store(true, std::memory_order_release);  // expanded on first use
    });
}

he4j_status he4j_decrypt(const he4j_context* ctx, const he4j_secret_key* sk, const he4j_ciphertext* ct,
                         he4j_plaintext* out) {
    return capi::guard("he4j_decrypt", [&] {
        const auto& c = context_of(ctx);
        const auto& k = checked(sk, c, "sk");
        const auto& x = checked(ct, c, "ct");
        auto& o = checked(out, c, "out");
        c.level_of(nonempty(x, "he4j_decrypt").parms_id());
        seal::Plaintext r;
        k.decryptor->decrypt(x.ct, r);
        o.pt = std::move(r);
    });
}

}  // extern "C"
