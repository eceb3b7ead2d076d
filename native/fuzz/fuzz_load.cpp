// libFuzzer target for one deserializer of the C ABI, chosen at compile time by HE4J_FUZZ_KIND
// (context, plaintext, ciphertext, secret_key, public_key, relin_key, galois_keys, compact_reply; the last
// also decrypts what it loaded).
//
// Input byte 0 selects the mode: even = the remaining bytes are loaded as they are; odd = they are
// XOR-ed over a valid serialized object (made once at start-up), so mutations reach the checks behind
// the header. Any status is fine; a crash, sanitizer report, leak or hang is a bug.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "he4j/he4j.h"

namespace {

struct Fixture {
    he4j_context* ctx = nullptr;
    he4j_secret_key* sk = nullptr;  // kept for compact_reply only
    std::vector<uint8_t> valid;
};

void must(he4j_status s) {
    if (s != HE4J_OK) std::abort();  // setup failure: not a finding
}

template <class Obj>
std::vector<uint8_t> save(he4j_status (*fn)(const Obj*, uint8_t*, size_t, size_t*), const Obj* obj) {
    size_t n = 0;
    must(fn(obj, nullptr, 0, &n));
    std::vector<uint8_t> buf(n);
    must(fn(obj, buf.data(), buf.size(), &n));
    buf.resize(n);
    return buf;
}

// A small insecure context keeps each execution fast; the loaders' checks do not depend on size.
Fixture make_fixture() {
    Fixture f;
    const uint32_t data[] = {40, 30};
    const uint32_t special[] = {40};
    must(he4j_context_create(11, data, 2, special, 1, 1u << 30, HE4J_ALLOW_INSECURE, &f.ctx));
    he4j_secret_key* sk = nullptr;
    must(he4j_secret_key_generate(f.ctx, &sk));
#if defined(HE4J_FUZZ_KIND_context)
    f.valid = save(he4j_context_save, f.ctx);
#elif defined(HE4J_FUZZ_KIND_secret_key)
    f.valid = save(he4j_secret_key_save, sk);
#elif defined(HE4J_FUZZ_KIND_public_key)
    he4j_public_key* pk = nullptr;
    must(he4j_public_key_generate(f.ctx, sk, &pk));
    f.valid = save(he4j_public_key_save, pk);
    he4j_public_key_free(pk);
#elif defined(HE4J_FUZZ_KIND_relin_key)
    he4j_relin_key* rk = nullptr;
    must(he4j_relin_key_generate(f.ctx, sk, &rk));
    f.valid = save(he4j_relin_key_save, rk);
    he4j_relin_key_free(rk);
#elif defined(HE4J_FUZZ_KIND_galois_keys)
    he4j_galois_keys* gk = nullptr;
    const int32_t steps[] = {1, -2};
    must(he4j_galois_keys_generate(f.ctx, sk, steps, 2, 1, &gk));
    f.valid = save(he4j_galois_keys_save, gk);
    he4j_galois_keys_free(gk);
#else  // plaintext, ciphertext, compact_reply
    he4j_plaintext* pt = nullptr;
    must(he4j_plaintext_create(f.ctx, &pt));
    const double values[] = {0.5, -1.25, 3.0};
    must(he4j_encode_real(f.ctx, values, 3, 1u << 30, -1, pt));
#if defined(HE4J_FUZZ_KIND_plaintext)
    f.valid = save(he4j_plaintext_save, pt);
#else
    he4j_ciphertext* ct = nullptr;
    must(he4j_ciphertext_create(f.ctx, &ct));
    must(he4j_encrypt_sk(f.ctx, sk, pt, ct));
#if defined(HE4J_FUZZ_KIND_compact_reply)
    const uint32_t positions[] = {0, 7, 2047};
    size_t n = 0;
    must(he4j_ciphertext_compact_reply(f.ctx, ct, positions, 3, 30, nullptr, 0, &n));
    f.valid.resize(n);
    must(he4j_ciphertext_compact_reply(f.ctx, ct, positions, 3, 30, f.valid.data(), n, &n));
    f.sk = sk;
    sk = nullptr;
#else
    f.valid = save(he4j_ciphertext_save, ct);
#endif
    he4j_ciphertext_free(ct);
#endif
    he4j_plaintext_free(pt);
#endif
    he4j_secret_key_free(sk);  // NULL when the fixture keeps it
    return f;
}

void load(const Fixture& f, const uint8_t* buf, size_t len) {
    const he4j_context* ctx = f.ctx;
#if defined(HE4J_FUZZ_KIND_context)
    (void)ctx;
    (void)f;
    he4j_context* out = nullptr;
    if (he4j_context_load(buf, len, HE4J_ALLOW_INSECURE, &out) == HE4J_OK) he4j_context_free(out);
#else
#define HE4J_LOAD(kind)                                                                  \
    he4j_##kind* out = nullptr;                                                          \
    if (he4j_##kind##_load(ctx, buf, len, &out) == HE4J_OK) he4j_##kind##_free(out);
#if defined(HE4J_FUZZ_KIND_plaintext)
    HE4J_LOAD(plaintext)
#elif defined(HE4J_FUZZ_KIND_ciphertext)
    HE4J_LOAD(ciphertext)
#elif defined(HE4J_FUZZ_KIND_secret_key)
    HE4J_LOAD(secret_key)
#elif defined(HE4J_FUZZ_KIND_public_key)
    HE4J_LOAD(public_key)
#elif defined(HE4J_FUZZ_KIND_relin_key)
    HE4J_LOAD(relin_key)
#elif defined(HE4J_FUZZ_KIND_galois_keys)
    HE4J_LOAD(galois_keys)
#elif defined(HE4J_FUZZ_KIND_compact_reply)
    std::vector<uint32_t> positions(2048);
    size_t count = 0;
    if (he4j_compact_reply_positions(ctx, buf, len, positions.data(), positions.size(), &count) == HE4J_OK) {
        std::vector<double> values(count);
        if (he4j_decrypt_compact_reply(ctx, f.sk, buf, len, values.data(), count) != HE4J_OK) std::abort();
    }
#else
#error "define HE4J_FUZZ_KIND_<kind>"
#endif
#undef HE4J_LOAD
#endif
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const Fixture fixture = make_fixture();
    if (size == 0) return 0;
    if ((data[0] & 1) == 0) {
        load(fixture, data + 1, size - 1);
        return 0;
    }
    std::vector<uint8_t> mutated = fixture.valid;
    for (size_t i = 1; i < size; ++i) mutated[(i - 1) % mutated.size()] ^= data[i];
    // Byte 1 (if any) also picks a truncation, so length checks get exercised.
    if (size > 1 && (data[1] & 0x80)) mutated.resize(mutated.size() * (data[1] & 0x7f) / 128);
    load(fixture, mutated.data(), mutated.size());
    return 0;
}
