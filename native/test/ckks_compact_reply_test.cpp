// Compact coefficient replies: the modulus switch against an exact 128-bit reference, decryption against the
// full decryption within the documented bound (1 + ||s||_1) / 2 / Delta', the serialized form's size and
// validation of every malformed input, and argument checks of the C ABI.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "capi/capi_handles.hpp"
#include "capi_test_util.hpp"
#include "ckks/compact_reply.hpp"
#include "ckks_test_util.hpp"
#include "he4j/he4j.h"

using namespace he4j::capi_testing;
using he4j::ckks::testing::random_reals;
using u128 = unsigned __int128;

namespace {

constexpr he4j_status kArg = HE4J_ERR_INVALID_ARGUMENT;
constexpr he4j_status kBad = HE4J_ERR_MALFORMED_INPUT;

// A context with the keys the protocol needs: the client's secret and public keys.
struct Client {
    he4j_context* ctx = nullptr;
    he4j_secret_key* sk = nullptr;
    he4j_public_key* pk = nullptr;
    std::size_t n = 0;

    explicit Client(const char* preset) {
        EXPECT_HE4J_OK(he4j_context_create_preset(preset, 0, &ctx));
        uint64_t degree = 0;
        EXPECT_HE4J_OK(he4j_context_poly_degree(ctx, &degree));
        n = degree;
        EXPECT_HE4J_OK(he4j_secret_key_generate(ctx, &sk));
        EXPECT_HE4J_OK(he4j_public_key_generate(ctx, sk, &pk));
    }
    ~Client() {
        he4j_public_key_free(pk);
        he4j_secret_key_free(sk);
        he4j_context_free(ctx);
    }
    // ||s||_1 of the secret (ternary: its Hamming weight), read from the engine's key for the error bound.
    double secret_weight() const {
        double w = 0;
        for (auto c : sk->sk->coeffs) w += std::abs(c);
        return w;
    }
    he4j_plaintext* coeffs(const std::vector<double>& v, double scale, int32_t level = -1) const {
        he4j_plaintext* pt = nullptr;
        EXPECT_HE4J_OK(he4j_plaintext_create(ctx, &pt));
        EXPECT_HE4J_OK(he4j_encode_coeffs(ctx, v.data(), v.size(), scale, level, pt));
        return pt;
    }
    // The coefficient protocol: the client encrypts x as coefficients, the server multiplies by the weight
    // polynomial w and adds the bias polynomial b (both coefficient-encoded, no rescale).
    he4j_ciphertext* reply(const std::vector<double>& x, const std::vector<double>& w, const std::vector<double>& b,
                           double x_scale, double w_scale, bool symmetric) const {
        he4j_plaintext* px = coeffs(x, x_scale);
        he4j_ciphertext* ct = nullptr;
        EXPECT_HE4J_OK(he4j_ciphertext_create(ctx, &ct));
        if (symmetric) EXPECT_HE4J_OK(he4j_encrypt_sk(ctx, sk, px, ct));
        else EXPECT_HE4J_OK(he4j_encrypt_pk(ctx, pk, px, ct));
        he4j_plaintext* pw = coeffs(w, w_scale);
        he4j_plaintext* pb = coeffs(b, x_scale * w_scale);
        EXPECT_HE4J_OK(he4j_eval_mul_plain(ctx, ct, pw, ct));
        EXPECT_HE4J_OK(he4j_eval_add_plain(ctx, ct, pb, ct));
        he4j_plaintext_free(pb);
        he4j_plaintext_free(pw);
        he4j_plaintext_free(px);
        return ct;
    }
    std::vector<double> full_decrypt(const he4j_ciphertext* ct) const {
        he4j_plaintext* pt = nullptr;
        EXPECT_HE4J_OK(he4j_plaintext_create(ctx, &pt));
        EXPECT_HE4J_OK(he4j_decrypt(ctx, sk, ct, pt));
        std::vector<double> v(n);
        EXPECT_HE4J_OK(he4j_decode_coeffs(ctx, pt, v.data(), v.size()));
        he4j_plaintext_free(pt);
        return v;
    }
};

std::vector<uint8_t> compact(const Client& c, const he4j_ciphertext* ct, const std::vector<uint32_t>& positions,
                             uint32_t bits) {
    size_t n = 0;
    EXPECT_HE4J_OK(he4j_ciphertext_compact_reply(c.ctx, ct, positions.data(), positions.size(), bits, nullptr, 0, &n));
    std::vector<uint8_t> bytes(n);
    EXPECT_HE4J_OK(he4j_ciphertext_compact_reply(c.ctx, ct, positions.data(), positions.size(), bits, bytes.data(),
                                                 bytes.size(), &n));
    EXPECT_EQ(n, bytes.size());
    return bytes;
}

// Q = product of the primes at the ciphertext's level.
long double modulus_at(const Client& c, const he4j_ciphertext* ct) {
    uint32_t level = 0;
    EXPECT_HE4J_OK(he4j_ciphertext_level(ct, &level));
    long double q = 1;
    for (size_t i = 0; i <= level; ++i) {
        uint64_t p = 0;
        EXPECT_HE4J_OK(he4j_context_modulus(c.ctx, i, &p));
        q *= static_cast<long double>(p);
    }
    return q;
}

// Distinct random positions (test inputs, fixed seed).
std::vector<uint32_t> random_positions(std::size_t n, std::size_t k, unsigned seed) {
    std::vector<uint32_t> all(n);
    std::iota(all.begin(), all.end(), 0u);
    std::mt19937_64 g(seed);
    std::shuffle(all.begin(), all.end(), g);
    all.resize(k);
    return all;
}

// Round trip for one preset: every encryption, several widths and position sets, checked against the full
// decryption within the documented bound, and the score position against the plaintext inner product.
void check_round_trips(const char* preset, double x_scale, double w_scale, const std::vector<uint32_t>& widths) {
    Client c(preset);
    const std::size_t d = 32;  // features
    const auto x = random_reals(d, 1);
    auto w = std::vector<double>(d);
    const auto weights = random_reals(d, 2);
    for (std::size_t j = 0; j < d; ++j) w[d - 1 - j] = weights[j];  // coefficient d-1 of x*w = <x, weights>
    const std::vector<double> bias = [&] {
        std::vector<double> b(d, 0.0);
        b[d - 1] = 0.25;
        return b;
    }();
    double score = bias[d - 1];
    for (std::size_t j = 0; j < d; ++j) score += x[j] * weights[j];
    const double weight = c.secret_weight();
    ASSERT_GT(weight, c.n / 3.0);  // a uniform ternary secret: the bound below is not vacuous

    for (bool symmetric : {false, true}) {
        he4j_ciphertext* ct = c.reply(x, w, bias, x_scale, w_scale, symmetric);
        const auto full = c.full_decrypt(ct);
        EXPECT_NEAR(full[d - 1], score, 1e-3) << preset;
        double scale = 0;
        ASSERT_HE4J_OK(he4j_ciphertext_scale(ct, &scale));
        const long double q = modulus_at(c, ct);
        const std::vector<std::vector<uint32_t>> position_sets = {
            {static_cast<uint32_t>(d - 1)},
            {0, static_cast<uint32_t>(c.n - 1), 5},
            random_positions(c.n, 10, 3),
        };
        for (uint32_t bits : widths) {
            // Delta' = scale * 2^b / Q; the bound (1 + ||s||_1)/2 in units of 2^b, plus double rounding.
            const double delta = static_cast<double>(static_cast<long double>(scale) * std::ldexp(1.0L, bits) / q);
            const double bound = (1 + weight) / 2 / delta + 1e-9;
            for (const auto& positions : position_sets) {
                const auto bytes = compact(c, ct, positions, bits);
                size_t size = 0;
                ASSERT_HE4J_OK(he4j_ciphertext_compact_reply_size(c.ctx, ct, positions.size(), bits, &size));
                EXPECT_EQ(size, bytes.size());
                std::vector<double> values(positions.size());
                ASSERT_HE4J_OK(he4j_decrypt_compact_reply(c.ctx, c.sk, bytes.data(), bytes.size(), values.data(),
                                                          values.size()));
                for (std::size_t k = 0; k < positions.size(); ++k)
                    EXPECT_NEAR(values[k], full[positions[k]], bound)
                        << preset << " bits " << bits << " position " << positions[k] << " symmetric " << symmetric;
                std::vector<uint32_t> read(positions.size());
                size_t count = 0;
                ASSERT_HE4J_OK(he4j_compact_reply_positions(c.ctx, bytes.data(), bytes.size(), read.data(),
                                                            read.size(), &count));
                EXPECT_EQ(count, positions.size());
                EXPECT_EQ(read, positions);
                if (positions.size() == 1) {
                    EXPECT_NEAR(values[0], score, 1e-3 + bound);
                }
            }
        }
        he4j_ciphertext_free(ct);
    }
}

}  // namespace

