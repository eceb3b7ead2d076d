// Batched modular exponentiation: the scalar kernel against a bit-serial big-integer reference written
// here, the IFMA kernel bit for bit against the scalar one, Fermat's little theorem on Mersenne primes at
// full sizes (2281, 3217, 4253 bits), edge values and the validation of every argument.
#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "bignum/modexp.hpp"
#include "common/error.hpp"
#include "he4j/he4j.h"
#include "ring_test_util.hpp"

using namespace he4j;
using namespace he4j::bignum;
using Bytes = std::vector<std::uint8_t>;

namespace {

// ---- reference: little-endian 64-bit words, multiplication by shift-and-add (slow, obviously correct)
using Words = std::vector<std::uint64_t>;

Words words_of(const std::uint8_t* be, std::size_t len, std::size_t n) {
    Words w(n, 0);
    for (std::size_t k = 0; k < len; ++k) w[k / 8] |= std::uint64_t{be[len - 1 - k]} << (8 * (k % 8));
    return w;
}
Bytes bytes_of(const Words& w, std::size_t len) {
    Bytes b(len);
    for (std::size_t k = 0; k < len; ++k) b[len - 1 - k] = static_cast<std::uint8_t>(w[k / 8] >> (8 * (k % 8)));
    return b;
}
bool geq(const Words& a, const Words& b) {
    for (std::size_t i = a.size(); i-- > 0;)
        if (a[i] != b[i]) return a[i] > b[i];
    return true;
}
void sub_in_place(Words& a, const Words& b) {
    unsigned __int128 borrow = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const unsigned __int128 v = static_cast<unsigned __int128>(a[i]) - b[i] - borrow;
        a[i] = static_cast<std::uint64_t>(v);
        borrow = (v >> 64) != 0;
    }
}
// a + b mod m for a, b < m (one spare word keeps the carry).
void add_mod(Words& a, const Words& b, const Words& m) {
    unsigned __int128 c = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        c += static_cast<unsigned __int128>(a[i]) + b[i];
        a[i] = static_cast<std::uint64_t>(c);
        c >>= 64;
    }
    if (geq(a, m)) sub_in_place(a, m);
}
Words mul_mod(const Words& a, const Words& b, const Words& m) {
    Words r(a.size(), 0);
    for (std::size_t bit = 64 * b.size(); bit-- > 0;) {
        Words r2 = r;
        add_mod(r, r2, m);
        if ((b[bit / 64] >> (bit % 64)) & 1) add_mod(r, a, m);
    }
    return r;
}
Bytes ref_pow(const Bytes& base, const Bytes& exp, const Bytes& mod) {
    const std::size_t n = mod.size() / 8 + 2;
    const Words b = words_of(base.data(), base.size(), n), m = words_of(mod.data(), mod.size(), n);
    const Words e = words_of(exp.data(), exp.size(), exp.size() / 8 + 1);
    Words r(n, 0);
    r[0] = 1;
    for (std::size_t bit = 64 * e.size(); bit-- > 0;) {
        r = mul_mod(r, r, m);
        if ((e[bit / 64] >> (bit % 64)) & 1) r = mul_mod(r, b, m);
    }
    return bytes_of(r, mod.size());
}

// ---- cases
struct Batch {
    std::size_t mb, eb;
    std::vector<Bytes> base, exp, mod;
    std::size_t size() const { return mod.size(); }
    void add(Bytes b, Bytes e, Bytes m) {
        base.push_back(std::move(b));
        exp.push_back(std::move(e));
        mod.push_back(std::move(m));
    }
};

Bytes random_bytes(std::mt19937_64& rng, std::size_t len) {
    Bytes b(len);
    for (auto& x : b) x = static_cast<std::uint8_t>(rng());
    return b;
}
Bytes random_modulus(std::mt19937_64& rng, std::size_t len) {
    Bytes m = random_bytes(rng, len);
    m[0] |= 0x80;
    m[len - 1] |= 1;
    return m;
}
Bytes below(std::mt19937_64& rng, const Bytes& m) {  // uniform-ish value < m
    Bytes b = random_bytes(rng, m.size());
    b[0] = static_cast<std::uint8_t>(b[0] % m[0]);
    return b;
}
Bytes small(std::size_t len, std::uint8_t v) {
    Bytes b(len, 0);
    b[len - 1] = v;
    return b;
}
Bytes minus_one(Bytes m) {  // m - 1 for odd m
    m.back() &= 0xFE;
    return m;
}

