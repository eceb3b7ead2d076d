// Helpers for C ABI tests: a small insecure context with every key, and status assertions.
#pragma once
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "he4j/he4j.h"

namespace he4j::capi_testing {

#define EXPECT_HE4J_OK(call) EXPECT_EQ((call), HE4J_OK) << he4j_last_error_message()
#define ASSERT_HE4J_OK(call) ASSERT_EQ((call), HE4J_OK) << he4j_last_error_message()
// A failing call must give the expected status and a non-empty message.
#define EXPECT_HE4J_ERR(call, status)                                          \
    do {                                                                       \
        he4j_status s_ = (call);                                               \
        EXPECT_EQ(s_, (status)) << #call << ": " << he4j_last_error_message(); \
        EXPECT_STRNE(he4j_last_error_message(), "") << #call;                  \
    } while (0)

struct Keys {
    he4j_context* ctx = nullptr;
    he4j_secret_key* sk = nullptr;
    he4j_public_key* pk = nullptr;
    he4j_relin_key* rk = nullptr;
    he4j_galois_keys* gk = nullptr;
    std::size_t slots = 0;

    explicit Keys(bool small = true) {
        if (small) {
            const uint32_t data[] = {60, 40, 40}, special[] = {60};
            EXPECT_HE4J_OK(he4j_context_create(10, data, 3, special, 1, std::ldexp(1.0, 40), HE4J_ALLOW_INSECURE, &ctx));
        } else {
            EXPECT_HE4J_OK(he4j_context_create_preset("P8K", 0, &ctx));
        }
        uint64_t s = 0;
        he4j_context_slot_count(ctx, &s);
        slots = s;
        EXPECT_HE4J_OK(he4j_secret_key_generate(ctx, &sk));
        EXPECT_HE4J_OK(he4j_public_key_generate(ctx, sk, &pk));
        EXPECT_HE4J_OK(he4j_relin_key_generate(ctx, sk, &rk));
        const int32_t steps[] = {1, 2, 4, -1, 3};
        EXPECT_HE4J_OK(he4j_galois_keys_generate(ctx, sk, steps, 5, 1, &gk));
    }
    ~Keys() {
        he4j_galois_keys_free(gk);
        he4j_relin_key_free(rk);
        he4j_public_key_free(pk);
        he4j_secret_key_free(sk);
        he4j_context_free(ctx);
    }
    he4j_ciphertext* encrypt(const std::vector<double>& v, bool symmetric = false) {
        he4j_plaintext* pt = nullptr;
        he4j_ciphertext* ct = nullptr;
        EXPECT_HE4J_OK(he4j_plaintext_create(ctx, &pt));
        EXPECT_HE4J_OK(he4j_encode_real(ctx, v.data(), v.size(), std::ldexp(1.0, 40), -1, pt));
        EXPECT_HE4J_OK(he4j_ciphertext_create(ctx, &ct));
        if (symmetric) EXPECT_HE4J_OK(he4j_encrypt_sk(ctx, sk, pt, ct));
        else EXPECT_HE4J_OK(he4j_encrypt_pk(ctx, pk, pt, ct));
        he4j_plaintext_free(pt);
        return ct;
    }
    std::vector<double> decrypt(const he4j_ciphertext* ct) {
        he4j_plaintext* pt = nullptr;
        EXPECT_HE4J_OK(he4j_plaintext_create(ctx, &pt));
        EXPECT_HE4J_OK(he4j_decrypt(ctx, sk, ct, pt));
        std::vector<double> v(slots);
        EXPECT_HE4J_OK(he4j_decode_real(ctx, pt, v.data(), v.size()));
        he4j_plaintext_free(pt);
        return v;
    }
};

inline std::vector<double> ramp(std::size_t n, double step = 0.001) {
    std::vector<double> v(n);
    for (std::size_t i = 0; i < n; ++i) v[i] = std::sin(static_cast<double>(i) * step * 17.0);
    return v;
}

inline double max_err(const std::vector<double>& a, const std::vector<double>& b) {
    double m = 0;
    for (std::size_t i = 0; i < a.size(); ++i) m = std::max(m, std::fabs(a[i] - b[i]));
    return m;
}

}  // namespace he4j::capi_testing
