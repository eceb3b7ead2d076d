#include "ckks/keys.hpp"

#include <sodium.h>

#include "common/error.hpp"
#include "ring/eltwise.hpp"

namespace he4j::ckks {

using ring::u64;

SecretKey::~SecretKey() {
    if (!coeffs.empty()) sodium_memzero(coeffs.data(), coeffs.size());
    if (!ntt.empty()) sodium_memzero(ntt.data(), ntt.size() * sizeof(u64));
}

void complete_secret_key(const Context& ctx, SecretKey& sk) {
    sk.ntt.assign(ctx.total_count() * ctx.n(), 0);
    small_to_ntt(ctx, sk.coeffs.data(), ctx.total_count(), [](std::size_t r) { return r; }, sk.ntt.data());
}

SecretKey generate_secret_key(const Context& ctx) {
    SecretKey sk;
    sk.coeffs.resize(ctx.n());
    sample_ternary(sk.coeffs.data(), ctx.n());
    complete_secret_key(ctx, sk);
    return sk;
}

void expand_public_key(const Context& ctx, PublicKey& pk) {
    const std::size_t n = ctx.n();
    pk.a.resize(ctx.data_count() * n);
    for (std::size_t i = 0; i < ctx.data_count(); ++i) expand_uniform(ctx, pk.seed, kDomainPublicKey, i, pk.a.data() + i * n);
}

PublicKey generate_public_key(const Context& ctx, const SecretKey& sk) {
    return public_key_from_seed(ctx, sk, random_seed());
}

PublicKey public_key_from_seed(const Context& ctx, const SecretKey& sk, const Seed& seed) {
    const std::size_t n = ctx.n(), rows = ctx.data_count();
    PublicKey pk;
    pk.seed = seed;
    expand_public_key(ctx, pk);
    std::vector<std::int8_t> e(n);
    sample_cbd(e.data(), n);
    pk.b.resize(rows * n);
    small_to_ntt(ctx, e.data(), rows, [](std::size_t r) { return r; }, pk.b.data());
    sodium_memzero(e.data(), e.size());
    std::vector<u64> as(n);
    for (std::size_t i = 0; i < rows; ++i) {
        const auto& q = ctx.modulus(i);
        ring::eltwise_mul_mod(as.data(), pk.a.data() + i * n, sk.ntt.data() + i * n, n, q);
        ring::eltwise_sub_mod(pk.b.data() + i * n, pk.b.data() + i * n, as.data(), n, q.value());
    }
    sodium_memzero(as.data(), as.size() * sizeof(u64));  // a*s and b together give the noise e
    return pk;
}

void expand_key_switch_key(const Context& ctx, KeySwitchKey& k) {
    const std::size_t n = ctx.n(), total = ctx.total_count();
    k.a.resize(ctx.dnum() * total * n);
    for (std::size_t j = 0; j < ctx.dnum(); ++j)
        for (std::size_t i = 0; i < total; ++i)
            expand_uniform(ctx, k.seed, domain_key_switch(j), i, k.a.data() + (j * total + i) * n);
}

namespace {

// new_key: s' in NTT form over the data primes (data_count rows).
KeySwitchKey generate_key_switch_key(const Context& ctx, const SecretKey& sk, const u64* new_key) {
    require(ctx.special_count() > 0, ErrorKind::kUnsupported,
            "key switching needs special primes; these parameters have none (special_count = 0), so "
            "relinearization and Galois keys are unavailable");
    const std::size_t n = ctx.n(), total = ctx.total_count(), alpha = ctx.alpha();
    KeySwitchKey k;
    k.seed = random_seed();
    expand_key_switch_key(ctx, k);
    k.b.resize(ctx.dnum() * total * n);
    std::vector<std::int8_t> e(n);
    std::vector<u64> t(n);
    for (std::size_t j = 0; j < ctx.dnum(); ++j) {
        u64* b = k.b.data() + j * total * n;
        sample_cbd(e.data(), n);
        small_to_ntt(ctx, e.data(), total, [](std::size_t r) { return r; }, b);
        for (std::size_t i = 0; i < total; ++i) {
            const auto& q = ctx.modulus(i);
            u64* bi = b + i * n;
            ring::eltwise_mul_mod(t.data(), k.a.data() + (j * total + i) * n, sk.ntt.data() + i * n, n, q);
            ring::eltwise_sub_mod(bi, bi, t.data(), n, q.value());
            if (i >= j * alpha && i < (j + 1) * alpha && i < ctx.data_count()) {
                ring::eltwise_mul_scalar_mod(t.data(), new_key + i * n, ctx.p_mod_q(i), n, q);
                ring::eltwise_add_mod(bi, bi, t.data(), n, q.value());
            }
        }
    }
    sodium_memzero(e.data(), e.size());
    sodium_memzero(t.data(), t.size() * sizeof(u64));
    return k;
}

}  // namespace

u64 galois_inverse(const Context& ctx, u64 g) {
    // The unit group mod 2N has order N, so g^-1 = g^(N-1).
    const u64 m = 2 * ctx.n();
    u64 r = 1, b = g % m;
    for (u64 e = ctx.n() - 1; e; e >>= 1) {
        if (e & 1) r = r * b % m;
        b = b * b % m;
    }
    return r;
}

void permute_key_rows(const Context& ctx, KeySwitchKey& k, u64 g_inverse) {
    const std::size_t n = ctx.n();
    const auto& perm = ctx.galois_permutation(g_inverse);
    std::vector<u64> tmp(n);
    for (auto* v : {&k.b, &k.a})
        for (std::size_t off = 0; off < v->size(); off += n) {
            u64* row = v->data() + off;
            for (std::size_t c = 0; c < n; ++c) tmp[c] = row[perm[c]];
            std::copy(tmp.begin(), tmp.end(), row);
        }
}

RelinKey generate_relin_key(const Context& ctx, const SecretKey& sk) {
    const std::size_t n = ctx.n(), rows = ctx.data_count();
    std::vector<u64> s2(rows * n);
    for (std::size_t i = 0; i < rows; ++i)
        ring::eltwise_mul_mod(s2.data() + i * n, sk.ntt.data() + i * n, sk.ntt.data() + i * n, n, ctx.modulus(i));
    RelinKey rk{generate_key_switch_key(ctx, sk, s2.data())};
    sodium_memzero(s2.data(), s2.size() * sizeof(u64));
    return rk;
}

GaloisKeys generate_galois_keys(const Context& ctx, const SecretKey& sk, const std::vector<u64>& elements) {
    require(ctx.special_count() > 0, ErrorKind::kUnsupported,
            "Galois keys need special primes; these parameters have none (special_count = 0)");
    const std::size_t n = ctx.n(), rows = ctx.data_count();
    GaloisKeys gk;
    std::vector<u64> sg(rows * n);
    for (u64 g : elements) {
        if (gk.keys.count(g)) continue;
        const auto& perm = ctx.galois_permutation(g);
        for (std::size_t i = 0; i < rows; ++i) {
            const u64* s = sk.ntt.data() + i * n;
            u64* o = sg.data() + i * n;
            for (std::size_t k = 0; k < n; ++k) o[k] = s[perm[k]];
        }
        KeySwitchKey k = generate_key_switch_key(ctx, sk, sg.data());
        permute_key_rows(ctx, k, galois_inverse(ctx, g));
        gk.keys.emplace(g, std::move(k));
    }
    sodium_memzero(sg.data(), sg.size() * sizeof(u64));
    return gk;
}

}  // namespace he4j::ckks