// P2K-IFMA: N = 2048, one 48-bit prime (the protocol's level-0 reply); product scale 2^42.
TEST(CompactReply, RoundTripOnePrime) {
    check_round_trips("P2K-IFMA", std::ldexp(1.0, 24), std::ldexp(1.0, 18), {24, 32, 36, 40, 62});
}

// P4K-IFMA at its top level: two 48-bit primes.
TEST(CompactReply, RoundTripTwoPrimes) {
    check_round_trips("P4K-IFMA", std::ldexp(1.0, 30), std::ldexp(1.0, 30), {36, 48, 62});
}

// P8K at its top level: three primes (60, 40, 40 bits).
TEST(CompactReply, RoundTripThreePrimes) {
    check_round_trips("P8K", std::ldexp(1.0, 40), std::ldexp(1.0, 40), {40, 62});
}

// Every position at once (count = N) agrees with the full decryption.
TEST(CompactReply, AllPositions) {
    Client c("P2K-IFMA");
    const auto x = random_reals(c.n, 4);
    const auto w = random_reals(8, 5);
    he4j_ciphertext* ct = c.reply(x, w, {0.5}, std::ldexp(1.0, 22), std::ldexp(1.0, 20), true);
    const auto full = c.full_decrypt(ct);
    std::vector<uint32_t> positions(c.n);
    std::iota(positions.rbegin(), positions.rend(), 0u);  // N-1, ..., 0
    const auto bytes = compact(c, ct, positions, 40);
    std::vector<double> values(c.n);
    ASSERT_HE4J_OK(he4j_decrypt_compact_reply(c.ctx, c.sk, bytes.data(), bytes.size(), values.data(), values.size()));
    double scale = 0;
    ASSERT_HE4J_OK(he4j_ciphertext_scale(ct, &scale));
    const double delta =
        static_cast<double>(static_cast<long double>(scale) * std::ldexp(1.0L, 40) / modulus_at(c, ct));
    const double bound = (1 + c.secret_weight()) / 2 / delta + 1e-9;
    for (std::size_t k = 0; k < c.n; ++k) EXPECT_NEAR(values[k], full[positions[k]], bound) << k;
    he4j_ciphertext_free(ct);
}

