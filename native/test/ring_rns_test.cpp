// RNS: CRT composition against residues, and fast base conversion against exact big-integer CRT.
#include <gtest/gtest.h>

#include <stdexcept>

#include "ring/primes.hpp"
#include "ring/rns.hpp"
#include "ring_test_util.hpp"

using namespace he4j::ring;

namespace {

u64 big_mod(const std::vector<u64>& x, u64 p) {
    u128 r = 0;
    for (std::size_t i = x.size(); i-- > 0;) r = ((r << 64) | x[i]) % p;
    return static_cast<u64>(r);
}

std::vector<Modulus> to_moduli(const std::vector<u64>& v) { return {v.begin(), v.end()}; }

}  // namespace

TEST(Rns, ComposeIsTheCrtSolution) {
    const auto primes = ntt_primes(55, 4096, 5);
    const RnsBase base(to_moduli(primes));
    EXPECT_EQ(base.product().size(), 5u);  // 275 bits
    auto r = test::random_vector(5, primes.back(), 3);
    for (int trial = 0; trial < 50; ++trial) {
        for (std::size_t i = 0; i < 5; ++i) r[i] = (r[i] * 6364136223846793005ULL + trial) % primes[i];
        const auto x = base.compose(r.data());
        for (std::size_t i = 0; i < 5; ++i) ASSERT_EQ(big_mod(x, primes[i]), r[i]);
        // x < Q
        bool less = false;
        for (std::size_t w = x.size(); w-- > 0;) {
            if (x[w] != base.product()[w]) {
                less = x[w] < base.product()[w];
                break;
            }
        }
        ASSERT_TRUE(less);
    }
    std::vector<u64> top(5);
    for (std::size_t i = 0; i < 5; ++i) top[i] = primes[i] - 1;  // Q - 1
    auto x = base.compose(top.data());
    x[0] += 1;  // no carry: Q is odd so Q-1's low word is not all ones
    EXPECT_EQ(x, base.product());
    EXPECT_THROW(RnsBase(to_moduli({15, 21})), std::invalid_argument);
}

TEST(Rns, FastBaseConversionIsExactUpToMultipleOfQ) {
    for (int bits : {30, 50, 61}) {
        const auto qs = ntt_primes(bits, 4096, 4);
        const auto ps = ntt_primes(bits, 4096, 3, qs);
        const RnsBase from(to_moduli(qs)), to(to_moduli(ps));
        const BaseConverter conv(from, to);
        const std::size_t n = 257, k = qs.size();
        std::vector<u64> in(k * n), out(to.size() * n);
        for (std::size_t i = 0; i < k; ++i) {
            auto row = test::random_vector(n, qs[i], bits * 10 + i);
            row[0] = 0;
            row[1] = qs[i] - 1;
            std::copy(row.begin(), row.end(), in.begin() + i * n);
        }
        conv.convert(in.data(), out.data(), n);
        for (std::size_t c = 0; c < n; ++c) {
            std::vector<u64> res(k);
            for (std::size_t i = 0; i < k; ++i) res[i] = in[i * n + c];
            const auto x = from.compose(res.data());
            // One e in [0, k) must explain every output residue: out_j = (x + e*Q) mod p_j.
            int found = -1;
            for (std::size_t e = 0; e < k && found < 0; ++e) {
                bool all = true;
                for (std::size_t j = 0; j < to.size(); ++j) {
                    const u64 p = ps[j];
                    const u64 want = static_cast<u64>((static_cast<u128>(big_mod(x, p)) +
                                                       static_cast<u128>(e) * big_mod(from.product(), p)) % p);
                    all = all && out[j * n + c] == want;
                }
                if (all) found = static_cast<int>(e);
            }
            ASSERT_GE(found, 0) << "bits=" << bits << " coefficient " << c;
            if (c == 0) {
                EXPECT_EQ(found, 0);  // x = 0 converts exactly
            }
        }
    }
}

TEST(Rns, ConversionWithManyLargeModuliAndSingletonBase) {
    // 11 moduli of 61 bits: the 128-bit accumulation in convert() must be reduced in chunks.
    const auto qs = ntt_primes(61, 1024, 11);
    const auto ps = ntt_primes(60, 1024, 2);
    const RnsBase from(to_moduli(qs)), to(to_moduli(ps));
    const BaseConverter conv(from, to);
    const std::size_t n = 64, k = qs.size();
    std::vector<u64> in(k * n), out(2 * n);
    for (std::size_t i = 0; i < k; ++i) {
        for (std::size_t c = 0; c < n; ++c) in[i * n + c] = qs[i] - 1 - c;  // near-maximal residues
    }
    conv.convert(in.data(), out.data(), n);
    for (std::size_t c = 0; c < n; ++c) {
        std::vector<u64> res(k);
        for (std::size_t i = 0; i < k; ++i) res[i] = in[i * n + c];
        const auto x = from.compose(res.data());
        bool found = false;
        for (std::size_t e = 0; e < k && !found; ++e) {
            bool all = true;
            for (std::size_t j = 0; j < 2; ++j) {
                const u64 p = ps[j];
                all = all && out[j * n + c] == static_cast<u64>((static_cast<u128>(big_mod(x, p)) +
                                                                 static_cast<u128>(e) * big_mod(from.product(), p)) % p);
            }
            found = all;
        }
        ASSERT_TRUE(found) << c;
    }
    // A one-modulus base converts exactly (e = 0): x mod p.
    const RnsBase one(to_moduli({qs[0]}));
    const BaseConverter conv1(one, to);
    std::vector<u64> x1 = {0, 1, qs[0] - 1}, o1(6);
    conv1.convert(x1.data(), o1.data(), 3);
    for (std::size_t j = 0; j < 2; ++j)
        for (std::size_t c = 0; c < 3; ++c) EXPECT_EQ(o1[j * 3 + c], x1[c] % ps[j]);
    EXPECT_EQ(one.compose(&x1[2]), std::vector<u64>{qs[0] - 1});
}
