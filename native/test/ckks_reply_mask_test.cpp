// Fused reply masks (ckks/reply_mask.hpp): the decrypted mask is the public-key noise everywhere except at the
// flooded positions, where it spreads over [-2^b, 2^b) (range, sign balance, spread, both tails reached); masks
// are fresh; every argument is checked, here and through the C ABI.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>
#include <vector>

#include "ckks/encoder.hpp"
#include "ckks/encryptor.hpp"
#include "ckks/reply_mask.hpp"
#include "common/error.hpp"

namespace he4j::ckks {
namespace {

class ReplyMask : public ::testing::Test {
protected:
    void SetUp() override {
        ctx = Context::create(preset("P4K-IFMA"));  // N = 4096, two 48-bit primes: the Cleveland LR reply's ring
        n = ctx->n();
        sk = std::make_unique<SecretKey>(generate_secret_key(*ctx));
        pk = generate_public_key(*ctx, *sk);
        noise = 21.0 * (2.0 * static_cast<double>(n) + 1);  // |e0 + u e - e1 s| for CBD(21) errors, ternary u, s
    }
    // Coefficients of the decrypted mask (scale 1: integers).
    std::vector<double> decrypt_coeffs(const Ciphertext& ct) {
        Plaintext pt;
        decrypt(*ctx, *sk, ct, pt);
        std::vector<double> v(n);
        decode_coeffs(*ctx, pt, v.data(), n);
        return v;
    }
    std::shared_ptr<const Context> ctx;
    std::size_t n = 0;
    std::unique_ptr<SecretKey> sk;
    PublicKey pk;
    double noise = 0;
};

TEST_F(ReplyMask, FloodsOnlyThePositionsAndSpreadsOverTheFullRange) {
    const std::vector<std::uint32_t> positions = {0, 17, 4095};
    constexpr std::uint32_t bits = 67;
    const double width = std::ldexp(1.0, bits);
    std::vector<double> flooded;
    for (int rep = 0; rep < 200; ++rep) {
        Ciphertext mask;
        encrypt_zero_flooded(*ctx, pk, 1, 1.0, positions.data(), positions.size(), bits, mask);
        ASSERT_EQ(mask.level, 1u);
        ASSERT_EQ(mask.size, 2u);
        const auto v = decrypt_coeffs(mask);
        for (std::size_t k = 0; k < n; ++k) {
            if (std::find(positions.begin(), positions.end(), k) != positions.end()) {
                ASSERT_LE(std::fabs(v[k]), width + noise) << "coefficient " << k;
                flooded.push_back(v[k]);
            } else {
                ASSERT_LE(std::fabs(v[k]), noise) << "coefficient " << k << " is not flooded";
            }
        }
    }
    // 600 uniform values on [-2^67, 2^67): mean 0 (sd 2^67 / sqrt(3 * 600)), sd 2^67 / sqrt(3), both tails.
    double mean = 0, sq = 0, lo = 0, hi = 0;
    int negative = 0;
    for (double x : flooded) mean += x, sq += x * x, lo = std::min(lo, x), hi = std::max(hi, x), negative += x < 0;
    mean /= flooded.size();
    const double sd = std::sqrt(sq / flooded.size());
    EXPECT_LT(std::fabs(mean), 5 * width / std::sqrt(3.0 * flooded.size()));
    EXPECT_NEAR(sd / (width / std::sqrt(3.0)), 1.0, 0.15);
    EXPECT_LT(lo, -0.9 * width);
    EXPECT_GT(hi, 0.9 * width);
    EXPECT_GT(negative, 240);
    EXPECT_LT(negative, 360);
}

TEST_F(ReplyMask, FloodsEveryCoefficientWithoutPositions) {
    constexpr std::uint32_t bits = 30;
    Ciphertext mask;
    encrypt_zero_flooded(*ctx, pk, 0, 1.0, nullptr, n, bits, mask);
    ASSERT_EQ(mask.level, 0u);
    const auto v = decrypt_coeffs(mask);
    const double width = std::ldexp(1.0, bits);
    std::size_t wide = 0;
    for (double x : v) {
        ASSERT_LE(std::fabs(x), width + noise);
        wide += std::fabs(x) > width / 2;
    }
    EXPECT_GT(wide, n / 2 - n / 10);  // half of a uniform's mass is beyond width / 2
    EXPECT_LT(wide, n / 2 + n / 10);
}

TEST_F(ReplyMask, ZeroBitsIsAPlainEncryptionOfZeroAndMasksAreFresh) {
    Ciphertext a, b;
    encrypt_zero_flooded(*ctx, pk, 1, 8.0, nullptr, n, 0, a);
    encrypt_zero_flooded(*ctx, pk, 1, 8.0, nullptr, n, 0, b);
    EXPECT_EQ(a.scale, 8.0);
    EXPECT_NE(a.data, b.data);
    std::size_t nonzero = 0;
    for (double x : decrypt_coeffs(a)) {
        ASSERT_LE(std::fabs(x * 8.0), noise);  // decode divides by the scale
        nonzero += x != 0;
    }
    EXPECT_GT(nonzero, n / 2);  // the noise is there
}

TEST_F(ReplyMask, RejectsBadArguments) {
    Ciphertext out;
    const std::uint32_t one[] = {5}, twice[] = {5, 5}, beyond[] = {4096};
    auto kind_of = [&](auto call) {
        try {
            call();
        } catch (const Error& e) {
            return std::optional<ErrorKind>(e.kind());
        }
        return std::optional<ErrorKind>();
    };
    const auto arg = ErrorKind::kInvalidArgument;
    EXPECT_EQ(kind_of([&] { encrypt_zero_flooded(*ctx, pk, 2, 1.0, one, 1, 10, out); }), arg);          // level
    EXPECT_EQ(kind_of([&] { encrypt_zero_flooded(*ctx, pk, 1, 0.0, one, 1, 10, out); }), arg);          // scale
    EXPECT_EQ(kind_of([&] { encrypt_zero_flooded(*ctx, pk, 0, 1.0, one, 1, 46, out); }), arg);          // > logQ-3
    EXPECT_EQ(kind_of([&] { encrypt_zero_flooded(*ctx, pk, 1, 1.0, one, 1, 127, out); }), arg);         // > max
    EXPECT_EQ(kind_of([&] { encrypt_zero_flooded(*ctx, pk, 1, 1.0, twice, 2, 10, out); }), arg);        // repeated
    EXPECT_EQ(kind_of([&] { encrypt_zero_flooded(*ctx, pk, 1, 1.0, beyond, 1, 10, out); }), arg);       // >= N
    EXPECT_EQ(kind_of([&] { encrypt_zero_flooded(*ctx, pk, 1, 1.0, nullptr, 3, 10, out); }), arg);      // null, < N
    EXPECT_EQ(kind_of([&] { encrypt_zero_flooded(*ctx, pk, 1, 1.0, one, 0, 10, out); }), arg);          // empty
    EXPECT_FALSE(kind_of([&] { encrypt_zero_flooded(*ctx, pk, 0, 1.0, one, 1, 40, out); }).has_value());
}

}  // namespace
}  // namespace he4j::ckks
