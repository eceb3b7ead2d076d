// Parameters: presets, deterministic disjoint primes, the security check, parameter ids.
#include <gtest/gtest.h>

#include <set>

#include "ckks/context.hpp"
#include "ckks/keys.hpp"
#include "common/error.hpp"

namespace he4j::ckks {
namespace {

TEST(CkksParams, SecurityTableMatchesTheStandard) {
    EXPECT_EQ(max_modulus_bits(12, 128), 109u);
    EXPECT_EQ(max_modulus_bits(13, 128), 218u);
    EXPECT_EQ(max_modulus_bits(14, 128), 438u);
    EXPECT_EQ(max_modulus_bits(15, 128), 881u);
    EXPECT_EQ(max_modulus_bits(16, 128), 1761u);
    EXPECT_EQ(max_modulus_bits(13, 192), 152u);
    EXPECT_EQ(max_modulus_bits(13, 256), 118u);
    EXPECT_EQ(security_bits(13, 200), 128u);
    EXPECT_EQ(security_bits(13, 150), 192u);
    EXPECT_EQ(security_bits(13, 100), 256u);
    EXPECT_EQ(security_bits(13, 219), 0u);
}

TEST(CkksParams, EveryPresetIsValidAndSecure) {
    std::string names = preset_names();
    std::size_t start = 0;
    int count = 0;
    while (start <= names.size()) {
        std::size_t end = names.find(',', start);
        if (end == std::string::npos) end = names.size();
        const std::string name = names.substr(start, end - start);
        auto ctx = Context::create(preset(name));
        EXPECT_GE(ctx->security_bits(), 128u) << name;
        if (name.find("IFMA") != std::string::npos) {
            for (const auto& q : ctx->moduli()) EXPECT_LT(q.value(), std::uint64_t{1} << 48) << name;
        }
        ++count;
        start = end + 1;
    }
    EXPECT_GE(count, 5);
    EXPECT_THROW(preset("P3K"), Error);
}

TEST(CkksParams, PrimesAreDeterministicDisjointAndNttFriendly) {
    ParamSpec spec{13, {60, 40, 40, 40}, {60, 40}, std::ldexp(1.0, 40), kAllowInsecure};
    auto a = Context::create(spec), b = Context::create(spec);
    std::set<std::uint64_t> seen;
    for (std::size_t i = 0; i < a->total_count(); ++i) {
        EXPECT_EQ(a->modulus(i).value(), b->modulus(i).value());
        EXPECT_TRUE(seen.insert(a->modulus(i).value()).second);
        EXPECT_EQ(a->modulus(i).value() % (2 * a->n()), 1u);
    }
    EXPECT_EQ(a->param_id(), b->param_id());
    spec.scale *= 2;
    EXPECT_NE(Context::create(spec)->param_id(), a->param_id());
}

TEST(CkksParams, RefusesWeakParametersUnlessAllowed) {
    ParamSpec weak{13, {60, 60, 60, 60}, {60}, std::ldexp(1.0, 40), 0};  // 300 > 218 bits
    try {
        Context::create(weak);
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::kInvalidParameters);
        EXPECT_NE(std::string(e.what()).find("218"), std::string::npos) << e.what();
    }
    weak.flags = kAllowInsecure;
    EXPECT_EQ(Context::create(weak)->security_bits(), 0u);
    EXPECT_THROW(Context::create(ParamSpec{10, {30}, {}, 1e6, 0}), Error);  // 30 > 27 bits at N = 1024
    EXPECT_THROW(Context::create(ParamSpec{11, {30, 30}, {}, 1e6, 0}), Error);  // 60 > 54 bits at N = 2048
    EXPECT_EQ(Context::create(ParamSpec{11, {54}, {}, 1e6, 0})->security_bits(), 128u);
    EXPECT_NO_THROW(Context::create(ParamSpec{10, {30}, {}, 1e6, kAllowInsecure}));
    EXPECT_THROW(Context::create(ParamSpec{17, {30}, {}, 1e6, kAllowInsecure}), Error);
    EXPECT_THROW(Context::create(ParamSpec{13, {}, {}, 1e6, 0}), Error);
    EXPECT_THROW(Context::create(ParamSpec{13, {61}, {}, 1e6, 0}), Error);
    EXPECT_THROW(Context::create(ParamSpec{13, {40}, {}, -1, 0}), Error);
    EXPECT_THROW(Context::create(ParamSpec{13, {40}, {}, 1e6, 8}), Error);
}

TEST(CkksParams, NoSpecialPrimesMeansNoKeySwitchingKeys) {
    auto ctx = Context::create(preset("P4K-IFMA"));
    auto sk = generate_secret_key(*ctx);
    EXPECT_NO_THROW(generate_public_key(*ctx, sk));
    try {
        generate_relin_key(*ctx, sk);
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::kUnsupported);
    }
    EXPECT_THROW(generate_galois_keys(*ctx, sk, {5}), Error);
}

TEST(CkksParams, GaloisElements) {
    auto ctx = Context::create(ParamSpec{10, {40}, {40}, 1e6, kAllowInsecure});
    EXPECT_EQ(ctx->galois_element_for_step(0), 1u);
    EXPECT_EQ(ctx->galois_element_for_step(1), 5u);
    EXPECT_EQ(ctx->galois_element_for_step(-1), ctx->galois_element_for_step(ctx->slots() - 1));
    EXPECT_TRUE(ctx->is_valid_galois_element(ctx->conjugation_element()));
    EXPECT_TRUE(ctx->is_valid_galois_element(25));
    EXPECT_FALSE(ctx->is_valid_galois_element(3));
    EXPECT_FALSE(ctx->is_valid_galois_element(2 * ctx->n() + 1));
    const auto& p = ctx->galois_permutation(5);
    std::set<std::uint32_t> s(p.begin(), p.end());
    EXPECT_EQ(s.size(), ctx->n());
}

}  // namespace
}  // namespace he4j::ckks
