// Fast base conversion against the exact big-integer CRT: every output row must be (x + e*Q) mod p_j for
// one e in [0, #from), with e = 0 for a one-prime source base.
#include <gtest/gtest.h>

#include <stdexcept>
#include <vector>

#include "big_crt_reference.hpp"
#include "ring/base_converter.hpp"
#include "ring/primes.hpp"
#include "ring_test_util.hpp"

using namespace he4j::ring;
using test::BigCrt;
using test::big_mod;

namespace {

std::vector<Modulus> to_moduli(const std::vector<u64>& v) { return {v.begin(), v.end()}; }

// Converts `in` (from.size() rows of n words) and checks every coefficient; returns the e found per
// coefficient.
std::vector<std::size_t> convert_and_check(const std::vector<u64>& qs, const std::vector<u64>& ps,
                                           const std::vector<u64>& in, std::size_t n) {
    const BaseConverter conv(to_moduli(qs), to_moduli(ps));
    EXPECT_EQ(conv.from_size(), qs.size());
    EXPECT_EQ(conv.to_size(), ps.size());
    const std::size_t k = qs.size();
    std::vector<u64> out(ps.size() * n, ~u64{0}), tmp(k * n);
    std::vector<u64*> rows;
    for (std::size_t j = 0; j < ps.size(); ++j) rows.push_back(out.data() + j * n);
    conv.convert(in.data(), rows.data(), n, tmp.data());

    const BigCrt crt(qs);
    std::vector<std::size_t> es(n);
    for (std::size_t c = 0; c < n; ++c) {
        std::vector<u64> res(k);
        for (std::size_t i = 0; i < k; ++i) res[i] = in[i * n + c];
        const auto x = crt.compose(res.data());
        bool found = false;
        for (std::size_t e = 0; e < k && !found; ++e) {
            bool all = true;
            for (std::size_t j = 0; j < ps.size(); ++j) {
                const u64 p = ps[j];
                const u64 want = (big_mod(x, p) + test::mul_mod_ref(e, big_mod(crt.product(), p), p)) % p;
                all = all && out[j * n + c] == want;
            }
            if (all) found = true, es[c] = e;
        }
        EXPECT_TRUE(found) << "k=" << k << " coefficient " << c << ": no e in [0, " << k << ") explains the output";
        if (!found) break;
    }
    return es;
}

std::vector<u64> random_rows(const std::vector<u64>& qs, std::size_t n, u64 seed) {
    std::vector<u64> in(qs.size() * n);
    for (std::size_t i = 0; i < qs.size(); ++i) {
        auto row = test::random_vector(n, qs[i], seed + i);
        row[0] = 0;          // x = 0
        row[1] = qs[i] - 1;  // with every row at q_i - 1: x = Q - 1
        std::copy(row.begin(), row.end(), in.begin() + i * n);
    }
    return in;
}

}  // namespace

TEST(BaseConverter, ExactUpToASmallMultipleOfQ) {
    // Source sizes of key switching's digits (1, 2, 3) and of mod down, prime sizes from 30 to 61 bits,
    // targets both larger and smaller than the sources; n = 1031 covers the SIMD kernels' remainders.
    const std::size_t n = 1031;
    for (int bits : {30, 48, 50, 61}) {
        for (std::size_t k : {1, 2, 3, 5}) {
            const auto qs = ntt_primes(bits, 1024, k);
            const auto ps = ntt_primes(bits == 61 ? 40 : 60, 1024, 3, qs);
            const auto es = convert_and_check(qs, ps, random_rows(qs, n, bits * 100 + k), n);
            EXPECT_EQ(es[0], 0u) << "x = 0 converts exactly";
            if (k == 1) {
                for (std::size_t c = 0; c < n; ++c) ASSERT_EQ(es[c], 0u) << "one source prime converts exactly";
            }
        }
    }
}

TEST(BaseConverter, ManyLargeSourcePrimes) {
    // 11 primes of 61 bits with near-maximal residues: the largest sums the accumulation must absorb.
    const auto qs = ntt_primes(61, 1024, 11);
    const auto ps = ntt_primes(60, 1024, 2);
    const std::size_t n = 64;
    std::vector<u64> in(qs.size() * n);
    for (std::size_t i = 0; i < qs.size(); ++i)
        for (std::size_t c = 0; c < n; ++c) in[i * n + c] = qs[i] - 1 - c;
    convert_and_check(qs, ps, in, n);
}

TEST(BaseConverter, RejectsAnEmptyOrNonCoprimeSource) {
    EXPECT_THROW(BaseConverter({}, to_moduli({17})), std::invalid_argument);
    EXPECT_THROW(BaseConverter(to_moduli({15, 21}), to_moduli({17})), std::invalid_argument);
}