// The switched values against an exact reference: round(v * 2^b / Q) mod 2^b from the 128-bit CRT of the
// residues (Q = q_0 below 2^48 with any b, Q = q_0 q_1 below 2^97 with b <= 31: v * 2^b fits in 128 bits).
TEST(CompactReply, ModulusSwitchIsExactRounding) {
    for (const char* preset : {"P2K-IFMA", "P4K-IFMA"}) {
        Client c(preset);
        he4j_ciphertext* ct = c.reply(random_reals(16, 6), {1.0}, {0.0}, std::ldexp(1.0, 30), 1.0, true);
        const auto& ctx = *c.ctx->ctx;
        const auto& cipher = ct->ct;
        const std::size_t n = ctx.n(), rows = cipher.rows();
        std::vector<std::vector<uint64_t>> c1(rows);
        for (std::size_t i = 0; i < rows; ++i) {
            c1[i].assign(cipher.poly(1, n) + i * n, cipher.poly(1, n) + (i + 1) * n);
            ctx.ntt(i).inverse(c1[i].data());
        }
        const uint32_t position = 3;
        // v * 2^b < 2^128: any width over one 48-bit prime, up to 31 bits over two.
        const std::vector<uint32_t> widths =
            rows == 1 ? std::vector<uint32_t>{20, 31, 36, 48, 61, 62} : std::vector<uint32_t>{20, 25, 31};
        for (uint32_t bits : widths) {
            const auto reply = he4j::ckks::make_compact_reply(ctx, cipher, &position, 1, bits);
            for (std::size_t j = 0; j < n; ++j) {
                u128 v = c1[0][j], q = ctx.modulus(0).value();
                if (rows == 2) {  // Garner: v = a0 + q0 * ((a1 - a0) * q0^-1 mod q1)
                    const auto& q1 = ctx.modulus(1);
                    const uint64_t t = he4j::ring::mul_mod(
                        he4j::ring::sub_mod(c1[1][j], q1.reduce(c1[0][j]), q1.value()),
                        he4j::ring::inv_mod(q1.reduce(ctx.modulus(0).value()), q1), q1);
                    v += q * t;
                    q *= q1.value();
                }
                const uint64_t expected =
                    static_cast<uint64_t>(((v << bits) + q / 2) / q) & ((uint64_t{1} << bits) - 1);
                ASSERT_EQ(reply.c1[j], expected) << preset << " bits " << bits << " j " << j;
            }
        }
        he4j_ciphertext_free(ct);
    }
}

