// Element-wise kernels: scalar against plain 128-bit arithmetic, the dispatched front door, and every
// SIMD kernel bit for bit against its scalar twin.
#include <gtest/gtest.h>

#include <string>

#include "ring/eltwise.hpp"
#include "ring/eltwise_kernels.hpp"
#include "ring/primes.hpp"
#include "ring_test_util.hpp"

using namespace he4j::ring;

namespace {

u64 mulq(u64 a, u64 b, u64 q) { return static_cast<u64>(static_cast<u128>(a) * b % q); }

std::vector<u64> moduli_under_test() {
    std::vector<u64> qs;
    for (int bits : test::kPrimeBits) qs.push_back(ntt_primes(bits, 1024, 1)[0]);
    qs.push_back((u64{1} << 62) - 57);  // largest word modulus the contract allows (prime)
    qs.push_back(3);
    return qs;
}

// Runs every kernel of one instruction set and compares with the reference results.
using AddFn = void (*)(u64*, const u64*, const u64*, std::size_t, u64);
using NegFn = void (*)(u64*, const u64*, std::size_t, u64);
using AddSFn = void (*)(u64*, const u64*, u64, std::size_t, u64);
using MulFn = void (*)(u64*, const u64*, const u64*, std::size_t, const Modulus&);
using MulSFn = void (*)(u64*, const u64*, u64, std::size_t, const Modulus&);
struct Kernels {
    AddFn add, sub;
    NegFn neg;
    AddSFn add_s;
    MulFn mul, mul_add;
    MulSFn mul_s;
};

void check_kernels(const Kernels& k, u64 q, std::size_t n, bool products) {
    const Modulus m(q);
    auto a = test::random_vector(n, q, q + n), b = test::random_vector(n, q, 3 * q + n);
    auto acc = test::random_vector(n, q, 5 * q + n);
    if (n > 2) {
        a[0] = q - 1, b[0] = q - 1, a[1] = 0, b[1] = q - 1, a[2] = q - 1, b[2] = 0;
    }
    const u64 s = a[n / 2];
    std::vector<u64> out(n);
    auto expect = [&](auto f) {
        std::vector<u64> e(n);
        for (std::size_t i = 0; i < n; ++i) e[i] = f(i);
        return e;
    };
    k.add(out.data(), a.data(), b.data(), n, q);
    ASSERT_EQ(out, expect([&](std::size_t i) { return static_cast<u64>((static_cast<u128>(a[i]) + b[i]) % q); })) << q;
    k.sub(out.data(), a.data(), b.data(), n, q);
    ASSERT_EQ(out, expect([&](std::size_t i) { return static_cast<u64>((static_cast<u128>(a[i]) + q - b[i]) % q); })) << q;
    k.neg(out.data(), a.data(), n, q);
    ASSERT_EQ(out, expect([&](std::size_t i) { return (q - a[i]) % q; })) << q;
    k.add_s(out.data(), a.data(), s, n, q);
    ASSERT_EQ(out, expect([&](std::size_t i) { return static_cast<u64>((static_cast<u128>(a[i]) + s) % q); })) << q;
    if (!products) return;
    k.mul(out.data(), a.data(), b.data(), n, m);
    ASSERT_EQ(out, expect([&](std::size_t i) { return mulq(a[i], b[i], q); })) << q;
    out = acc;
    k.mul_add(out.data(), a.data(), b.data(), n, m);
    ASSERT_EQ(out, expect([&](std::size_t i) { return (acc[i] + mulq(a[i], b[i], q)) % q; })) << q;
    k.mul_s(out.data(), a.data(), s, n, m);
    ASSERT_EQ(out, expect([&](std::size_t i) { return mulq(a[i], s, q); })) << q;
    // Aliasing: out == a.
    auto al = a;
    k.mul(al.data(), al.data(), b.data(), n, m);
    ASSERT_EQ(al, expect([&](std::size_t i) { return mulq(a[i], b[i], q); })) << q;
}

using namespace detail;
const Kernels kScalar{eltwise_add_mod_scalar, eltwise_sub_mod_scalar, eltwise_negate_mod_scalar,
                      eltwise_add_scalar_mod_scalar, eltwise_mul_mod_scalar, eltwise_mul_add_mod_scalar,
                      eltwise_mul_scalar_mod_scalar};
const Kernels kDq{eltwise_add_mod_avx512dq, eltwise_sub_mod_avx512dq, eltwise_negate_mod_avx512dq,
                  eltwise_add_scalar_mod_avx512dq, eltwise_mul_mod_avx512dq, eltwise_mul_add_mod_avx512dq,
                  eltwise_mul_scalar_mod_avx512dq};
const Kernels kIfma{eltwise_add_mod_avx512ifma, eltwise_sub_mod_avx512ifma, eltwise_negate_mod_avx512ifma,
                    eltwise_add_scalar_mod_avx512ifma, eltwise_mul_mod_avx512ifma, eltwise_mul_add_mod_avx512ifma,
                    eltwise_mul_scalar_mod_avx512ifma};
const Kernels kDispatched{eltwise_add_mod, eltwise_sub_mod, eltwise_negate_mod, eltwise_add_scalar_mod,
                          eltwise_mul_mod, eltwise_mul_add_mod, eltwise_mul_scalar_mod};

const std::size_t kLengths[] = {1, 7, 8, 9, 31, 1024, 4099};

}  // namespace

