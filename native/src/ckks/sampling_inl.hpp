#pragma once
#include "ckks/sampling.hpp"

namespace he4j::ckks {

template <class PrimeOf>
void small_to_ntt(const Context& ctx, const std::int8_t* coeffs, std::size_t rows, PrimeOf prime_of, std::uint64_t* out) {
    const std::size_t n = ctx.n();
    for (std::size_t r = 0; r < rows; ++r) {
        const std::size_t p = prime_of(r);
        const std::uint64_t q = ctx.modulus(p).value();
        std::uint64_t* o = out + r * n;
        detail::small_to_residues(coeffs, n, q, o);
        ctx.ntt(p).forward(o);
    }
}

}  // namespace he4j::ckks
