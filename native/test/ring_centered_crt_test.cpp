// Centered CRT composition (decoding) against the exact big-integer CRT: the value in (-Q/2, Q/2],
// exact while it fits the 64-bit mantissa, within a few ulps of long double beyond.
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <vector>

#include "big_crt_reference.hpp"
#include "ring/centered_crt.hpp"
#include "ring/primes.hpp"
#include "ring_test_util.hpp"

using namespace he4j::ring;
using test::BigCrt;
using test::BigWords;

namespace {

std::vector<Modulus> to_moduli(const std::vector<u64>& v) { return {v.begin(), v.end()}; }

// Residues (one row per prime, n columns) of the big integers xs.
std::vector<std::vector<u64>> residues_of(const std::vector<u64>& qs, const std::vector<BigWords>& xs) {
    std::vector<std::vector<u64>> rows(qs.size(), std::vector<u64>(xs.size()));
    for (std::size_t i = 0; i < qs.size(); ++i)
        for (std::size_t c = 0; c < xs.size(); ++c) rows[i][c] = test::big_mod(xs[c], qs[i]);
    return rows;
}

std::vector<long double> compose(const std::vector<u64>& qs, const std::vector<std::vector<u64>>& rows) {
    const CenteredCrt crt(to_moduli(qs));
    std::vector<const u64*> ptrs;
    for (const auto& r : rows) ptrs.push_back(r.data());
    std::vector<long double> out(rows[0].size());
    crt.compose(ptrs.data(), out.size(), out.data());
    return out;
}

// x mod Q for a signed 64-bit v.
BigWords signed_to_big(std::int64_t v, const BigWords& q) {
    if (v >= 0) return BigWords{static_cast<u64>(v)};
    return test::big_sub(q, BigWords{static_cast<u64>(-(v + 1)) + 1});
}

}  // namespace

TEST(CenteredCrt, RandomResiduesMatchTheBigIntegerCrt) {
    for (int bits : {30, 45, 60}) {
        for (std::size_t k : {1, 2, 4, 9}) {
            const auto qs = ntt_primes(bits, 1024, k);
            const BigCrt ref(qs);
            std::vector<std::vector<u64>> rows;
            for (std::size_t i = 0; i < k; ++i) rows.push_back(test::random_vector(257, qs[i], bits * 31 + k * 7 + i));
            const auto got = compose(qs, rows);
            for (std::size_t c = 0; c < got.size(); ++c) {
                std::vector<u64> r(k);
                for (std::size_t i = 0; i < k; ++i) r[i] = rows[i][c];
                const long double want = ref.centered(ref.compose(r.data()));
                ASSERT_LE(std::fabs(got[c] - want), std::fabs(want) * 0x1p-60L)
                    << "bits=" << bits << " k=" << k << " coefficient " << c;
            }
        }
    }
}

TEST(CenteredCrt, SmallSignedValuesAreExact) {
    const auto qs = ntt_primes(50, 1024, 3);
    const BigCrt ref(qs);
    const std::vector<std::int64_t> values = {0, 1, -1, 2, -2, 1234567, -7654321, (std::int64_t{1} << 53) + 1,
                                              -(std::int64_t{1} << 53) - 1, INT64_MAX, INT64_MIN + 1};
    std::vector<BigWords> xs;
    for (auto v : values) xs.push_back(signed_to_big(v, ref.product()));
    const auto got = compose(qs, residues_of(qs, xs));
    for (std::size_t c = 0; c < values.size(); ++c)
        EXPECT_EQ(got[c], static_cast<long double>(values[c])) << values[c];
}

TEST(CenteredCrt, SignFlipsExactlyAtHalfOfQ) {
    for (std::size_t k : {1, 3}) {
        const auto qs = ntt_primes(55, 1024, k);
        const BigCrt ref(qs);
        // Q is odd: (Q-1)/2 is the largest positive representative, (Q+1)/2 the most negative one.
        BigWords half = ref.product();
        half[0] -= 1;  // Q - 1 (no borrow: Q is odd)
        u64 carry = 0;
        for (std::size_t i = half.size(); i-- > 0;) {
            const u64 w = half[i];
            half[i] = (w >> 1) | (carry << 63);
            carry = w & 1;
        }
        const BigWords above = test::big_add(half, BigWords{1});
        const auto got = compose(qs, residues_of(qs, {half, above, test::big_sub(ref.product(), BigWords{1})}));
        EXPECT_GT(got[0], 0) << k;
        EXPECT_LT(got[1], 0) << k;
        EXPECT_LE(std::fabs(got[0] - ref.centered(half)), std::fabs(got[0]) * 0x1p-60L) << k;
        EXPECT_LE(std::fabs(got[1] - ref.centered(above)), std::fabs(got[1]) * 0x1p-60L) << k;
        EXPECT_EQ(got[2], -1.0L) << "Q - 1 is -1";
    }
}

TEST(CenteredCrt, Log2QAndLimits) {
    const auto qs = ntt_primes(40, 1024, 3);
    const CenteredCrt crt(to_moduli(qs));
    EXPECT_EQ(crt.size(), 3u);
    double want = 0;
    for (u64 q : qs) want += std::log2(static_cast<double>(q));
    EXPECT_NEAR(crt.log2_q(), want, 1e-9);
    EXPECT_THROW(CenteredCrt({}), std::invalid_argument);
    EXPECT_THROW(CenteredCrt(to_moduli(ntt_primes(30, 1024, CenteredCrt::kMaxPrimes + 1))), std::invalid_argument);
}
