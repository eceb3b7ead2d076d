#include "ring/base_converter.hpp"

#include <algorithm>
#include <stdexcept>

#include "ring/eltwise.hpp"

namespace he4j::ring {

namespace {

// (Q/q_i) mod m: the product of every `from` modulus but the i-th.
u64 punctured_product(const std::vector<Modulus>& from, std::size_t i, const Modulus& m) {
    u64 h = 1;
    for (std::size_t k = 0; k < from.size(); ++k)
        if (k != i) h = mul_mod(h, m.reduce(from[k].value()), m);
    return h;
}

}  // namespace

BaseConverter::BaseConverter(const std::vector<Modulus>& from, const std::vector<Modulus>& to)
    : from_(from), to_(to) {
    if (from.empty()) throw std::invalid_argument("BaseConverter: empty source base");
    const std::size_t a = from.size(), b = to.size();
    for (std::size_t i = 0; i < a; ++i) inv_.push_back(a == 1 ? 1 : inv_mod(punctured_product(from, i, from[i]), from[i]));
    w_.resize(a * b);
    for (std::size_t j = 0; j < b; ++j)
        for (std::size_t i = 0; i < a; ++i) w_[j * a + i] = punctured_product(from, i, to[j]);
}

void BaseConverter::convert(const u64* in, u64* const* out, std::size_t n, u64* tmp) const {
    const std::size_t a = from_.size(), b = to_.size();
    if (a == 1) {  // one source prime: the lift is the residue itself, reduced mod each target
        for (std::size_t j = 0; j < b; ++j) {
            if (from_[0].value() <= to_[j].value()) std::copy(in, in + n, out[j]);
            else eltwise_reduce_mod(out[j], in, n, to_[j]);
        }
        return;
    }
    // Scale each residue by its inverse CRT factor, then accumulate the weighted sum per target prime.
    // Shoup handles inputs >= p, so the source residues need no pre-reduction.
    u64* scaled = tmp;
    for (std::size_t i = 0; i < a; ++i) eltwise_mul_scalar_mod(scaled + i * n, in + i * n, inv_[i], n, from_[i]);
    for (std::size_t j = 0; j < b; ++j) {
        u64* o = out[j];
        std::fill(o, o + n, u64{0});
        for (std::size_t i = 0; i < a; ++i) eltwise_mul_scalar_add_mod(o, scaled + i * n, w_[j * a + i], n, to_[j]);
    }
}

}  // namespace he4j::ring
