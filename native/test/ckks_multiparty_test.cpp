// Threshold CKKS (ckks/multiparty.hpp): collective decryption of a sum of encryptions under the collective
// public key equals the plaintext sum; without one party's share, or with one share alone, nothing of the
// message comes out; and the C ABI checks its arguments.
#include <gtest/gtest.h>

#include <cmath>
#include <memory>

#include "capi_test_util.hpp"
#include "ckks/compact_reply.hpp"
#include "ckks/encoder.hpp"
#include "ckks/encryptor.hpp"
#include "ckks/evaluator.hpp"
#include "ckks/multiparty.hpp"
#include "ckks_test_util.hpp"
#include "common/error.hpp"

namespace he4j::ckks {
namespace {

using testing::max_abs_diff;
using testing::random_reals;

constexpr std::size_t kParties = 4;
constexpr std::uint32_t kLambda = 40;

double pearson(const std::vector<double>& a, const std::vector<double>& b) {
    double ma = 0, mb = 0;
    for (std::size_t i = 0; i < a.size(); ++i) ma += a[i], mb += b[i];
    ma /= a.size(), mb /= b.size();
    double sab = 0, saa = 0, sbb = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        sab += (a[i] - ma) * (b[i] - mb), saa += (a[i] - ma) * (a[i] - ma), sbb += (b[i] - mb) * (b[i] - mb);
    return sab / std::sqrt(saa * sbb);
}

class Multiparty : public ::testing::Test {
protected:
    void SetUp() override {
        ctx = Context::create(preset("P4K-IFMA"));  // N = 4096, two 48-bit primes: room for smudging
        n = ctx->n();
        const Seed crp = random_seed();
        std::vector<const PublicKey*> list;
        for (std::size_t i = 0; i < kParties; ++i) {
            shares.push_back(std::make_unique<SecretKey>(generate_secret_share(*ctx)));
            pk_shares.push_back(public_key_share(*ctx, *shares.back(), crp));
        }
        for (const auto& p : pk_shares) list.push_back(&p);
        collective = aggregate_public_key_shares(*ctx, list);
        bits = smudging_bits(*ctx, kParties, kParties, kLambda);
        // The sum of kParties encryptions of x_i (coefficient-encoded, |x_i| <= 1).
        for (std::size_t i = 0; i < kParties; ++i) {
            auto x = random_reals(n, 10 + static_cast<unsigned>(i));
            Plaintext pt;
            encode_coeffs(*ctx, x.data(), n, kScale, ctx->max_level(), pt);
            Ciphertext ct;
            encrypt_pk(*ctx, collective, pt, ct);
            if (i == 0) sum = ct;
            else add(*ctx, sum, ct, sum);
            if (expected.empty()) expected = x;
            else for (std::size_t k = 0; k < n; ++k) expected[k] += x[k];
        }
    }
    std::vector<double> combine_and_decode(const std::vector<std::size_t>& parties) {
        std::vector<Plaintext> d(parties.size());
        std::vector<const Plaintext*> list;
        for (std::size_t k = 0; k < parties.size(); ++k) {
            decryption_share(*ctx, *shares[parties[k]], sum, bits, d[k]);
            list.push_back(&d[k]);
        }
        Plaintext pt;
        combine_decryption_shares(*ctx, sum, list, pt);
        std::vector<double> v(n);
        decode_coeffs(*ctx, pt, v.data(), n);
        return v;
    }
    static constexpr double kScale = 0x1p88;
    std::shared_ptr<const Context> ctx;
    std::size_t n = 0;
    std::vector<std::unique_ptr<SecretKey>> shares;
    std::vector<PublicKey> pk_shares;
    PublicKey collective;
    std::uint32_t bits = 0;
    Ciphertext sum;
    std::vector<double> expected;
};

TEST_F(Multiparty, SmudgingWidthFollowsTheNoiseBound) {
    // B = 21*4 + 21*4*sqrt(4*4096*4*ln(2^41*4096)) = 84 + 84*sqrt(65536*36.73) = 130,422 < 2^17.
    EXPECT_NEAR(noise_bound(*ctx, 4, 4, 40), 130421.7, 0.1);
    EXPECT_EQ(bits, 57u);
    EXPECT_EQ(smudging_bits(*ctx, 100, 100, 40), 40u + 24u);  // 2100*sqrt(1638400*36.73) = 1.63e7 < 2^24
}

TEST_F(Multiparty, EveryShareDecryptsTheSum) {
    const auto got = combine_and_decode({0, 1, 2, 3});
    // Error <= (B + 4 * 2^57) / 2^88 < 2^-28.9; values are up to 4.
    EXPECT_LT(max_abs_diff(got, expected), std::ldexp(1.0, -23));
    EXPECT_GT(max_abs_diff(got, expected), 0.0);  // the smudging noise is there
}

TEST_F(Multiparty, TheCollectiveKeyIsAPublicKeyOfTheSumOfShares) {
    // Reference only (no party ever forms S): decrypting with S = sum s_i works like the protocol.
    SecretKey s;
    s.coeffs.assign(n, 0);
    std::vector<std::int64_t> acc(n, 0);
    for (const auto& sh : shares)
        for (std::size_t k = 0; k < n; ++k) acc[k] += sh->coeffs[k];
    for (std::size_t k = 0; k < n; ++k) s.coeffs[k] = static_cast<std::int8_t>(acc[k]);
    complete_secret_key(*ctx, s);
    // At a low scale, so that doubles resolve the noise: |decrypt - sum| * scale <= B (plus the encoding's
    // rounding, <= 0.5 per summand).
    const double scale = 0x1p40;
    Ciphertext low;
    std::vector<double> want(n, 0.0);
    for (std::size_t i = 0; i < kParties; ++i) {
        auto x = random_reals(n, 20 + static_cast<unsigned>(i));
        Plaintext pt;
        encode_coeffs(*ctx, x.data(), n, scale, ctx->max_level(), pt);
        Ciphertext ct;
        encrypt_pk(*ctx, collective, pt, ct);
        if (i == 0) low = ct;
        else add(*ctx, low, ct, low);
        for (std::size_t k = 0; k < n; ++k) want[k] += x[k];
    }
    Plaintext pt;
    decrypt(*ctx, s, low, pt);
    std::vector<double> v(n);
    decode_coeffs(*ctx, pt, v.data(), n);
    const double noise = max_abs_diff(v, want) * scale;
    EXPECT_LT(noise, noise_bound(*ctx, kParties, kParties, kLambda) + 0.5 * kParties);
    EXPECT_GT(noise, 1.0);  // there is noise, and S really is the key
}

TEST_F(Multiparty, OneShareMissingGivesGarbage) {
    for (std::size_t missing = 0; missing < kParties; ++missing) {
        std::vector<std::size_t> present;
        for (std::size_t i = 0; i < kParties; ++i)
            if (i != missing) present.push_back(i);
        const auto got = combine_and_decode(present);
        // Uniform garbage mod Q decodes to about Q/4/scale = 2^94/2^88 = 64 on average; the values are <= 4.
        double mean_abs = 0;
        for (std::size_t k = 0; k < n; ++k) mean_abs += std::fabs(got[k] - expected[k]) / n;
        EXPECT_GT(mean_abs, 16.0) << "missing party " << missing;
        EXPECT_LT(std::fabs(pearson(got, expected)), 0.1) << "missing party " << missing;
    }
}

TEST_F(Multiparty, ASingleShareIsUncorrelatedWithTheSum) {
    for (std::size_t i = 0; i < kParties; ++i) {
        Plaintext d;
        decryption_share(*ctx, *shares[i], sum, bits, d);
        std::vector<double> v(n);
        decode_coeffs(*ctx, d, v.data(), n);
        EXPECT_LT(std::fabs(pearson(v, expected)), 0.1) << "party " << i;
    }
}

TEST_F(Multiparty, CompactSharesDecryptTheSumAndAloneGiveNothing) {
    const std::uint32_t share_bits = 44;  // Q / 2^45 ~ 2^51 of rounding per share, below the 2^57 smudging
    std::vector<std::vector<std::uint8_t>> d;
    std::vector<std::pair<const std::uint8_t*, std::size_t>> list;
    for (std::size_t i = 0; i < kParties; ++i) d.push_back(compact_decryption_share(*ctx, *shares[i], sum, bits, share_bits));
    for (const auto& x : d) list.emplace_back(x.data(), x.size());
    EXPECT_EQ(d[0].size(), compact_reply_size(*ctx, 1, share_bits));
    EXPECT_LT(d[0].size(), static_cast<std::size_t>(n) * 96 / 8 / 2);  // under half the full share's 96 bits
    std::vector<double> got(n);
    combine_compact_decryption_shares(*ctx, sum, list, share_bits, got.data(), n);
    // error <= (B + 4 * 2^57 + 5/2 * Q / 2^44) / 2^88 < 2^-28
    EXPECT_LT(max_abs_diff(got, expected), std::ldexp(1.0, -28));
    list.pop_back();
    combine_compact_decryption_shares(*ctx, sum, list, share_bits, got.data(), n);
    double mean_abs = 0;
    for (std::size_t k = 0; k < n; ++k) mean_abs += std::fabs(got[k] - expected[k]) / n;
    EXPECT_GT(mean_abs, 16.0);
    EXPECT_LT(std::fabs(pearson(got, expected)), 0.1);
    std::vector<std::pair<const std::uint8_t*, std::size_t>> wrong_bits = {{d[0].data(), d[0].size()}};
    EXPECT_THROW(combine_compact_decryption_shares(*ctx, sum, wrong_bits, 40, got.data(), n), Error);
    auto broken = d[0];
    broken.pop_back();
    std::vector<std::pair<const std::uint8_t*, std::size_t>> truncated = {{broken.data(), broken.size()}};
    EXPECT_THROW(combine_compact_decryption_shares(*ctx, sum, truncated, share_bits, got.data(), n), Error);
}

TEST_F(Multiparty, RejectsMismatchedInputs) {
    PublicKey other = public_key_share(*ctx, *shares[0], random_seed());
    EXPECT_THROW(aggregate_public_key_shares(*ctx, {&pk_shares[0], &other}), Error);
    Plaintext d;
    EXPECT_THROW(decryption_share(*ctx, *shares[0], sum, 0, d), Error);
    EXPECT_THROW(decryption_share(*ctx, *shares[0], sum, 95, d), Error);  // Q ~ 2^96: no room left
    Ciphertext lower;
    mod_switch_to(*ctx, sum, 0, lower);
    decryption_share(*ctx, *shares[0], lower, 30, d);
    Plaintext out;
    EXPECT_THROW(combine_decryption_shares(*ctx, sum, {&d}, out), Error);  // share at another level
}

// Randomness reuse and switched c0 (multiparty.hpp, "Compact updates"): every party encrypts kGroup values
// vectors with one shared c1 under kGroup collective keys (one common seed); the coordinator sums the carriers
// (full ciphertexts of vector 0) and the compact c0s of the others; every party's compact share of the carrier
// aggregate's c1 under its share of key j then decrypts the sum of vectors j; with one party missing it does not.
TEST(MultipartySharedC1, CompactPiecesDecryptTheSumAndOneMissingGivesGarbage) {
    constexpr std::size_t kGroup = 3;
    const auto ctx = Context::create(preset("P4K-IFMA"));
    const std::size_t n = ctx->n();
    const Seed crp = random_seed();
    std::vector<std::vector<std::unique_ptr<SecretKey>>> s(kParties);  // s[i][j]
    std::vector<PublicKey> keys;
    for (std::size_t j = 0; j < kGroup; ++j) {
        std::vector<PublicKey> p;
        for (std::size_t i = 0; i < kParties; ++i) {
            s[i].push_back(std::make_unique<SecretKey>(generate_secret_share(*ctx)));
            p.push_back(public_key_share(*ctx, *s[i][j], crp));
        }
        std::vector<const PublicKey*> list;
        for (const auto& x : p) list.push_back(&x);
        keys.push_back(aggregate_public_key_shares(*ctx, list));
    }
    const std::uint32_t smudging = smudging_bits(*ctx, kParties, kParties, kLambda);
    const std::uint32_t bits = 96 - smudging + 8;
    const double scale = 0x1p88;
    std::vector<std::vector<double>> expected(kGroup, std::vector<double>(n, 0.0));
    Ciphertext carrier;
    std::vector<std::vector<std::vector<std::uint8_t>>> c0s(kGroup);  // c0s[j][i]
    for (std::size_t i = 0; i < kParties; ++i) {
        std::vector<Plaintext> pts(kGroup);
        std::vector<Ciphertext> cts(kGroup);
        std::vector<const PublicKey*> k;
        std::vector<const Plaintext*> p;
        std::vector<Ciphertext*> o;
        for (std::size_t j = 0; j < kGroup; ++j) {
            auto x = random_reals(n, 100 + static_cast<unsigned>(i * kGroup + j));
            for (std::size_t c = 0; c < n; ++c) expected[j][c] += x[c];
            encode_coeffs(*ctx, x.data(), n, scale, ctx->max_level(), pts[j]);
            k.push_back(&keys[j]);
            p.push_back(&pts[j]);
            o.push_back(&cts[j]);
        }
        encrypt_pk_shared_c1(*ctx, k, p, o);
        for (std::size_t j = 1; j < kGroup; ++j) {
            ASSERT_TRUE(std::equal(cts[j].poly(1, n), cts[j].poly(1, n) + cts[j].rows() * n, cts[0].poly(1, n)));
            ASSERT_FALSE(std::equal(cts[j].poly(0, n), cts[j].poly(0, n) + cts[j].rows() * n, cts[0].poly(0, n)));
            c0s[j].push_back(compact_c0(*ctx, cts[j], bits));
        }
        if (i == 0) carrier = cts[0];
        else add(*ctx, carrier, cts[0], carrier);
    }
    auto pieces_of = [](const std::vector<std::vector<std::uint8_t>>& v) {
        std::vector<std::pair<const std::uint8_t*, std::size_t>> out;
        for (const auto& b : v) out.emplace_back(b.data(), b.size());
        return out;
    };
    for (std::size_t j = 0; j < kGroup; ++j) {
        std::vector<std::vector<std::uint8_t>> d;
        for (std::size_t i = 0; i < kParties; ++i) d.push_back(compact_decryption_share(*ctx, *s[i][j], carrier, smudging, bits));
        for (std::size_t missing : {kParties, std::size_t{1}}) {
            std::vector<std::vector<std::uint8_t>> used;
            for (std::size_t i = 0; i < kParties; ++i)
                if (i != missing) used.push_back(d[i]);
            std::vector<double> got(n);
            if (j == 0) {
                combine_compact_decryption_shares(*ctx, carrier, pieces_of(used), bits, got.data(), n);
            } else {
                const auto c0sum = sum_compact_pieces(*ctx, pieces_of(c0s[j]), ctx->max_level(), bits, scale);
                used.insert(used.begin(), c0sum);
                combine_compact_pieces(*ctx, pieces_of(used), bits, got.data(), n);
            }
            if (missing == kParties) EXPECT_LT(max_abs_diff(got, expected[j]), 1e-6) << "group member " << j;
            else EXPECT_GT(max_abs_diff(got, expected[j]), 50) << "group member " << j << " without party 1";  // noise spans +-Q/2/scale = +-128
        }
    }
    // keys from another seed cannot share a c1
    std::unique_ptr<SecretKey> other = std::make_unique<SecretKey>(generate_secret_share(*ctx));
    const PublicKey foreign = public_key_share(*ctx, *other, random_seed());
    Plaintext pt;
    const auto x = random_reals(n, 7);
    encode_coeffs(*ctx, x.data(), n, scale, ctx->max_level(), pt);
    Ciphertext a, b;
    EXPECT_THROW(encrypt_pk_shared_c1(*ctx, {&keys[0], &foreign}, {&pt, &pt}, {&a, &b}), Error);
}

}  // namespace
}  // namespace he4j::ckks

