#include "ckks/base_conv.hpp"

#include <algorithm>

#include "ckks/fast_mod.hpp"
#include "ring/eltwise.hpp"

namespace he4j::ckks {

using ring::u64;

FastBaseConverter::FastBaseConverter(const std::vector<ring::Modulus>& from, const std::vector<ring::Modulus>& to) {
    const std::size_t a = from.size(), b = to.size();
    for (const auto& q : from) {
        from_.push_back(q.value());
        from_mod_.push_back(q);
    }
    for (const auto& p : to) {
        to_.push_back(p.value());
        to_mod_.push_back(p);
        to_barrett_.push_back(p.barrett_hi());
    }
    for (std::size_t i = 0; i < a; ++i) {
        u64 h = 1;
        for (std::size_t k = 0; k < a; ++k)
            if (k != i) h = ring::mul_mod(h, from[i].reduce(from[k].value()), from[i]);
        inv_.push_back(ring::inv_mod(h, from[i]));
        inv_shoup_.push_back(ring::shoup_precompute(inv_.back(), from_[i]));
    }
    w_.resize(a * b);
    w_shoup_.resize(a * b);
    for (std::size_t j = 0; j < b; ++j)
        for (std::size_t i = 0; i < a; ++i) {
            u64 h = 1;
            for (std::size_t k = 0; k < a; ++k)
                if (k != i) h = ring::mul_mod(h, to[j].reduce(from[k].value()), to[j]);
            w_[j * a + i] = h;
            w_shoup_[j * a + i] = ring::shoup_precompute(h, to_[j]);
        }
}

void FastBaseConverter::convert(const u64* in, u64* const* out, std::size_t n, u64* tmp) const {
    const std::size_t a = from_.size(), b = to_.size();
    if (a == 1) {  // one source prime: the lift is the residue itself, reduced mod each target
        const u64 q = from_[0];
        for (std::size_t j = 0; j < b; ++j) {
            const u64 p = to_[j];
            u64* o = out[j];
            if (q <= p) std::copy(in, in + n, o);
            else ring::eltwise_reduce_mod(o, in, n, to_mod_[j]);
        }
        return;
    }
    // SIMD path (ring kernels): scale each residue by its inverse CRT factor, then accumulate the weighted
    // sum per target prime. Shoup handles inputs >= p, so the source residues need no pre-reduction.
    u64* scaled = tmp;
    for (std::size_t i = 0; i < a; ++i) {
        ring::eltwise_mul_scalar_mod(scaled + i * n, in + i * n, inv_[i], n, from_mod_[i]);
    }
    for (std::size_t j = 0; j < b; ++j) {
        const ring::Modulus& p = to_mod_[j];
        u64* o = out[j];
        std::fill(o, o + n, u64{0});
        for (std::size_t i = 0; i < a; ++i) ring::eltwise_mul_scalar_add_mod(o, scaled + i * n, w_[j * a + i], n, p);
    }
}

}  // namespace he4j::ckks
