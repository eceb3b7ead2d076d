// Hybrid key switching (Han & Ki, "Better bootstrapping for approximate HE", CT-RSA 2020; Gentry-Halevi-Smart
// 2012): a polynomial mod Q_l is split into digits of alpha = K primes; each digit is lifted exactly to the
// extended basis Q_l * P (ModUp, fast base conversion), multiplied by the key, summed, and divided by P
// (ModDown). Hoisting (Halevi-Shoup, "Faster homomorphic linear transformations in HElib", Crypto 2018):
// the lifted digits of c1 are computed once and permuted per rotation in the NTT domain.
#pragma once
#include <cstdint>
#include <memory>
#include <vector>

#include "ckks/context.hpp"
#include "ckks/keys.hpp"

namespace he4j::ckks {

// Lifted digits of one polynomial at a level: digits x ext rows of N words, NTT form. A digit's own rows
// (r / alpha == digit) are the input's rows, read from the input itself rather than copied.
struct Decomposed {
    std::uint32_t level = 0;
    std::size_t digits = 0, ext = 0, alpha = 1;
    const std::uint64_t* source = nullptr;  // the decomposed polynomial
    explicit Decomposed(const Context& ctx) : data(ctx.scratch(0)) {}
    ScratchPool::Buffer data;  // uninitialized scratch: every lifted row is written before use
    const std::uint64_t* row(std::size_t digit, std::size_t r, std::size_t n) const {
        if (r <= level && r / alpha == digit) return source + r * n;
        return data.get() + (digit * ext + r) * n;
    }
};

// poly: level+1 rows in NTT form; it must stay unchanged while `out` is used.
void decompose(const Context& ctx, std::uint32_t level, const std::uint64_t* poly, Decomposed& out);

// acc0 / acc1 (ext rows) = sum_j D_j * (b_j, a_j), one lazily reduced dot product per row.
void key_switch_inner(const Context& ctx, const Decomposed& d, const KeySwitchKey& key, std::uint64_t* acc0,
                      std::uint64_t* acc1);

// out (level+1 rows) += round-free ModDown of acc (ext rows; destroyed): (acc - [acc]_P) / P mod Q_l.
void mod_down_add(const Context& ctx, std::uint32_t level, std::uint64_t* acc, std::uint64_t* out);
// out (level+1 rows) = base + ModDown(acc), or ModDown(acc) alone when base is null; out must not alias acc.
void mod_down_to(const Context& ctx, std::uint32_t level, std::uint64_t* acc, const std::uint64_t* base, std::uint64_t* out);

}  // namespace he4j::ckks
