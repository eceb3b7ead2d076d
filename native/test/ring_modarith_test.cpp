#include <gtest/gtest.h>

#include <stdexcept>

#include "ring/modarith.hpp"
#include "ring_test_util.hpp"

using namespace he4j::ring;

TEST(Modarith, RejectsBadModuli) {
    EXPECT_THROW(Modulus(0), std::invalid_argument);
    EXPECT_THROW(Modulus(1), std::invalid_argument);
    EXPECT_THROW(Modulus(u64{1} << 62), std::invalid_argument);
    EXPECT_NO_THROW(Modulus((u64{1} << 62) - 1));
}

TEST(Modarith, BarrettConstantIsFloorOf2To128OverQ) {
    for (u64 q : {u64{2}, u64{3}, u64{1} << 40, (u64{1} << 61) - 1, u64{1099511922689}}) {
        const Modulus m(q);
        const u128 ratio = (static_cast<u128>(m.barrett_hi()) << 64) | m.barrett_lo();
        // ratio * q <= 2^128 < (ratio + 1) * q, checked without overflow as 2^128 - ratio*q in [0, q].
        const u128 prod = ratio * q;  // wraps to 0 when exact
        const u128 rem = u128{0} - prod;
        EXPECT_LE(rem == 0 ? u128{0} : rem, static_cast<u128>(q - 1)) << q;
    }
}

TEST(Modarith, ReduceMatchesHardwareDivision) {
    auto v = test::random_vector(4000, ~u64{0}, 1);
    for (int bits : {2, 20, 31, 50, 59, 62}) {
        const u64 q = (u64{1} << (bits - 1)) + 12345 % (u64{1} << (bits - 2)) + 1;
        const Modulus m(q);
        EXPECT_EQ(m.bits(), bits);
        for (std::size_t i = 0; i + 1 < v.size(); i += 2) {
            const u128 x = (static_cast<u128>(v[i]) << 64) | v[i + 1];
            ASSERT_EQ(m.reduce128(x), static_cast<u64>(x % q));
            ASSERT_EQ(m.reduce(v[i]), v[i] % q);
            const u64 a = v[i] % q, b = v[i + 1] % q;
            ASSERT_EQ(mul_mod(a, b, m), static_cast<u64>(static_cast<u128>(a) * b % q));
            ASSERT_EQ(mul_mod_shoup(v[i], b, shoup_precompute(b, q), q), static_cast<u64>(static_cast<u128>(v[i]) * b % q));
        }
        EXPECT_EQ(m.reduce128(~u128{0}), static_cast<u64>(~u128{0} % q));
        EXPECT_EQ(mul_mod(q - 1, q - 1, m), 1 % q);
    }
}

TEST(Modarith, PowAndInverse) {
    const Modulus m(1099511922689ULL);  // prime
    EXPECT_EQ(pow_mod(3, 0, m), 1u);
    EXPECT_EQ(pow_mod(0, 5, m), 0u);
    EXPECT_EQ(pow_mod(2, 40, m), (u64{1} << 40) % m.value());
    auto v = test::random_vector(200, m.value() - 1, 2);
    for (u64 a : v) {
        const u64 x = a + 1;
        EXPECT_EQ(mul_mod(x, inv_mod(x, m), m), 1u);
        EXPECT_EQ(pow_mod(x, m.value() - 1, m), 1u);  // Fermat
    }
    EXPECT_THROW(inv_mod(0, m), std::invalid_argument);
    EXPECT_THROW(inv_mod(6, Modulus(12)), std::invalid_argument);
    EXPECT_EQ(inv_mod(5, Modulus(12)), 5u);
}
