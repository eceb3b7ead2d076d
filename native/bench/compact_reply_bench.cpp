// Compact coefficient reply vs full ciphertext reply at P2K-IFMA (N = 2048, one 48-bit prime), through the
// C ABI as callers use it. The reply is the coefficient protocol's: a public-key encryption of coefficient-
// encoded features times a weight polynomial plus a bias polynomial (so c1 is not seeded: full size).
//   reply_full/server      he4j_ciphertext_save of the reply
//   reply_full/client      he4j_ciphertext_load + he4j_decrypt + he4j_decode_coeffs (one coefficient)
//   reply_compact/server/b he4j_ciphertext_compact_reply at b bits (one position)
//   reply_compact/client/b he4j_decrypt_compact_reply (validation included)
// Each repetition times one call; the aggregates are over the repetitions (median, p99); counter `bytes` is
// the reply's size. Example:
//   build/native/he4j_native_bench --benchmark_filter=reply_ --benchmark_repetitions=2000
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <vector>

#include "he4j/he4j.h"

namespace {

void must(he4j_status s) {
    if (s != HE4J_OK) std::abort();
}

struct ReplyFixture {
    he4j_context* ctx = nullptr;
    he4j_secret_key* sk = nullptr;
    he4j_ciphertext* reply = nullptr;
    std::vector<uint8_t> full;

    ReplyFixture() {
        must(he4j_context_create_preset("P2K-IFMA", 0, &ctx));
        must(he4j_secret_key_generate(ctx, &sk));
        he4j_public_key* pk = nullptr;
        must(he4j_public_key_generate(ctx, sk, &pk));
        std::vector<double> x(32), w(32);
        for (std::size_t j = 0; j < x.size(); ++j) {
            x[j] = std::sin(0.1 * static_cast<double>(j));
            w[j] = std::cos(0.3 * static_cast<double>(j));
        }
        he4j_plaintext *px = nullptr, *pw = nullptr;
        must(he4j_plaintext_create(ctx, &px));
        must(he4j_plaintext_create(ctx, &pw));
        must(he4j_encode_coeffs(ctx, x.data(), x.size(), std::ldexp(1.0, 24), -1, px));
        must(he4j_encode_coeffs(ctx, w.data(), w.size(), std::ldexp(1.0, 18), -1, pw));
        must(he4j_ciphertext_create(ctx, &reply));
        must(he4j_encrypt_pk(ctx, pk, px, reply));
        must(he4j_eval_mul_plain(ctx, reply, pw, reply));
        size_t n = 0;
        must(he4j_ciphertext_save(reply, nullptr, 0, &n));
        full.resize(n);
        must(he4j_ciphertext_save(reply, full.data(), full.size(), &n));
        he4j_plaintext_free(pw);
        he4j_plaintext_free(px);
        he4j_public_key_free(pk);
    }
    static const ReplyFixture& get() {
        static const ReplyFixture f;
        return f;
    }
};

constexpr uint32_t kPosition = 31;

double p99(const std::vector<double>& v) {
    std::vector<double> s = v;
    std::sort(s.begin(), s.end());
    return s[std::min(s.size() - 1, static_cast<std::size_t>(0.99 * static_cast<double>(s.size())))];
}

void full_server(benchmark::State& st) {
    const auto& f = ReplyFixture::get();
    std::vector<uint8_t> out(f.full.size());
    size_t n = 0;
    for (auto _ : st) {
        must(he4j_ciphertext_save(f.reply, out.data(), out.size(), &n));
        benchmark::DoNotOptimize(out.data());
    }
    st.counters["bytes"] = static_cast<double>(n);
}

void full_client(benchmark::State& st) {
    const auto& f = ReplyFixture::get();
    he4j_plaintext* pt = nullptr;
    must(he4j_plaintext_create(f.ctx, &pt));
    double value = 0;
    for (auto _ : st) {
        he4j_ciphertext* ct = nullptr;
        must(he4j_ciphertext_load(f.ctx, f.full.data(), f.full.size(), &ct));
        must(he4j_decrypt(f.ctx, f.sk, ct, pt));
        std::vector<double> coeffs(kPosition + 1);
        must(he4j_decode_coeffs(f.ctx, pt, coeffs.data(), coeffs.size()));
        value = coeffs[kPosition];
        he4j_ciphertext_free(ct);
        benchmark::DoNotOptimize(value);
    }
    he4j_plaintext_free(pt);
    st.counters["bytes"] = static_cast<double>(f.full.size());
}

std::vector<uint8_t> compact(const ReplyFixture& f, uint32_t bits) {
    size_t n = 0;
    must(he4j_ciphertext_compact_reply(f.ctx, f.reply, &kPosition, 1, bits, nullptr, 0, &n));
    std::vector<uint8_t> out(n);
    must(he4j_ciphertext_compact_reply(f.ctx, f.reply, &kPosition, 1, bits, out.data(), out.size(), &n));
    return out;
}

void compact_server(benchmark::State& st) {
    const auto& f = ReplyFixture::get();
    const auto bits = static_cast<uint32_t>(st.range(0));
    std::vector<uint8_t> out = compact(f, bits);
    size_t n = 0;
    for (auto _ : st) {
        must(he4j_ciphertext_compact_reply(f.ctx, f.reply, &kPosition, 1, bits, out.data(), out.size(), &n));
        benchmark::DoNotOptimize(out.data());
    }
    st.counters["bytes"] = static_cast<double>(n);
}

void compact_client(benchmark::State& st) {
    const auto& f = ReplyFixture::get();
    const std::vector<uint8_t> bytes = compact(f, static_cast<uint32_t>(st.range(0)));
    double value = 0;
    for (auto _ : st) {
        must(he4j_decrypt_compact_reply(f.ctx, f.sk, bytes.data(), bytes.size(), &value, 1));
        benchmark::DoNotOptimize(value);
    }
    st.counters["bytes"] = static_cast<double>(bytes.size());
}

// One call per repetition, so the aggregates are per-call percentiles.
void per_call(benchmark::internal::Benchmark* b) {
    b->Iterations(1)->ReportAggregatesOnly(true)->ComputeStatistics("p99", p99)->Unit(benchmark::kMicrosecond);
}

BENCHMARK(full_server)->Name("reply_full/server")->Apply(per_call);
BENCHMARK(full_client)->Name("reply_full/client")->Apply(per_call);
BENCHMARK(compact_server)->Name("reply_compact/server")->Arg(32)->Arg(36)->Arg(40)->Apply(per_call);
BENCHMARK(compact_client)->Name("reply_compact/client")->Arg(32)->Arg(36)->Arg(40)->Apply(per_call);

}  // namespace
