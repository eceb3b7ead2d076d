#include "ckks/sampling.hpp"

#include <sodium.h>

#include <algorithm>
#include <bit>
#include <cstring>

#include "ckks/chacha20.hpp"
#include "ring/cpu_features.hpp"

namespace he4j::ckks {

namespace {

struct SodiumInit {
    SodiumInit() {
        if (sodium_init() < 0) { /* checked again by Context::create */ }
    }  // idempotent; selects the fastest ChaCha20 implementation
};
const SodiumInit sodium_ready;

}  // namespace

Seed random_seed() {
    Seed s;
    randombytes_buf(s.data(), s.size());
    return s;
}

namespace {

using detail::SecretKeyBytes;

// Secret randomness in bulk: one 32-byte key per sampling call (from the OS CSPRNG), expanded with
// ChaCha20 (each key is used once, so the zero nonce never repeats under a key). One getrandom
// syscall per polynomial instead of one per few kilobytes, which dominated encryption time.
class SecretStream {
public:
    explicit SecretStream(const SecretKeyBytes& key) : key_(key) {}
    ~SecretStream() { sodium_memzero(key_.data(), key_.size()); }
    SecretStream(const SecretStream&) = delete;
    SecretStream& operator=(const SecretStream&) = delete;

    // len must be a multiple of 64 (a ChaCha20 block) except for the last call.
    void fill(std::uint8_t* out, std::size_t len) {
        chacha20_keystream(out, len, nonce_, block_, key_.data());
        block_ += len / kChaCha20BlockBytes;
    }

private:
    SecretKeyBytes key_;
    std::uint8_t nonce_[kChaCha20NonceBytes] = {};
    std::uint64_t block_ = 0;
};

// Runs sample(key) with a fresh key from the OS CSPRNG and wipes the key afterwards.
template <class Sample>
void with_fresh_key(Sample sample) {
    SecretKeyBytes key;
    randombytes_buf(key.data(), key.size());
    sample(key);
    sodium_memzero(key.data(), key.size());
}

}  // namespace

void sample_ternary(std::int8_t* out, std::size_t n) {
    with_fresh_key([&](const SecretKeyBytes& key) { detail::sample_ternary_from_key(out, n, key); });
}

void sample_cbd(std::int8_t* out, std::size_t n) {
    with_fresh_key([&](const SecretKeyBytes& key) { detail::sample_cbd_from_key(out, n, key); });
}

void sample_uniform_bytes(std::uint8_t* out, std::size_t len) {
    with_fresh_key([&](const SecretKeyBytes& key) { detail::uniform_bytes_from_key(out, len, key); });
}

namespace detail {

void uniform_bytes_from_key(std::uint8_t* out, std::size_t len, const SecretKeyBytes& key) {
    SecretStream(key).fill(out, len);
}

void sample_ternary_from_key(std::int8_t* out, std::size_t n, const SecretKeyBytes& key) {
    SecretStream stream(key);
    std::uint8_t buf[1024];  // 16 ChaCha20 blocks: one AVX-512 batch
    std::size_t filled = 0;
    while (filled < n) {
        stream.fill(buf, sizeof buf);
        for (std::size_t i = 0; i < sizeof buf && filled < n; ++i) {
            if (buf[i] >= 255) continue;  // 255 = 3 * 85: rejection keeps the three values equally likely
            out[filled++] = static_cast<std::int8_t>(buf[i] % 3) - 1;
        }
    }
    sodium_memzero(buf, sizeof buf);
}

// Cloned for CPUs with POPCNT (the x86-64 baseline has none, and libgcc's software popcount was a quarter
// of symmetric encryption at N = 4096); the loader picks the clone once, results are identical.
__attribute__((target_clones("popcnt", "default")))
void sample_cbd_from_key(std::int8_t* out, std::size_t n, const SecretKeyBytes& key) {
    // 6 random bytes per coefficient: popcount of 21 bits minus popcount of the next 21 bits.
    constexpr std::size_t kChunk = 512;  // 512 * 6 bytes = 48 ChaCha20 blocks (3 AVX-512 batches)
    SecretStream stream(key);
    // Each coefficient reads one 8-byte word at i * 6 and uses its low 42 bits (4.5x faster than assembling
    // 6 bytes, measured on the loop alone); 2 bytes of padding keep the last read inside buf.
    std::uint8_t buf[kChunk * 6 + 2] = {};
    for (std::size_t base = 0; base < n; base += kChunk) {
        const std::size_t m = std::min(kChunk, n - base);
        stream.fill(buf, m * 6);
        for (std::size_t i = 0; i < m; ++i) {
            std::uint64_t w;
            std::memcpy(&w, buf + i * 6, sizeof w);  // little-endian, as the bytes' order (x86-64 only)
            const std::uint64_t mask = (std::uint64_t{1} << 21) - 1;
            out[base + i] = static_cast<std::int8_t>(std::popcount(w & mask) - std::popcount((w >> 21) & mask));
        }
    }
    sodium_memzero(buf, sizeof buf);
}

}  // namespace detail

void expand_uniform(const Context& ctx, const Seed& seed, std::uint64_t domain, std::size_t prime, std::uint64_t* out) {
    const std::size_t n = ctx.n();
    const std::uint64_t q = ctx.modulus(prime).value();
    const std::uint64_t mask = (std::uint64_t{1} << ctx.modulus(prime).bits()) - 1;
    // Nonce = (domain, prime): independent streams for every polynomial and row under one seed.
    std::uint8_t nonce[kChaCha20NonceBytes] = {};
    const std::uint64_t tag = (domain << 8) ^ static_cast<std::uint64_t>(prime);
    for (std::size_t b = 0; b < sizeof nonce && b < 8; ++b) nonce[b] = static_cast<unsigned char>(tag >> (8 * b));
    // out = the first n keystream words (masked to the prime's bit length) below q, in stream order. The
    // stream is drawn in 4 KB chunks (in L1, no allocation); chunking does not change which words come out.
    constexpr std::size_t kChunkWords = 512;  // 64 ChaCha20 blocks: 4 AVX-512 batches
    std::uint64_t words[kChunkWords];
    std::uint64_t block = 0;
    std::size_t filled = 0;
    while (filled < n) {
        chacha20_keystream(reinterpret_cast<std::uint8_t*>(words), sizeof words, nonce, block, seed.data());
        block += sizeof words / kChaCha20BlockBytes;
        // Little-endian words: portable on x86-64 (our only target).
        filled = ring::use_avx512() ? detail::keep_below_avx512dq(words, kChunkWords, mask, q, out, filled, n)
                                    : detail::keep_below_scalar(words, kChunkWords, mask, q, out, filled, n);
    }
}

namespace detail {

void small_to_residues_scalar(const std::int8_t* coeffs, std::size_t n, std::uint64_t q, std::uint64_t* out) {
    for (std::size_t k = 0; k < n; ++k) {
        const std::int64_t c = coeffs[k];
        out[k] = c < 0 ? q - static_cast<std::uint64_t>(-c) : static_cast<std::uint64_t>(c);
    }
}

void small_to_residues(const std::int8_t* coeffs, std::size_t n, std::uint64_t q, std::uint64_t* out) {
    // Not vectorized by the compiler for the x86-64 baseline (no byte-to-quadword sign extension): a fifth of
    // a public-key encryption at N = 4096 went to this loop.
    if (ring::use_avx512()) small_to_residues_avx512dq(coeffs, n, q, out);
    else small_to_residues_scalar(coeffs, n, q, out);
}

std::size_t keep_below_scalar(const std::uint64_t* words, std::size_t count, std::uint64_t mask, std::uint64_t q,
                              std::uint64_t* out, std::size_t filled, std::size_t n) {
    for (std::size_t i = 0; i < count && filled < n; ++i) {
        const std::uint64_t v = words[i] & mask;
        if (v < q) out[filled++] = v;
    }
    return filled;
}

}  // namespace detail
}  // namespace he4j::ckks