// Serialized size: header + 20 fixed bytes + 4 per position + both packed blocks; at P2K-IFMA, b = 36,
// one position this is 24 + 20 + 4 + 5 + 9216 bytes (vs 24 + 20 + 2 * 12288 for the full ciphertext).
TEST(CompactReply, SizeMatchesTheLayout) {
    Client c("P2K-IFMA");
    he4j_ciphertext* ct = c.reply({1.0}, {1.0}, {0.0}, std::ldexp(1.0, 24), std::ldexp(1.0, 20), false);
    size_t size = 0;
    ASSERT_HE4J_OK(he4j_ciphertext_compact_reply_size(c.ctx, ct, 1, 36, &size));
    EXPECT_EQ(size, 24u + 20 + 4 + 5 + 9216);
    ASSERT_HE4J_OK(he4j_ciphertext_compact_reply_size(c.ctx, ct, 3, 33, &size));
    EXPECT_EQ(size, 24u + 20 + 12 + 13 + (2048 * 33 + 7) / 8);
    const auto bytes = compact(c, ct, {7}, 36);
    EXPECT_EQ(bytes.size(), 24u + 20 + 4 + 5 + 9216);
    EXPECT_EQ(bytes[6], HE4J_KIND_COMPACT_REPLY);
    he4j_ciphertext_free(ct);
}

