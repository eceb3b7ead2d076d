#include "ckks/encryptor.hpp"

#include <sodium.h>

#include <vector>

#include "common/error.hpp"
#include "ring/eltwise.hpp"

namespace he4j::ckks {

using ring::u64;

namespace {
auto identity = [](std::size_t r) { return r; };
}

void encrypt_pk(const Context& ctx, const PublicKey& pk, const Plaintext& pt, Ciphertext& out) {
    if (pt.empty()) fail(ErrorKind::kInvalidArgument, "encrypt: plaintext is empty");
    const std::size_t n = ctx.n(), rows = pt.rows();
    Ciphertext& ct = out;  // cannot alias pt: written in place, reusing its buffer
    ct.reset(pt.level, 2, n);
    ct.scale = pt.scale;
    std::vector<std::int8_t> small(n);
    std::vector<u64> u(rows * n);
    sample_ternary(small.data(), n);
    small_to_ntt(ctx, small.data(), rows, identity, u.data());
    sample_cbd(small.data(), n);
    small_to_ntt(ctx, small.data(), rows, identity, ct.poly(0, n));
    sample_cbd(small.data(), n);
    small_to_ntt(ctx, small.data(), rows, identity, ct.poly(1, n));
    for (std::size_t i = 0; i < rows; ++i) {
        const auto& q = ctx.modulus(i);
        u64* c0 = ct.poly(0, n) + i * n;
        u64* c1 = ct.poly(1, n) + i * n;
        const u64* ui = u.data() + i * n;
        ring::eltwise_mul_add_mod(c0, ui, pk.b.data() + i * n, n, q);
        ring::eltwise_add_mod(c0, c0, pt.row(i, n), n, q.value());
        ring::eltwise_mul_add_mod(c1, ui, pk.a.data() + i * n, n, q);
    }
    sodium_memzero(small.data(), small.size());
    sodium_memzero(u.data(), u.size() * sizeof(u64));
}

void expand_seeded_c1(const Context& ctx, Ciphertext& ct) {
    const std::size_t n = ctx.n();
    for (std::size_t i = 0; i < ct.rows(); ++i)
        expand_uniform(ctx, ct.seed, kDomainCiphertext, i, ct.poly(1, n) + i * n);
}

void encrypt_sk(const Context& ctx, const SecretKey& sk, const Plaintext& pt, Ciphertext& out) {
    if (pt.empty()) fail(ErrorKind::kInvalidArgument, "encrypt: plaintext is empty");
    const std::size_t n = ctx.n(), rows = pt.rows();
    Ciphertext& ct = out;  // cannot alias pt: written in place, reusing its buffer
    ct.reset(pt.level, 2, n);
    ct.scale = pt.scale;
    ct.seed = random_seed();
    expand_seeded_c1(ctx, ct);
    ct.seeded = true;
    std::vector<std::int8_t> e(n);
    sample_cbd(e.data(), n);
    small_to_ntt(ctx, e.data(), rows, identity, ct.poly(0, n));
    std::vector<u64> t(n);
    for (std::size_t i = 0; i < rows; ++i) {
        const auto& q = ctx.modulus(i);
        u64* c0 = ct.poly(0, n) + i * n;
        ring::eltwise_mul_mod(t.data(), ct.poly(1, n) + i * n, sk.ntt.data() + i * n, n, q);
        ring::eltwise_sub_mod(c0, c0, t.data(), n, q.value());
        ring::eltwise_add_mod(c0, c0, pt.row(i, n), n, q.value());
    }
    sodium_memzero(e.data(), e.size());
}

void decrypt(const Context& ctx, const SecretKey& sk, const Ciphertext& ct, Plaintext& out) {
    if (ct.empty()) fail(ErrorKind::kInvalidArgument, "decrypt: ciphertext is empty");
    const std::size_t n = ctx.n(), rows = ct.rows();
    Plaintext& pt = out;  // cannot alias ct: written in place, reusing its buffer
    pt.level = ct.level;
    pt.scale = ct.scale;
    pt.data.assign(ct.poly(0, n), ct.poly(0, n) + rows * n);
    std::vector<u64> s2;
    if (ct.size == 3) s2.resize(n);
    for (std::size_t i = 0; i < rows; ++i) {
        const auto& q = ctx.modulus(i);
        const u64* s = sk.ntt.data() + i * n;
        u64* m = pt.row(i, n);
        ring::eltwise_mul_add_mod(m, ct.poly(1, n) + i * n, s, n, q);
        if (ct.size == 3) {
            ring::eltwise_mul_mod(s2.data(), s, s, n, q);
            ring::eltwise_mul_add_mod(m, ct.poly(2, n) + i * n, s2.data(), n, q);
        }
    }
    if (!s2.empty()) sodium_memzero(s2.data(), s2.size() * sizeof(u64));
}

}  // namespace he4j::ckks