namespace he4j::capi_testing {
namespace {

TEST(CapiMultiparty, ThresholdRoundTripAndBadArguments) {
    const uint64_t baseline = he4j_live_objects();
    he4j_context* ctx = nullptr;
    ASSERT_HE4J_OK(he4j_context_create_preset("P4K-IFMA", 0, &ctx));
    uint8_t seed[HE4J_MP_SEED_BYTES] = {1, 2, 3};
    he4j_secret_share* s[2] = {};
    he4j_public_key* p[2] = {};
    for (int i = 0; i < 2; ++i) {
        ASSERT_HE4J_OK(he4j_secret_share_generate(ctx, &s[i]));
        ASSERT_HE4J_OK(he4j_mp_public_key_share(ctx, s[i], seed, sizeof seed, &p[i]));
    }
    he4j_public_key* cpk = nullptr;
    ASSERT_HE4J_OK(he4j_mp_public_key_aggregate(ctx, p, 2, &cpk));
    uint32_t bits = 0;
    ASSERT_HE4J_OK(he4j_mp_smudging_bits(ctx, 2, 1, 40, &bits));
    he4j_plaintext* pt = nullptr;
    he4j_ciphertext* ct = nullptr;
    he4j_plaintext* d[2] = {};
    ASSERT_HE4J_OK(he4j_plaintext_create(ctx, &pt));
    ASSERT_HE4J_OK(he4j_ciphertext_create(ctx, &ct));
    const double values[] = {0.5, -1.25, 3.0};
    ASSERT_HE4J_OK(he4j_encode_coeffs(ctx, values, 3, 0x1p80, -1, pt));
    ASSERT_HE4J_OK(he4j_encrypt_pk(ctx, cpk, pt, ct));
    for (int i = 0; i < 2; ++i) {
        ASSERT_HE4J_OK(he4j_plaintext_create(ctx, &d[i]));
        ASSERT_HE4J_OK(he4j_mp_decryption_share(ctx, s[i], ct, bits, d[i]));
    }
    ASSERT_HE4J_OK(he4j_mp_decrypt_combine(ctx, ct, d, 2, pt));
    double out[3] = {};
    ASSERT_HE4J_OK(he4j_decode_coeffs(ctx, pt, out, 3));
    for (int i = 0; i < 3; ++i) EXPECT_NEAR(out[i], values[i], 1e-6);

    he4j_secret_share* none = nullptr;
    he4j_public_key* bad = nullptr;
    EXPECT_HE4J_ERR(he4j_secret_share_generate(nullptr, &none), HE4J_ERR_INVALID_ARGUMENT);
    EXPECT_HE4J_ERR(he4j_secret_share_generate(ctx, nullptr), HE4J_ERR_INVALID_ARGUMENT);
    EXPECT_HE4J_ERR(he4j_mp_public_key_share(ctx, s[0], seed, 31, &bad), HE4J_ERR_INVALID_ARGUMENT);
    EXPECT_HE4J_ERR(he4j_mp_public_key_share(ctx, s[0], nullptr, 32, &bad), HE4J_ERR_INVALID_ARGUMENT);
    EXPECT_HE4J_ERR(he4j_mp_public_key_share(ctx, nullptr, seed, 32, &bad), HE4J_ERR_INVALID_ARGUMENT);
    EXPECT_HE4J_ERR(he4j_mp_public_key_aggregate(ctx, p, 0, &bad), HE4J_ERR_INVALID_ARGUMENT);
    EXPECT_HE4J_ERR(he4j_mp_public_key_aggregate(ctx, nullptr, 2, &bad), HE4J_ERR_INVALID_ARGUMENT);
    he4j_public_key* with_null[2] = {p[0], nullptr};
    EXPECT_HE4J_ERR(he4j_mp_public_key_aggregate(ctx, with_null, 2, &bad), HE4J_ERR_INVALID_ARGUMENT);
    seed[0] ^= 1;
    he4j_public_key* other = nullptr;
    ASSERT_HE4J_OK(he4j_mp_public_key_share(ctx, s[0], seed, sizeof seed, &other));
    he4j_public_key* mixed[2] = {p[0], other};
    EXPECT_HE4J_ERR(he4j_mp_public_key_aggregate(ctx, mixed, 2, &bad), HE4J_ERR_INCOMPATIBLE);
    EXPECT_EQ(bad, nullptr);
    EXPECT_HE4J_ERR(he4j_mp_smudging_bits(ctx, 0, 1, 40, &bits), HE4J_ERR_INVALID_ARGUMENT);
    EXPECT_HE4J_ERR(he4j_mp_decryption_share(ctx, s[0], ct, 200, d[0]), HE4J_ERR_INVALID_ARGUMENT);
    EXPECT_HE4J_ERR(he4j_mp_decryption_share(ctx, s[0], nullptr, 40, d[0]), HE4J_ERR_INVALID_ARGUMENT);
    EXPECT_HE4J_ERR(he4j_mp_decrypt_combine(ctx, ct, d, 0, pt), HE4J_ERR_INVALID_ARGUMENT);
    he4j_plaintext* d_null[2] = {d[0], nullptr};
    EXPECT_HE4J_ERR(he4j_mp_decrypt_combine(ctx, ct, d_null, 2, pt), HE4J_ERR_INVALID_ARGUMENT);
    he4j_ciphertext* empty = nullptr;
    ASSERT_HE4J_OK(he4j_ciphertext_create(ctx, &empty));
    EXPECT_HE4J_ERR(he4j_mp_decryption_share(ctx, s[0], empty, 40, d[0]), HE4J_ERR_INVALID_ARGUMENT);

    size_t need = 0;
    ASSERT_HE4J_OK(he4j_mp_decryption_share_compact(ctx, s[0], ct, bits, 44, nullptr, 0, &need));
    std::vector<uint8_t> c0buf(need), c1buf(need);
    size_t w0 = 0, w1 = 0;
    ASSERT_HE4J_OK(he4j_mp_decryption_share_compact(ctx, s[0], ct, bits, 44, c0buf.data(), c0buf.size(), &w0));
    ASSERT_HE4J_OK(he4j_mp_decryption_share_compact(ctx, s[1], ct, bits, 44, c1buf.data(), c1buf.size(), &w1));
    const uint8_t* bufs[2] = {c0buf.data(), c1buf.data()};
    const size_t lens[2] = {w0, w1};
    double compact[3] = {};
    ASSERT_HE4J_OK(he4j_mp_decrypt_combine_compact(ctx, ct, bufs, lens, 2, 44, compact, 3));
    for (int i = 0; i < 3; ++i) EXPECT_NEAR(compact[i], values[i], 1e-6);
    EXPECT_HE4J_ERR(he4j_mp_decryption_share_compact(ctx, s[0], ct, bits, 44, c0buf.data(), need - 1, &w0),
                    HE4J_ERR_BUFFER_TOO_SMALL);
    EXPECT_HE4J_ERR(he4j_mp_decryption_share_compact(ctx, s[0], ct, bits, 10, nullptr, 0, &need),
                    HE4J_ERR_INVALID_ARGUMENT);
    EXPECT_HE4J_ERR(he4j_mp_decrypt_combine_compact(ctx, ct, bufs, nullptr, 2, 44, compact, 3), HE4J_ERR_INVALID_ARGUMENT);
    const uint8_t* null_buf[1] = {nullptr};
    EXPECT_HE4J_ERR(he4j_mp_decrypt_combine_compact(ctx, ct, null_buf, lens, 1, 44, compact, 3), HE4J_ERR_INVALID_ARGUMENT);
    const size_t short_len[1] = {w0 - 1};
    EXPECT_HE4J_ERR(he4j_mp_decrypt_combine_compact(ctx, ct, bufs, short_len, 1, 44, compact, 3), HE4J_ERR_MALFORMED_INPUT);

    he4j_ciphertext_free(empty);
    he4j_public_key_free(other);
    for (int i = 0; i < 2; ++i) {
        he4j_plaintext_free(d[i]);
        he4j_public_key_free(p[i]);
        he4j_secret_share_free(s[i]);
    }
    he4j_secret_share_free(nullptr);
    he4j_public_key_free(cpk);
    he4j_plaintext_free(pt);
    he4j_ciphertext_free(ct);
    he4j_context_free(ctx);
    EXPECT_EQ(he4j_live_objects(), baseline);
}

}  // namespace
}  // namespace he4j::capi_testing