// Malformed replies: refused with HE4J_ERR_MALFORMED_INPUT and a message, by both reading entry points.
class MalformedReply : public ::testing::Test {
protected:
    Client c{"P2K-IFMA"};
    std::vector<uint8_t> valid;
    static constexpr std::size_t kPositions = 24 + 20;  // offset of the position array
    void SetUp() override {
        he4j_ciphertext* ct = c.reply(random_reals(8, 7), {1.0}, {0.0}, std::ldexp(1.0, 24), std::ldexp(1.0, 20), true);
        valid = compact(c, ct, {3, 9}, 36);
        he4j_ciphertext_free(ct);
    }
    // Refused by the positions query and by decryption, with `fragment` in the message when given.
    void expect_refused(const std::vector<uint8_t>& bytes, const char* fragment = nullptr) {
        std::vector<uint32_t> positions(c.n);
        size_t count = 0;
        EXPECT_HE4J_ERR(he4j_compact_reply_positions(c.ctx, bytes.data(), bytes.size(), positions.data(),
                                                     positions.size(), &count), kBad);
        if (fragment) {
            EXPECT_NE(std::string(he4j_last_error_message()).find(fragment), std::string::npos)
                << he4j_last_error_message();
        }
        double values[2];
        EXPECT_HE4J_ERR(he4j_decrypt_compact_reply(c.ctx, c.sk, bytes.data(), bytes.size(), values, 2), kBad);
    }
    std::vector<uint8_t> with_u32(std::size_t offset, uint32_t v) const {
        auto b = valid;
        for (int i = 0; i < 4; ++i) b[offset + i] = static_cast<uint8_t>(v >> (8 * i));
        return b;
    }
    // The same bytes with the header's payload length set to match their size.
    static std::vector<uint8_t> fix_length(std::vector<uint8_t> b) {
        const uint64_t payload = b.size() - 24;
        for (int i = 0; i < 8; ++i) b[16 + i] = static_cast<uint8_t>(payload >> (8 * i));
        return b;
    }
};

TEST_F(MalformedReply, ValidBytesAreAccepted) {
    double values[2];
    EXPECT_HE4J_OK(he4j_decrypt_compact_reply(c.ctx, c.sk, valid.data(), valid.size(), values, 2));
}

TEST_F(MalformedReply, EveryTruncation) {
    for (std::size_t len = 0; len < valid.size(); ++len) {
        const std::vector<uint8_t> cut(valid.begin(), valid.begin() + static_cast<std::ptrdiff_t>(len));
        size_t count = 0;
        EXPECT_EQ(he4j_compact_reply_positions(c.ctx, valid.data(), len, nullptr, 0, &count), kBad) << len;
        if (len >= 24) {  // also with a consistent length field, so the payload's own checks refuse it
            const auto fixed = fix_length(cut);
            EXPECT_EQ(he4j_compact_reply_positions(c.ctx, fixed.data(), fixed.size(), nullptr, 0, &count), kBad) << len;
        }
    }
    auto longer = valid;
    longer.push_back(0);
    expect_refused(longer, "payload length");
    expect_refused(fix_length(longer), "trailing");
}

TEST_F(MalformedReply, EveryHeaderFieldFlipped) {
    for (std::size_t i = 0; i < 24; ++i) {
        auto b = valid;
        b[i] ^= 0x01;
        expect_refused(b);
    }
    auto b = valid;
    b[6] = HE4J_KIND_CIPHERTEXT;
    expect_refused(b, "wrong object kind");
}

TEST_F(MalformedReply, PayloadFields) {
    auto level = with_u32(24, 1);
    expect_refused(level, "level");
    for (uint8_t bits : {0, 19, 63, 64, 255}) {
        auto b = valid;
        b[28] = bits;
        expect_refused(b);
    }
    {
        auto b = valid;
        b[28] = 35;  // a legal width that does not match the data length
        expect_refused(b);
    }
    {
        auto b = valid;
        b[29] = 1;
        expect_refused(b, "flags");
    }
    {
        auto b = valid;
        b[30] = 1;
        expect_refused(b, "reserved");
    }
    for (double scale : {0.0, -1.0, std::nan(""), HUGE_VAL}) {
        auto b = valid;
        std::memcpy(b.data() + 32, &scale, 8);
        expect_refused(b, "scale");
    }
    expect_refused(with_u32(40, 0), "count");
    expect_refused(with_u32(40, 2049), "count");
    expect_refused(with_u32(40, 3));
    expect_refused(with_u32(40, 0xffffffffu));
}

TEST_F(MalformedReply, PositionOutOfRangeOrDuplicate) {
    expect_refused(with_u32(kPositions, 2048), "not below N");
    expect_refused(with_u32(kPositions + 4, 0xffffffffu), "not below N");
    expect_refused(with_u32(kPositions + 4, 3), "twice");
}

