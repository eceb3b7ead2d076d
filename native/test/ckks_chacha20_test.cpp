// The AVX-512 ChaCha20 keystream against libsodium byte for byte (every length to 1100, then a spread to
// 3000; counters around the 32-bit carry and the 64-bit wrap; odd output alignments), a published known
// answer, and the samplers' outputs unchanged whichever path expands their stream.
#include <gtest/gtest.h>

#include <array>
#include <bit>
#include <cstdint>
#include <random>
#include <vector>

#include "ckks/chacha20.hpp"
#include "ckks/context.hpp"
#include "ckks/params.hpp"
#include "ckks/sampling.hpp"
#include "ring_test_util.hpp"

namespace he4j::ckks {
namespace {

using Bytes = std::vector<std::uint8_t>;
using KeystreamFn = void (*)(std::uint8_t*, std::size_t, const std::uint8_t*, std::uint64_t, const std::uint8_t*);

// Test inputs only (never secrets): a fixed-seed generator keeps failures reproducible.
Bytes random_bytes(std::size_t n, std::mt19937_64& g) {
    Bytes b(n);
    for (auto& x : b) x = static_cast<std::uint8_t>(g());
    return b;
}

// Runs fn into a buffer at `offset` bytes past a 64-byte boundary, with guard bytes on both sides.
Bytes keystream_at(KeystreamFn fn, std::size_t len, std::size_t offset, const Bytes& nonce, std::uint64_t counter,
                   const Bytes& key) {
    constexpr std::uint8_t kGuard = 0xA5;
    std::vector<std::uint8_t> storage(len + offset + 128, kGuard);
    std::uint8_t* base = storage.data();
    base += (64 - reinterpret_cast<std::uintptr_t>(base) % 64) % 64;  // 64-aligned, then the odd offset
    std::uint8_t* out = base + offset;
    fn(out, len, nonce.data(), counter, key.data());
    for (std::uint8_t* p = storage.data(); p < out; ++p) EXPECT_EQ(*p, kGuard) << "wrote before the buffer";
    for (std::uint8_t* p = out + len; p < storage.data() + storage.size(); ++p) EXPECT_EQ(*p, kGuard) << "wrote past it";
    return Bytes(out, out + len);
}

// RAII switch: the samplers take the libsodium path while it lives.
struct ForceLibsodium {
    ForceLibsodium() { detail::force_libsodium_chacha20(true); }
    ~ForceLibsodium() { detail::force_libsodium_chacha20(false); }
};

TEST(CkksChaCha20, KnownAnswerZeroKeyZeroNonce) {
    // First block of ChaCha20 (20 rounds) for the all-zero key and nonce, counter 0 (the original DJB variant's
    // published test vector, also in RFC 7539's draft predecessor draft-agl-tls-chacha20poly1305).
    const std::uint8_t expected[64] = {
        0x76, 0xb8, 0xe0, 0xad, 0xa0, 0xf1, 0x3d, 0x90, 0x40, 0x5d, 0x6a, 0xe5, 0x53, 0x86, 0xbd, 0x28,
        0xbd, 0xd2, 0x19, 0xb8, 0xa0, 0x8d, 0xed, 0x1a, 0xa8, 0x36, 0xef, 0xcc, 0x8b, 0x77, 0x0d, 0xc7,
        0xda, 0x41, 0x59, 0x7c, 0x51, 0x57, 0x48, 0x8d, 0x77, 0x24, 0xe0, 0x3f, 0xb8, 0xd8, 0x4a, 0x37,
        0x6a, 0x43, 0xb8, 0xf4, 0x15, 0x18, 0xa1, 0x1c, 0xc3, 0x87, 0xb6, 0x69, 0xb2, 0xee, 0x65, 0x86};
    const Bytes key(kChaCha20KeyBytes, 0), nonce(kChaCha20NonceBytes, 0);
    const Bytes want(expected, expected + 64);
    EXPECT_EQ(keystream_at(detail::chacha20_keystream_libsodium, 64, 0, nonce, 0, key), want);
    EXPECT_EQ(keystream_at(chacha20_keystream, 64, 0, nonce, 0, key), want);
    if (!ring::test::cpu_has_avx512dq()) GTEST_SKIP() << "CPU lacks AVX-512 DQ";
    EXPECT_EQ(keystream_at(detail::chacha20_keystream_avx512dq, 64, 0, nonce, 0, key), want);
}

TEST(CkksChaCha20, Avx512MatchesLibsodium) {
    if (!ring::test::cpu_has_avx512dq()) GTEST_SKIP() << "CPU lacks AVX-512 DQ";
    std::vector<std::size_t> lengths;
    for (std::size_t len = 0; len <= 1100; ++len) lengths.push_back(len);
    for (std::size_t len = 1101; len < 3000; len += 61) lengths.push_back(len);
    for (std::size_t len : {1535, 1536, 1537, 2047, 2048, 2049, 3000}) lengths.push_back(len);
    const std::uint64_t counters[] = {0, 1, 15, 0xFFFFFFFFull, 0xFFFFFFFDull, 0xFFFFFFFFFFFFFFFEull};
    std::mt19937_64 g(20);
    for (std::uint64_t counter : counters) {
        for (std::size_t len : lengths) {
            const Bytes key = random_bytes(kChaCha20KeyBytes, g), nonce = random_bytes(kChaCha20NonceBytes, g);
            const std::size_t offset = (len * 7 + counter) % 64;  // odd alignments among them
            const Bytes want = keystream_at(detail::chacha20_keystream_libsodium, len, 0, nonce, counter, key);
            const Bytes got = keystream_at(detail::chacha20_keystream_avx512dq, len, offset, nonce, counter, key);
            ASSERT_EQ(got, want) << "len " << len << " counter " << counter << " offset " << offset;
        }
    }
}

// expand_uniform against its definition: the first n words of the (domain, prime) keystream, masked to
// the prime's bit length, that are below q. Independent of how the stream is chunked or which path runs.
TEST(CkksChaCha20, ExpandUniformIsTheRejectedKeystream) {
    const auto ctx = Context::create(preset("P8K"));
    const std::size_t n = ctx->n();
    Seed seed;
    for (std::size_t i = 0; i < seed.size(); ++i) seed[i] = static_cast<std::uint8_t>(7 * i + 5);
    for (std::size_t prime : {std::size_t{0}, ctx->total_count() - 1}) {
        const std::uint64_t domain = 0x102, q = ctx->modulus(prime).value();
        const std::uint64_t mask = (std::uint64_t{1} << ctx->modulus(prime).bits()) - 1;
        const std::uint64_t tag = (domain << 8) ^ prime;
        Bytes nonce(kChaCha20NonceBytes);
        for (std::size_t b = 0; b < nonce.size(); ++b) nonce[b] = static_cast<std::uint8_t>(tag >> (8 * b));
        std::vector<std::uint64_t> stream(2 * n), want;
        detail::chacha20_keystream_libsodium(reinterpret_cast<std::uint8_t*>(stream.data()), stream.size() * 8,
                                             nonce.data(), 0, seed.data());
        for (std::size_t i = 0; i < stream.size() && want.size() < n; ++i) {
            if ((stream[i] & mask) < q) want.push_back(stream[i] & mask);
        }
        ASSERT_EQ(want.size(), n);
        std::vector<std::uint64_t> got(n);
        expand_uniform(*ctx, seed, domain, prime, got.data());
        EXPECT_EQ(got, want) << "prime " << prime;
    }
}

// The rejection step's twins: frequent rejections (q at 0.6 of the masked range), every fill state near n.
TEST(CkksChaCha20, KeepBelowTwinsAgree) {
    if (!ring::test::cpu_has_avx512dq()) GTEST_SKIP() << "CPU lacks AVX-512 DQ";
    std::mt19937_64 g(21);
    const std::uint64_t mask = (std::uint64_t{1} << 50) - 1, q = mask / 5 * 3;
    std::vector<std::uint64_t> words(300);
    for (auto& w : words) w = g();
    for (std::size_t count : {0, 1, 7, 8, 9, 64, 300}) {
        for (std::size_t n : {1, 5, 8, 13, 100, 250}) {
            for (std::size_t filled : {std::size_t{0}, n / 2, n}) {
                std::vector<std::uint64_t> a(n, 7), b(n, 7);
                const std::size_t fa = detail::keep_below_scalar(words.data(), count, mask, q, a.data(), filled, n);
                const std::size_t fb = detail::keep_below_avx512dq(words.data(), count, mask, q, b.data(), filled, n);
                ASSERT_EQ(fa, fb) << count << " " << n << " " << filled;
                a.resize(fa), b.resize(fb);  // past the fill is scratch
                ASSERT_EQ(a, b) << count << " " << n << " " << filled;
            }
        }
    }
}

// Small signed coefficients to residues: both twins agree with the definition, every value of a byte, tails.
TEST(CkksChaCha20, SmallToResiduesTwinsAgree) {
    if (!ring::test::cpu_has_avx512dq()) GTEST_SKIP() << "CPU lacks AVX-512 DQ";
    std::vector<std::int8_t> c(256 + 13);
    for (std::size_t i = 0; i < c.size(); ++i) c[i] = static_cast<std::int8_t>(i * 37 + 3);
    const std::uint64_t q = (std::uint64_t{1} << 48) - 59;
    for (std::size_t n : {0, 1, 7, 8, 9, 256, 269}) {
        std::vector<std::uint64_t> a(n, 1), b(n, 2);
        detail::small_to_residues_scalar(c.data(), n, q, a.data());
        detail::small_to_residues_avx512dq(c.data(), n, q, b.data());
        ASSERT_EQ(a, b) << n;
        for (std::size_t k = 0; k < n; ++k) {
            const std::int64_t v = c[k];
            ASSERT_EQ(a[k], v < 0 ? q - static_cast<std::uint64_t>(-v) : static_cast<std::uint64_t>(v)) << k;
        }
    }
}

// The secret samplers against their definitions over the (key, zero nonce) keystream from block 0:
// CBD takes 6 bytes per coefficient (popcount of bits 0..20 minus popcount of bits 21..41), ternary maps
// each byte below 255 to byte % 3 - 1.
TEST(CkksChaCha20, SecretSamplersMatchTheirDefinition) {
    detail::SecretKeyBytes key;
    for (std::size_t i = 0; i < key.size(); ++i) key[i] = static_cast<std::uint8_t>(i * i + 9);
    const Bytes nonce(kChaCha20NonceBytes, 0);
    for (std::size_t n : {1, 511, 512, 513, 8192 + 37}) {
        Bytes stream(6 * n + 64);
        detail::chacha20_keystream_libsodium(stream.data(), stream.size(), nonce.data(), 0, key.data());
        std::vector<std::int8_t> want_cbd(n), got_cbd(n);
        for (std::size_t i = 0; i < n; ++i) {
            std::uint64_t w = 0;
            for (int b = 0; b < 6; ++b) w |= static_cast<std::uint64_t>(stream[6 * i + b]) << (8 * b);
            want_cbd[i] = static_cast<std::int8_t>(std::popcount(w & 0x1FFFFF) - std::popcount((w >> 21) & 0x1FFFFF));
        }
        detail::sample_cbd_from_key(got_cbd.data(), n, key);
        EXPECT_EQ(got_cbd, want_cbd) << n;

        std::vector<std::int8_t> want_ternary, got_ternary(n);
        for (std::size_t i = 0; i < stream.size() && want_ternary.size() < n; ++i) {
            if (stream[i] < 255) want_ternary.push_back(static_cast<std::int8_t>(stream[i] % 3 - 1));
        }
        ASSERT_EQ(want_ternary.size(), n);
        detail::sample_ternary_from_key(got_ternary.data(), n, key);
        EXPECT_EQ(got_ternary, want_ternary) << n;
    }
}

TEST(CkksChaCha20, SamplersUnchangedByThePath) {
    if (!ring::test::cpu_has_avx512dq() || !ring::use_avx512()) GTEST_SKIP() << "AVX-512 path not in use";
    const auto ctx = Context::create(preset("P8K"));
    const std::size_t n = ctx->n();
    Seed seed;
    for (std::size_t i = 0; i < seed.size(); ++i) seed[i] = static_cast<std::uint8_t>(3 * i + 1);
    detail::SecretKeyBytes key;
    for (std::size_t i = 0; i < key.size(); ++i) key[i] = static_cast<std::uint8_t>(200 - i);

    struct Outputs {
        std::vector<std::uint64_t> uniform;
        std::vector<std::int8_t> cbd, ternary;
    };
    auto run = [&] {
        Outputs o{std::vector<std::uint64_t>(2 * n), std::vector<std::int8_t>(n + 37), std::vector<std::int8_t>(n + 5)};
        expand_uniform(*ctx, seed, 1, 0, o.uniform.data());
        expand_uniform(*ctx, seed, 0x101, ctx->data_count(), o.uniform.data() + n);  // a special prime, another domain
        detail::sample_cbd_from_key(o.cbd.data(), o.cbd.size(), key);
        detail::sample_ternary_from_key(o.ternary.data(), o.ternary.size(), key);
        return o;
    };
    const Outputs fast = run();
    Outputs portable;
    {
        ForceLibsodium force;
        portable = run();
    }
    EXPECT_EQ(fast.uniform, portable.uniform);
    EXPECT_EQ(fast.cbd, portable.cbd);
    EXPECT_EQ(fast.ternary, portable.ternary);
}

}  // namespace
}  // namespace he4j::ckks
