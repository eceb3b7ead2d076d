// Scalar NTT (and the dispatched forward/inverse): ordering contract, round trip, schoolbook product,
// edge and lazily reduced inputs, and bad parameters.
#include <gtest/gtest.h>

#include <stdexcept>

#include "ring/ntt.hpp"
#include "ring/ntt_kernels.hpp"
#include "ring/primes.hpp"
#include "ring_test_util.hpp"

using namespace he4j::ring;

namespace {

std::size_t bitrev(std::size_t x, std::size_t n) {
    std::size_t r = 0;
    for (std::size_t b = 1, h = n >> 1; b < n; b <<= 1, h >>= 1)
        if (x & b) r |= h;
    return r;
}

std::vector<u64> schoolbook_negacyclic(const std::vector<u64>& a, const std::vector<u64>& b, const Modulus& m) {
    const std::size_t n = a.size();
    const u64 q = m.value();
    std::vector<u64> c(n, 0);
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t j = 0; j < n; ++j) {
            const u64 p = mul_mod(a[i], b[j], m);
            const std::size_t k = i + j;
            if (k < n) c[k] = add_mod(c[k], p, q);
            else c[k - n] = sub_mod(c[k - n], p, q);
        }
    }
    return c;
}

}  // namespace

TEST(Ntt, OrderingContractDirectEvaluation) {
    for (std::size_t n : {2, 4, 8, 16, 32, 1024}) {
        const Modulus m(ntt_primes(40, n < 1024 ? 1024 : n, 1)[0]);
        const NttTables t(n, m);
        const u64 psi = t.root();
        EXPECT_EQ(pow_mod(psi, n, m), m.value() - 1);
        auto a = test::random_vector(n, m.value(), n);
        auto fwd = a;
        t.forward(fwd.data());
        for (std::size_t j = 0; j < n; j += (n >= 1024 ? 97 : 1)) {
            const u64 x = pow_mod(psi, 2 * bitrev(j, n) + 1, m);
            u64 v = 0;  // Horner evaluation of a at x
            for (std::size_t i = n; i-- > 0;) v = add_mod(mul_mod(v, x, m), a[i], m.value());
            ASSERT_EQ(fwd[j], v) << "n=" << n << " j=" << j;
        }
    }
}

TEST(Ntt, RoundTripAllSizesScalar) {
    for (int bits : test::kPrimeBits) {
        for (std::size_t n = 2; n <= (std::size_t{1} << 17); n <<= 1) {
            const Modulus m(ntt_primes(bits, std::max<std::size_t>(n, 1024), 1)[0]);
            const NttTables t(n, m);
            const auto a = test::random_vector(n, m.value(), bits * 1000 + n);
            auto b = a;
            detail::ntt_forward_scalar(t, b.data());
            for (u64 v : b) ASSERT_LT(v, m.value());
            detail::ntt_inverse_scalar(t, b.data());
            ASSERT_EQ(a, b) << "bits=" << bits << " n=" << n;
        }
    }
}

TEST(Ntt, DispatchedRoundTrip) {
    for (int bits : test::kPrimeBits) {
        for (std::size_t n : {1024, 8192}) {
            const Modulus m(ntt_primes(bits, n, 1)[0]);
            const NttTables t(n, m);
            const auto a = test::random_vector(n, m.value(), bits + n);
            auto b = a;
            t.forward(b.data());
            t.inverse(b.data());
            ASSERT_EQ(a, b) << "bits=" << bits << " n=" << n;
        }
    }
}

TEST(Ntt, ProductMatchesSchoolbook) {
    for (int bits : test::kPrimeBits) {
        for (std::size_t n : {4, 64, 1024}) {
            const Modulus m(ntt_primes(bits, 1024, 1)[0]);
            const NttTables t(n, m);
            const auto a = test::random_vector(n, m.value(), 7 * n + bits);
            const auto b = test::random_vector(n, m.value(), 11 * n + bits);
            const auto expect = schoolbook_negacyclic(a, b, m);
            auto fa = a, fb = b;
            t.forward(fa.data());
            t.forward(fb.data());
            for (std::size_t i = 0; i < n; ++i) fa[i] = mul_mod(fa[i], fb[i], m);
            t.inverse(fa.data());
            ASSERT_EQ(fa, expect) << "bits=" << bits << " n=" << n;
        }
    }
}

TEST(Ntt, EdgeInputs) {
    for (int bits : test::kPrimeBits) {
        const std::size_t n = 4096;
        const Modulus m(ntt_primes(bits, n, 1)[0]);
        const u64 q = m.value();
        const NttTables t(n, m);
        std::vector<u64> zero(n, 0), z = zero;
        t.forward(z.data());
        EXPECT_EQ(z, zero);
        t.inverse(z.data());
        EXPECT_EQ(z, zero);
        // All q-1 (= -1): forward then inverse returns it; values stay reduced.
        std::vector<u64> top(n, q - 1), v = top;
        t.forward(v.data());
        for (u64 x : v) ASSERT_LT(x, q);
        t.inverse(v.data());
        EXPECT_EQ(v, top);
        // Constant polynomial c maps to c everywhere.
        std::vector<u64> c(n, 0);
        c[0] = q - 1;
        t.forward(c.data());
        EXPECT_EQ(c, top);
    }
}

TEST(Ntt, LazilyReducedInputs) {
    // Kernels accept forward input < 4q and inverse input < 2q; the output equals that of the reduced input.
    for (int bits : test::kPrimeBits) {
        const std::size_t n = 2048;
        const Modulus m(ntt_primes(bits, n, 1)[0]);
        const u64 q = m.value();
        const NttTables t(n, m);
        auto lazy = test::random_vector(n, 4 * q, bits);
        lazy[0] = 4 * q - 1;
        auto reduced = lazy;
        for (auto& x : reduced) x %= q;
        auto a = lazy, b = reduced;
        t.forward(a.data());
        t.forward(b.data());
        ASSERT_EQ(a, b);
        auto lazy2 = test::random_vector(n, 2 * q, bits + 1);
        lazy2[1] = 2 * q - 1;
        auto reduced2 = lazy2;
        for (auto& x : reduced2) x %= q;
        t.inverse(lazy2.data());
        t.inverse(reduced2.data());
        ASSERT_EQ(lazy2, reduced2);
    }
}

TEST(Ntt, RejectsBadParameters) {
    const u64 q = ntt_primes(40, 1024, 1)[0];
    EXPECT_THROW(NttTables(1000, Modulus(q)), std::invalid_argument);
    EXPECT_THROW(NttTables(1, Modulus(q)), std::invalid_argument);
    EXPECT_THROW(NttTables(std::size_t{1} << 18, Modulus(q)), std::invalid_argument);
    EXPECT_THROW(NttTables(1024, Modulus(6145)), std::invalid_argument);  // 1 mod 2048 but 5 * 1229
    for (u64 p : ntt_primes(40, 512, 40)) {
        if ((p - 1) % 4096 != 0) {
            EXPECT_THROW(NttTables(2048, Modulus(p)), std::invalid_argument);  // not 1 mod 2n
            break;
        }
    }
    EXPECT_THROW(NttTables(1024, Modulus(ntt_primes(61, 1024, 1)[0] + (u64{1} << 60))), std::invalid_argument);
}
