// Encoder against an independent O(N^2) evaluation of the canonical embedding, round trips, range checks.
#include <gtest/gtest.h>

#include <cmath>
#include <complex>

#include "ckks/encoder.hpp"
#include "ckks_test_util.hpp"
#include "common/error.hpp"

namespace he4j::ckks {
namespace {

TEST(CkksEncoder, SlotsAreTheCanonicalEmbeddingOnThe5Orbit) {
    auto ctx = Context::create(testing::small_spec());
    const std::size_t n = ctx->n(), slots = ctx->slots();
    auto re = testing::random_reals(slots, 11), im = testing::random_reals(slots, 12);
    std::vector<std::complex<double>> z(slots);
    for (std::size_t j = 0; j < slots; ++j) z[j] = {re[j], im[j]};
    Plaintext pt;
    const double scale = std::ldexp(1.0, 40);
    encode_complex(*ctx, z.data(), slots, scale, ctx->max_level(), pt);
    std::vector<double> m(n);
    decode_coeffs(*ctx, pt, m.data(), n);  // m(X) / scale
    // slot j must equal m(zeta^(5^j)), zeta = exp(i pi / N), evaluated directly.
    const long double pi = 3.141592653589793238462643383279502884L;
    std::size_t g = 1;
    double worst = 0;
    for (std::size_t j = 0; j < slots; ++j) {
        std::complex<long double> acc = 0;
        for (std::size_t k = 0; k < n; ++k) {
            const long double ang = pi * static_cast<long double>((g * k) % (2 * n)) / static_cast<long double>(n);
            acc += static_cast<long double>(m[k]) * std::complex<long double>(std::cos(ang), std::sin(ang));
        }
        worst = std::max(worst, static_cast<double>(std::abs(acc - std::complex<long double>(z[j].real(), z[j].imag()))));
        g = g * 5 % (2 * n);
    }
    EXPECT_LT(worst, 1e-9);
}

TEST(CkksEncoder, RoundTripRealComplexScalarCoeffsAtEveryLevel) {
    auto ctx = Context::create(preset("P8K"));
    const std::size_t slots = ctx->slots(), n = ctx->n();
    auto x = testing::random_reals(slots, 3, -100, 100);
    for (std::uint32_t level = 0; level <= ctx->max_level(); ++level) {
        Plaintext pt;
        encode_real(*ctx, x.data(), slots, std::ldexp(1.0, 40), level, pt);
        EXPECT_EQ(pt.level, level);
        std::vector<double> y(slots);
        decode_real(*ctx, pt, y.data(), slots);
        // Only rounding to integers: error ~ sqrt(N) * 2^-40 relative to the scale.
        EXPECT_LT(testing::max_abs_diff(x, y), 1e-9) << "level " << level;
    }
    Plaintext pt;
    encode_scalar(*ctx, -3.25, std::ldexp(1.0, 40), 1, pt);
    std::vector<double> y(slots);
    decode_real(*ctx, pt, y.data(), slots);
    for (double v : y) EXPECT_NEAR(v, -3.25, 1e-11);
    auto c = testing::random_reals(n, 4, -1000, 1000);
    encode_coeffs(*ctx, c.data(), n, std::ldexp(1.0, 40), -1 + 3, pt);
    std::vector<double> d(n);
    decode_coeffs(*ctx, pt, d.data(), n);
    EXPECT_LT(testing::max_abs_diff(c, d), 1e-11);
}

TEST(CkksEncoder, HugeCoefficientsUseMultiPrimeArithmetic) {
    auto ctx = Context::create(preset("P8K"));  // log2 Q = 140 at the top level
    std::vector<double> c = {1.0, -0.5, 0.25};
    Plaintext pt;
    const double scale = std::ldexp(1.0, 100);  // coefficients up to 2^100 > 2^62
    encode_coeffs(*ctx, c.data(), c.size(), scale, ctx->max_level(), pt);
    std::vector<double> d(3);
    decode_coeffs(*ctx, pt, d.data(), 3);
    EXPECT_EQ(d, c);  // exact: powers of two survive the centered CRT in long double
}

TEST(CkksEncoder, SlotsAtAScaleBeyond2To63RoundTrip) {
    // Flooded feature-major batches encode at scales near 2^80: every coefficient takes the wide path
    // (m * 2^e reduced with a table of powers of two), large and small magnitudes and both signs mixed.
    auto ctx = Context::create(preset("P8K"));
    std::vector<double> v(ctx->slots());
    for (std::size_t j = 0; j < v.size(); ++j) v[j] = (j % 7 == 0) ? 0.0 : std::sin(0.37 * j) * (j % 3 == 0 ? 90 : 1e-3);
    Plaintext pt;
    encode_real(*ctx, v.data(), v.size(), std::ldexp(1.0, 80), ctx->max_level(), pt);
    std::vector<double> d(v.size());
    decode_real(*ctx, pt, d.data(), d.size());
    for (std::size_t j = 0; j < v.size(); ++j) ASSERT_NEAR(d[j], v[j], 1e-9) << "slot " << j;
}

TEST(CkksEncoder, RejectsNonFiniteAndTooLarge) {
    auto ctx = Context::create(preset("P8K"));
    Plaintext pt;
    double bad[2] = {1.0, std::nan("")};
    EXPECT_THROW(encode_real(*ctx, bad, 2, 1e12, 2, pt), Error);
    bad[1] = INFINITY;
    EXPECT_THROW(encode_coeffs(*ctx, bad, 2, 1e12, 2, pt), Error);
    double big = 1e6;
    EXPECT_THROW(encode_coeffs(*ctx, &big, 1, std::ldexp(1.0, 55), 0, pt), Error);  // 2^75 > q_0 = 2^60
    EXPECT_NO_THROW(encode_coeffs(*ctx, &big, 1, std::ldexp(1.0, 55), 2, pt));      // fits Q at the top
    EXPECT_THROW(encode_scalar(*ctx, 1.0, -1.0, 0, pt), Error);
    EXPECT_THROW(encode_scalar(*ctx, 1.0, 1e10, 3, pt), Error);  // level above max
    std::vector<double> many(ctx->slots() + 1, 0.0);
    EXPECT_THROW(encode_real(*ctx, many.data(), many.size(), 1e10, 0, pt), Error);
}

}  // namespace
}  // namespace he4j::ckks
