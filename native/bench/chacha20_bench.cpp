// ChaCha20 keystream throughput: the AVX-512 kernel (chacha20/avx512/<bytes>) and libsodium's
// crypto_stream_chacha20_xor_ic into zeros (chacha20/libsodium/<bytes>), the two paths of chacha20.hpp.
// The avx512 case is skipped on CPUs without AVX-512.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <vector>

#include "ckks/chacha20.hpp"
#include "ring/cpu_features.hpp"

namespace {

using namespace he4j::ckks;

template <bool kAvx512>
void chacha20(benchmark::State& st) {
    const auto& f = he4j::ring::cpu_features();
    if (kAvx512 && !(f.os_saves_zmm && f.avx512f && f.avx512dq && f.avx512vl && f.avx512bw)) {
        st.SkipWithError("CPU lacks AVX-512");
        return;
    }
    std::vector<std::uint8_t> out(static_cast<std::size_t>(st.range(0)));
    const std::uint8_t key[kChaCha20KeyBytes] = {1, 2, 3}, nonce[kChaCha20NonceBytes] = {4};  // not secret
    std::uint64_t counter = 0;
    for (auto _ : st) {
        if (kAvx512) {
            detail::chacha20_keystream_avx512dq(out.data(), out.size(), nonce, counter, key);
        } else {
            detail::chacha20_keystream_libsodium(out.data(), out.size(), nonce, counter, key);
        }
        counter += out.size() / kChaCha20BlockBytes;
        benchmark::DoNotOptimize(out.data());
        benchmark::ClobberMemory();
    }
    st.SetBytesProcessed(static_cast<std::int64_t>(st.iterations()) * st.range(0));
}

BENCHMARK(chacha20<true>)->Name("chacha20/avx512")->Arg(64 << 10)->Arg(1 << 10);
BENCHMARK(chacha20<false>)->Name("chacha20/libsodium")->Arg(64 << 10)->Arg(1 << 10);

}  // namespace