TEST(Eltwise, ScalarMatchesReference) {
    for (u64 q : moduli_under_test())
        for (std::size_t n : kLengths) check_kernels(kScalar, q, n, true);
}

TEST(Eltwise, DispatchedMatchesReference) {
    for (u64 q : moduli_under_test())
        for (std::size_t n : kLengths) check_kernels(kDispatched, q, n, true);
}

TEST(Eltwise, Avx512DqMatchesScalar) {
    if (!test::cpu_has_avx512dq()) GTEST_SKIP() << "CPU lacks AVX-512 DQ";
    for (u64 q : moduli_under_test())
        for (std::size_t n : kLengths) check_kernels(kDq, q, n, true);
}

TEST(Eltwise, Avx512IfmaMatchesScalar) {
    if (!test::cpu_has_avx512ifma()) GTEST_SKIP() << "CPU lacks AVX-512 IFMA";
    for (u64 q : moduli_under_test())
        for (std::size_t n : kLengths) check_kernels(kIfma, q, n, q < (u64{1} << 50));
}

namespace {

// Every operation of `k` against the scalar twin on the same inputs, compared word for word.
void compare_twins(const Kernels& k, u64 q, std::size_t n, bool products, const char* what) {
    const Modulus m(q);
    const auto a = test::random_vector(n, q, n ^ q), b = test::random_vector(n, q, n + q);
    const auto acc = test::random_vector(n, q, 3 * n + q);
    const u64 s = b[n / 3];
    std::vector<u64> ref(n), out(n);
    kScalar.add(ref.data(), a.data(), b.data(), n, q);
    k.add(out.data(), a.data(), b.data(), n, q);
    ASSERT_EQ(out, ref) << what << " add q=" << q << " n=" << n;
    kScalar.sub(ref.data(), a.data(), b.data(), n, q);
    k.sub(out.data(), a.data(), b.data(), n, q);
    ASSERT_EQ(out, ref) << what << " sub q=" << q << " n=" << n;
    kScalar.neg(ref.data(), a.data(), n, q);
    k.neg(out.data(), a.data(), n, q);
    ASSERT_EQ(out, ref) << what << " negate q=" << q << " n=" << n;
    kScalar.add_s(ref.data(), a.data(), s, n, q);
    k.add_s(out.data(), a.data(), s, n, q);
    ASSERT_EQ(out, ref) << what << " add_scalar q=" << q << " n=" << n;
    if (!products) return;
    kScalar.mul(ref.data(), a.data(), b.data(), n, m);
    k.mul(out.data(), a.data(), b.data(), n, m);
    ASSERT_EQ(out, ref) << what << " mul q=" << q << " n=" << n;
    ref = acc;
    out = acc;
    kScalar.mul_add(ref.data(), a.data(), b.data(), n, m);
    k.mul_add(out.data(), a.data(), b.data(), n, m);
    ASSERT_EQ(out, ref) << what << " mul_add q=" << q << " n=" << n;
    kScalar.mul_s(ref.data(), a.data(), s, n, m);
    k.mul_s(out.data(), a.data(), s, n, m);
    ASSERT_EQ(out, ref) << what << " mul_scalar q=" << q << " n=" << n;
}

}  // namespace

