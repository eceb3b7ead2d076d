#include "ckks/chacha20.hpp"

#include <sodium.h>

#include <atomic>
#include <cstring>

#include "ring/cpu_features.hpp"

namespace he4j::ckks {
namespace {

std::atomic<bool> forced_libsodium{false};

}  // namespace

void chacha20_keystream(std::uint8_t* out, std::size_t len, const std::uint8_t* nonce, std::uint64_t counter,
                        const std::uint8_t* key) {
    if (ring::use_avx512() && !forced_libsodium.load(std::memory_order_relaxed)) {
        detail::chacha20_keystream_avx512dq(out, len, nonce, counter, key);
    } else {
        detail::chacha20_keystream_libsodium(out, len, nonce, counter, key);
    }
}

namespace detail {

void chacha20_keystream_libsodium(std::uint8_t* out, std::size_t len, const std::uint8_t* nonce, std::uint64_t counter,
                                  const std::uint8_t* key) {
    if (len == 0) return;
    std::memset(out, 0, len);  // libsodium has no plain keystream call with a starting counter: XOR into zeros
    crypto_stream_chacha20_xor_ic(out, out, len, nonce, counter, key);
}

void force_libsodium_chacha20(bool on) { forced_libsodium.store(on, std::memory_order_relaxed); }

}  // namespace detail
}  // namespace he4j::ckks
