// Every SIMD NTT kernel bit for bit against the scalar reference: all N in 2^4..2^17 (2^10..2^17 is the
// supported range; smaller sizes exercise the block logic), prime sizes 30..61 bits, random, lazily reduced
// and edge inputs.
#include <gtest/gtest.h>

#include <iterator>
#include <vector>

#include "ring/ntt_kernels.hpp"
#include "ring/primes.hpp"
#include "ring_test_util.hpp"

using namespace he4j::ring;
using namespace he4j::ring::detail;

namespace {

using Kernel = void (*)(const NttTables&, u64*);

struct Case {
    std::vector<u64> input;
    const char* what;
};

// The shared prime sizes plus 58 and 60 bits: the DQ kernel switches its lazy-reduction mode at q = 2^59
// (inverse) and q = 2^60 (forward), so both sides of each threshold are covered.
std::vector<int> prime_bits() {
    std::vector<int> bits(std::begin(test::kPrimeBits), std::end(test::kPrimeBits));
    bits.push_back(58);
    bits.push_back(60);
    return bits;
}

void compare_twins(Kernel simd_fwd, Kernel simd_inv, bool (*supports)(const NttTables&), u64 q_limit) {
    for (int bits : prime_bits()) {
        for (std::size_t n = 16; n <= (std::size_t{1} << 17); n <<= 1) {
            const u64 q = ntt_primes(bits, std::max<std::size_t>(n, 1024), 1)[0];
            if (q >= q_limit) continue;
            const NttTables t(n, Modulus(q));
            ASSERT_TRUE(supports(t)) << "bits=" << bits << " n=" << n;
            std::vector<Case> cases;
            cases.push_back({test::random_vector(n, q, n * 31 + bits), "random"});
            cases.push_back({std::vector<u64>(n, q - 1), "all q-1"});
            cases.push_back({std::vector<u64>(n, 0), "zero"});
            if (n <= 4096) cases.push_back({test::random_vector(n, 4 * q, n + bits), "forward lazy < 4q"});
            for (const Case& c : cases) {
                auto ref = c.input, got = c.input;
                ntt_forward_scalar(t, ref.data());
                simd_fwd(t, got.data());
                ASSERT_EQ(got, ref) << "forward bits=" << bits << " n=" << n << " " << c.what;
                // Inverse of the (reduced) spectrum and of a lazily reduced (< 2q) version of it.
                auto ref_i = ref, got_i = ref;
                ntt_inverse_scalar(t, ref_i.data());
                simd_inv(t, got_i.data());
                ASSERT_EQ(got_i, ref_i) << "inverse bits=" << bits << " n=" << n << " " << c.what;
                if (c.input[0] < q && c.input == ref_i) {
                    // inverse(forward(x)) == x for reduced inputs
                } else if (c.input[0] < q) {
                    bool reduced = true;
                    for (u64 v : c.input) reduced = reduced && v < q;
                    ASSERT_FALSE(reduced) << "round trip failed bits=" << bits << " n=" << n;
                }
                auto lazy = ref;
                for (std::size_t i = 0; i < n; i += 3) lazy[i] += q;
                auto ref_l = lazy, got_l = lazy;
                ntt_inverse_scalar(t, ref_l.data());
                simd_inv(t, got_l.data());
                ASSERT_EQ(got_l, ref_l) << "inverse lazy bits=" << bits << " n=" << n;
                ASSERT_EQ(got_l, ref_i) << "inverse lazy != reduced, bits=" << bits << " n=" << n;
            }
        }
    }
}

}  // namespace

TEST(NttSimd, Avx512IfmaMatchesScalar) {
    if (!test::cpu_has_avx512ifma()) GTEST_SKIP() << "CPU lacks AVX-512 IFMA";
    compare_twins(detail::ntt_forward_avx512ifma, detail::ntt_inverse_avx512ifma, detail::ntt_avx512ifma_supports,
                  u64{1} << 50);
}

TEST(NttSimd, Avx512DqMatchesScalar) {
    if (!test::cpu_has_avx512dq()) GTEST_SKIP() << "CPU lacks AVX-512 DQ";
    compare_twins(detail::ntt_forward_avx512dq, detail::ntt_inverse_avx512dq, detail::ntt_avx512dq_supports,
                  u64{1} << 61);
}

TEST(NttSimd, SupportPredicates) {
    const u64 q50 = ntt_primes(50, 1024, 1)[0], q55 = ntt_primes(55, 1024, 1)[0];
    EXPECT_TRUE(detail::ntt_avx512ifma_supports(NttTables(1024, Modulus(q50))));
    EXPECT_FALSE(detail::ntt_avx512ifma_supports(NttTables(1024, Modulus(q55))));
    EXPECT_FALSE(detail::ntt_avx512ifma_supports(NttTables(8, Modulus(q50))));
    EXPECT_TRUE(detail::ntt_avx512dq_supports(NttTables(1024, Modulus(q55))));
    EXPECT_FALSE(detail::ntt_avx512dq_supports(NttTables(8, Modulus(q55))));
}
