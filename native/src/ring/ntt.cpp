// NttTables construction (roots in bit-reversed order with Shoup companions) and kernel dispatch.
#include "ntt.hpp"

#include <stdexcept>

#include "cpu_features.hpp"
#include "ntt_kernels.hpp"
#include "primes.hpp"

namespace he4j::ring {
namespace {

std::size_t bit_reverse(std::size_t x, int bits) {
    std::size_t r = 0;
    for (int i = 0; i < bits; ++i) r |= ((x >> i) & 1) << (bits - 1 - i);
    return r;
}

u64 shoup52(u64 w, u64 q) { return static_cast<u64>((static_cast<u128>(w) << 52) / q); }

enum class Kernel { kScalar, kIfma, kDq };

Kernel pick(const NttTables& t) {
    if (t.n() >= 16) {
        if (use_ifma() && detail::ntt_avx512ifma_supports(t)) return Kernel::kIfma;
        if (use_avx512() && detail::ntt_avx512dq_supports(t)) return Kernel::kDq;
    }
    return Kernel::kScalar;
}

}  // namespace

NttTables::NttTables(std::size_t n, const Modulus& q) : n_(n), q_(q) {
    if (n < 2 || n > (std::size_t{1} << 17) || (n & (n - 1)) != 0)
        throw std::invalid_argument("NttTables: n must be a power of two in [2, 2^17]");
    const u64 qv = q.value();
    if (qv >= (u64{1} << 61)) throw std::invalid_argument("NttTables: q must be < 2^61");
    if ((qv - 1) % (2 * n) != 0) throw std::invalid_argument("NttTables: q must be 1 mod 2n");
    if (!is_prime(qv)) throw std::invalid_argument("NttTables: q must be prime");
    int logn = 0;
    while ((std::size_t{1} << logn) < n) ++logn;

    psi_ = minimal_primitive_root(2 * n, qv);
    const u64 psi_inv = inv_mod(psi_, q_);
    inv_n_ = inv_mod(n, q_);
    root_powers_.resize(n);
    root_powers_shoup_.resize(n);
    inv_root_powers_.resize(n);
    inv_root_powers_shoup_.resize(n);
    u64 p = 1, pi = 1;
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t r = bit_reverse(i, logn);
        root_powers_[r] = p;
        inv_root_powers_[r] = pi;
        p = mul_mod(p, psi_, q_);
        pi = mul_mod(pi, psi_inv, q_);
    }
    for (std::size_t i = 0; i < n; ++i) {
        root_powers_shoup_[i] = shoup_precompute(root_powers_[i], qv);
        inv_root_powers_shoup_[i] = shoup_precompute(inv_root_powers_[i], qv);
    }

    auto k = std::make_shared<detail::NttKernelTables>();
    k->inv_n_shoup = shoup_precompute(inv_n_, qv);
    k->inv_n_w = mul_mod(inv_n_, inv_root_powers_[1], q_);
    k->inv_n_w_shoup = shoup_precompute(k->inv_n_w, qv);
    if (qv < (u64{1} << 50)) {
        k->root_powers_shoup52.resize(n);
        k->inv_root_powers_shoup52.resize(n);
        for (std::size_t i = 0; i < n; ++i) {
            k->root_powers_shoup52[i] = shoup52(root_powers_[i], qv);
            k->inv_root_powers_shoup52[i] = shoup52(inv_root_powers_[i], qv);
        }
        k->inv_n_shoup52 = shoup52(inv_n_, qv);
        k->inv_n_w_shoup52 = shoup52(k->inv_n_w, qv);
    }
    kernel_ = std::move(k);
}

void NttTables::forward(u64* a) const {
    switch (pick(*this)) {
        case Kernel::kIfma: detail::ntt_forward_avx512ifma(*this, a); return;
        case Kernel::kDq: detail::ntt_forward_avx512dq(*this, a); return;
        case Kernel::kScalar: break;
    }
    detail::ntt_forward_scalar(*this, a);
}

void NttTables::inverse(u64* a) const {
    switch (pick(*this)) {
        case Kernel::kIfma: detail::ntt_inverse_avx512ifma(*this, a); return;
        case Kernel::kDq: detail::ntt_inverse_avx512dq(*this, a); return;
        case Kernel::kScalar: break;
    }
    detail::ntt_inverse_scalar(*this, a);
}

}  // namespace he4j::ring
