// Side-by-side timing of he4j's CKKS engine against Microsoft SEAL 4.4.3 + Intel HEXL 1.2.5 in one process,
// SEAL called directly (no he4j wrapper) the way SEAL's own benchmark (native/bench/ckks.cpp) calls it:
// preallocated destinations, in-place rescale/relinearize. Not part of the build: SEAL is not a project
// dependency. Build against a local SEAL+HEXL install ($SEAL) and he4j's static libraries, e.g.
//   cmake -S . -B build/x -DCMAKE_BUILD_TYPE=Release && cmake --build build/x --target he4j_ckks
//   g++ -std=c++20 -O2 -Inative/src -Inative/include -I$SEAL/include/SEAL-4.4 bench/sidebyside/ckks-seal-sidebyside.cpp \
//       build/x/libhe4j_ckks.a build/x/libhe4j_ring.a $SEAL/lib/libseal-4.4.a $SEAL/lib/libhexl.a \
//       /usr/lib/x86_64-linux-gnu/libsodium.a -lzstd -lz -lcpu_features -o /tmp/ckks-seal && /tmp/ckks-seal
// Per (preset, op): kRounds rounds; each round times a batch of calls of he4j and a batch of SEAL (order
// alternating between rounds, so both see the same machine noise), one value per round = batch time / calls.
// Prints medians over rounds in us, of thread CPU time and of wall time, each with ratio = SEAL / he4j
// (> 1: he4j faster).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "ckks/encoder.hpp"
#include "ckks/encryptor.hpp"
#include "ckks/evaluator.hpp"
#include "ckks/keys.hpp"
#include "seal/seal.h"

namespace {

constexpr int kRounds = 41;
constexpr double kBatchUs = 1500;  // target time of one batch

using Clock = std::chrono::steady_clock;

// Thread CPU time: unlike wall time it does not count the time the thread waits for a core on a shared
// machine (memory and cache contention still show).
double cpu_now_us() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) * 1e6 + static_cast<double>(t.tv_nsec) * 1e-3;
}

struct Sample {
    double wall, cpu;  // us per call
};

