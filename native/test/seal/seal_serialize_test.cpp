// Serialization of the SEAL backend: round trips for every kind, size queries, compact seeded forms, the
// 2-bit secret key, and rejection of truncated, bit-flipped, extended, wrong-kind, wrong-parameter and
// wrong-backend inputs (bytes with the own engine's backend byte), never a crash.
#include "serialize_test_util.hpp"

namespace he4j::capi_testing {
namespace {

TEST(SealSerialize, RoundTripsAndAttacksForEveryKind) {
    const uint64_t baseline = he4j_live_objects();
    {
        Keys k;
        const SavedObjects saved = round_trip_every_kind(k, 256);
        // A seeded ciphertext whose scale was overridden is stored in full.
        he4j_ciphertext* ct_sk = k.encrypt(ramp(k.slots), true);
        ASSERT_HE4J_OK(he4j_ciphertext_set_scale(ct_sk, std::ldexp(1.0, 41)));
        EXPECT_EQ(save(he4j_ciphertext_save, ct_sk).size(), saved.ct_pk.size());
        he4j_ciphertext_free(ct_sk);
        // A compressed SEAL stream is refused.
        he4j_ciphertext* wrong_ct = nullptr;
        std::vector<uint8_t> bad = saved.ct_pk;
        bad[24 + 5] = 2;  // SEAL header: compr_mode = zstd
        EXPECT_HE4J_ERR(he4j_ciphertext_load(k.ctx, bad.data(), bad.size(), &wrong_ct), HE4J_ERR_MALFORMED_INPUT);
        // Secret key: code 3 is invalid.
        bad = saved.secret_key;
        bad[30] |= 3;
        he4j_secret_key* wrong_sk = nullptr;
        EXPECT_HE4J_ERR(he4j_secret_key_load(k.ctx, bad.data(), bad.size(), &wrong_sk), HE4J_ERR_MALFORMED_INPUT);
    }
    EXPECT_EQ(he4j_live_objects(), baseline);
}

// An object written by the own engine (its 24-byte header with backend byte 1 in front of its payload) is
// refused by name, for every kind, before its payload is looked at.
TEST(SealSerialize, OwnEngineObjectsAreRefusedByBackend) {
    Keys k;
    uint64_t id = 0;
    he4j_context_param_id(k.ctx, &id);
    auto craft = [&](uint8_t kind, size_t payload) {
        std::vector<uint8_t> b(24 + payload, 0);
        std::memcpy(b.data(), "HE4J", 4);
        b[4] = 1;  // format version 1
        b[6] = kind;
        b[7] = 1;  // backend: the own engine
        set_u64(b, 8, id);
        set_u64(b, 16, payload);
        return b;
    };
    const auto ct = craft(HE4J_KIND_CIPHERTEXT, 4 + 1 + 1 + 2 + 8 + 3 * 1024 * 5);
    he4j_ciphertext* c = nullptr;
    EXPECT_HE4J_ERR(he4j_ciphertext_load(k.ctx, ct.data(), ct.size(), &c), HE4J_ERR_MALFORMED_INPUT);
    EXPECT_NE(std::string(he4j_last_error_message()).find("backend 1 (the he4j engine)"), std::string::npos);
    const auto sk = craft(HE4J_KIND_SECRET_KEY, 1024 / 4);
    he4j_secret_key* s = nullptr;
    EXPECT_HE4J_ERR(he4j_secret_key_load(k.ctx, sk.data(), sk.size(), &s), HE4J_ERR_MALFORMED_INPUT);
    const auto cx = craft(HE4J_KIND_CONTEXT, 40);
    he4j_context* x = nullptr;
    EXPECT_HE4J_ERR(he4j_context_load(cx.data(), cx.size(), HE4J_ALLOW_INSECURE, &x), HE4J_ERR_MALFORMED_INPUT);
    EXPECT_NE(std::string(he4j_last_error_message()).find("backend 1"), std::string::npos);
    // And this backend's own bytes carry backend byte 2.
    auto mine = save(he4j_secret_key_save, static_cast<const he4j_secret_key*>(k.sk));
    EXPECT_EQ(mine[7], 2);
}

TEST(SealSerialize, SeededCiphertextIsAboutHalfSizeAtP8K) {
    Keys k(false);
    auto x = ramp(k.slots);
    he4j_ciphertext* a = k.encrypt(x);
    he4j_ciphertext* b = k.encrypt(x, true);
    size_t pk_bytes = 0, sk_bytes = 0;
    he4j_ciphertext_save(a, nullptr, 0, &pk_bytes);
    he4j_ciphertext_save(b, nullptr, 0, &sk_bytes);
    // Uncompressed SEAL streams: 2 x 3 primes x 8192 x 8 bytes, and half of that when seeded.
    EXPECT_LE(pk_bytes, 24u + 393329u);
    EXPECT_LE(sk_bytes, 24u + 196802u);
    EXPECT_GE(pk_bytes, 2u * 3 * 8192 * 8);
    he4j_ciphertext_free(a);
    he4j_ciphertext_free(b);
}

}  // namespace
}  // namespace he4j::capi_testing