// One SIMD path against the scalar twin on every N in 2^10..2^17 and every prime size.
TEST(Eltwise, Avx512DqBitForBitOnEveryNttSize) {
    if (!test::cpu_has_avx512dq()) GTEST_SKIP() << "CPU lacks AVX-512 DQ";
    for (u64 q : moduli_under_test())
        for (std::size_t n = 1024; n <= (std::size_t{1} << 17); n <<= 1) compare_twins(kDq, q, n, true, "avx512dq");
}

TEST(Eltwise, Avx512IfmaBitForBitOnEveryNttSize) {
    if (!test::cpu_has_avx512ifma()) GTEST_SKIP() << "CPU lacks AVX-512 IFMA";
    for (u64 q : moduli_under_test())
        for (std::size_t n = 1024; n <= (std::size_t{1} << 17); n <<= 1)
            compare_twins(kIfma, q, n, q < (u64{1} << 50), "avx512ifma");
}

// ---- kernels with one test per instruction-set path: a path this CPU cannot run is reported SKIPPED.
namespace {

enum class Path { kScalar, kDispatched, kAvx512Dq, kAvx512Ifma };

std::string path_name(const ::testing::TestParamInfo<Path>& info) {
    switch (info.param) {
        case Path::kScalar: return "scalar";
        case Path::kDispatched: return "dispatched";
        case Path::kAvx512Dq: return "avx512dq";
        case Path::kAvx512Ifma: return "avx512ifma";
    }
    return "unknown";
}

class EltwisePath : public ::testing::TestWithParam<Path> {
protected:
    void SetUp() override {
        if (GetParam() == Path::kAvx512Dq && !test::cpu_has_avx512dq()) GTEST_SKIP() << "CPU lacks AVX-512 DQ";
        if (GetParam() == Path::kAvx512Ifma && !test::cpu_has_avx512ifma()) GTEST_SKIP() << "CPU lacks AVX-512 IFMA";
    }
    // The IFMA kernels multiply with 52-bit limbs: products only for q < 2^50.
    bool products_for(u64 q) const { return GetParam() != Path::kAvx512Ifma || q < (u64{1} << 50); }
    const char* name() const {
        static const char* const names[] = {"scalar", "dispatched", "avx512dq", "avx512ifma"};
        return names[static_cast<int>(GetParam())];
    }
    template <class Fn>
    Fn pick(Fn scalar, Fn dispatched, Fn dq, Fn ifma) const {
        const Fn fns[] = {scalar, dispatched, dq, ifma};
        return fns[static_cast<int>(GetParam())];
    }
};
// Kernels over any 64-bit word input or without products have no IFMA twin.
class EltwiseWordPath : public EltwisePath {};

}  // namespace

TEST_P(EltwiseWordPath, MulScalarAddAndReduceAnyWordInput) {
    // out += a * s mod q and out = a mod q with a spanning the full 64-bit word (base conversion feeds
    // residues of other primes).
    const auto mul_scalar_add = pick(eltwise_mul_scalar_add_mod_scalar, eltwise_mul_scalar_add_mod,
                                     eltwise_mul_scalar_add_mod_avx512dq, eltwise_mul_scalar_add_mod_avx512dq);
    const auto reduce = pick(eltwise_reduce_mod_scalar, eltwise_reduce_mod, eltwise_reduce_mod_avx512dq,
                             eltwise_reduce_mod_avx512dq);
    for (u64 q : moduli_under_test()) {
        const Modulus m(q);
        for (std::size_t n : kLengths) {
            auto a = test::random_vector(n, ~u64{0}, 7 * n + q);
            if (n > 2) a[0] = ~u64{0}, a[1] = 0, a[2] = q;
            const auto acc = test::random_vector(n, q, 11 * n + q);
            const u64 s = acc[n / 2];
            std::vector<u64> expect(n);
            for (std::size_t i = 0; i < n; ++i)
                expect[i] = static_cast<u64>((static_cast<u128>(a[i]) * s + acc[i]) % q);
            auto out = acc;
            mul_scalar_add(out.data(), a.data(), s, n, m);
            ASSERT_EQ(out, expect) << name() << " q=" << q << " n=" << n;
            for (std::size_t i = 0; i < n; ++i) expect[i] = a[i] % q;
            reduce(out.data(), a.data(), n, m);
            ASSERT_EQ(out, expect) << "reduce " << name() << " q=" << q << " n=" << n;
        }
    }
}

