// Drives every C ABI entry point with null or out-of-range arguments: each must return a non-OK status with
// a message (no exception, abort or crash crosses the boundary), and leave no handle behind.
#include "capi_test_util.hpp"

namespace he4j::capi_testing {
namespace {

constexpr he4j_status kArg = HE4J_ERR_INVALID_ARGUMENT;

TEST(CapiBadArgs, EveryEntryPointRejectsBadArguments) {
    const uint64_t baseline = he4j_live_objects();
    {
        Keys k;
        he4j_context* c = k.ctx;
        he4j_plaintext* pt = nullptr;
        he4j_plaintext* empty_pt = nullptr;
        he4j_ciphertext* ct = k.encrypt(ramp(k.slots));
        he4j_ciphertext* empty_ct = nullptr;
        ASSERT_HE4J_OK(he4j_plaintext_create(c, &pt));
        ASSERT_HE4J_OK(he4j_plaintext_create(c, &empty_pt));
        ASSERT_HE4J_OK(he4j_ciphertext_create(c, &empty_ct));
        ASSERT_HE4J_OK(he4j_encode_scalar(c, 1.0, 1e9, -1, pt));
        he4j_context* other = nullptr;
        const uint32_t bits40[] = {40};
        ASSERT_HE4J_OK(he4j_context_create(10, bits40, 1, bits40, 1, 1e9, HE4J_ALLOW_INSECURE, &other));
        he4j_ciphertext* foreign = nullptr;
        ASSERT_HE4J_OK(he4j_ciphertext_create(other, &foreign));
        uint64_t u64v = 0;
        uint32_t u32v = 0;
        size_t szv = 0, szv2 = 0;
        double dv = 0;
        int iv = 0;
        const double vals[4] = {1, 2, 3, 4};
        double outv[4];
        uint8_t buf[64] = {};

        // ---- context
        he4j_context* nc = nullptr;
        const uint32_t data[] = {60, 40, 40}, special[] = {60};
        EXPECT_HE4J_ERR(he4j_context_create(13, data, 3, special, 1, 1e12, 0, nullptr), kArg);
        EXPECT_HE4J_ERR(he4j_context_create(13, nullptr, 3, special, 1, 1e12, 0, &nc), kArg);
        EXPECT_HE4J_ERR(he4j_context_create(13, data, 3, nullptr, 1, 1e12, 0, &nc), kArg);
        EXPECT_HE4J_ERR(he4j_context_create(13, data, 0, special, 1, 1e12, 0, &nc), HE4J_ERR_INVALID_PARAMETERS);
        EXPECT_HE4J_ERR(he4j_context_create(13, data, 3, special, 1, 1e12, 0xF0, &nc), HE4J_ERR_INVALID_PARAMETERS);
        EXPECT_HE4J_ERR(he4j_context_create(9, data, 3, special, 1, 1e12, HE4J_ALLOW_INSECURE, &nc), HE4J_ERR_INVALID_PARAMETERS);
        EXPECT_HE4J_ERR(he4j_context_create(13, data, 3, special, 1, NAN, 0, &nc), HE4J_ERR_INVALID_PARAMETERS);
        const uint32_t too_big[] = {60, 60, 60, 60};
        EXPECT_HE4J_ERR(he4j_context_create(13, too_big, 4, special, 1, 1e12, 0, &nc), HE4J_ERR_INVALID_PARAMETERS);
        EXPECT_EQ(nc, nullptr);
        EXPECT_HE4J_ERR(he4j_context_create_preset(nullptr, 0, &nc), kArg);
        EXPECT_HE4J_ERR(he4j_context_create_preset("nope", 0, &nc), kArg);
        EXPECT_HE4J_ERR(he4j_context_create_preset("P8K", 0, nullptr), kArg);
        EXPECT_NE(std::string(he4j_preset_names()).find("P8K"), std::string::npos);
        EXPECT_HE4J_ERR(he4j_context_poly_degree(nullptr, &u64v), kArg);
        EXPECT_HE4J_ERR(he4j_context_poly_degree(c, nullptr), kArg);
        EXPECT_HE4J_ERR(he4j_context_slot_count(nullptr, &u64v), kArg);
        EXPECT_HE4J_ERR(he4j_context_slot_count(c, nullptr), kArg);
        EXPECT_HE4J_ERR(he4j_context_max_level(nullptr, &u32v), kArg);
        EXPECT_HE4J_ERR(he4j_context_max_level(c, nullptr), kArg);
        EXPECT_HE4J_ERR(he4j_context_default_scale(nullptr, &dv), kArg);
        EXPECT_HE4J_ERR(he4j_context_default_scale(c, nullptr), kArg);
        EXPECT_HE4J_ERR(he4j_context_modulus_count(nullptr, &szv, &szv2), kArg);
        EXPECT_HE4J_ERR(he4j_context_modulus_count(c, nullptr, &szv2), kArg);
        EXPECT_HE4J_ERR(he4j_context_modulus_count(c, &szv, nullptr), kArg);
        EXPECT_HE4J_ERR(he4j_context_modulus(nullptr, 0, &u64v), kArg);
        EXPECT_HE4J_ERR(he4j_context_modulus(c, 4, &u64v), kArg);
        EXPECT_HE4J_ERR(he4j_context_modulus(c, 0, nullptr), kArg);
        EXPECT_HE4J_ERR(he4j_context_security_bits(nullptr, &u32v), kArg);
        EXPECT_HE4J_ERR(he4j_context_security_bits(c, nullptr), kArg);
        EXPECT_HE4J_ERR(he4j_context_param_id(nullptr, &u64v), kArg);
        EXPECT_HE4J_ERR(he4j_context_param_id(c, nullptr), kArg);
        EXPECT_HE4J_ERR(he4j_context_save(nullptr, buf, sizeof buf, &szv), kArg);
        EXPECT_HE4J_ERR(he4j_context_save(c, buf, sizeof buf, nullptr), kArg);
        EXPECT_HE4J_ERR(he4j_context_save(c, buf, 3, &szv), HE4J_ERR_BUFFER_TOO_SMALL);
        EXPECT_HE4J_ERR(he4j_context_load(nullptr, 10, 0, &nc), kArg);
        EXPECT_HE4J_ERR(he4j_context_load(buf, sizeof buf, 0, nullptr), kArg);
        EXPECT_HE4J_ERR(he4j_context_load(buf, sizeof buf, 0, &nc), HE4J_ERR_MALFORMED_INPUT);
        he4j_context_free(nullptr);

        // ---- keys
        he4j_secret_key* nsk = nullptr;
        he4j_public_key* npk = nullptr;
        he4j_relin_key* nrk = nullptr;
        he4j_galois_keys* ngk = nullptr;
        const int32_t steps[] = {1, 100000};
        EXPECT_HE4J_ERR(he4j_secret_key_generate(nullptr, &nsk), kArg);
        EXPECT_HE4J_ERR(he4j_secret_key_generate(c, nullptr), kArg);
        EXPECT_HE4J_ERR(he4j_public_key_generate(nullptr, k.sk, &npk), kArg);
        EXPECT_HE4J_ERR(he4j_public_key_generate(c, nullptr, &npk), kArg);
        EXPECT_HE4J_ERR(he4j_public_key_generate(c, k.sk, nullptr), kArg);
        EXPECT_HE4J_ERR(he4j_public_key_generate(other, k.sk, &npk), HE4J_ERR_INCOMPATIBLE);
        EXPECT_HE4J_ERR(he4j_relin_key_generate(nullptr, k.sk, &nrk), kArg);
        EXPECT_HE4J_ERR(he4j_relin_key_generate(c, nullptr, &nrk), kArg);
        EXPECT_HE4J_ERR(he4j_relin_key_generate(c, k.sk, nullptr), kArg);
        EXPECT_HE4J_ERR(he4j_galois_keys_generate(nullptr, k.sk, steps, 1, 0, &ngk), kArg);
        EXPECT_HE4J_ERR(he4j_galois_keys_generate(c, nullptr, steps, 1, 0, &ngk), kArg);
        EXPECT_HE4J_ERR(he4j_galois_keys_generate(c, k.sk, nullptr, 1, 0, &ngk), kArg);
        EXPECT_HE4J_ERR(he4j_galois_keys_generate(c, k.sk, steps, 2, 0, &ngk), kArg);  // |step| >= slots
        EXPECT_HE4J_ERR(he4j_galois_keys_generate(c, k.sk, steps, 1, 0, nullptr), kArg);
        EXPECT_HE4J_ERR(he4j_galois_keys_has_step(nullptr, 1, &iv), kArg);
        EXPECT_HE4J_ERR(he4j_galois_keys_has_step(k.gk, 1, nullptr), kArg);
        EXPECT_HE4J_ERR(he4j_galois_keys_has_step(k.gk, 100000, &iv), kArg);
        EXPECT_EQ(nsk, nullptr);
        EXPECT_EQ(npk, nullptr);
        EXPECT_EQ(nrk, nullptr);
        EXPECT_EQ(ngk, nullptr);
        he4j_secret_key_free(nullptr);
        he4j_public_key_free(nullptr);
        he4j_relin_key_free(nullptr);
        he4j_galois_keys_free(nullptr);
        // No special primes: key-switching keys are unsupported.
        he4j_context* nospecial = nullptr;
        ASSERT_HE4J_OK(he4j_context_create_preset("P4K-IFMA", 0, &nospecial));
        he4j_secret_key* sk4 = nullptr;
        ASSERT_HE4J_OK(he4j_secret_key_generate(nospecial, &sk4));
        EXPECT_HE4J_ERR(he4j_relin_key_generate(nospecial, sk4, &nrk), HE4J_ERR_UNSUPPORTED);
        EXPECT_HE4J_ERR(he4j_galois_keys_generate(nospecial, sk4, steps, 1, 0, &ngk), HE4J_ERR_UNSUPPORTED);
        he4j_secret_key_free(sk4);
        he4j_context_free(nospecial);

        // ---- plaintexts and encoding
        he4j_plaintext* npt = nullptr;
        EXPECT_HE4J_ERR(he4j_plaintext_create(nullptr, &npt), kArg);
        EXPECT_HE4J_ERR(he4j_plaintext_create(c, nullptr), kArg);
        he4j_plaintext_free(nullptr);
        EXPECT_HE4J_ERR(he4j_plaintext_level(nullptr, &u32v), kArg);
        EXPECT_HE4J_ERR(he4j_plaintext_level(pt, nullptr), kArg);
        EXPECT_HE4J_ERR(he4j_plaintext_level(empty_pt, &u32v), kArg);
        EXPECT_HE4J_ERR(he4j_plaintext_scale(nullptr, &dv), kArg);
        EXPECT_HE4J_ERR(he4j_plaintext_scale(pt, nullptr), kArg);
        EXPECT_HE4J_ERR(he4j_encode_real(nullptr, vals, 4, 1e9, -1, pt), kArg);
        EXPECT_HE4J_ERR(he4j_encode_real(c, nullptr, 4, 1e9, -1, pt), kArg);
        EXPECT_HE4J_ERR(he4j_encode_real(c, vals, 4, 1e9, -1, nullptr), kArg);
        EXPECT_HE4J_ERR(he4j_encode_real(c, vals, 4, 1e9, 3, pt), kArg);
        EXPECT_HE4J_ERR(he4j_encode_real(c, vals, 4, 1e9, -2, pt), kArg);
        EXPECT_HE4J_ERR(he4j_encode_real(c, vals, 4, 0.0, -1, pt), kArg);
        EXPECT_HE4J_ERR(he4j_encode_real(c, vals, 100000, 1e9, -1, pt), kArg);
        EXPECT_HE4J_ERR(he4j_encode_real(c, vals, 4, 1e300, -1, pt), kArg);
        EXPECT_HE4J_ERR(he4j_encode_complex(nullptr, vals, 2, 1e9, -1, pt), kArg);
        EXPECT_HE4J_ERR(he4j_encode_complex(c, nullptr, 2, 1e9, -1, pt), kArg);
        EXPECT_HE4J_ERR(he4j_encode_complex(c, vals, 2, 1e9, -1, nullptr), kArg);
        EXPECT_HE4J_ERR(he4j_encode_complex(c, vals, 100000, 1e9, -1, pt), kArg);
        EXPECT_HE4J_ERR(he4j_encode_scalar(nullptr, 1.0, 1e9, -1, pt), kArg);
        EXPECT_HE4J_ERR(he4j_encode_scalar(c, NAN, 1e9, -1, pt), kArg);
        EXPECT_HE4J_ERR(he4j_encode_scalar(c, 1.0, 1e9, -1, nullptr), kArg);
        EXPECT_HE4J_ERR(he4j_encode_coeffs(nullptr, vals, 4, 1e9, -1, pt), kArg);
        EXPECT_HE4J_ERR(he4j_encode_coeffs(c, nullptr, 4, 1e9, -1, pt), kArg);
        EXPECT_HE4J_ERR(he4j_encode_coeffs(c, vals, 4, 1e9, -1, nullptr), kArg);
        EXPECT_HE4J_ERR(he4j_encode_coeffs(c, vals, 5000, 1e9, -1, pt), kArg);
        he4j_plaintext* foreign_pt = nullptr;
        ASSERT_HE4J_OK(he4j_plaintext_create(other, &foreign_pt));
        EXPECT_HE4J_ERR(he4j_encode_real(c, vals, 4, 1e9, -1, foreign_pt), HE4J_ERR_INCOMPATIBLE);
        for (auto fn : {he4j_decode_real, he4j_decode_complex, he4j_decode_coeffs}) {
            EXPECT_HE4J_ERR(fn(nullptr, pt, outv, 2), kArg);
            EXPECT_HE4J_ERR(fn(c, nullptr, outv, 2), kArg);
            EXPECT_HE4J_ERR(fn(c, pt, nullptr, 2), kArg);
            EXPECT_HE4J_ERR(fn(c, empty_pt, outv, 2), kArg);
            EXPECT_HE4J_ERR(fn(c, foreign_pt, outv, 2), HE4J_ERR_INCOMPATIBLE);
        }

        // ---- ciphertexts, encryption, decryption
        he4j_ciphertext* nct = nullptr;
        EXPECT_HE4J_ERR(he4j_ciphertext_create(nullptr, &nct), kArg);
        EXPECT_HE4J_ERR(he4j_ciphertext_create(c, nullptr), kArg);
        he4j_ciphertext_free(nullptr);
        EXPECT_HE4J_ERR(he4j_ciphertext_copy(nullptr, empty_ct), kArg);
        EXPECT_HE4J_ERR(he4j_ciphertext_copy(ct, nullptr), kArg);
        EXPECT_HE4J_ERR(he4j_ciphertext_copy(ct, foreign), HE4J_ERR_INCOMPATIBLE);
        EXPECT_HE4J_ERR(he4j_ciphertext_level(nullptr, &u32v), kArg);
        EXPECT_HE4J_ERR(he4j_ciphertext_level(ct, nullptr), kArg);
        EXPECT_HE4J_ERR(he4j_ciphertext_level(empty_ct, &u32v), kArg);
        EXPECT_HE4J_ERR(he4j_ciphertext_scale(nullptr, &dv), kArg);
        EXPECT_HE4J_ERR(he4j_ciphertext_scale(ct, nullptr), kArg);
        EXPECT_HE4J_ERR(he4j_ciphertext_set_scale(nullptr, 1.0), kArg);
        EXPECT_HE4J_ERR(he4j_ciphertext_set_scale(ct, -1.0), kArg);
        EXPECT_HE4J_ERR(he4j_ciphertext_set_scale(ct, INFINITY), kArg);
        EXPECT_HE4J_ERR(he4j_ciphertext_set_scale(empty_ct, 1.0), kArg);
        EXPECT_HE4J_ERR(he4j_ciphertext_size(nullptr, &u32v), kArg);
        EXPECT_HE4J_ERR(he4j_ciphertext_size(ct, nullptr), kArg);
        EXPECT_HE4J_ERR(he4j_encrypt_pk(nullptr, k.pk, pt, empty_ct), kArg);
        EXPECT_HE4J_ERR(he4j_encrypt_pk(c, nullptr, pt, empty_ct), kArg);
        EXPECT_HE4J_ERR(he4j_encrypt_pk(c, k.pk, nullptr, empty_ct), kArg);
        EXPECT_HE4J_ERR(he4j_encrypt_pk(c, k.pk, pt, nullptr), kArg);
        EXPECT_HE4J_ERR(he4j_encrypt_pk(c, k.pk, empty_pt, empty_ct), kArg);
        EXPECT_HE4J_ERR(he4j_encrypt_pk(c, k.pk, pt, foreign), HE4J_ERR_INCOMPATIBLE);
        EXPECT_HE4J_ERR(he4j_encrypt_sk(nullptr, k.sk, pt, empty_ct), kArg);
        EXPECT_HE4J_ERR(he4j_encrypt_sk(c, nullptr, pt, empty_ct), kArg);
        EXPECT_HE4J_ERR(he4j_encrypt_sk(c, k.sk, nullptr, empty_ct), kArg);
        EXPECT_HE4J_ERR(he4j_encrypt_sk(c, k.sk, pt, nullptr), kArg);
        EXPECT_HE4J_ERR(he4j_encrypt_sk(c, k.sk, empty_pt, empty_ct), kArg);
        EXPECT_HE4J_ERR(he4j_decrypt(nullptr, k.sk, ct, pt), kArg);
        EXPECT_HE4J_ERR(he4j_decrypt(c, nullptr, ct, pt), kArg);
        EXPECT_HE4J_ERR(he4j_decrypt(c, k.sk, nullptr, pt), kArg);
        EXPECT_HE4J_ERR(he4j_decrypt(c, k.sk, ct, nullptr), kArg);
        EXPECT_HE4J_ERR(he4j_decrypt(c, k.sk, empty_ct, pt), kArg);

        // ---- evaluator
        he4j_ciphertext* r = empty_ct;
        for (auto fn : {he4j_eval_add, he4j_eval_sub, he4j_eval_mul}) {
            EXPECT_HE4J_ERR(fn(nullptr, ct, ct, r), kArg);
            EXPECT_HE4J_ERR(fn(c, nullptr, ct, r), kArg);
            EXPECT_HE4J_ERR(fn(c, ct, nullptr, r), kArg);
            EXPECT_HE4J_ERR(fn(c, ct, ct, nullptr), kArg);
            EXPECT_HE4J_ERR(fn(c, ct, empty_ct, r), kArg);
            EXPECT_HE4J_ERR(fn(c, ct, ct, foreign), HE4J_ERR_INCOMPATIBLE);
        }
        for (auto fn : {he4j_eval_add_plain, he4j_eval_sub_plain, he4j_eval_mul_plain}) {
            EXPECT_HE4J_ERR(fn(nullptr, ct, pt, r), kArg);
            EXPECT_HE4J_ERR(fn(c, nullptr, pt, r), kArg);
            EXPECT_HE4J_ERR(fn(c, ct, nullptr, r), kArg);
            EXPECT_HE4J_ERR(fn(c, ct, pt, nullptr), kArg);
            EXPECT_HE4J_ERR(fn(c, ct, empty_pt, r), kArg);
            EXPECT_HE4J_ERR(fn(c, ct, foreign_pt, r), HE4J_ERR_INCOMPATIBLE);
        }
        EXPECT_HE4J_ERR(he4j_eval_add_plain(c, ct, pt, r), HE4J_ERR_INCOMPATIBLE);  // scale 1e9 vs 2^40
        EXPECT_HE4J_ERR(he4j_eval_negate(nullptr, ct, r), kArg);
        EXPECT_HE4J_ERR(he4j_eval_negate(c, nullptr, r), kArg);
        EXPECT_HE4J_ERR(he4j_eval_negate(c, ct, nullptr), kArg);
        EXPECT_HE4J_ERR(he4j_eval_add_scalar(nullptr, ct, 1.0, r), kArg);
        EXPECT_HE4J_ERR(he4j_eval_add_scalar(c, nullptr, 1.0, r), kArg);
        EXPECT_HE4J_ERR(he4j_eval_add_scalar(c, ct, 1.0, nullptr), kArg);
        EXPECT_HE4J_ERR(he4j_eval_add_scalar(c, ct, NAN, r), kArg);
        EXPECT_HE4J_ERR(he4j_eval_add_scalar(c, ct, 1e300, r), kArg);
        EXPECT_HE4J_ERR(he4j_eval_mul_scalar(nullptr, ct, 1.0, 1e9, r), kArg);
        EXPECT_HE4J_ERR(he4j_eval_mul_scalar(c, nullptr, 1.0, 1e9, r), kArg);
        EXPECT_HE4J_ERR(he4j_eval_mul_scalar(c, ct, 1.0, 1e9, nullptr), kArg);
        EXPECT_HE4J_ERR(he4j_eval_mul_scalar(c, ct, INFINITY, 1e9, r), kArg);
        EXPECT_HE4J_ERR(he4j_eval_mul_scalar(c, ct, 1.0, 0.0, r), kArg);
        EXPECT_HE4J_ERR(he4j_eval_relinearize(nullptr, k.rk, ct, r), kArg);
        EXPECT_HE4J_ERR(he4j_eval_relinearize(c, nullptr, ct, r), kArg);
        EXPECT_HE4J_ERR(he4j_eval_relinearize(c, k.rk, nullptr, r), kArg);
        EXPECT_HE4J_ERR(he4j_eval_relinearize(c, k.rk, ct, nullptr), kArg);
        EXPECT_HE4J_ERR(he4j_eval_mul_relin(nullptr, k.rk, ct, ct, r), kArg);
        EXPECT_HE4J_ERR(he4j_eval_mul_relin(c, nullptr, ct, ct, r), kArg);
        EXPECT_HE4J_ERR(he4j_eval_mul_relin(c, k.rk, nullptr, ct, r), kArg);
        EXPECT_HE4J_ERR(he4j_eval_mul_relin(c, k.rk, ct, nullptr, r), kArg);
        EXPECT_HE4J_ERR(he4j_eval_mul_relin(c, k.rk, ct, ct, nullptr), kArg);
        EXPECT_HE4J_ERR(he4j_eval_square_relin(nullptr, k.rk, ct, r), kArg);
        EXPECT_HE4J_ERR(he4j_eval_square_relin(c, nullptr, ct, r), kArg);
        EXPECT_HE4J_ERR(he4j_eval_square_relin(c, k.rk, nullptr, r), kArg);
        EXPECT_HE4J_ERR(he4j_eval_square_relin(c, k.rk, ct, nullptr), kArg);
        EXPECT_HE4J_ERR(he4j_eval_rescale(nullptr, ct, r), kArg);
        EXPECT_HE4J_ERR(he4j_eval_rescale(c, nullptr, r), kArg);
        EXPECT_HE4J_ERR(he4j_eval_rescale(c, ct, nullptr), kArg);
        EXPECT_HE4J_ERR(he4j_eval_mod_switch_to(nullptr, ct, 0, r), kArg);
        EXPECT_HE4J_ERR(he4j_eval_mod_switch_to(c, nullptr, 0, r), kArg);
        EXPECT_HE4J_ERR(he4j_eval_mod_switch_to(c, ct, 0, nullptr), kArg);
        EXPECT_HE4J_ERR(he4j_eval_mod_switch_to(c, ct, 7, r), HE4J_ERR_INCOMPATIBLE);
        he4j_plaintext* pt_out = empty_pt;
        EXPECT_HE4J_ERR(he4j_plaintext_mod_switch_to(nullptr, pt, 0, pt_out), kArg);
        EXPECT_HE4J_ERR(he4j_plaintext_mod_switch_to(c, nullptr, 0, pt_out), kArg);
        EXPECT_HE4J_ERR(he4j_plaintext_mod_switch_to(c, pt, 0, nullptr), kArg);
        EXPECT_HE4J_ERR(he4j_plaintext_mod_switch_to(c, pt, 9, pt_out), HE4J_ERR_INCOMPATIBLE);
        EXPECT_HE4J_ERR(he4j_eval_rotate(nullptr, k.gk, ct, 1, r), kArg);
        EXPECT_HE4J_ERR(he4j_eval_rotate(c, nullptr, ct, 1, r), kArg);
        EXPECT_HE4J_ERR(he4j_eval_rotate(c, k.gk, nullptr, 1, r), kArg);
        EXPECT_HE4J_ERR(he4j_eval_rotate(c, k.gk, ct, 1, nullptr), kArg);
        EXPECT_HE4J_ERR(he4j_eval_rotate(c, k.gk, ct, 100000, r), kArg);
        EXPECT_HE4J_ERR(he4j_eval_rotate(c, k.gk, ct, -100000, r), kArg);
        EXPECT_HE4J_ERR(he4j_eval_rotate(c, k.gk, ct, 9, r), HE4J_ERR_INCOMPATIBLE);
        EXPECT_HE4J_ERR(he4j_eval_conjugate(nullptr, k.gk, ct, r), kArg);
        EXPECT_HE4J_ERR(he4j_eval_conjugate(c, nullptr, ct, r), kArg);
        EXPECT_HE4J_ERR(he4j_eval_conjugate(c, k.gk, nullptr, r), kArg);
        EXPECT_HE4J_ERR(he4j_eval_conjugate(c, k.gk, ct, nullptr), kArg);
        const int32_t hsteps[] = {1, 2};
        he4j_ciphertext* outs[] = {r, nullptr};
        he4j_ciphertext* outs_ok[] = {r, r};
        EXPECT_HE4J_ERR(he4j_eval_rotate_hoisted(nullptr, k.gk, ct, hsteps, 2, outs_ok), kArg);
        EXPECT_HE4J_ERR(he4j_eval_rotate_hoisted(c, nullptr, ct, hsteps, 2, outs_ok), kArg);
        EXPECT_HE4J_ERR(he4j_eval_rotate_hoisted(c, k.gk, nullptr, hsteps, 2, outs_ok), kArg);
        EXPECT_HE4J_ERR(he4j_eval_rotate_hoisted(c, k.gk, ct, nullptr, 2, outs_ok), kArg);
        EXPECT_HE4J_ERR(he4j_eval_rotate_hoisted(c, k.gk, ct, hsteps, 2, nullptr), kArg);
        EXPECT_HE4J_ERR(he4j_eval_rotate_hoisted(c, k.gk, ct, hsteps, 2, outs), kArg);
        EXPECT_HE4J_OK(he4j_eval_rotate_hoisted(c, k.gk, ct, nullptr, 0, nullptr));  // nothing to do
        EXPECT_HE4J_ERR(he4j_eval_rotate_sum(nullptr, k.gk, ct, 4, r), kArg);
        EXPECT_HE4J_ERR(he4j_eval_rotate_sum(c, nullptr, ct, 4, r), kArg);
        EXPECT_HE4J_ERR(he4j_eval_rotate_sum(c, k.gk, nullptr, 4, r), kArg);
        EXPECT_HE4J_ERR(he4j_eval_rotate_sum(c, k.gk, ct, 4, nullptr), kArg);
        EXPECT_HE4J_ERR(he4j_eval_rotate_sum(c, k.gk, ct, 3, r), kArg);
        EXPECT_HE4J_ERR(he4j_eval_rotate_sum(c, k.gk, ct, 64, r), HE4J_ERR_INCOMPATIBLE);  // no key for 8
        // Size-3 inputs where size 2 is needed; rescale at level 0.
        he4j_ciphertext* three = nullptr;
        ASSERT_HE4J_OK(he4j_ciphertext_create(c, &three));
        ASSERT_HE4J_OK(he4j_eval_mul(c, ct, ct, three));
        EXPECT_HE4J_ERR(he4j_eval_mul(c, three, ct, r), HE4J_ERR_INCOMPATIBLE);
        EXPECT_HE4J_ERR(he4j_eval_rotate(c, k.gk, three, 1, r), HE4J_ERR_INCOMPATIBLE);
        ASSERT_HE4J_OK(he4j_eval_mod_switch_to(c, ct, 0, r));
        EXPECT_HE4J_ERR(he4j_eval_rescale(c, r, r), HE4J_ERR_INCOMPATIBLE);
        he4j_ciphertext_free(three);

        // ---- serialization (every kind): null object, null written, small buffer, null/short input
        he4j_ciphertext* lct = nullptr;
        EXPECT_HE4J_ERR(he4j_ciphertext_save(nullptr, buf, sizeof buf, &szv), kArg);
        EXPECT_HE4J_ERR(he4j_ciphertext_save(ct, buf, sizeof buf, nullptr), kArg);
        EXPECT_HE4J_ERR(he4j_ciphertext_save(ct, buf, sizeof buf, &szv), HE4J_ERR_BUFFER_TOO_SMALL);
        he4j_ciphertext* still_empty = nullptr;
        ASSERT_HE4J_OK(he4j_ciphertext_create(c, &still_empty));
        EXPECT_HE4J_ERR(he4j_ciphertext_save(still_empty, buf, sizeof buf, &szv), kArg);
        he4j_ciphertext_free(still_empty);
        EXPECT_HE4J_ERR(he4j_ciphertext_load(nullptr, buf, sizeof buf, &lct), kArg);
        EXPECT_HE4J_ERR(he4j_ciphertext_load(c, nullptr, 10, &lct), kArg);
        EXPECT_HE4J_ERR(he4j_ciphertext_load(c, buf, sizeof buf, nullptr), kArg);
        EXPECT_HE4J_ERR(he4j_ciphertext_load(c, buf, sizeof buf, &lct), HE4J_ERR_MALFORMED_INPUT);
        he4j_plaintext* lpt = nullptr;
        EXPECT_HE4J_ERR(he4j_plaintext_save(nullptr, buf, sizeof buf, &szv), kArg);
        EXPECT_HE4J_ERR(he4j_plaintext_save(pt, buf, sizeof buf, nullptr), kArg);
        EXPECT_HE4J_ERR(he4j_plaintext_save(empty_pt, buf, sizeof buf, &szv), kArg);
        EXPECT_HE4J_ERR(he4j_plaintext_load(nullptr, buf, sizeof buf, &lpt), kArg);
        EXPECT_HE4J_ERR(he4j_plaintext_load(c, nullptr, 10, &lpt), kArg);
        EXPECT_HE4J_ERR(he4j_plaintext_load(c, buf, sizeof buf, nullptr), kArg);
        EXPECT_HE4J_ERR(he4j_plaintext_load(c, buf, 3, &lpt), HE4J_ERR_MALFORMED_INPUT);
        he4j_public_key* lpk = nullptr;
        EXPECT_HE4J_ERR(he4j_public_key_save(nullptr, buf, sizeof buf, &szv), kArg);
        EXPECT_HE4J_ERR(he4j_public_key_save(k.pk, buf, sizeof buf, nullptr), kArg);
        EXPECT_HE4J_ERR(he4j_public_key_save(k.pk, buf, sizeof buf, &szv), HE4J_ERR_BUFFER_TOO_SMALL);
        EXPECT_HE4J_ERR(he4j_public_key_load(nullptr, buf, sizeof buf, &lpk), kArg);
        EXPECT_HE4J_ERR(he4j_public_key_load(c, nullptr, 10, &lpk), kArg);
        EXPECT_HE4J_ERR(he4j_public_key_load(c, buf, sizeof buf, nullptr), kArg);
        EXPECT_HE4J_ERR(he4j_public_key_load(c, buf, sizeof buf, &lpk), HE4J_ERR_MALFORMED_INPUT);
        he4j_relin_key* lrk = nullptr;
        EXPECT_HE4J_ERR(he4j_relin_key_save(nullptr, buf, sizeof buf, &szv), kArg);
        EXPECT_HE4J_ERR(he4j_relin_key_save(k.rk, buf, sizeof buf, nullptr), kArg);
        EXPECT_HE4J_ERR(he4j_relin_key_save(k.rk, buf, sizeof buf, &szv), HE4J_ERR_BUFFER_TOO_SMALL);
        EXPECT_HE4J_ERR(he4j_relin_key_load(nullptr, buf, sizeof buf, &lrk), kArg);
        EXPECT_HE4J_ERR(he4j_relin_key_load(c, nullptr, 10, &lrk), kArg);
        EXPECT_HE4J_ERR(he4j_relin_key_load(c, buf, sizeof buf, nullptr), kArg);
        EXPECT_HE4J_ERR(he4j_relin_key_load(c, buf, sizeof buf, &lrk), HE4J_ERR_MALFORMED_INPUT);
        he4j_galois_keys* lgk = nullptr;
        EXPECT_HE4J_ERR(he4j_galois_keys_save(nullptr, buf, sizeof buf, &szv), kArg);
        EXPECT_HE4J_ERR(he4j_galois_keys_save(k.gk, buf, sizeof buf, nullptr), kArg);
        EXPECT_HE4J_ERR(he4j_galois_keys_save(k.gk, buf, sizeof buf, &szv), HE4J_ERR_BUFFER_TOO_SMALL);
        EXPECT_HE4J_ERR(he4j_galois_keys_load(nullptr, buf, sizeof buf, &lgk), kArg);
        EXPECT_HE4J_ERR(he4j_galois_keys_load(c, nullptr, 10, &lgk), kArg);
        EXPECT_HE4J_ERR(he4j_galois_keys_load(c, buf, sizeof buf, nullptr), kArg);
        EXPECT_HE4J_ERR(he4j_galois_keys_load(c, buf, sizeof buf, &lgk), HE4J_ERR_MALFORMED_INPUT);
        he4j_secret_key* lsk = nullptr;
        EXPECT_HE4J_ERR(he4j_secret_key_save(nullptr, buf, sizeof buf, &szv), kArg);
        EXPECT_HE4J_ERR(he4j_secret_key_save(k.sk, buf, sizeof buf, nullptr), kArg);
        EXPECT_HE4J_ERR(he4j_secret_key_save(k.sk, buf, sizeof buf, &szv), HE4J_ERR_BUFFER_TOO_SMALL);
        EXPECT_HE4J_ERR(he4j_secret_key_load(nullptr, buf, sizeof buf, &lsk), kArg);
        EXPECT_HE4J_ERR(he4j_secret_key_load(c, nullptr, 10, &lsk), kArg);
        EXPECT_HE4J_ERR(he4j_secret_key_load(c, buf, sizeof buf, nullptr), kArg);
        EXPECT_HE4J_ERR(he4j_secret_key_load(c, buf, sizeof buf, &lsk), HE4J_ERR_MALFORMED_INPUT);
        EXPECT_EQ(lct, nullptr);
        EXPECT_EQ(lpt, nullptr);
        EXPECT_EQ(lpk, nullptr);
        EXPECT_EQ(lrk, nullptr);
        EXPECT_EQ(lgk, nullptr);
        EXPECT_EQ(lsk, nullptr);

        // A successful call after failures leaves the message of the last failure in place only until then.
        EXPECT_HE4J_OK(he4j_context_poly_degree(c, &u64v));

        for (auto* o : {ct, empty_ct, foreign}) he4j_ciphertext_free(o);
        for (auto* o : {pt, empty_pt, foreign_pt}) he4j_plaintext_free(o);
        he4j_context_free(other);
    }
    EXPECT_EQ(he4j_live_objects(), baseline);
}

TEST(CapiBadArgs, FreeingTheContextFirstIsSafe) {
    he4j_context* ctx = nullptr;
    const uint32_t bits[] = {40};
    ASSERT_HE4J_OK(he4j_context_create(10, bits, 1, bits, 1, 1e9, HE4J_ALLOW_INSECURE, &ctx));
    he4j_secret_key* sk = nullptr;
    he4j_plaintext* pt = nullptr;
    he4j_ciphertext* ct = nullptr;
    ASSERT_HE4J_OK(he4j_secret_key_generate(ctx, &sk));
    ASSERT_HE4J_OK(he4j_plaintext_create(ctx, &pt));
    ASSERT_HE4J_OK(he4j_ciphertext_create(ctx, &ct));
    ASSERT_HE4J_OK(he4j_encode_scalar(ctx, 1.5, 1e9, -1, pt));
    ASSERT_HE4J_OK(he4j_encrypt_sk(ctx, sk, pt, ct));
    he4j_context_free(ctx);
    size_t size = 0;
    EXPECT_HE4J_OK(he4j_ciphertext_save(ct, nullptr, 0, &size));  // the handle keeps its parameters alive
    EXPECT_GT(size, 0u);
    he4j_ciphertext_free(ct);
    he4j_plaintext_free(pt);
    he4j_secret_key_free(sk);
}

}  // namespace
}  // namespace he4j::capi_testing
