#include "ckks/base_conv.hpp"

#include <algorithm>

#include "ckks/fast_mod.hpp"

namespace he4j::ckks {

using ring::u64;

FastBaseConverter::FastBaseConverter(const std::vector<ring::Modulus>& from, const std::vector<ring::Modulus>& to) {
    const std::size_t a = from.size(), b = to.size();
    for (const auto& q : from) from_.push_back(q.value());
    for (const auto& p : to) {
        to_.push_back(p.value());
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
            const u64 p = to_[j], bh = to_barrett_[j];
            u64* o = out[j];
            if (q <= p) std::copy(in, in + n, o);
            else
                for (std::size_t c = 0; c < n; ++c) o[c] = reduce64(in[c], p, bh);
        }
        return;
    }
    const u64* y = in;
    if (a > 1) {  // with one prime the scaling factor is 1
        u64* scaled = tmp;
        for (std::size_t i = 0; i < a; ++i)
            for (std::size_t c = 0; c < n; ++c)
                scaled[i * n + c] = ring::mul_mod_shoup(in[i * n + c], inv_[i], inv_shoup_[i], from_[i]);
        y = scaled;
    }
    for (std::size_t j = 0; j < b; ++j) {
        const u64 p = to_[j];
        u64* o = out[j];
        const u64 w0 = w_[j * a], s0 = w_shoup_[j * a];
        for (std::size_t c = 0; c < n; ++c) o[c] = ring::mul_mod_shoup(y[c], w0, s0, p);
        for (std::size_t i = 1; i < a; ++i) {
            const u64 w = w_[j * a + i], s = w_shoup_[j * a + i];
            const u64* yi = y + i * n;
            for (std::size_t c = 0; c < n; ++c) {
                const u64 t = o[c] + ring::mul_mod_shoup(yi[c], w, s, p);
                o[c] = t >= p ? t - p : t;
            }
        }
    }
}

}  // namespace he4j::ckks