TEST_P(EltwiseWordPath, PermuteMatchesReference) {
    const auto permute =
        pick(eltwise_permute_scalar, eltwise_permute, eltwise_permute_avx512dq, eltwise_permute_avx512dq);
    for (std::size_t n : kLengths) {
        const auto a = test::random_vector(n, ~u64{0}, 37 * n);
        std::vector<std::uint32_t> perm(n);
        for (std::size_t j = 0; j < n; ++j) perm[j] = static_cast<std::uint32_t>((5 * j + 3) % n);  // a bijection: gcd(5, n) = 1 for every tested n
        std::vector<u64> expect(n), out(n);
        for (std::size_t j = 0; j < n; ++j) expect[j] = a[perm[j]];
        permute(out.data(), a.data(), perm.data(), n);
        ASSERT_EQ(out, expect) << name() << " n=" << n;
    }
}

INSTANTIATE_TEST_SUITE_P(Eltwise, EltwiseWordPath,
                         ::testing::Values(Path::kScalar, Path::kDispatched, Path::kAvx512Dq), path_name);

namespace {

using Dot2Fn = void (*)(u64*, u64*, const u64* const*, const u64* const*, const u64* const*, std::size_t, std::size_t,
                        const Modulus&);

// One dot2 kernel against sum_j x_j k_j mod q reduced per product, on random and all-(q-1) inputs
// (the largest unreduced sums, which exercise the group bounds).
void check_dot2(Dot2Fn f, u64 q, std::size_t terms, std::size_t n, bool worst, const char* what) {
    const Modulus m(q);
    std::vector<std::vector<u64>> x, k0, k1;
    std::vector<const u64*> px, p0, p1;
    for (std::size_t j = 0; j < terms; ++j) {
        x.push_back(worst ? std::vector<u64>(n, q - 1) : test::random_vector(n, q, 13 * j + q + n));
        k0.push_back(worst ? std::vector<u64>(n, q - 1) : test::random_vector(n, q, 17 * j + q + n));
        k1.push_back(test::random_vector(n, q, 19 * j + q + n));
    }
    for (std::size_t j = 0; j < terms; ++j) px.push_back(x[j].data()), p0.push_back(k0[j].data()), p1.push_back(k1[j].data());
    std::vector<u64> e0(n), e1(n), o0(n), o1(n);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < terms; ++j) {
            e0[i] = (e0[i] + mulq(x[j][i], k0[j][i], q)) % q;
            e1[i] = (e1[i] + mulq(x[j][i], k1[j][i], q)) % q;
        }
    f(o0.data(), o1.data(), px.data(), p0.data(), p1.data(), terms, n, m);
    ASSERT_EQ(o0, e0) << what << " q=" << q << " terms=" << terms << " n=" << n << " worst=" << worst;
    ASSERT_EQ(o1, e1) << what << " q=" << q << " terms=" << terms << " n=" << n << " worst=" << worst;
}

}  // namespace

TEST_P(EltwisePath, Dot2MatchesReference) {
    const Dot2Fn dot2 =
        pick<Dot2Fn>(eltwise_dot2_mod_scalar, eltwise_dot2_mod, eltwise_dot2_mod_avx512dq, eltwise_dot2_mod_avx512ifma);
    for (u64 q : moduli_under_test()) {
        if (!products_for(q)) continue;
        for (std::size_t terms : {1, 2, 3, 4, 5, 9, 33})
            for (std::size_t n : {1, 9, 1024})
                for (bool worst : {false, true}) check_dot2(dot2, q, terms, n, worst, name());
    }
}

