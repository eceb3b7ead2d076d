// decrypt(op(encrypt(x))) ~ op(x) for every evaluator operation, with asserted error bounds.
#include <gtest/gtest.h>

#include "ckks/encoder.hpp"
#include "ckks/encryptor.hpp"
#include "ckks/evaluator.hpp"
#include "ckks/keys.hpp"
#include "ckks_test_util.hpp"
#include "common/error.hpp"

namespace he4j::ckks {
namespace {

using testing::max_abs_diff;
using testing::random_reals;

class CkksScheme : public ::testing::TestWithParam<int> {
protected:
    void SetUp() override {
        ParamSpec spec = GetParam() == 0 ? testing::small_spec() : GetParam() == 1 ? testing::small_deep_spec() : preset("P8K");
        ctx = Context::create(spec);
        sk = std::make_unique<SecretKey>(generate_secret_key(*ctx));
        pk = generate_public_key(*ctx, *sk);
        rk = generate_relin_key(*ctx, *sk);
        gk = generate_galois_keys(*ctx, *sk, {ctx->galois_element_for_step(1), ctx->galois_element_for_step(2),
                                               ctx->galois_element_for_step(4), ctx->galois_element_for_step(-3),
                                               ctx->galois_element_for_step(7), ctx->conjugation_element()});
        slots = ctx->slots();
        x = random_reals(slots, 1);
        y = random_reals(slots, 2);
    }
    Ciphertext enc(const std::vector<double>& v, bool symmetric = false) {
        Plaintext pt;
        encode_real(*ctx, v.data(), v.size(), ctx->default_scale(), ctx->max_level(), pt);
        Ciphertext ct;
        if (symmetric) encrypt_sk(*ctx, *sk, pt, ct);
        else encrypt_pk(*ctx, pk, pt, ct);
        return ct;
    }
    std::vector<double> dec(const Ciphertext& ct) {
        Plaintext pt;
        decrypt(*ctx, *sk, ct, pt);
        std::vector<double> v(slots);
        decode_real(*ctx, pt, v.data(), slots);
        return v;
    }
    std::shared_ptr<const Context> ctx;
    std::unique_ptr<SecretKey> sk;
    PublicKey pk;
    RelinKey rk;
    GaloisKeys gk;
    std::size_t slots = 0;
    std::vector<double> x, y;
};

// Fresh encryption at scale 2^40: slot noise ~ sqrt(N) * sigma * sqrt(N) / 2^40, below 2^-22 up to N = 2^13.
constexpr double kFresh = 1e-6;
const double kDepth1 = std::ldexp(1.0, -20);

TEST_P(CkksScheme, EncryptDecryptPkAndSk) {
    EXPECT_LT(max_abs_diff(dec(enc(x)), x), kFresh);
    EXPECT_LT(max_abs_diff(dec(enc(x, true)), x), kFresh);
}

TEST_P(CkksScheme, AddSubNegate) {
    auto a = enc(x), b = enc(y, true);
    Ciphertext r;
    std::vector<double> e(slots);
    add(*ctx, a, b, r);
    for (std::size_t i = 0; i < slots; ++i) e[i] = x[i] + y[i];
    EXPECT_LT(max_abs_diff(dec(r), e), kFresh);
    sub(*ctx, a, b, r);
    for (std::size_t i = 0; i < slots; ++i) e[i] = x[i] - y[i];
    EXPECT_LT(max_abs_diff(dec(r), e), kFresh);
    negate(*ctx, a, a);  // aliasing
    for (std::size_t i = 0; i < slots; ++i) e[i] = -x[i];
    EXPECT_LT(max_abs_diff(dec(a), e), kFresh);
}

TEST_P(CkksScheme, PlainAndScalarOps) {
    auto a = enc(x);
    Plaintext p;
    encode_real(*ctx, y.data(), slots, ctx->default_scale(), ctx->max_level(), p);
    Ciphertext r;
    std::vector<double> e(slots);
    add_plain(*ctx, a, p, r);
    for (std::size_t i = 0; i < slots; ++i) e[i] = x[i] + y[i];
    EXPECT_LT(max_abs_diff(dec(r), e), kFresh);
    sub_plain(*ctx, a, p, r);
    for (std::size_t i = 0; i < slots; ++i) e[i] = x[i] - y[i];
    EXPECT_LT(max_abs_diff(dec(r), e), kFresh);
    mul_plain(*ctx, a, p, r);
    rescale(*ctx, r, r);
    for (std::size_t i = 0; i < slots; ++i) e[i] = x[i] * y[i];
    EXPECT_LT(max_abs_diff(dec(r), e), kDepth1);
    add_scalar(*ctx, a, 0.75, r);
    for (std::size_t i = 0; i < slots; ++i) e[i] = x[i] + 0.75;
    EXPECT_LT(max_abs_diff(dec(r), e), kFresh);
    mul_scalar(*ctx, a, -2.5, ctx->default_scale(), r);
    rescale(*ctx, r, r);
    for (std::size_t i = 0; i < slots; ++i) e[i] = x[i] * -2.5;
    EXPECT_LT(max_abs_diff(dec(r), e), kDepth1);
}

TEST_P(CkksScheme, MultiplyRelinRescale) {
    auto a = enc(x), b = enc(y, true);
    std::vector<double> e(slots);
    for (std::size_t i = 0; i < slots; ++i) e[i] = x[i] * y[i];
    Ciphertext r;
    mul(*ctx, a, b, r);
    EXPECT_EQ(r.size, 3u);
    EXPECT_LT(max_abs_diff(dec(r), e), kDepth1 * 1e-3 * ctx->default_scale());  // unrescaled decode at scale^2
    relinearize(*ctx, rk, r, r);
    EXPECT_EQ(r.size, 2u);
    rescale(*ctx, r, r);
    EXPECT_EQ(r.level, ctx->max_level() - 1);
    EXPECT_LT(max_abs_diff(dec(r), e), kDepth1);
    mul_relin(*ctx, rk, a, b, r);
    rescale(*ctx, r, r);
    EXPECT_LT(max_abs_diff(dec(r), e), kDepth1);
    square_relin(*ctx, rk, a, a);
    rescale(*ctx, a, a);
    for (std::size_t i = 0; i < slots; ++i) e[i] = x[i] * x[i];
    EXPECT_LT(max_abs_diff(dec(a), e), kDepth1);
    // Depth 2: x^2 * y at level max-2.
    if (ctx->max_level() >= 2) {
        mod_switch_to(*ctx, b, a.level, b);
        mul_relin(*ctx, rk, a, b, r);
        rescale(*ctx, r, r);
        for (std::size_t i = 0; i < slots; ++i) e[i] = x[i] * x[i] * y[i];
        EXPECT_LT(max_abs_diff(dec(r), e), kDepth1);
    }
}

TEST_P(CkksScheme, RotationsMatchPlainRotation) {
    auto a = enc(x);
    for (int step : {1, 2, 4, -3, 7, 0}) {
        Ciphertext r;
        rotate(*ctx, gk, a, step, r);
        std::vector<double> e(slots);
        for (std::size_t i = 0; i < slots; ++i) e[i] = x[((i + step) % slots + slots) % slots];
        EXPECT_LT(max_abs_diff(dec(r), e), kFresh * 10) << "step " << step;
    }
    Ciphertext r;
    EXPECT_THROW(rotate(*ctx, gk, a, 5, r), Error);
}

TEST_P(CkksScheme, HoistedEqualsIndividual) {
    auto a = enc(x);
    std::vector<std::int64_t> steps = {1, 2, 4, -3, 0};
    std::vector<Ciphertext> outs(steps.size());
    std::vector<Ciphertext*> ptrs;
    for (auto& o : outs) ptrs.push_back(&o);
    rotate_hoisted(*ctx, gk, a, steps, ptrs);
    for (std::size_t s = 0; s < steps.size(); ++s) {
        Ciphertext r;
        rotate(*ctx, gk, a, steps[s], r);
        EXPECT_LT(max_abs_diff(dec(outs[s]), dec(r)), kFresh * 10);
    }
}

TEST_P(CkksScheme, RotationsIntoTheirInputEqualOutOfPlace) {
    const auto a = enc(x);
    for (std::int64_t step : {1, -3, 0}) {
        Ciphertext r, in_place = a;
        rotate(*ctx, gk, a, step, r);
        rotate(*ctx, gk, in_place, step, in_place);
        EXPECT_EQ(in_place.data, r.data) << "step " << step;
    }
    // Hoisted, with the input itself among the outputs (written first) and step 0.
    std::vector<std::int64_t> steps = {2, 0, 1};
    Ciphertext h = a, o1, o2;
    rotate_hoisted(*ctx, gk, h, steps, {&h, &o1, &o2});
    for (std::size_t s = 0; s < steps.size(); ++s) {
        Ciphertext r;
        rotate(*ctx, gk, a, steps[s], r);
        EXPECT_EQ((s == 0 ? h : s == 1 ? o1 : o2).data, r.data) << "step " << steps[s];
    }
}

TEST_P(CkksScheme, ConjugateAndRotateSum) {
    std::vector<std::complex<double>> z(slots);
    for (std::size_t i = 0; i < slots; ++i) z[i] = {x[i], y[i]};
    Plaintext p;
    encode_complex(*ctx, z.data(), slots, ctx->default_scale(), ctx->max_level(), p);
    Ciphertext a, r;
    encrypt_pk(*ctx, pk, p, a);
    conjugate(*ctx, gk, a, r);
    Plaintext d;
    decrypt(*ctx, *sk, r, d);
    std::vector<std::complex<double>> w(slots);
    decode_complex(*ctx, d, w.data(), slots);
    double m = 0;
    for (std::size_t i = 0; i < slots; ++i) m = std::max(m, std::abs(w[i] - std::conj(z[i])));
    EXPECT_LT(m, kFresh * 10);

    auto b = enc(x);
    rotate_sum(*ctx, gk, b, 8, b);
    std::vector<double> e(slots);
    for (std::size_t i = 0; i < slots; ++i)
        for (std::size_t j = 0; j < 8; ++j) e[i] += x[(i + j) % slots];
    EXPECT_LT(max_abs_diff(dec(b), e), kFresh * 100);
}

TEST_P(CkksScheme, LevelAndScaleMismatchNameTheOperation) {
    auto a = enc(x), b = enc(y);
    Ciphertext low;
    mod_switch_to(*ctx, b, 0, low);
    Ciphertext r;
    try {
        add(*ctx, a, low, r);
        FAIL();
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("he4j_eval_add: levels differ"), std::string::npos) << e.what();
    }
    b.scale *= 2;
    EXPECT_THROW(sub(*ctx, a, b, r), Error);
}

INSTANTIATE_TEST_SUITE_P(Params, CkksScheme, ::testing::Values(0, 1, 2));

}  // namespace
}  // namespace he4j::ckks