Sample batch(const std::function<void()>& f, int calls) {
    const double c0 = cpu_now_us();
    const auto t0 = Clock::now();
    for (int i = 0; i < calls; ++i) f();
    const double wall = std::chrono::duration<double, std::micro>(Clock::now() - t0).count();
    return {wall / calls, (cpu_now_us() - c0) / calls};
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

struct Result {
    double wall_ours, wall_seal, cpu_ours, cpu_seal;
};

// Times he4j and SEAL in alternating batches; medians over rounds.
Result side_by_side(const std::function<void()>& ours, const std::function<void()>& seal) {
    const double est = std::max(batch(ours, 1).wall, batch(seal, 1).wall);  // also warms both
    const int calls = std::max(1, static_cast<int>(kBatchUs / std::max(est, 1.0)));
    std::vector<double> wa, wb, ca, cb;
    for (int r = 0; r < kRounds; ++r) {
        const bool ours_first = r % 2 == 0;
        const Sample first = batch(ours_first ? ours : seal, calls);
        const Sample second = batch(ours_first ? seal : ours, calls);
        const Sample& a = ours_first ? first : second;
        const Sample& b = ours_first ? second : first;
        wa.push_back(a.wall), wb.push_back(b.wall), ca.push_back(a.cpu), cb.push_back(b.cpu);
    }
    return {median(wa), median(wb), median(ca), median(cb)};
}

struct PresetDef {
    const char* name;
    std::size_t n;
    std::vector<int> seal_bits;  // data primes then the special prime, as SEAL lists them
    double scale;
};

void run_preset(const PresetDef& p) {
    namespace h = he4j::ckks;
    // he4j
    auto ctx = h::Context::create(h::preset(p.name));
    auto sk = std::make_unique<h::SecretKey>(h::generate_secret_key(*ctx));
    const h::PublicKey pk = h::generate_public_key(*ctx, *sk);
    const h::RelinKey rk = h::generate_relin_key(*ctx, *sk);
    const h::GaloisKeys gk = h::generate_galois_keys(*ctx, *sk, {ctx->galois_element_for_step(1)});
    std::vector<double> x(ctx->slots()), out(ctx->slots());
    for (std::size_t i = 0; i < x.size(); ++i) x[i] = std::sin(0.001 * static_cast<double>(i));
    h::Plaintext hpt, hpt_out;
    h::encode_real(*ctx, x.data(), x.size(), p.scale, ctx->max_level(), hpt);
    h::Ciphertext ha, hb, hc, hprod;
    h::encrypt_pk(*ctx, pk, hpt, ha);
    h::encrypt_pk(*ctx, pk, hpt, hb);
    h::mul_relin(*ctx, rk, ha, hb, hprod);
    h::mul_relin(*ctx, rk, ha, hb, hc);  // preallocated output, shaped like every result below

    // SEAL
    seal::EncryptionParameters parms(seal::scheme_type::ckks);
    parms.set_poly_modulus_degree(p.n);
    parms.set_coeff_modulus(seal::CoeffModulus::Create(p.n, p.seal_bits));
    seal::SEALContext sctx(parms);
    seal::KeyGenerator keygen(sctx);
    const seal::SecretKey ssk = keygen.secret_key();
    seal::PublicKey spk;
    keygen.create_public_key(spk);
    seal::RelinKeys srk;
    keygen.create_relin_keys(srk);
    seal::GaloisKeys sgk;
    keygen.create_galois_keys(std::vector<int>{1}, sgk);
    seal::CKKSEncoder encoder(sctx);
    seal::Encryptor encryptor(sctx, spk, ssk);
    seal::Decryptor decryptor(sctx, ssk);
    seal::Evaluator evaluator(sctx);
    seal::Plaintext spt, spt_out;
    encoder.encode(x, sctx.first_parms_id(), p.scale, spt);
    seal::Ciphertext sa, sb, sc, sprod;
    encryptor.encrypt(spt, sa);
    encryptor.encrypt(spt, sb);
    evaluator.multiply(sa, sb, sprod);
    evaluator.relinearize_inplace(sprod, srk);
    sc = sprod;
    std::vector<double> sout;

    struct Op {
        const char* name;
        std::function<void()> ours, seal;
    };
    const std::vector<Op> ops = {
        {"encode", [&] { h::encode_real(*ctx, x.data(), x.size(), p.scale, ctx->max_level(), hpt_out); },
         [&] { encoder.encode(x, sctx.first_parms_id(), p.scale, spt_out); }},
        {"encrypt_pk", [&] { h::encrypt_pk(*ctx, pk, hpt, hc); }, [&] { encryptor.encrypt(spt, sc); }},
        {"encrypt_sk", [&] { h::encrypt_sk(*ctx, *sk, hpt, hc); }, [&] { encryptor.encrypt_symmetric(spt, sc); }},
        {"decrypt", [&] { h::decrypt(*ctx, *sk, ha, hpt_out); }, [&] { decryptor.decrypt(sa, spt_out); }},
        {"decode", [&] { h::decode_real(*ctx, hpt, out.data(), out.size()); }, [&] { encoder.decode(spt, sout); }},
        {"add", [&] { h::add(*ctx, ha, hb, hc); }, [&] { evaluator.add(sa, sb, sc); }},
        {"multiply_plain", [&] { h::mul_plain(*ctx, ha, hpt, hc); }, [&] { evaluator.multiply_plain(sa, spt, sc); }},
        {"multiply_relin", [&] { h::mul_relin(*ctx, rk, ha, hb, hc); },
         [&] {
             evaluator.multiply(sa, sb, sc);
             evaluator.relinearize_inplace(sc, srk);
         }},
        // SEAL's rescale_to_next_inplace is this same call with destination == input (it copies internally).
        {"rescale", [&] { h::rescale(*ctx, hprod, hc); }, [&] { evaluator.rescale_to_next(sprod, sc); }},
        {"rotate_1", [&] { h::rotate(*ctx, gk, ha, 1, hc); }, [&] { evaluator.rotate_vector(sa, 1, sgk, sc); }},
        {"relin_keygen", [&] { h::RelinKey k = h::generate_relin_key(*ctx, *sk); },
         [&] {
             seal::RelinKeys k;
             keygen.create_relin_keys(k);
         }},
    };
    for (const auto& op : ops) {
        const Result r = side_by_side(op.ours, op.seal);
        std::printf("%-6s %-15s | %10.1f %10.1f %6.2f | %10.1f %10.1f %6.2f\n", p.name, op.name, r.cpu_ours, r.cpu_seal,
                    r.cpu_seal / r.cpu_ours, r.wall_ours, r.wall_seal, r.wall_seal / r.wall_ours);
        std::fflush(stdout);
    }
}

}  // namespace

int main(int argc, char** argv) {
    const std::vector<PresetDef> presets = {
        {"P8K", 8192, {60, 40, 40, 60}, std::ldexp(1.0, 40)},
        {"P16K", 16384, {60, 45, 45, 45, 60}, std::ldexp(1.0, 45)},
    };
    const std::string only = argc > 1 ? argv[1] : "";
    std::printf("%-6s %-15s | %10s %10s %6s | %10s %10s %6s\n", "preset", "op", "he4j_cpu", "seal_cpu", "ratio",
                "he4j_wall", "seal_wall", "ratio");
    for (const auto& p : presets)
        if (only.empty() || only == p.name) run_preset(p);
}
