// RNS microbenchmarks at N = 8192: fast base conversion (key switching's mod up / mod down:
// base_convert/<from primes>/<to primes>) and centered CRT composition (decoding: centered_crt/<primes>).
#include <benchmark/benchmark.h>

#include <cstdint>
#include <random>
#include <vector>

#include "ring/base_converter.hpp"
#include "ring/centered_crt.hpp"
#include "ring/primes.hpp"

namespace {

using namespace he4j::ring;

constexpr std::size_t kN = 8192;

std::vector<Modulus> moduli(const std::vector<u64>& primes) { return {primes.begin(), primes.end()}; }

std::vector<u64> residues(const std::vector<u64>& primes) {
    std::mt19937_64 rng(7);  // benchmark input, not secret
    std::vector<u64> v(primes.size() * kN);
    for (std::size_t i = 0; i < primes.size(); ++i)
        for (std::size_t c = 0; c < kN; ++c) v[i * kN + c] = rng() % primes[i];
    return v;
}

void base_convert(benchmark::State& state) {
    const auto from = ntt_primes(50, kN, static_cast<std::size_t>(state.range(0)));
    const auto to = ntt_primes(50, kN, static_cast<std::size_t>(state.range(1)), from);
    const BaseConverter conv(moduli(from), moduli(to));
    const auto in = residues(from);
    std::vector<u64> out(to.size() * kN), tmp(from.size() * kN);
    std::vector<u64*> rows;
    for (std::size_t j = 0; j < to.size(); ++j) rows.push_back(out.data() + j * kN);
    for (auto _ : state) {
        conv.convert(in.data(), rows.data(), kN, tmp.data());
        benchmark::DoNotOptimize(out.data());
        benchmark::ClobberMemory();
    }
}
BENCHMARK(base_convert)->Args({1, 3})->Args({2, 8})->Args({4, 4})->Args({8, 2})->Unit(benchmark::kMicrosecond);

void centered_crt(benchmark::State& state) {
    const auto primes = ntt_primes(50, kN, static_cast<std::size_t>(state.range(0)));
    const CenteredCrt crt(moduli(primes));
    const auto in = residues(primes);
    std::vector<const u64*> rows;
    for (std::size_t i = 0; i < primes.size(); ++i) rows.push_back(in.data() + i * kN);
    std::vector<long double> out(kN);
    for (auto _ : state) {
        crt.compose(rows.data(), kN, out.data());
        benchmark::DoNotOptimize(out.data());
        benchmark::ClobberMemory();
    }
}
BENCHMARK(centered_crt)->Arg(1)->Arg(3)->Arg(8)->Unit(benchmark::kMicrosecond);

}  // namespace
