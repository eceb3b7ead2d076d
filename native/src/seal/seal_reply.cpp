// Compact coefficient replies are not implemented over SEAL: each entry point reports HE4J_ERR_UNSUPPORTED
// (SEAL's modulus switching stops at its own primes; the reply format is the own engine's).
#include "capi/guard.hpp"

using namespace he4j;
using namespace he4j::capi;

namespace {

he4j_status unsupported(const char* operation) {
    return guard(operation, [&] {
        fail(ErrorKind::kUnsupported,
             std::string(operation) + " is not supported by the SEAL backend; use the he4j engine");
    });
}

}  // namespace

extern "C" {

he4j_status he4j_ciphertext_compact_reply_size(const he4j_context*, const he4j_ciphertext*, size_t, uint32_t,
                                               size_t*) {
    return unsupported("he4j_ciphertext_compact_reply_size");
}

he4j_status he4j_ciphertext_compact_reply(const he4j_context*, const he4j_ciphertext*, const uint32_t*, size_t,
                                          uint32_t, uint8_t*, size_t, size_t*) {
    return unsupported("he4j_ciphertext_compact_reply");
}

he4j_status he4j_compact_reply_positions(const he4j_context*, const uint8_t*, size_t, uint32_t*, size_t, size_t*) {
    return unsupported("he4j_compact_reply_positions");
}

he4j_status he4j_decrypt_compact_reply(const he4j_context*, const he4j_secret_key*, const uint8_t*, size_t, double*,
                                       size_t) {
    return unsupported("he4j_decrypt_compact_reply");
}

}  // extern "C"
