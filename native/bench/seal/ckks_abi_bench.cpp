// CKKS operation benchmarks through the C ABI only (he4j.h), so the same code runs on any backend library:
// linked against libhe4j_seal it is he4j_seal_bench, against the own engine's libhe4j it is he4j_abi_bench.
// Names and workloads mirror native/bench/ckks_bench.cpp: ckks_<op>/<preset> for P8K and P16K, single
// thread; serialized sizes are reported as counters.
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "he4j/he4j.h"

namespace {

void check(he4j_status s, const char* what) {
    if (s != HE4J_OK) {
        std::fprintf(stderr, "%s failed (%d): %s\n", what, static_cast<int>(s), he4j_last_error_message());
        std::abort();
    }
}
#define CHECK(call) check((call), #call)

struct Fixture {
    he4j_context* ctx = nullptr;
    he4j_secret_key* sk = nullptr;
    he4j_public_key* pk = nullptr;
    he4j_relin_key* rk = nullptr;
    he4j_galois_keys* gk = nullptr;
    std::vector<double> x;
    he4j_plaintext* pt = nullptr;
    he4j_ciphertext *a = nullptr, *b = nullptr, *product = nullptr;
    double scale = 0;

    explicit Fixture(const std::string& name) {
        CHECK(he4j_context_create_preset(name.c_str(), 0, &ctx));
        CHECK(he4j_secret_key_generate(ctx, &sk));
        CHECK(he4j_public_key_generate(ctx, sk, &pk));
        CHECK(he4j_relin_key_generate(ctx, sk, &rk));
        const int32_t steps[] = {1, 2, 3, 4, 5, 6, 7, 8};
        CHECK(he4j_galois_keys_generate(ctx, sk, steps, 8, 0, &gk));
        uint64_t slots = 0;
        CHECK(he4j_context_slot_count(ctx, &slots));
        CHECK(he4j_context_default_scale(ctx, &scale));
        x.resize(slots);
        for (std::size_t i = 0; i < x.size(); ++i) x[i] = std::sin(0.001 * static_cast<double>(i));
        CHECK(he4j_plaintext_create(ctx, &pt));
        CHECK(he4j_encode_real(ctx, x.data(), x.size(), scale, -1, pt));
        for (auto** c : {&a, &b, &product}) CHECK(he4j_ciphertext_create(ctx, c));
        CHECK(he4j_encrypt_pk(ctx, pk, pt, a));
        CHECK(he4j_encrypt_sk(ctx, sk, pt, b));
        CHECK(he4j_eval_negate(ctx, b, b));  // an ordinary (not seeded) ciphertext, like the own bench's
        CHECK(he4j_eval_negate(ctx, b, b));
        CHECK(he4j_eval_mul_relin(ctx, rk, a, b, product));
    }
    he4j_ciphertext* new_ct() {
        he4j_ciphertext* c = nullptr;
        CHECK(he4j_ciphertext_create(ctx, &c));
        return c;
    }
};

Fixture& fixture(const std::string& name) {
    static std::map<std::string, std::unique_ptr<Fixture>> cache;
    auto& f = cache[name];
    if (!f) f = std::make_unique<Fixture>(name);
    return *f;
}

template <class Save, class Obj>
double saved_bytes(Save save, const Obj* obj) {
    size_t n = 0;
    CHECK(save(obj, nullptr, 0, &n));
    std::vector<uint8_t> buf(n);
    CHECK(save(obj, buf.data(), buf.size(), &n));
    return static_cast<double>(n);
}

using Op = void (*)(benchmark::State&, Fixture&);

void encode(benchmark::State& st, Fixture& f) {
    he4j_plaintext* p = nullptr;
    CHECK(he4j_plaintext_create(f.ctx, &p));
    for (auto _ : st) CHECK(he4j_encode_real(f.ctx, f.x.data(), f.x.size(), f.scale, -1, p));
    he4j_plaintext_free(p);
}
void encrypt_pk_op(benchmark::State& st, Fixture& f) {
    he4j_ciphertext* c = f.new_ct();
    for (auto _ : st) CHECK(he4j_encrypt_pk(f.ctx, f.pk, f.pt, c));
    st.counters["ciphertext_bytes"] = saved_bytes(he4j_ciphertext_save, c);
    st.counters["public_key_bytes"] = saved_bytes(he4j_public_key_save, f.pk);
    he4j_ciphertext_free(c);
}
void encrypt_sk_op(benchmark::State& st, Fixture& f) {
    he4j_ciphertext* c = f.new_ct();
    for (auto _ : st) CHECK(he4j_encrypt_sk(f.ctx, f.sk, f.pt, c));
    st.counters["ciphertext_bytes"] = saved_bytes(he4j_ciphertext_save, c);
    he4j_ciphertext_free(c);
}
void decrypt_op(benchmark::State& st, Fixture& f) {
    he4j_plaintext* p = nullptr;
    CHECK(he4j_plaintext_create(f.ctx, &p));
    for (auto _ : st) CHECK(he4j_decrypt(f.ctx, f.sk, f.a, p));
    he4j_plaintext_free(p);
}
void decode(benchmark::State& st, Fixture& f) {
    std::vector<double> out(f.x.size());
    for (auto _ : st) {
        CHECK(he4j_decode_real(f.ctx, f.pt, out.data(), out.size()));
        benchmark::DoNotOptimize(out.data());
    }
}
void add_op(benchmark::State& st, Fixture& f) {
    he4j_ciphertext* c = f.new_ct();
    CHECK(he4j_ciphertext_copy(f.a, c));
    for (auto _ : st) CHECK(he4j_eval_add(f.ctx, f.a, f.b, c));
    he4j_ciphertext_free(c);
}
void multiply_plain(benchmark::State& st, Fixture& f) {
    he4j_ciphertext* c = f.new_ct();
    CHECK(he4j_ciphertext_copy(f.a, c));
    for (auto _ : st) CHECK(he4j_eval_mul_plain(f.ctx, f.a, f.pt, c));
    he4j_ciphertext_free(c);
}
void multiply_relin(benchmark::State& st, Fixture& f) {
    he4j_ciphertext* c = f.new_ct();
    for (auto _ : st) CHECK(he4j_eval_mul_relin(f.ctx, f.rk, f.a, f.b, c));
    he4j_ciphertext_free(c);
}
void rescale_op(benchmark::State& st, Fixture& f) {
    he4j_ciphertext* c = f.new_ct();
    for (auto _ : st) CHECK(he4j_eval_rescale(f.ctx, f.product, c));
    he4j_ciphertext_free(c);
}
void rotate_1(benchmark::State& st, Fixture& f) {
    he4j_ciphertext* c = f.new_ct();
    for (auto _ : st) CHECK(he4j_eval_rotate(f.ctx, f.gk, f.a, 1, c));
    he4j_ciphertext_free(c);
}
void rotate_hoisted_8(benchmark::State& st, Fixture& f) {
    std::vector<he4j_ciphertext*> outs(8);
    for (auto& o : outs) o = f.new_ct();
    const int32_t steps[] = {1, 2, 3, 4, 5, 6, 7, 8};
    for (auto _ : st) CHECK(he4j_eval_rotate_hoisted(f.ctx, f.gk, f.a, steps, 8, outs.data()));
    for (auto* o : outs) he4j_ciphertext_free(o);
}
void relin_keygen(benchmark::State& st, Fixture& f) {
    for (auto _ : st) {
        he4j_relin_key* k = nullptr;
        CHECK(he4j_relin_key_generate(f.ctx, f.sk, &k));
        he4j_relin_key_free(k);
    }
    st.counters["relin_key_bytes"] = saved_bytes(he4j_relin_key_save, f.rk);
}
void galois_keygen_1step(benchmark::State& st, Fixture& f) {
    const int32_t one[] = {1};
    he4j_galois_keys* k = nullptr;
    for (auto _ : st) {
        he4j_galois_keys_free(k);
        k = nullptr;
        CHECK(he4j_galois_keys_generate(f.ctx, f.sk, one, 1, 0, &k));
    }
    st.counters["galois_key_bytes_per_step"] = saved_bytes(he4j_galois_keys_save, k);
    he4j_galois_keys_free(k);
}

const int registered = [] {
    const std::pair<const char*, Op> ops[] = {
        {"encode", encode},
        {"encrypt_pk", encrypt_pk_op},
        {"encrypt_sk", encrypt_sk_op},
        {"decrypt", decrypt_op},
        {"decode", decode},
        {"add", add_op},
        {"multiply_plain", multiply_plain},
        {"multiply_relin", multiply_relin},
        {"rescale", rescale_op},
        {"rotate_1", rotate_1},
        {"rotate_hoisted_8", rotate_hoisted_8},
        {"relin_keygen", relin_keygen},
        {"galois_keygen_1step", galois_keygen_1step},
    };
    for (const char* preset_name : {"P8K", "P16K"}) {
        for (const auto& [op, fn] : ops) {
            const std::string p = preset_name;
            const Op f = fn;
            benchmark::RegisterBenchmark((std::string("ckks_") + op + "/" + p).c_str(),
                                         [p, f](benchmark::State& st) { f(st, fixture(p)); })
                ->Unit(benchmark::kMicrosecond);
        }
    }
    benchmark::AddCustomContext("he4j_backend", he4j_backend_name());
    benchmark::AddCustomContext("he4j_cpu_path", he4j_cpu_path());
    return 0;
}();

}  // namespace