TEST_P(EltwisePath, SubMulScalarMatchesReference) {
    using Fn = void (*)(u64*, const u64*, const u64*, u64, const u64*, std::size_t, const Modulus&);
    const Fn f = pick<Fn>(eltwise_sub_mul_scalar_mod_scalar, eltwise_sub_mul_scalar_mod,
                          eltwise_sub_mul_scalar_mod_avx512dq, eltwise_sub_mul_scalar_mod_avx512ifma);
    for (u64 q : moduli_under_test()) {
        if (!products_for(q)) continue;
        const Modulus m(q);
        for (std::size_t n : kLengths) {
            auto a = test::random_vector(n, q, 23 * n + q), b = test::random_vector(n, q, 29 * n + q);
            const auto c = test::random_vector(n, q, 31 * n + q);
            if (n > 2) a[0] = 0, b[0] = q - 1, a[1] = q - 1, b[1] = 0, a[2] = b[2];
            const u64 s = c[n / 2];
            std::vector<u64> plain(n), with_c(n);
            for (std::size_t i = 0; i < n; ++i) {
                plain[i] = mulq((a[i] + q - b[i]) % q, s, q);
                with_c[i] = (plain[i] + c[i]) % q;
            }
            std::vector<u64> out(n);
            f(out.data(), a.data(), b.data(), s, nullptr, n, m);
            ASSERT_EQ(out, plain) << name() << " q=" << q << " n=" << n;
            f(out.data(), a.data(), b.data(), s, c.data(), n, m);
            ASSERT_EQ(out, with_c) << name() << " +c q=" << q << " n=" << n;
            out = a;  // out aliasing a
            f(out.data(), out.data(), b.data(), s, c.data(), n, m);
            ASSERT_EQ(out, with_c) << name() << " aliased q=" << q << " n=" << n;
        }
    }
}

TEST_P(EltwisePath, TensorMatchesReference) {
    using Fn = void (*)(u64*, u64*, u64*, const u64*, const u64*, const u64*, const u64*, std::size_t, const Modulus&);
    const Fn f = pick<Fn>(eltwise_tensor_mod_scalar, eltwise_tensor_mod, eltwise_tensor_mod_avx512dq,
                          eltwise_tensor_mod_avx512ifma);
    for (u64 q : moduli_under_test()) {
        if (!products_for(q)) continue;
        const Modulus m(q);
        for (std::size_t n : kLengths) {
            for (bool worst : {false, true}) {  // all q-1: the largest lazy sums
                auto gen = [&](u64 seed) { return worst ? std::vector<u64>(n, q - 1) : test::random_vector(n, q, seed); };
                const auto a0 = gen(41 * n + q), a1 = gen(43 * n + q), b0 = gen(47 * n + q), b1 = gen(53 * n + q);
                std::vector<u64> e0(n), e1(n), e2(n);
                for (std::size_t i = 0; i < n; ++i) {
                    e0[i] = mulq(a0[i], b0[i], q);
                    e1[i] = (mulq(a0[i], b1[i], q) + mulq(a1[i], b0[i], q)) % q;
                    e2[i] = mulq(a1[i], b1[i], q);
                }
                std::vector<u64> d0(n), d1(n), d2(n);
                f(d0.data(), d1.data(), d2.data(), a0.data(), a1.data(), b0.data(), b1.data(), n, m);
                ASSERT_EQ(d0, e0) << name() << " q=" << q << " n=" << n;
                ASSERT_EQ(d1, e1) << name() << " q=" << q << " n=" << n;
                ASSERT_EQ(d2, e2) << name() << " q=" << q << " n=" << n;
            }
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Eltwise, EltwisePath,
                         ::testing::Values(Path::kScalar, Path::kDispatched, Path::kAvx512Dq, Path::kAvx512Ifma),
                         path_name);