// b-bit packing makes every value < 2^b by construction; what remains to check is the zero padding after
// the c0 block (2 x 36 bits = 72 bits = 9 bytes: no padding) and after c1 (2048 x 36 bits: none) - so use a
// width with padding: b = 33.
TEST_F(MalformedReply, NonzeroPaddingBits) {
    he4j_ciphertext* ct = c.reply(random_reals(8, 8), {1.0}, {0.0}, std::ldexp(1.0, 24), std::ldexp(1.0, 20), true);
    auto b = compact(c, ct, {3, 9}, 33);  // c0: 66 bits in 9 bytes, 6 padding bits
    he4j_ciphertext_free(ct);
    double values[2];
    ASSERT_HE4J_OK(he4j_decrypt_compact_reply(c.ctx, c.sk, b.data(), b.size(), values, 2));
    b[kPositions + 8 + 8] |= 0x80;  // last byte of the c0 block
    expect_refused(b, "padding");
}

TEST_F(MalformedReply, OtherParametersAreRefused) {
    Client other("P4K-IFMA");
    size_t count = 0;
    EXPECT_HE4J_ERR(he4j_compact_reply_positions(other.ctx, valid.data(), valid.size(), nullptr, 0, &count), kBad);
    EXPECT_NE(std::string(he4j_last_error_message()).find("parameter id"), std::string::npos);
}

TEST_F(MalformedReply, RandomCorruptionNeverCrashes) {
    std::mt19937_64 g(9);
    for (int trial = 0; trial < 2000; ++trial) {
        auto b = valid;
        const std::size_t at = g() % 64;  // header and the fixed fields, where most checks live
        b[at] ^= static_cast<uint8_t>(1 + g() % 255);
        std::vector<uint32_t> positions(c.n);
        size_t count = 0;
        const auto s =
            he4j_compact_reply_positions(c.ctx, b.data(), b.size(), positions.data(), positions.size(), &count);
        if (s == HE4J_OK) {  // e.g. a changed position or scale that is still legal: must decrypt
            std::vector<double> values(count);
            EXPECT_HE4J_OK(he4j_decrypt_compact_reply(c.ctx, c.sk, b.data(), b.size(), values.data(), count));
        } else {
            EXPECT_EQ(s, kBad);
        }
    }
}

