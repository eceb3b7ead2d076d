// Multiparty (threshold) keys are not implemented over SEAL: each entry point reports HE4J_ERR_UNSUPPORTED
// (the protocols need the common `a` of the own engine's seeded public keys).
#include "capi/guard.hpp"

using namespace he4j;
using namespace he4j::capi;

struct he4j_secret_share {};  // never created by this backend

namespace {

he4j_status unsupported(const char* operation) {
    return guard(operation, [&] {
        fail(ErrorKind::kUnsupported,
             std::string(operation) + " (threshold keys) is not supported by the SEAL backend; use the he4j engine");
    });
}

}  // namespace

extern "C" {

he4j_status he4j_secret_share_generate(const he4j_context*, he4j_secret_share** out) {
    if (out != nullptr) *out = nullptr;
    return unsupported("he4j_secret_share_generate");
}

void he4j_secret_share_free(he4j_secret_share*) {}

he4j_status he4j_mp_public_key_share(const he4j_context*, const he4j_secret_share*, const uint8_t*, size_t,
                                     he4j_public_key** out) {
    if (out != nullptr) *out = nullptr;
    return unsupported("he4j_mp_public_key_share");
}

he4j_status he4j_mp_public_key_aggregate(const he4j_context*, const he4j_public_key* const*, size_t,
                                         he4j_public_key** out) {
    if (out != nullptr) *out = nullptr;
    return unsupported("he4j_mp_public_key_aggregate");
}

he4j_status he4j_mp_smudging_bits(const he4j_context*, uint64_t, uint64_t, uint32_t, uint32_t*) {
    return unsupported("he4j_mp_smudging_bits");
}

he4j_status he4j_mp_decryption_share(const he4j_context*, const he4j_secret_share*, const he4j_ciphertext*, uint32_t,
                                     he4j_plaintext*) {
    return unsupported("he4j_mp_decryption_share");
}

he4j_status he4j_mp_decrypt_combine(const he4j_context*, const he4j_ciphertext*, const he4j_plaintext* const*, size_t,
                                    he4j_plaintext*) {
    return unsupported("he4j_mp_decrypt_combine");
}

he4j_status he4j_mp_decryption_share_compact(const he4j_context*, const he4j_secret_share*, const he4j_ciphertext*,
                                             uint32_t, uint32_t, uint8_t*, size_t, size_t*) {
    return unsupported("he4j_mp_decryption_share_compact");
}

he4j_status he4j_mp_decrypt_combine_compact(const he4j_context*, const he4j_ciphertext*, const uint8_t* const*,
                                            const size_t*, size_t, uint32_t, double*, size_t) {
    return unsupported("he4j_mp_decrypt_combine_compact");
}

he4j_status he4j_mp_encrypt_shared_c1(const he4j_context*, const he4j_public_key* const*, const he4j_plaintext* const*,
                                      size_t, he4j_ciphertext* const*) {
    return unsupported("he4j_mp_encrypt_shared_c1");
}

he4j_status he4j_mp_compact_c0(const he4j_context*, const he4j_ciphertext*, uint32_t, uint8_t*, size_t, size_t*) {
    return unsupported("he4j_mp_compact_c0");
}

he4j_status he4j_mp_compact_sum(const he4j_context*, const uint8_t* const*, const size_t*, size_t, uint32_t, uint32_t,
                                double, uint8_t*, size_t, size_t*) {
    return unsupported("he4j_mp_compact_sum");
}

he4j_status he4j_mp_combine_compact_pieces(const he4j_context*, const uint8_t* const*, const size_t*, size_t, uint32_t,
                                           double*, size_t) {
    return unsupported("he4j_mp_combine_compact_pieces");
}

}  // extern "C"