// Random lanes plus every edge: base 0, 1, m-1; exponent 0, 1, all ones; largest and smallest moduli.
Batch make_batch(std::size_t mb, std::size_t eb, std::size_t random_lanes, std::uint64_t seed) {
    std::mt19937_64 rng(seed);  // tests only
    Batch t{mb, eb, {}, {}, {}};
    for (std::size_t i = 0; i < random_lanes; ++i) {
        Bytes m = random_modulus(rng, mb);
        Bytes b = below(rng, m);
        t.add(b, random_bytes(rng, eb), m);
    }
    Bytes m = random_modulus(rng, mb);
    const Bytes ones_e(eb, 0xFF);
    t.add(small(mb, 0), random_bytes(rng, eb), m);
    t.add(small(mb, 1), ones_e, m);
    t.add(minus_one(m), ones_e, m);
    t.add(minus_one(m), small(eb, 1), m);
    t.add(below(rng, m), small(eb, 0), m);
    t.add(below(rng, m), small(eb, 1), m);
    t.add(small(mb, 0), small(eb, 0), m);  // 0^0 = 1 by convention (as GMP and BigInteger)
    const Bytes max_m(mb, 0xFF);
    t.add(below(rng, max_m), ones_e, max_m);
    t.add(minus_one(max_m), random_bytes(rng, eb), max_m);
    Bytes min_m(mb, 0);
    min_m[0] = 1;
    min_m[mb - 1] |= 1;
    if (mb > 1 || min_m[0] != 1) t.add(below(rng, min_m), random_bytes(rng, eb), min_m);
    return t;
}

std::vector<Bytes> run(ModexpKernel k, const Batch& t) {
    Bytes bases, exps, mods, out(t.size() * t.mb);
    for (std::size_t i = 0; i < t.size(); ++i) {
        bases.insert(bases.end(), t.base[i].begin(), t.base[i].end());
        exps.insert(exps.end(), t.exp[i].begin(), t.exp[i].end());
        mods.insert(mods.end(), t.mod[i].begin(), t.mod[i].end());
    }
    modexp_batch_with(k, bases.data(), exps.data(), mods.data(), t.size(), t.mb, t.eb, out.data());
    std::vector<Bytes> r;
    for (std::size_t i = 0; i < t.size(); ++i) r.emplace_back(out.begin() + i * t.mb, out.begin() + (i + 1) * t.mb);
    return r;
}

std::string label(const Batch& t, std::size_t i) {
    return std::to_string(8 * t.mb) + "-bit modulus, " + std::to_string(8 * t.eb) + "-bit exponent, lane " +
           std::to_string(i);
}

// A Mersenne prime 2^k - 1 as big-endian bytes of ceil(k/8) bytes.
Bytes mersenne(std::size_t k) {
    Bytes m((k + 7) / 8, 0xFF);
    if (k % 8) m[0] = static_cast<std::uint8_t>((1u << (k % 8)) - 1);
    return m;
}

bool has_ifma() { return he4j::ring::test::cpu_has_avx512ifma(); }

}  // namespace

TEST(BignumModexp, ScalarMatchesReference) {
    // (modulus bytes, exponent bytes): word boundaries, limb boundaries (52 | 8mb+2 at 13*k), Paillier shapes.
    // The reference is slow: full-length exponents only at small sizes (Fermat below covers full sizes).
    const std::pair<std::size_t, std::size_t> shapes[] = {{1, 1},  {2, 3},  {7, 8},   {8, 9},   {13, 5},
                                                          {32, 16}, {64, 8}, {128, 4}, {256, 2}, {512, 1}};
    for (auto [mb, eb] : shapes) {
        const Batch t = make_batch(mb, eb, mb <= 16 ? 4 : 1, 1000 + mb);
        const auto got = run(ModexpKernel::kScalar, t);
        for (std::size_t i = 0; i < t.size(); ++i)
            ASSERT_EQ(got[i], ref_pow(t.base[i], t.exp[i], t.mod[i])) << label(t, i);
    }
}

