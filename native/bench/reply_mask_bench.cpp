// Reply masks for model privacy at P4K-IFMA (N = 4096, two 48-bit primes: Cleveland LR's reply ring), through
// the C ABI as callers use it, side by side:
//   reply_mask/fused       he4j_encrypt_zero_flooded: one score coefficient flooded with 2^67 (Cleveland LR)
//   reply_mask/two_step    what ReplyMasks did before: he4j_encrypt_pk of a zero plaintext, then the flood as two
//                          52-bit limbs, each encoded over all N coefficients and added (he4j_encode_coeffs +
//                          he4j_eval_add_plain)
//   reply_mask/fused_all   he4j_encrypt_zero_flooded flooding every coefficient with 2^30 (batch masks)
// Example: build/native/he4j_native_bench --benchmark_filter=reply_mask --benchmark_repetitions=5
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdlib>
#include <vector>

#include "he4j/he4j.h"

namespace {

void must(he4j_status s) {
    if (s != HE4J_OK) std::abort();
}

struct MaskFixture {
    he4j_context* ctx = nullptr;
    he4j_secret_key* sk = nullptr;
    he4j_public_key* pk = nullptr;
    MaskFixture() {
        must(he4j_context_create_preset("P4K-IFMA", 0, &ctx));
        must(he4j_secret_key_generate(ctx, &sk));
        must(he4j_public_key_generate(ctx, sk, &pk));
    }
};

MaskFixture& fixture() {
    static MaskFixture f;
    return f;
}

void fused(benchmark::State& st) {
    auto& f = fixture();
    he4j_ciphertext* out = nullptr;
    must(he4j_ciphertext_create(f.ctx, &out));
    const uint32_t position[] = {0};
    for (auto _ : st) must(he4j_encrypt_zero_flooded(f.ctx, f.pk, 1, 1.0, position, 1, 67, out));
    he4j_ciphertext_free(out);
}

void fused_all(benchmark::State& st) {
    auto& f = fixture();
    he4j_ciphertext* out = nullptr;
    must(he4j_ciphertext_create(f.ctx, &out));
    uint64_t n = 0;
    must(he4j_context_poly_degree(f.ctx, &n));
    for (auto _ : st) must(he4j_encrypt_zero_flooded(f.ctx, f.pk, 1, 1.0, nullptr, n, 30, out));
    he4j_ciphertext_free(out);
}

void two_step(benchmark::State& st) {
    auto& f = fixture();
    uint64_t n = 0;
    must(he4j_context_poly_degree(f.ctx, &n));
    he4j_ciphertext* out = nullptr;
    he4j_plaintext *zero = nullptr, *limb = nullptr;
    must(he4j_ciphertext_create(f.ctx, &out));
    must(he4j_plaintext_create(f.ctx, &zero));
    must(he4j_plaintext_create(f.ctx, &limb));
    const double nothing = 0;
    must(he4j_encode_coeffs(f.ctx, &nothing, 1, 1.0, 1, zero));
    std::vector<double> low(n, 0.0), high(n, 0.0);  // the flood of position 0 in two limbs, as Flooding.uniform
    for (auto _ : st) {
        low[0] = std::ldexp(0.7, 52);
        high[0] = -std::ldexp(0.3, 15);
        must(he4j_encrypt_pk(f.ctx, f.pk, zero, out));
        for (int i = 0; i < 2; ++i) {
            const double scale = std::ldexp(1.0, 52 * i);
            must(he4j_encode_coeffs(f.ctx, i == 0 ? low.data() : high.data(), n, scale, 1, limb));
            must(he4j_ciphertext_set_scale(out, scale));
            must(he4j_eval_add_plain(f.ctx, out, limb, out));
        }
        must(he4j_ciphertext_set_scale(out, 1.0));
    }
    he4j_plaintext_free(limb);
    he4j_plaintext_free(zero);
    he4j_ciphertext_free(out);
}

BENCHMARK(fused)->Name("reply_mask/fused")->Unit(benchmark::kMicrosecond);
BENCHMARK(two_step)->Name("reply_mask/two_step")->Unit(benchmark::kMicrosecond);
BENCHMARK(fused_all)->Name("reply_mask/fused_all")->Unit(benchmark::kMicrosecond);

}  // namespace
