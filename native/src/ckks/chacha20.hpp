// Internal: the ChaCha20 keystream behind every sampler (original DJB variant as in libsodium's
// crypto_stream_chacha20_xor_ic: 256-bit key, 64-bit nonce, 64-bit block counter, 20 rounds). The AVX-512
// twin, chosen at run time like the ring kernels, writes exactly the bytes libsodium would.
#pragma once
#include <cstddef>
#include <cstdint>

namespace he4j::ckks {

inline constexpr std::size_t kChaCha20KeyBytes = 32;
inline constexpr std::size_t kChaCha20NonceBytes = 8;
inline constexpr std::size_t kChaCha20BlockBytes = 64;

// out[0, len) = keystream bytes starting at block `counter` (the block counter wraps modulo 2^64, as in
// libsodium). Overwrites out; no zeroing needed.
void chacha20_keystream(std::uint8_t* out, std::size_t len, const std::uint8_t* nonce, std::uint64_t counter,
                        const std::uint8_t* key);

namespace detail {
void chacha20_keystream_libsodium(std::uint8_t* out, std::size_t len, const std::uint8_t* nonce, std::uint64_t counter,
                                  const std::uint8_t* key);
void chacha20_keystream_avx512dq(std::uint8_t* out, std::size_t len, const std::uint8_t* nonce, std::uint64_t counter,
                                 const std::uint8_t* key);
// Tests only: while set, chacha20_keystream takes the libsodium path whatever the CPU.
void force_libsodium_chacha20(bool on);
}  // namespace detail

}  // namespace he4j::ckks