TEST(BignumModexp, IfmaMatchesScalarBitForBit) {
    if (!has_ifma()) GTEST_SKIP() << "CPU lacks AVX-512 IFMA";
    const std::pair<std::size_t, std::size_t> shapes[] = {{1, 1},     {8, 9},     {13, 5},    {64, 64},
                                                          {128, 64},  {256, 64},  {384, 24},  {512, 16}};
    for (auto [mb, eb] : shapes) {
        const Batch t = make_batch(mb, eb, 13, 2000 + mb);  // 23 lanes: 3 groups, the last partial
        const auto s = run(ModexpKernel::kScalar, t);
        const auto v = run(ModexpKernel::kAvx512Ifma, t);
        for (std::size_t i = 0; i < t.size(); ++i) ASSERT_EQ(v[i], s[i]) << label(t, i);
    }
}

TEST(BignumModexp, FermatOnMersennePrimesAtFullSize) {
    std::mt19937_64 rng(7);
    for (std::size_t k : {2281, 3217, 4253}) {
        const Bytes p = mersenne(k);
        const Bytes pm1 = minus_one(p);
        Batch t{p.size(), p.size(), {}, {}, {}};
        std::vector<Bytes> a;
        for (int i = 0; i < 4; ++i) {
            a.push_back(below(rng, p));
            t.add(a.back(), pm1, p);  // a^(p-1) = 1
            t.add(a.back(), p, p);    // a^p = a
        }
        for (ModexpKernel kern : {ModexpKernel::kScalar, ModexpKernel::kAvx512Ifma}) {
            if (kern == ModexpKernel::kAvx512Ifma && !has_ifma()) continue;
            if (kern == ModexpKernel::kScalar && k > 3000) continue;  // seconds; the IFMA twin is compared above
            const auto got = run(kern, t);
            for (std::size_t i = 0; i < 4; ++i) {
                EXPECT_EQ(got[2 * i], small(p.size(), 1)) << "a^(p-1), p = 2^" << k << "-1, lane " << i;
                EXPECT_EQ(got[2 * i + 1], a[i]) << "a^p, p = 2^" << k << "-1, lane " << i;
            }
        }
    }
}

TEST(BignumModexp, RejectsBadArgumentsThroughTheCApi) {
    Bytes base = small(4, 2), exp = small(2, 5), mod = {0xC0, 0, 0, 0x0B}, out(4);
    EXPECT_EQ(he4j_modexp_batch(base.data(), exp.data(), mod.data(), 1, 4, 2, out.data()), HE4J_OK);
    Bytes expected = ref_pow(base, exp, mod);
    EXPECT_EQ(out, expected);
    Bytes even = {0xC0, 0, 0, 0x0A}, zero_top = {0, 0xC0, 0, 0x0B}, one = {1};
    EXPECT_EQ(he4j_modexp_batch(base.data(), exp.data(), even.data(), 1, 4, 2, out.data()), HE4J_ERR_INVALID_ARGUMENT);
    EXPECT_NE(std::string(he4j_last_error_message()).find("odd"), std::string::npos);
    EXPECT_EQ(he4j_modexp_batch(base.data(), exp.data(), zero_top.data(), 1, 4, 2, out.data()), HE4J_ERR_INVALID_ARGUMENT);
    Bytes b1 = {1};
    EXPECT_EQ(he4j_modexp_batch(b1.data(), exp.data(), one.data(), 1, 1, 2, out.data()), HE4J_ERR_INVALID_ARGUMENT);
    Bytes big_base = mod;  // base == modulus
    EXPECT_EQ(he4j_modexp_batch(big_base.data(), exp.data(), mod.data(), 1, 4, 2, out.data()), HE4J_ERR_INVALID_ARGUMENT);
    EXPECT_NE(std::string(he4j_last_error_message()).find("less than"), std::string::npos);
    EXPECT_EQ(he4j_modexp_batch(base.data(), exp.data(), mod.data(), 1, 0, 2, out.data()), HE4J_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(he4j_modexp_batch(base.data(), exp.data(), mod.data(), 1, 4, 0, out.data()), HE4J_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(he4j_modexp_batch(base.data(), exp.data(), mod.data(), 1, 1025, 2, out.data()), HE4J_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(he4j_modexp_batch(nullptr, exp.data(), mod.data(), 1, 4, 2, out.data()), HE4J_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(he4j_modexp_batch(nullptr, nullptr, nullptr, 0, 4, 2, nullptr), HE4J_OK);  // empty batch
    const std::string k = he4j_modexp_kernel();
    EXPECT_TRUE(k == "avx512ifma" || k == "scalar") << k;
}
