#include <gtest/gtest.h>

#include <set>
#include <stdexcept>

#include "ring/modarith.hpp"
#include "ring/primes.hpp"

using namespace he4j::ring;

namespace {
bool trial_division_prime(u64 n) {
    if (n < 2) return false;
    for (u64 d = 2; d * d <= n; ++d)
        if (n % d == 0) return false;
    return true;
}
}  // namespace

TEST(Primes, MillerRabinAgreesWithTrialDivision) {
    for (u64 n = 0; n < 20000; ++n) ASSERT_EQ(is_prime(n), trial_division_prime(n)) << n;
    for (u64 n = (u64{1} << 40) - 2000; n < (u64{1} << 40); ++n) ASSERT_EQ(is_prime(n), trial_division_prime(n)) << n;
}

TEST(Primes, KnownLargeValues) {
    EXPECT_TRUE(is_prime(18446744073709551557ULL));   // largest 64-bit prime
    EXPECT_TRUE(is_prime((u64{1} << 61) - 1));        // Mersenne
    EXPECT_FALSE(is_prime(3825123056546413051ULL));   // strong pseudoprime to bases 2..23
    EXPECT_FALSE(is_prime(4294967297ULL));            // F5 = 641 * 6700417
    EXPECT_FALSE(is_prime(18446744073709551615ULL));
}

TEST(Primes, NttPrimesHaveRightShape) {
    for (std::size_t n : {std::size_t{1024}, std::size_t{1} << 17}) {
        for (int bits : {20, 30, 40, 47, 50, 55, 59, 60, 61}) {
            if (bits == 20 && n > 1024) continue;
            const std::size_t count = bits <= 20 ? 2 : 4;
            const auto ps = ntt_primes(bits, n, count);
            ASSERT_EQ(ps.size(), count);
            std::set<u64> seen;
            for (std::size_t i = 0; i < ps.size(); ++i) {
                const u64 q = ps[i];
                EXPECT_TRUE(is_prime(q));
                EXPECT_EQ(64 - __builtin_clzll(q), bits);
                EXPECT_EQ(q % (2 * n), 1u);
                if (i > 0) {
                    EXPECT_LT(q, ps[i - 1]);  // searched downward
                }
                seen.insert(q);
            }
            // Disjoint continuation with exclude, and the first is the largest such prime below 2^bits.
            const auto more = ntt_primes(bits, n, 1, ps);
            EXPECT_EQ(seen.count(more[0]), 0u);
            for (u64 c = ps[0] + 2 * n; c < (u64{1} << bits); c += 2 * n) EXPECT_FALSE(is_prime(c));
        }
    }
    EXPECT_THROW(ntt_primes(19, 1024, 1), std::invalid_argument);
    EXPECT_THROW(ntt_primes(62, 1024, 1), std::invalid_argument);
    EXPECT_EQ(ntt_primes(20, 1 << 17, 1)[0], 786433u);  // 3 * 2^18 + 1, the only one
    EXPECT_THROW(ntt_primes(20, 1 << 17, 2), std::invalid_argument);
    EXPECT_THROW(ntt_primes(30, 1000, 1), std::invalid_argument);
}

TEST(Primes, MinimalPrimitiveRoot) {
    const u64 q = ntt_primes(40, 1024, 1)[0];
    const Modulus m(q);
    for (u64 order : {u64{2}, u64{16}, u64{2048}}) {
        const u64 g = minimal_primitive_root(order, q);
        EXPECT_EQ(pow_mod(g, order / 2, m), q - 1);
        EXPECT_EQ(pow_mod(g, order, m), 1u);
        // Nothing smaller is a primitive root of this order.
        for (u64 c = 2; c < g && c < 5000; ++c) EXPECT_NE(pow_mod(c, order / 2, m), q - 1) << c;
    }
    EXPECT_EQ(minimal_primitive_root(2, 17), 16u);
    EXPECT_EQ(minimal_primitive_root(16, 17), 3u);
    EXPECT_THROW(minimal_primitive_root(3, 17), std::invalid_argument);
    EXPECT_THROW(minimal_primitive_root(32, 17), std::invalid_argument);
}
