// Serialization through the own engine's C ABI: the shared round trips and attacks of every kind
// (serialize_test_util.hpp), plus this format's layout: a level beyond the chain, a bad size or scale in
// the ciphertext header, and sizes below SEAL's.
#include "serialize_test_util.hpp"

namespace he4j::capi_testing {
namespace {

TEST(CapiSerialize, RoundTripsAndAttacksForEveryKind) {
    const uint64_t baseline = he4j_live_objects();
    {
        Keys k;
        const SavedObjects saved = round_trip_every_kind(k, 64);
        // Ciphertext header fields after the 24-byte object header: level (24), size (28), scale (32).
        he4j_ciphertext* wrong_ct = nullptr;
        std::vector<uint8_t> bad = saved.ct_pk;
        bad[24] = 7;
        EXPECT_HE4J_ERR(he4j_ciphertext_load(k.ctx, bad.data(), bad.size(), &wrong_ct), HE4J_ERR_MALFORMED_INPUT);
        bad = saved.ct_pk;
        bad[28] = 4;
        EXPECT_HE4J_ERR(he4j_ciphertext_load(k.ctx, bad.data(), bad.size(), &wrong_ct), HE4J_ERR_MALFORMED_INPUT);
        for (double scale : {std::nan(""), -1.0}) {
            bad = saved.ct_pk;
            std::memcpy(bad.data() + 32, &scale, 8);
            EXPECT_HE4J_ERR(he4j_ciphertext_load(k.ctx, bad.data(), bad.size(), &wrong_ct), HE4J_ERR_MALFORMED_INPUT);
        }
    }
    EXPECT_EQ(he4j_live_objects(), baseline);
}

TEST(CapiSerialize, SizesAtP8KBeatSeal) {
    Keys k(false);
    auto x = ramp(k.slots);
    he4j_ciphertext* a = k.encrypt(x);
    he4j_ciphertext* b = k.encrypt(x, true);
    size_t pk_bytes = 0, sk_bytes = 0;
    he4j_ciphertext_save(a, nullptr, 0, &pk_bytes);
    he4j_ciphertext_save(b, nullptr, 0, &sk_bytes);
    EXPECT_LE(pk_bytes, 393329u);  // SEAL 4.4.3 uncompressed
    EXPECT_LE(sk_bytes, 196802u);
    he4j_ciphertext_free(a);
    he4j_ciphertext_free(b);
}

}  // namespace
}  // namespace he4j::capi_testing
