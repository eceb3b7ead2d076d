// SEAL-specific behaviour behind the shared ABI tests: every preset (including the shapes SEAL expresses
// differently), the own engine's prime rule, transparent results, the scale tolerance, aliasing of
// hoisted outputs, the scale bound, and freeing/using objects across threads (Java's Cleaner).
#include <thread>

#include "capi_test_util.hpp"

namespace he4j::capi_testing {
namespace {

bool is_prime(uint64_t n) {
    if (n < 2) return false;
    auto mulm = [](uint64_t a, uint64_t b, uint64_t m) { return static_cast<uint64_t>(static_cast<unsigned __int128>(a) * b % m); };
    auto powm = [&](uint64_t b, uint64_t e, uint64_t m) {
        uint64_t r = 1;
        for (b %= m; e; e >>= 1, b = mulm(b, b, m))
            if (e & 1) r = mulm(r, b, m);
        return r;
    };
    for (uint64_t p : {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37})
        if (n % p == 0) return n == p;
    uint64_t d = n - 1;
    int s = 0;
    while ((d & 1) == 0) d >>= 1, ++s;
    for (uint64_t a : {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37}) {
        uint64_t x = powm(a, d, n);
        if (x == 1 || x == n - 1) continue;
        bool composite = true;
        for (int i = 1; i < s && composite; ++i) composite = (x = mulm(x, x, n)) != n - 1;
        if (composite) return false;
    }
    return true;
}

// The own engine's rule, checked independently: each prime is the largest q < 2^bits, q = 1 mod 2N, not
// taken by an earlier prime of the chain.
TEST(SealEval, PresetsUseTheOwnEnginesPrimes) {
    for (const char* name : {"P8K", "P16K", "P2K-IFMA", "P4K-IFMA", "P8K-IFMA", "P16K-IFMA"}) {
        SCOPED_TRACE(name);
        he4j_context* ctx = nullptr;
        ASSERT_HE4J_OK(he4j_context_create_preset(name, 0, &ctx));
        uint64_t n = 0;
        size_t dc = 0, sc = 0;
        he4j_context_poly_degree(ctx, &n);
        he4j_context_modulus_count(ctx, &dc, &sc);
        std::vector<uint64_t> used;
        for (size_t i = 0; i < dc + sc; ++i) {
            uint64_t q = 0;
            ASSERT_HE4J_OK(he4j_context_modulus(ctx, i, &q));
            const int bits = 64 - __builtin_clzll(q);
            EXPECT_TRUE(is_prime(q));
            EXPECT_EQ(q % (2 * n), 1u);
            for (uint64_t c = q + 2 * n; c < (uint64_t{1} << bits); c += 2 * n)
                EXPECT_FALSE(is_prime(c) && std::find(used.begin(), used.end(), c) == used.end()) << c;
            used.push_back(q);
        }
        uint32_t sec = 0;
        EXPECT_HE4J_OK(he4j_context_security_bits(ctx, &sec));
        EXPECT_GE(sec, 128u);
        he4j_context_free(ctx);
    }
}

TEST(SealEval, NoSpecialPrimeMeansSymmetricEncryptionOnly) {
    he4j_context* ctx = nullptr;
    ASSERT_HE4J_OK(he4j_context_create_preset("P4K-IFMA", 0, &ctx));
    uint32_t max_level = 0;
    he4j_context_max_level(ctx, &max_level);
    EXPECT_EQ(max_level, 1u);
    he4j_secret_key* sk = nullptr;
    ASSERT_HE4J_OK(he4j_secret_key_generate(ctx, &sk));
    he4j_public_key* pk = nullptr;
    EXPECT_HE4J_ERR(he4j_public_key_generate(ctx, sk, &pk), HE4J_ERR_UNSUPPORTED);
    EXPECT_EQ(pk, nullptr);
    // Slots: encrypt at the top level, multiply by a plaintext, decrypt (a rescale by the 48-bit prime would
    // leave a 2^12 scale, too small to read anything).
    std::vector<double> x = ramp(2048), w(2048, 0.5);
    he4j_plaintext *px = nullptr, *pw = nullptr, *out = nullptr;
    he4j_ciphertext* c = nullptr;
    he4j_plaintext_create(ctx, &px);
    he4j_plaintext_create(ctx, &pw);
    he4j_plaintext_create(ctx, &out);
    he4j_ciphertext_create(ctx, &c);
    ASSERT_HE4J_OK(he4j_encode_real(ctx, x.data(), x.size(), std::ldexp(1.0, 30), -1, px));
    ASSERT_HE4J_OK(he4j_encode_real(ctx, w.data(), w.size(), std::ldexp(1.0, 30), -1, pw));
    ASSERT_HE4J_OK(he4j_encrypt_sk(ctx, sk, px, c));
    uint32_t level = 9;
    he4j_ciphertext_level(c, &level);
    EXPECT_EQ(level, 1u);
    ASSERT_HE4J_OK(he4j_eval_mul_plain(ctx, c, pw, c));
    ASSERT_HE4J_OK(he4j_decrypt(ctx, sk, c, out));
    std::vector<double> got(2048), e(2048);
    ASSERT_HE4J_OK(he4j_decode_real(ctx, out, got.data(), got.size()));
    for (size_t i = 0; i < e.size(); ++i) e[i] = 0.5 * x[i];
    EXPECT_LT(max_err(got, e), 1e-3);
    // The secret key round-trips in its 2-bit form and still decrypts.
    size_t len = 0;
    ASSERT_HE4J_OK(he4j_secret_key_save(sk, nullptr, 0, &len));
    std::vector<uint8_t> bytes(len);
    ASSERT_HE4J_OK(he4j_secret_key_save(sk, bytes.data(), bytes.size(), &len));
    EXPECT_EQ(len, 24u + 4096 / 4);
    he4j_secret_key* sk2 = nullptr;
    ASSERT_HE4J_OK(he4j_secret_key_load(ctx, bytes.data(), len, &sk2));
    ASSERT_HE4J_OK(he4j_decrypt(ctx, sk2, c, out));
    ASSERT_HE4J_OK(he4j_decode_real(ctx, out, got.data(), got.size()));
    EXPECT_LT(max_err(got, e), 1e-3);
    he4j_secret_key_free(sk2);
    for (auto* p : {px, pw, out}) he4j_plaintext_free(p);
    he4j_ciphertext_free(c);
    he4j_secret_key_free(sk);
    he4j_context_free(ctx);
}

TEST(SealEval, TwoSpecialPrimesKeySwitchCorrectly) {
    he4j_context* ctx = nullptr;
    ASSERT_HE4J_OK(he4j_context_create_preset("P16K-IFMA", 0, &ctx));
    size_t dc = 0, sc = 0;
    he4j_context_modulus_count(ctx, &dc, &sc);
    EXPECT_EQ(sc, 2u);
    he4j_secret_key* sk = nullptr;
    he4j_public_key* pk = nullptr;
    he4j_relin_key* rk = nullptr;
    he4j_galois_keys* gk = nullptr;
    ASSERT_HE4J_OK(he4j_secret_key_generate(ctx, &sk));
    ASSERT_HE4J_OK(he4j_public_key_generate(ctx, sk, &pk));
    ASSERT_HE4J_OK(he4j_relin_key_generate(ctx, sk, &rk));
    const int32_t steps[] = {3};
    ASSERT_HE4J_OK(he4j_galois_keys_generate(ctx, sk, steps, 1, 0, &gk));
    const size_t slots = 8192;
    auto x = ramp(slots);
    he4j_plaintext *p = nullptr, *out = nullptr;
    he4j_ciphertext* c = nullptr;
    he4j_plaintext_create(ctx, &p);
    he4j_plaintext_create(ctx, &out);
    he4j_ciphertext_create(ctx, &c);
    ASSERT_HE4J_OK(he4j_encode_real(ctx, x.data(), slots, std::ldexp(1.0, 40), -1, p));
    ASSERT_HE4J_OK(he4j_encrypt_pk(ctx, pk, p, c));
    ASSERT_HE4J_OK(he4j_eval_square_relin(ctx, rk, c, c));
    ASSERT_HE4J_OK(he4j_eval_rescale(ctx, c, c));
    ASSERT_HE4J_OK(he4j_eval_rotate(ctx, gk, c, 3, c));
    ASSERT_HE4J_OK(he4j_decrypt(ctx, sk, c, out));
    std::vector<double> got(slots), e(slots);
    ASSERT_HE4J_OK(he4j_decode_real(ctx, out, got.data(), slots));
    for (size_t i = 0; i < slots; ++i) e[i] = x[(i + 3) % slots] * x[(i + 3) % slots];
    EXPECT_LT(max_err(got, e), 1e-5);
    he4j_plaintext_free(p);
    he4j_plaintext_free(out);
    he4j_ciphertext_free(c);
    he4j_galois_keys_free(gk);
    he4j_relin_key_free(rk);
    he4j_public_key_free(pk);
    he4j_secret_key_free(sk);
    he4j_context_free(ctx);
}

TEST(SealEval, TransparentResultsAreAccepted) {
    Keys k;
    auto x = ramp(k.slots);
    he4j_ciphertext* a = k.encrypt(x);
    he4j_ciphertext* r = nullptr;
    he4j_ciphertext_create(k.ctx, &r);
    ASSERT_HE4J_OK(he4j_eval_sub(k.ctx, a, a, r));
    EXPECT_LT(max_err(k.decrypt(r), std::vector<double>(k.slots, 0.0)), 1e-9);
    ASSERT_HE4J_OK(he4j_eval_mul_scalar(k.ctx, a, 0.0, std::ldexp(1.0, 20), r));
    EXPECT_LT(max_err(k.decrypt(r), std::vector<double>(k.slots, 0.0)), 1e-9);
    he4j_plaintext* zero = nullptr;
    he4j_plaintext_create(k.ctx, &zero);
    ASSERT_HE4J_OK(he4j_encode_scalar(k.ctx, 0.0, std::ldexp(1.0, 20), -1, zero));
    ASSERT_HE4J_OK(he4j_eval_mul_plain(k.ctx, a, zero, a));
    EXPECT_LT(max_err(k.decrypt(a), std::vector<double>(k.slots, 0.0)), 1e-9);
    he4j_plaintext_free(zero);
    he4j_ciphertext_free(r);
    he4j_ciphertext_free(a);
}

TEST(SealEval, ScalesWithinTwoToMinusTwentyAreAdded) {
    Keys k;
    auto x = ramp(k.slots);
    he4j_ciphertext* a = k.encrypt(x);
    he4j_ciphertext* b = k.encrypt(x);
    he4j_ciphertext* r = nullptr;
    he4j_ciphertext_create(k.ctx, &r);
    const double s = std::ldexp(1.0, 40);
    ASSERT_HE4J_OK(he4j_ciphertext_set_scale(b, s * (1 + std::ldexp(1.0, -24))));
    ASSERT_HE4J_OK(he4j_eval_add(k.ctx, a, b, r));
    double rs = 0;
    he4j_ciphertext_scale(r, &rs);
    EXPECT_EQ(rs, s);
    ASSERT_HE4J_OK(he4j_eval_sub(k.ctx, a, b, b));  // out aliases the second operand
    he4j_ciphertext_scale(b, &rs);
    EXPECT_EQ(rs, s);
    EXPECT_LT(max_err(k.decrypt(b), std::vector<double>(k.slots, 0.0)), 1e-6);
    ASSERT_HE4J_OK(he4j_ciphertext_set_scale(b, s * (1 + std::ldexp(1.0, -10))));
    EXPECT_HE4J_ERR(he4j_eval_add(k.ctx, a, b, r), HE4J_ERR_INCOMPATIBLE);
    // A product whose scale would exceed the modulus of its level is refused.
    ASSERT_HE4J_OK(he4j_ciphertext_set_scale(b, std::ldexp(1.0, 120)));
    EXPECT_HE4J_ERR(he4j_eval_mul(k.ctx, a, b, r), HE4J_ERR_INCOMPATIBLE);
    for (auto* c : {a, b, r}) he4j_ciphertext_free(c);
}

TEST(SealEval, HoistedOutputsMayAliasTheInput) {
    Keys k;
    auto x = ramp(k.slots);
    he4j_ciphertext* a = k.encrypt(x);
    he4j_ciphertext* o = nullptr;
    he4j_ciphertext_create(k.ctx, &o);
    const int32_t steps[] = {2, 0, -1};
    he4j_ciphertext* outs[] = {o, a, nullptr};
    he4j_ciphertext* o3 = nullptr;
    he4j_ciphertext_create(k.ctx, &o3);
    outs[2] = o3;
    ASSERT_HE4J_OK(he4j_eval_rotate_hoisted(k.ctx, k.gk, a, steps, 3, outs));
    const size_t n = k.slots;
    std::vector<double> e2(n), e0 = x, em1(n);
    for (size_t i = 0; i < n; ++i) {
        e2[i] = x[(i + 2) % n];
        em1[i] = x[(i + n - 1) % n];
    }
    EXPECT_LT(max_err(k.decrypt(o), e2), 1e-6);
    EXPECT_LT(max_err(k.decrypt(a), e0), 1e-6);
    EXPECT_LT(max_err(k.decrypt(o3), em1), 1e-6);
    const int32_t missing[] = {5};
    EXPECT_HE4J_ERR(he4j_eval_rotate_hoisted(k.ctx, k.gk, a, missing, 1, outs), HE4J_ERR_INCOMPATIBLE);
    for (auto* c : {a, o, o3}) he4j_ciphertext_free(c);
}

// Objects made on one thread are used and freed on others (SEAL's global pool, never thread-local ones).
TEST(SealEval, ObjectsCrossThreads) {
    const uint64_t baseline = he4j_live_objects();
    {
        Keys k;
        auto x = ramp(k.slots);
        std::vector<he4j_ciphertext*> cts(4, nullptr);
        std::thread maker([&] {
            for (auto& c : cts) c = k.encrypt(x, true);
        });
        maker.join();
        std::vector<std::thread> users;
        std::vector<double> errs(cts.size(), 1.0);
        for (size_t t = 0; t < cts.size(); ++t)
            users.emplace_back([&, t] {
                he4j_ciphertext* r = nullptr;
                he4j_ciphertext_create(k.ctx, &r);
                he4j_eval_mul_relin(k.ctx, k.rk, cts[t], cts[t], r);
                std::vector<double> e(k.slots);
                for (size_t i = 0; i < k.slots; ++i) e[i] = x[i] * x[i];
                errs[t] = max_err(k.decrypt(r), e) * std::ldexp(1.0, -40);
                he4j_ciphertext_free(r);
            });
        for (auto& u : users) u.join();
        for (double e : errs) EXPECT_LT(e, 1e-6);
        // Concurrent first readers of one fresh symmetric ciphertext (its seed is expanded once).
        he4j_ciphertext* fresh = k.encrypt(x, true);
        std::vector<std::thread> readers;
        std::vector<double> rerr(3, 1.0);
        for (size_t t = 0; t < rerr.size(); ++t)
            readers.emplace_back([&, t] { rerr[t] = max_err(k.decrypt(fresh), x); });
        for (auto& r : readers) r.join();
        for (double e : rerr) EXPECT_LT(e, 1e-6);
        he4j_ciphertext_free(fresh);
        std::thread freer([&] {
            for (auto* c : cts) he4j_ciphertext_free(c);
        });
        freer.join();
    }
    EXPECT_EQ(he4j_live_objects(), baseline);
}

}  // namespace
}  // namespace he4j::capi_testing
