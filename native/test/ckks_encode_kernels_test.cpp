// The encoder's SIMD loops against their scalar twins, word for word, including halves (std::round
// rounds them away from zero), signed zeros, values beyond 2^52 and non-finite results.
#include <gtest/gtest.h>

#include <cmath>
#include <complex>
#include <limits>
#include <random>
#include <vector>

#include "ckks/encode_kernels.hpp"
#include "ring_test_util.hpp"

namespace he4j::ckks {
namespace {

std::vector<std::complex<double>> test_values(std::size_t slots) {
    std::mt19937_64 rng(5);  // tests only
    std::uniform_real_distribution<double> d(-1.0, 1.0);
    std::vector<std::complex<double>> u(slots);
    for (auto& v : u) v = {d(rng), d(rng)};
    const double specials[] = {0.5, -0.5, 1.5, -2.5, 0.49999999999999994, -0.0, 4503599627370497.0, -1e17, 3.0};
    for (std::size_t k = 0; k < std::size(specials) && k < slots; ++k) u[k] = {specials[k], -specials[k]};
    return u;
}

TEST(CkksEncodeKernels, RoundScaledTwinsAgree) {
    if (!ring::test::cpu_has_avx512dq()) GTEST_SKIP() << "CPU lacks AVX-512 DQ";
    for (std::size_t slots : {8, 16, 2048, 8192}) {
        for (double scale : {1.0, std::ldexp(1.0, 40)}) {
            const auto u = test_values(slots);
            std::vector<double> a(2 * slots), b(2 * slots);
            const double ma = detail::round_scaled_scalar(u.data(), slots, scale, a.data());
            const double mb = detail::round_scaled_avx512dq(u.data(), slots, scale, b.data());
            EXPECT_EQ(ma, mb) << slots;
            for (std::size_t k = 0; k < 2 * slots; ++k) ASSERT_EQ(std::signbit(a[k]), std::signbit(b[k])) << k;
            ASSERT_EQ(a, b) << slots;
            if (scale == 1.0) {
                EXPECT_EQ(a[0], 1.0);
                EXPECT_EQ(a[1], -1.0);
                EXPECT_EQ(a[3], -3.0);
                EXPECT_EQ(a[4], 0.0);
            }
        }
    }
    auto u = test_values(16);
    u[11] = {std::numeric_limits<double>::infinity(), 0.0};
    std::vector<double> c(32);
    EXPECT_EQ(detail::round_scaled_avx512dq(u.data(), 16, 1.0, c.data()), std::numeric_limits<double>::infinity());
    EXPECT_EQ(detail::round_scaled_scalar(u.data(), 16, 1.0, c.data()), std::numeric_limits<double>::infinity());
    u[11] = {0.0, std::numeric_limits<double>::quiet_NaN()};
    EXPECT_EQ(detail::round_scaled_avx512dq(u.data(), 16, 1.0, c.data()), std::numeric_limits<double>::infinity());
    EXPECT_EQ(detail::round_scaled_scalar(u.data(), 16, 1.0, c.data()), std::numeric_limits<double>::infinity());
}

TEST(CkksEncodeKernels, SmallCoefficientResiduesTwinsAgree) {
    if (!ring::test::cpu_has_avx512dq()) GTEST_SKIP() << "CPU lacks AVX-512 DQ";
    const std::uint64_t q = (std::uint64_t{1} << 61) - 1;
    std::mt19937_64 rng(9);  // tests only
    for (std::size_t n : {1, 8, 13, 4096}) {
        std::vector<double> c(n);
        for (auto& x : c) x = std::round(std::ldexp(static_cast<double>(static_cast<std::int64_t>(rng())), -4));
        c[0] = -0.0;
        std::vector<std::uint64_t> a(n), b(n);
        detail::small_coeffs_to_residues_scalar(c.data(), n, q, a.data());
        detail::small_coeffs_to_residues_avx512dq(c.data(), n, q, b.data());
        ASSERT_EQ(a, b) << n;
        EXPECT_EQ(a[0], 0u);
        for (std::size_t k = 0; k < n; ++k) ASSERT_LT(a[k], q);
    }
}

}  // namespace
}  // namespace he4j::ckks
