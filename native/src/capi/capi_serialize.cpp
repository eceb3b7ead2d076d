// Serialization entry points: size query (buf == NULL), bounded save, validating load.
#include "capi/capi_handles.hpp"
#include "ckks/serialization.hpp"

using namespace he4j;
using namespace he4j::capi;

namespace {

// Sizes are exact here: the object is written straight into the caller's buffer (no temporary copy to wipe).
template <class SizeFn, class SaveFn>
void save_exact(uint8_t* buf, size_t cap, size_t* written, SizeFn size_fn, SaveFn save_fn) {
    const size_t need = size_fn();
    if (save_room(buf, cap, written, need)) *written = save_fn(buf, need);
}

}  // namespace

extern "C" {

he4j_status he4j_context_save(const he4j_context* ctx, uint8_t* buf, size_t cap, size_t* written) {
    return guard("he4j_context_save", [&] {
        const auto& c = context_of(ctx);
        save_exact(buf, cap, written, [&] { return ckks::serialized_size(c); },
                      [&](uint8_t* out, size_t n) { return ckks::save_to(c, out, n); });
    });
}

he4j_status he4j_context_load(const uint8_t* buf, size_t len, uint32_t flags, he4j_context** out) {
    return guard("he4j_context_load", [&] {
        load_args(buf, out);
        *out = make_handle(he4j_context{ckks::load_context(buf, len, flags)});
    });
}

#define HE4J_SERIALIZATION(kind, field, loader)                                                              \
    he4j_status he4j_##kind##_save(const he4j_##kind* obj, uint8_t* buf, size_t cap, size_t* written) {     \
        return guard("he4j_" #kind "_save", [&] {                                                             \
            const auto& c = object_context(obj);                                                              \
            const auto& value = field(*obj);                                                                  \
            save_exact(buf, cap, written, [&] { return ckks::serialized_size(c, value); },                    \
                       [&](uint8_t* out, size_t n) { return ckks::save_to(c, value, out, n); });              \
        });                                                                                                   \
    }                                                                                                         \
    he4j_status he4j_##kind##_load(const he4j_context* ctx, const uint8_t* buf, size_t len, he4j_##kind** out) { \
        return guard("he4j_" #kind "_load", [&] {                                                             \
            load_args(buf, out);                                                                              \
            const auto& c = context_of(ctx);                                                                  \
            auto loaded = ckks::loader(c, buf, len);                                                          \
            *out = make_handle(he4j_##kind{ctx->ctx, std::move(loaded)});                                     \
        });                                                                                                   \
    }

namespace {
const ckks::Ciphertext& ct_field(const he4j_ciphertext& h) {
    require(!h.ct.empty(), ErrorKind::kInvalidArgument, "ciphertext is empty");
    return h.ct;
}
const ckks::Plaintext& pt_field(const he4j_plaintext& h) {
    require(!h.pt.empty(), ErrorKind::kInvalidArgument, "plaintext is empty");
    return h.pt;
}
const ckks::PublicKey& pk_field(const he4j_public_key& h) { return h.pk; }
const ckks::RelinKey& rk_field(const he4j_relin_key& h) { return h.rk; }
const ckks::GaloisKeys& gk_field(const he4j_galois_keys& h) { return h.gk; }
const ckks::SecretKey& sk_field(const he4j_secret_key& h) { return *h.sk; }
}  // namespace

HE4J_SERIALIZATION(ciphertext, ct_field, load_ciphertext)
HE4J_SERIALIZATION(plaintext, pt_field, load_plaintext)
HE4J_SERIALIZATION(public_key, pk_field, load_public_key)
HE4J_SERIALIZATION(relin_key, rk_field, load_relin_key)
HE4J_SERIALIZATION(galois_keys, gk_field, load_galois_keys)
HE4J_SERIALIZATION(secret_key, sk_field, load_secret_key)

}  // extern "C"
