// Serialization checks shared by both backends' C ABI tests: saving with the size protocol, type-erased
// loaders, the attack battery (truncation, extension, header flips, other backend, random flips), and the
// round trip of every object kind. Each backend's test adds the checks that pin its own byte layout.
#pragma once
#include <cstring>
#include <functional>
#include <random>

#include "capi_test_util.hpp"

namespace he4j::capi_testing {

// Saves through the size protocol: query the bound, refuse a buffer one byte short, then write.
template <class Obj>
std::vector<uint8_t> save(he4j_status (*fn)(const Obj*, uint8_t*, size_t, size_t*), const Obj* obj) {
    size_t bound = 0;
    EXPECT_HE4J_OK(fn(obj, nullptr, 0, &bound));
    std::vector<uint8_t> buf(bound);
    if (bound > 0) {
        size_t small = 0;
        EXPECT_HE4J_ERR(fn(obj, buf.data(), bound - 1, &small), HE4J_ERR_BUFFER_TOO_SMALL);
        EXPECT_EQ(small, bound);
    }
    size_t written = 0;
    EXPECT_HE4J_OK(fn(obj, buf.data(), buf.size(), &written));
    EXPECT_LE(written, bound);
    buf.resize(written);
    return buf;
}

// Every loader, type-erased: returns the status and frees what it loaded.
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

inline void set_u64(std::vector<uint8_t>& b, size_t at, uint64_t v) { std::memcpy(b.data() + at, &v, 8); }
inline uint64_t get_u64(const std::vector<uint8_t>& b, size_t at) {
    uint64_t v;
    std::memcpy(&v, b.data() + at, 8);
    return v;
}

// Truncations, extensions, header bit flips and the other backend's byte must fail with MALFORMED_INPUT;
// random payload flips must be accepted or refused cleanly, never crash.
inline void attack(const he4j_context* ctx, const std::vector<uint8_t>& good, const Loader& load, const char* what) {
    SCOPED_TRACE(what);
    ASSERT_EQ(load(ctx, good.data(), good.size()), HE4J_OK) << he4j_last_error_message();
    for (size_t cut : {size_t{0}, size_t{1}, size_t{4}, size_t{23}, size_t{24}, size_t{25}, size_t{40},
                       good.size() / 2, good.size() - 1}) {
        if (cut >= good.size()) continue;
        EXPECT_HE4J_ERR(load(ctx, good.data(), cut), HE4J_ERR_MALFORMED_INPUT);
    }
    // Trailing data, with and without a consistent length field.
    std::vector<uint8_t> longer = good;
    longer.push_back(0);
    EXPECT_HE4J_ERR(load(ctx, longer.data(), longer.size()), HE4J_ERR_MALFORMED_INPUT);
    set_u64(longer, 16, get_u64(longer, 16) + 1);
    EXPECT_HE4J_ERR(load(ctx, longer.data(), longer.size()), HE4J_ERR_MALFORMED_INPUT);
    // Every header byte except the param_id (flipping one of those is a parameter mismatch, checked below).
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
    // The same object labelled as written by the other backend (1 = own engine, 2 = SEAL).
    f = good;
    f[7] = good[7] == 1 ? 2 : 1;
    EXPECT_HE4J_ERR(load(ctx, f.data(), f.size()), HE4J_ERR_MALFORMED_INPUT);
    EXPECT_NE(std::string(he4j_last_error_message()).find("backend"), std::string::npos) << he4j_last_error_message();
    std::mt19937 g(7);  // test input only
    for (int i = 0; i < 64; ++i) {
        std::vector<uint8_t> r = good;
        const size_t pos = 24 + g() % (good.size() - 24);
        r[pos] ^= static_cast<uint8_t>(1u << (g() % 8));
        const he4j_status s = load(ctx, r.data(), r.size());
        EXPECT_TRUE(s == HE4J_OK || s == HE4J_ERR_MALFORMED_INPUT) << s << " " << he4j_last_error_message();
    }
    // All-ones payload: coefficients >= q or invalid codes everywhere.
    std::vector<uint8_t> ones = good;
    std::fill(ones.begin() + 24, ones.end(), 0xFF);
    EXPECT_HE4J_ERR(load(ctx, ones.data(), ones.size()), HE4J_ERR_MALFORMED_INPUT);
}

// The saved form of every kind, for a backend's own layout checks after the shared round trip.
struct SavedObjects {
    std::vector<uint8_t> ct_pk, ct_seeded, ct_size3, plaintext, secret_key, public_key, relin_key, galois_keys,
        context;
};

// Round trips of every kind through save/load: loaded objects re-save identically and work together;
// every kind survives the attack battery; wrong kinds and other parameters are refused.
// `seeded_slack` bounds how far the seeded ciphertext may exceed half the full one (format overhead).
inline SavedObjects round_trip_every_kind(Keys& k, size_t seeded_slack) {
    SavedObjects out;
    auto x = ramp(k.slots);
    he4j_ciphertext* ct_pk = k.encrypt(x);
    he4j_ciphertext* ct_sk = k.encrypt(x, true);
    he4j_plaintext* pt = nullptr;
    he4j_plaintext_create(k.ctx, &pt);
    he4j_encode_real(k.ctx, x.data(), x.size(), 1e9, 1, pt);

    // Ciphertexts: the seeded one is about half size; both decrypt after loading and re-save identically,
    // also through a copy.
    out.ct_pk = save(he4j_ciphertext_save, ct_pk);
    out.ct_seeded = save(he4j_ciphertext_save, ct_sk);
    EXPECT_LT(out.ct_seeded.size(), out.ct_pk.size() / 2 + seeded_slack);
    for (auto* bytes : {&out.ct_pk, &out.ct_seeded}) {
        he4j_ciphertext* c = nullptr;
        EXPECT_HE4J_OK(he4j_ciphertext_load(k.ctx, bytes->data(), bytes->size(), &c));
        EXPECT_LT(max_err(k.decrypt(c), x), 1e-6);
        EXPECT_EQ(save(he4j_ciphertext_save, c), *bytes);
        he4j_ciphertext* copy = nullptr;
        he4j_ciphertext_create(k.ctx, &copy);
        EXPECT_HE4J_OK(he4j_ciphertext_copy(c, copy));
        EXPECT_EQ(save(he4j_ciphertext_save, copy), *bytes);
        he4j_ciphertext_free(copy);
        he4j_ciphertext_free(c);
    }
    // A modified seeded ciphertext is stored in full.
    he4j_eval_add(k.ctx, ct_sk, ct_sk, ct_sk);
    EXPECT_EQ(save(he4j_ciphertext_save, ct_sk).size(), out.ct_pk.size());
    he4j_ciphertext* c3 = nullptr;
    he4j_ciphertext_create(k.ctx, &c3);
    EXPECT_HE4J_OK(he4j_eval_mul(k.ctx, ct_pk, ct_pk, c3));
    out.ct_size3 = save(he4j_ciphertext_save, c3);

    out.plaintext = save(he4j_plaintext_save, pt);
    out.secret_key = save(he4j_secret_key_save, k.sk);
    out.public_key = save(he4j_public_key_save, k.pk);
    out.relin_key = save(he4j_relin_key_save, k.rk);
    out.galois_keys = save(he4j_galois_keys_save, k.gk);
    EXPECT_EQ(out.secret_key.size(), 24u + 1024 / 4);  // 2 bits per ternary coefficient

    he4j_secret_key* sk2 = nullptr;
    he4j_public_key* pk2 = nullptr;
    he4j_relin_key* rk2 = nullptr;
    he4j_galois_keys* gk2 = nullptr;
    he4j_plaintext* pt2 = nullptr;
    EXPECT_HE4J_OK(he4j_secret_key_load(k.ctx, out.secret_key.data(), out.secret_key.size(), &sk2));
    EXPECT_HE4J_OK(he4j_public_key_load(k.ctx, out.public_key.data(), out.public_key.size(), &pk2));
    EXPECT_HE4J_OK(he4j_relin_key_load(k.ctx, out.relin_key.data(), out.relin_key.size(), &rk2));
    EXPECT_HE4J_OK(he4j_galois_keys_load(k.ctx, out.galois_keys.data(), out.galois_keys.size(), &gk2));
    EXPECT_HE4J_OK(he4j_plaintext_load(k.ctx, out.plaintext.data(), out.plaintext.size(), &pt2));
    EXPECT_EQ(save(he4j_plaintext_save, pt2), out.plaintext);
    EXPECT_EQ(save(he4j_secret_key_save, sk2), out.secret_key);
    EXPECT_EQ(save(he4j_public_key_save, pk2), out.public_key);
    EXPECT_EQ(save(he4j_relin_key_save, rk2), out.relin_key);
    EXPECT_EQ(save(he4j_galois_keys_save, gk2), out.galois_keys);
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
    EXPECT_HE4J_OK(he4j_encrypt_pk(k.ctx, pk2, top, c));
    EXPECT_HE4J_OK(he4j_eval_square_relin(k.ctx, rk2, c, c));
    EXPECT_HE4J_OK(he4j_eval_rescale(k.ctx, c, c));
    EXPECT_HE4J_OK(he4j_eval_rotate(k.ctx, gk2, c, 1, c));
    he4j_plaintext* dec = nullptr;
    he4j_plaintext_create(k.ctx, &dec);
    EXPECT_HE4J_OK(he4j_decrypt(k.ctx, sk2, c, dec));
    std::vector<double> got(k.slots), e(k.slots);
    he4j_decode_real(k.ctx, dec, got.data(), got.size());
    for (size_t i = 0; i < k.slots; ++i) e[i] = x[(i + 1) % k.slots] * x[(i + 1) % k.slots];
    EXPECT_LT(max_err(got, e), std::ldexp(1.0, -20));

    // Context round trip: the insecure test parameters need the flag again; same parameter id; objects
    // load into the reloaded context.
    out.context = save(he4j_context_save, static_cast<const he4j_context*>(k.ctx));
    he4j_context* ctx2 = nullptr;
    EXPECT_HE4J_ERR(he4j_context_load(out.context.data(), out.context.size(), 0, &ctx2), HE4J_ERR_INVALID_PARAMETERS);
    EXPECT_HE4J_OK(he4j_context_load(out.context.data(), out.context.size(), HE4J_ALLOW_INSECURE, &ctx2));
    uint64_t id1 = 0, id2 = 0;
    he4j_context_param_id(k.ctx, &id1);
    he4j_context_param_id(ctx2, &id2);
    EXPECT_EQ(id1, id2);
    he4j_ciphertext* c2 = nullptr;
    EXPECT_HE4J_OK(he4j_ciphertext_load(ctx2, out.ct_pk.data(), out.ct_pk.size(), &c2));
    he4j_ciphertext_free(c2);

    attack(k.ctx, out.ct_pk, loader(he4j_ciphertext_load, he4j_ciphertext_free), "ciphertext");
    attack(k.ctx, out.ct_seeded, loader(he4j_ciphertext_load, he4j_ciphertext_free), "seeded ciphertext");
    attack(k.ctx, out.ct_size3, loader(he4j_ciphertext_load, he4j_ciphertext_free), "size-3 ciphertext");
    attack(k.ctx, out.plaintext, loader(he4j_plaintext_load, he4j_plaintext_free), "plaintext");
    attack(k.ctx, out.secret_key, loader(he4j_secret_key_load, he4j_secret_key_free), "secret key");
    attack(k.ctx, out.public_key, loader(he4j_public_key_load, he4j_public_key_free), "public key");
    attack(k.ctx, out.relin_key, loader(he4j_relin_key_load, he4j_relin_key_free), "relin key");
    attack(k.ctx, out.galois_keys, loader(he4j_galois_keys_load, he4j_galois_keys_free), "galois keys");
    Loader ctx_loader = [](const he4j_context*, const uint8_t* buf, size_t len) {
        he4j_context* o = nullptr;
        he4j_status s = he4j_context_load(buf, len, HE4J_ALLOW_INSECURE, &o);
        he4j_context_free(o);
        return s;
    };
    attack(k.ctx, out.context, ctx_loader, "context");

    // Wrong kind and other parameters.
    he4j_plaintext* wrong = nullptr;
    EXPECT_HE4J_ERR(he4j_plaintext_load(k.ctx, out.ct_pk.data(), out.ct_pk.size(), &wrong), HE4J_ERR_MALFORMED_INPUT);
    he4j_public_key* wrong_pk = nullptr;
    EXPECT_HE4J_ERR(he4j_public_key_load(k.ctx, out.relin_key.data(), out.relin_key.size(), &wrong_pk),
                    HE4J_ERR_MALFORMED_INPUT);
    he4j_context* other = nullptr;
    EXPECT_HE4J_OK(he4j_context_create_preset("P8K", 0, &other));
    he4j_ciphertext* wrong_ct = nullptr;
    EXPECT_HE4J_ERR(he4j_ciphertext_load(other, out.ct_pk.data(), out.ct_pk.size(), &wrong_ct), HE4J_ERR_MALFORMED_INPUT);
    EXPECT_NE(std::string(he4j_last_error_message()).find("parameter"), std::string::npos);

    for (auto* o : {ct_pk, ct_sk, c3, c}) he4j_ciphertext_free(o);
    for (auto* o : {pt, pt2, top, dec}) he4j_plaintext_free(o);
    he4j_secret_key_free(sk2);
    he4j_public_key_free(pk2);
    he4j_relin_key_free(rk2);
    he4j_galois_keys_free(gk2);
    he4j_context_free(ctx2);
    he4j_context_free(other);
    return out;
}

}  // namespace he4j::capi_testing