// Argument checks of the C ABI.
TEST(CompactReplyArgs, RefusedWithMessages) {
    Client c("P2K-IFMA");
    he4j_ciphertext* ct = c.reply({1.0}, {1.0}, {0.0}, std::ldexp(1.0, 24), std::ldexp(1.0, 20), false);
    const uint32_t one[] = {1}, dup[] = {4, 4}, far[] = {2048};
    size_t n = 0;
    EXPECT_HE4J_ERR(he4j_ciphertext_compact_reply_size(nullptr, ct, 1, 36, &n), kArg);
    EXPECT_HE4J_ERR(he4j_ciphertext_compact_reply_size(c.ctx, nullptr, 1, 36, &n), kArg);
    EXPECT_HE4J_ERR(he4j_ciphertext_compact_reply_size(c.ctx, ct, 1, 36, nullptr), kArg);
    EXPECT_HE4J_ERR(he4j_ciphertext_compact_reply_size(c.ctx, ct, 0, 36, &n), kArg);
    EXPECT_HE4J_ERR(he4j_ciphertext_compact_reply_size(c.ctx, ct, 2049, 36, &n), kArg);
    EXPECT_HE4J_ERR(he4j_ciphertext_compact_reply_size(c.ctx, ct, 1, 19, &n), kArg);
    EXPECT_HE4J_ERR(he4j_ciphertext_compact_reply_size(c.ctx, ct, 1, 63, &n), kArg);
    EXPECT_NE(std::string(he4j_last_error_message()).find("[20, 62]"), std::string::npos);

    std::vector<uint8_t> buf(20000);
    EXPECT_HE4J_ERR(he4j_ciphertext_compact_reply(c.ctx, ct, nullptr, 1, 36, buf.data(), buf.size(), &n), kArg);
    EXPECT_HE4J_ERR(he4j_ciphertext_compact_reply(c.ctx, ct, one, 1, 36, buf.data(), buf.size(), nullptr), kArg);
    EXPECT_HE4J_ERR(he4j_ciphertext_compact_reply(c.ctx, ct, dup, 2, 36, buf.data(), buf.size(), &n), kArg);
    EXPECT_NE(std::string(he4j_last_error_message()).find("twice"), std::string::npos);
    EXPECT_HE4J_ERR(he4j_ciphertext_compact_reply(c.ctx, ct, far, 1, 36, buf.data(), buf.size(), &n), kArg);
    EXPECT_NE(std::string(he4j_last_error_message()).find("not below N"), std::string::npos);
    EXPECT_HE4J_ERR(he4j_ciphertext_compact_reply(c.ctx, ct, one, 1, 36, buf.data(), 100, &n),
                    HE4J_ERR_BUFFER_TOO_SMALL);
    EXPECT_EQ(n, 24u + 20 + 4 + 5 + 9216);

    // A ciphertext of another context, an empty one, and one of size 3.
    Client other("P4K-IFMA");
    EXPECT_HE4J_ERR(he4j_ciphertext_compact_reply(other.ctx, ct, one, 1, 36, buf.data(), buf.size(), &n),
                    HE4J_ERR_INCOMPATIBLE);
    he4j_ciphertext* empty = nullptr;
    ASSERT_HE4J_OK(he4j_ciphertext_create(c.ctx, &empty));
    EXPECT_HE4J_ERR(he4j_ciphertext_compact_reply(c.ctx, empty, one, 1, 36, buf.data(), buf.size(), &n), kArg);
    he4j_ciphertext* squared = nullptr;
    ASSERT_HE4J_OK(he4j_ciphertext_create(c.ctx, &squared));
    ASSERT_HE4J_OK(he4j_eval_mul(c.ctx, ct, ct, squared));
    EXPECT_HE4J_ERR(he4j_ciphertext_compact_reply(c.ctx, squared, one, 1, 36, buf.data(), buf.size(), &n),
                    HE4J_ERR_INCOMPATIBLE);
    EXPECT_HE4J_ERR(he4j_ciphertext_compact_reply_size(c.ctx, squared, 1, 36, &n), HE4J_ERR_INCOMPATIBLE);

    const auto bytes = compact(c, ct, {1, 2}, 36);
    double values[3];
    EXPECT_HE4J_ERR(he4j_decrypt_compact_reply(c.ctx, c.sk, bytes.data(), bytes.size(), values, 1), kArg);
    EXPECT_HE4J_ERR(he4j_decrypt_compact_reply(c.ctx, c.sk, bytes.data(), bytes.size(), values, 3), kArg);
    EXPECT_HE4J_ERR(he4j_decrypt_compact_reply(c.ctx, c.sk, bytes.data(), bytes.size(), nullptr, 2), kArg);
    EXPECT_HE4J_ERR(he4j_decrypt_compact_reply(c.ctx, nullptr, bytes.data(), bytes.size(), values, 2), kArg);
    EXPECT_HE4J_ERR(he4j_decrypt_compact_reply(c.ctx, c.sk, nullptr, 0, values, 2), kArg);
    EXPECT_HE4J_ERR(he4j_decrypt_compact_reply(c.ctx, other.sk, bytes.data(), bytes.size(), values, 2),
                    HE4J_ERR_INCOMPATIBLE);
    uint32_t positions[1];
    EXPECT_HE4J_ERR(he4j_compact_reply_positions(c.ctx, bytes.data(), bytes.size(), positions, 1, &n),
                    HE4J_ERR_BUFFER_TOO_SMALL);
    EXPECT_EQ(n, 2u);
    EXPECT_HE4J_ERR(he4j_compact_reply_positions(c.ctx, bytes.data(), bytes.size(), positions, 1, nullptr), kArg);

    he4j_ciphertext_free(squared);
    he4j_ciphertext_free(empty);
    he4j_ciphertext_free(ct);
}
