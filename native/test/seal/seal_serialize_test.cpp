// Serialization of the SEAL backend: round trips for every kind, size queries, compact seeded forms, the
// 2-bit secret key, and rejection of truncated, bit-flipped, extended, wrong-kind, wrong-parameter and
// wrong-backend inputs (bytes with the own engine's backend byte), never a crash.
#include <cstring>
#include <functional>
#include <random>

#include "capi_test_util.hpp"

namespace he4j::capi_testing {
namespace {

template <class Obj>
std::vector<uint8_t> save(he4j_status (*fn)(const Obj*, uint8_t*, size_t, size_t*), const Obj* obj) {
    size_t bound = 0;
    EXPECT_HE4J_OK(fn(obj, nullptr, 0, &bound));
    std::vector<uint8_t> buf(bound);
    size_t small = 0, written = 0;
    EXPECT_HE4J_ERR(fn(obj, buf.data(), bound - 1, &small), HE4J_ERR_BUFFER_TOO_SMALL);
    EXPECT_EQ(small, bound);
    EXPECT_HE4J_OK(fn(obj, buf.data(), buf.size(), &written));
    EXPECT_LE(written, bound);
    buf.resize(written);
    return buf;
}

using Loader = std::function<he4j_status(const he4j_context*, const uint8_t*, size_t)>;

template <class Obj>
Loader loader(he4j_status (*load)(const he4j_context*, const uint8_t*, size_t, Obj**), void (*free_fn)(Obj*)) {
    return [=](const he4j_context* ctx, const uint8_t* buf, size_t len) {
        Obj* o = nullptr;
        he4j_status s = load(ctx, buf, len, &o);
        if (s == HE4J_OK) EXPECT_NE(o, nullptr);
        else EXPECT_EQ(o, nullptr);
        free_fn(o);
        return s;
    };
}

void set_u64(std::vector<uint8_t>& b, size_t at, uint64_t v) { std::memcpy(b.data() + at, &v, 8); }
uint64_t get_u64(const std::vector<uint8_t>& b, size_t at) {
    uint64_t v;
    std::memcpy(&v, b.data() + at, 8);
    return v;
}

void attack(const he4j_context* ctx, const std::vector<uint8_t>& good, const Loader& load, const char* what) {
    SCOPED_TRACE(what);
    ASSERT_EQ(load(ctx, good.data(), good.size()), HE4J_OK) << he4j_last_error_message();
    for (size_t cut : {size_t{0}, size_t{1}, size_t{23}, size_t{24}, size_t{25}, size_t{40}, good.size() / 2,
                       good.size() - 1}) {
        if (cut >= good.size()) continue;
        EXPECT_HE4J_ERR(load(ctx, good.data(), cut), HE4J_ERR_MALFORMED_INPUT);
    }
    // Trailing data, with and without a consistent length field.
    std::vector<uint8_t> longer = good;
    longer.push_back(0);
    EXPECT_HE4J_ERR(load(ctx, longer.data(), longer.size()), HE4J_ERR_MALFORMED_INPUT);
    set_u64(longer, 16, get_u64(longer, 16) + 1);
    EXPECT_HE4J_ERR(load(ctx, longer.data(), longer.size()), HE4J_ERR_MALFORMED_INPUT);
    // Every he4j header byte except the param_id (checked separately).
    for (size_t byte = 0; byte < 24; ++byte) {
        if (byte >= 8 && byte < 16) continue;
        std::vector<uint8_t> f = good;
        f[byte] ^= 0x10;
        SCOPED_TRACE("header byte " + std::to_string(byte));
        EXPECT_HE4J_ERR(load(ctx, f.data(), f.size()), HE4J_ERR_MALFORMED_INPUT);
    }
    std::vector<uint8_t> f = good;
    f[9] ^= 1;
    EXPECT_HE4J_ERR(load(ctx, f.data(), f.size()), HE4J_ERR_MALFORMED_INPUT);
    // The object as the own engine would label it: backend byte 1.
    f = good;
    f[7] = 1;
    EXPECT_HE4J_ERR(load(ctx, f.data(), f.size()), HE4J_ERR_MALFORMED_INPUT);
    EXPECT_NE(std::string(he4j_last_error_message()).find("backend 1"), std::string::npos) << he4j_last_error_message();
    // Random bit flips in the payload: accepted or rejected cleanly.
    std::mt19937 g(7);  // test input only
    for (int i = 0; i < 64; ++i) {
        std::vector<uint8_t> r = good;
        const size_t pos = 24 + g() % (good.size() - 24);
        r[pos] ^= static_cast<uint8_t>(1u << (g() % 8));
        const he4j_status s = load(ctx, r.data(), r.size());
        EXPECT_TRUE(s == HE4J_OK || s == HE4J_ERR_MALFORMED_INPUT) << s << " " << he4j_last_error_message();
    }
    std::vector<uint8_t> ones = good;
    std::fill(ones.begin() + 24, ones.end(), 0xFF);
    EXPECT_HE4J_ERR(load(ctx, ones.data(), ones.size()), HE4J_ERR_MALFORMED_INPUT);
}

TEST(SealSerialize, RoundTripsAndAttacksForEveryKind) {
    const uint64_t baseline = he4j_live_objects();
    {
        Keys k;
        auto x = ramp(k.slots);
        he4j_ciphertext* ct_pk = k.encrypt(x);
        he4j_ciphertext* ct_sk = k.encrypt(x, true);
        he4j_plaintext* pt = nullptr;
        he4j_plaintext_create(k.ctx, &pt);
        he4j_encode_real(k.ctx, x.data(), x.size(), 1e9, 1, pt);

        // The seeded ciphertext is about half size; both decrypt after loading and re-save identically.
        auto b_pk = save(he4j_ciphertext_save, ct_pk);
        auto b_sk = save(he4j_ciphertext_save, ct_sk);
        EXPECT_LT(b_sk.size(), b_pk.size() / 2 + 256);
        for (auto* bytes : {&b_pk, &b_sk}) {
            he4j_ciphertext* c = nullptr;
            ASSERT_HE4J_OK(he4j_ciphertext_load(k.ctx, bytes->data(), bytes->size(), &c));
            EXPECT_LT(max_err(k.decrypt(c), x), 1e-6);
            EXPECT_EQ(save(he4j_ciphertext_save, c), *bytes);
            he4j_ciphertext* copy = nullptr;
            he4j_ciphertext_create(k.ctx, &copy);
            ASSERT_HE4J_OK(he4j_ciphertext_copy(c, copy));
            EXPECT_EQ(save(he4j_ciphertext_save, copy), *bytes);
            he4j_ciphertext_free(copy);
            he4j_ciphertext_free(c);
        }
        // A modified seeded ciphertext is stored in full; so is one whose scale was overridden.
        he4j_ciphertext* ct_sk2 = k.encrypt(x, true);
        ASSERT_HE4J_OK(he4j_ciphertext_set_scale(ct_sk2, std::ldexp(1.0, 41)));
        EXPECT_EQ(save(he4j_ciphertext_save, ct_sk2).size(), b_pk.size());
        he4j_ciphertext_free(ct_sk2);
        he4j_eval_add(k.ctx, ct_sk, ct_sk, ct_sk);
        EXPECT_EQ(save(he4j_ciphertext_save, ct_sk).size(), b_pk.size());
        he4j_ciphertext* c3 = nullptr;
        he4j_ciphertext_create(k.ctx, &c3);
        ASSERT_HE4J_OK(he4j_eval_mul(k.ctx, ct_pk, ct_pk, c3));
        auto b3 = save(he4j_ciphertext_save, c3);

        auto b_pt = save(he4j_plaintext_save, pt);
        auto b_sec = save(he4j_secret_key_save, k.sk);
        auto b_pub = save(he4j_public_key_save, k.pk);
        auto b_rk = save(he4j_relin_key_save, k.rk);
        auto b_gk = save(he4j_galois_keys_save, k.gk);
        EXPECT_EQ(b_sec.size(), 24u + 1024 / 4);

        he4j_secret_key* sk2 = nullptr;
        he4j_public_key* pk2 = nullptr;
        he4j_relin_key* rk2 = nullptr;
        he4j_galois_keys* gk2 = nullptr;
        he4j_plaintext* pt2 = nullptr;
        ASSERT_HE4J_OK(he4j_secret_key_load(k.ctx, b_sec.data(), b_sec.size(), &sk2));
        ASSERT_HE4J_OK(he4j_public_key_load(k.ctx, b_pub.data(), b_pub.size(), &pk2));
        ASSERT_HE4J_OK(he4j_relin_key_load(k.ctx, b_rk.data(), b_rk.size(), &rk2));
        ASSERT_HE4J_OK(he4j_galois_keys_load(k.ctx, b_gk.data(), b_gk.size(), &gk2));
        ASSERT_HE4J_OK(he4j_plaintext_load(k.ctx, b_pt.data(), b_pt.size(), &pt2));
        EXPECT_EQ(save(he4j_plaintext_save, pt2), b_pt);
        EXPECT_EQ(save(he4j_secret_key_save, sk2), b_sec);
        EXPECT_EQ(save(he4j_public_key_save, pk2), b_pub);
        EXPECT_EQ(save(he4j_relin_key_save, rk2), b_rk);
        EXPECT_EQ(save(he4j_galois_keys_save, gk2), b_gk);
        int has = 0;
        EXPECT_HE4J_OK(he4j_galois_keys_has_step(gk2, -1, &has));
        EXPECT_EQ(has, 1);
        EXPECT_HE4J_OK(he4j_galois_keys_has_step(gk2, 5, &has));
        EXPECT_EQ(has, 0);

        // Loaded keys work together: public-key encryption, relinearization, rotation, decryption.
        he4j_ciphertext* c = nullptr;
        he4j_ciphertext_create(k.ctx, &c);
        he4j_plaintext* top = nullptr;
        he4j_plaintext_create(k.ctx, &top);
        he4j_encode_real(k.ctx, x.data(), x.size(), std::ldexp(1.0, 40), -1, top);
        ASSERT_HE4J_OK(he4j_encrypt_pk(k.ctx, pk2, top, c));
        ASSERT_HE4J_OK(he4j_eval_square_relin(k.ctx, rk2, c, c));
        ASSERT_HE4J_OK(he4j_eval_rescale(k.ctx, c, c));
        ASSERT_HE4J_OK(he4j_eval_rotate(k.ctx, gk2, c, 1, c));
        he4j_plaintext* dec = nullptr;
        he4j_plaintext_create(k.ctx, &dec);
        ASSERT_HE4J_OK(he4j_decrypt(k.ctx, sk2, c, dec));
        std::vector<double> got(k.slots), e(k.slots);
        he4j_decode_real(k.ctx, dec, got.data(), got.size());
        for (size_t i = 0; i < k.slots; ++i) e[i] = x[(i + 1) % k.slots] * x[(i + 1) % k.slots];
        EXPECT_LT(max_err(got, e), std::ldexp(1.0, -20));

        // Context round trip: the insecure parameters need the flag again; same parameter id.
        auto b_ctx = save(he4j_context_save, static_cast<const he4j_context*>(k.ctx));
        he4j_context* ctx2 = nullptr;
        EXPECT_HE4J_ERR(he4j_context_load(b_ctx.data(), b_ctx.size(), 0, &ctx2), HE4J_ERR_INVALID_PARAMETERS);
        ASSERT_HE4J_OK(he4j_context_load(b_ctx.data(), b_ctx.size(), HE4J_ALLOW_INSECURE, &ctx2));
        uint64_t id1 = 0, id2 = 0;
        he4j_context_param_id(k.ctx, &id1);
        he4j_context_param_id(ctx2, &id2);
        EXPECT_EQ(id1, id2);
        he4j_ciphertext* c2 = nullptr;
        EXPECT_HE4J_OK(he4j_ciphertext_load(ctx2, b_pk.data(), b_pk.size(), &c2));
        he4j_ciphertext_free(c2);

        attack(k.ctx, b_pk, loader(he4j_ciphertext_load, he4j_ciphertext_free), "ciphertext");
        attack(k.ctx, b_sk, loader(he4j_ciphertext_load, he4j_ciphertext_free), "seeded ciphertext");
        attack(k.ctx, b3, loader(he4j_ciphertext_load, he4j_ciphertext_free), "size-3 ciphertext");
        attack(k.ctx, b_pt, loader(he4j_plaintext_load, he4j_plaintext_free), "plaintext");
        attack(k.ctx, b_sec, loader(he4j_secret_key_load, he4j_secret_key_free), "secret key");
        attack(k.ctx, b_pub, loader(he4j_public_key_load, he4j_public_key_free), "public key");
        attack(k.ctx, b_rk, loader(he4j_relin_key_load, he4j_relin_key_free), "relin key");
        attack(k.ctx, b_gk, loader(he4j_galois_keys_load, he4j_galois_keys_free), "galois keys");
        Loader ctx_loader = [](const he4j_context*, const uint8_t* buf, size_t len) {
            he4j_context* o = nullptr;
            he4j_status s = he4j_context_load(buf, len, HE4J_ALLOW_INSECURE, &o);
            he4j_context_free(o);
            return s;
        };
        attack(k.ctx, b_ctx, ctx_loader, "context");

        // Wrong kind, wrong parameters, a compressed SEAL stream.
        he4j_plaintext* wrong = nullptr;
        EXPECT_HE4J_ERR(he4j_plaintext_load(k.ctx, b_pk.data(), b_pk.size(), &wrong), HE4J_ERR_MALFORMED_INPUT);
        he4j_public_key* wrong_pk = nullptr;
        EXPECT_HE4J_ERR(he4j_public_key_load(k.ctx, b_rk.data(), b_rk.size(), &wrong_pk), HE4J_ERR_MALFORMED_INPUT);
        he4j_context* other = nullptr;
        ASSERT_HE4J_OK(he4j_context_create_preset("P8K", 0, &other));
        he4j_ciphertext* wrong_ct = nullptr;
        EXPECT_HE4J_ERR(he4j_ciphertext_load(other, b_pk.data(), b_pk.size(), &wrong_ct), HE4J_ERR_MALFORMED_INPUT);
        EXPECT_NE(std::string(he4j_last_error_message()).find("parameter"), std::string::npos);
        std::vector<uint8_t> bad = b_pk;
        bad[24 + 5] = 2;  // SEAL header: compr_mode = zstd
        EXPECT_HE4J_ERR(he4j_ciphertext_load(k.ctx, bad.data(), bad.size(), &wrong_ct), HE4J_ERR_MALFORMED_INPUT);
        // Secret key: code 3 is invalid.
        bad = b_sec;
        bad[30] |= 3;
        he4j_secret_key* wrong_sk = nullptr;
        EXPECT_HE4J_ERR(he4j_secret_key_load(k.ctx, bad.data(), bad.size(), &wrong_sk), HE4J_ERR_MALFORMED_INPUT);

        for (auto* o : {ct_pk, ct_sk, c3, c}) he4j_ciphertext_free(o);
        for (auto* o : {pt, pt2, top, dec}) he4j_plaintext_free(o);
        he4j_secret_key_free(sk2);
        he4j_public_key_free(pk2);
        he4j_relin_key_free(rk2);
        he4j_galois_keys_free(gk2);
        he4j_context_free(ctx2);
        he4j_context_free(other);
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
