// CKKS operation benchmarks, named ckks_<op>/<preset> (preset P8K or P16K), single thread.
// Serialized sizes are reported as counters on ckks_encrypt_pk / ckks_encrypt_sk / the key generators.
#include <benchmark/benchmark.h>

#include <map>
#include <memory>
#include <string>

#include "ckks/encoder.hpp"
#include "ckks/encryptor.hpp"
#include "ckks/evaluator.hpp"
#include "ckks/keys.hpp"
#include "ckks/serialization.hpp"

namespace he4j::ckks {
namespace {

struct Fixture {
    ContextPtr ctx;
    std::unique_ptr<SecretKey> sk;
    PublicKey pk;
    RelinKey rk;
    GaloisKeys gk;
    std::vector<double> x;
    Plaintext pt;
    Ciphertext a, b, product;

    explicit Fixture(const std::string& name) {
        ctx = Context::create(preset(name));
        sk = std::make_unique<SecretKey>(generate_secret_key(*ctx));
        pk = generate_public_key(*ctx, *sk);
        rk = generate_relin_key(*ctx, *sk);
        std::vector<std::uint64_t> elements;
        for (int s = 1; s <= 8; ++s) elements.push_back(ctx->galois_element_for_step(s));
        gk = generate_galois_keys(*ctx, *sk, elements);
        x.resize(ctx->slots());
        for (std::size_t i = 0; i < x.size(); ++i) x[i] = std::sin(0.001 * static_cast<double>(i));
        encode_real(*ctx, x.data(), x.size(), ctx->default_scale(), ctx->max_level(), pt);
        encrypt_pk(*ctx, pk, pt, a);
        encrypt_sk(*ctx, *sk, pt, b);
        b.seeded = false;
        mul_relin(*ctx, rk, a, b, product);
    }
};

Fixture& fixture(const std::string& name) {
    static std::map<std::string, std::unique_ptr<Fixture>> cache;
    auto& f = cache[name];
    if (!f) f = std::make_unique<Fixture>(name);
    return *f;
}

using Op = void (*)(benchmark::State&, Fixture&);

void encode(benchmark::State& st, Fixture& f) {
    Plaintext p;
    for (auto _ : st) {
        encode_real(*f.ctx, f.x.data(), f.x.size(), f.ctx->default_scale(), f.ctx->max_level(), p);
        benchmark::DoNotOptimize(p.data.data());
    }
}
void encrypt_pk_op(benchmark::State& st, Fixture& f) {
    Ciphertext c;
    for (auto _ : st) encrypt_pk(*f.ctx, f.pk, f.pt, c);
    st.counters["ciphertext_bytes"] = static_cast<double>(serialized_size(*f.ctx, c));
    st.counters["public_key_bytes"] = static_cast<double>(serialized_size(*f.ctx, f.pk));
}
void encrypt_sk_op(benchmark::State& st, Fixture& f) {
    Ciphertext c;
    for (auto _ : st) encrypt_sk(*f.ctx, *f.sk, f.pt, c);
    st.counters["ciphertext_bytes"] = static_cast<double>(serialized_size(*f.ctx, c));
}
void decrypt_op(benchmark::State& st, Fixture& f) {
    Plaintext p;
    for (auto _ : st) decrypt(*f.ctx, *f.sk, f.a, p);
}
void decode(benchmark::State& st, Fixture& f) {
    std::vector<double> out(f.ctx->slots());
    for (auto _ : st) {
        decode_real(*f.ctx, f.pt, out.data(), out.size());
        benchmark::DoNotOptimize(out.data());
    }
}
void add_op(benchmark::State& st, Fixture& f) {
    Ciphertext c = f.a;
    for (auto _ : st) add(*f.ctx, f.a, f.b, c);
}
void multiply_plain(benchmark::State& st, Fixture& f) {
    Ciphertext c = f.a;
    for (auto _ : st) mul_plain(*f.ctx, f.a, f.pt, c);
}
void multiply_relin(benchmark::State& st, Fixture& f) {
    Ciphertext c;
    for (auto _ : st) mul_relin(*f.ctx, f.rk, f.a, f.b, c);
}
void rescale_op(benchmark::State& st, Fixture& f) {
    Ciphertext c;
    for (auto _ : st) rescale(*f.ctx, f.product, c);
}
void rotate_1(benchmark::State& st, Fixture& f) {
    Ciphertext c;
    for (auto _ : st) rotate(*f.ctx, f.gk, f.a, 1, c);
}
void rotate_hoisted_8(benchmark::State& st, Fixture& f) {
    std::vector<Ciphertext> outs(8);
    std::vector<Ciphertext*> ptrs;
    for (auto& o : outs) ptrs.push_back(&o);
    const std::vector<std::int64_t> steps = {1, 2, 3, 4, 5, 6, 7, 8};
    for (auto _ : st) rotate_hoisted(*f.ctx, f.gk, f.a, steps, ptrs);
}
void relin_keygen(benchmark::State& st, Fixture& f) {
    for (auto _ : st) {
        RelinKey k = generate_relin_key(*f.ctx, *f.sk);
        benchmark::DoNotOptimize(k.key.b.data());
    }
    st.counters["relin_key_bytes"] = static_cast<double>(serialized_size(*f.ctx, f.rk));
}
void galois_keygen_1step(benchmark::State& st, Fixture& f) {
    const std::vector<std::uint64_t> one = {f.ctx->galois_element_for_step(1)};
    GaloisKeys k;
    for (auto _ : st) {
        k = generate_galois_keys(*f.ctx, *f.sk, one);
        benchmark::DoNotOptimize(k.keys.size());
    }
    st.counters["galois_key_bytes_per_step"] = static_cast<double>(serialized_size(*f.ctx, k));
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
    return 0;
}();

}  // namespace
}  // namespace he4j::ckks
