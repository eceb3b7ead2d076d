// Internal: the encoder's per-coefficient loops (rounding the scaled FFT output, lifting small signed
// coefficients to residues), with an AVX-512 DQ twin chosen at run time. Both twins give identical words.
#pragma once
#include <complex>
#include <cstddef>
#include <cstdint>

namespace he4j::ckks {

// coeffs[j] = round(re(u_j) * scale), coeffs[j + slots] = round(im(u_j) * scale) (halves away from zero,
// as std::round). Returns max |coeffs|, or +inf if any coefficient is not finite.
double round_scaled(const std::complex<double>* u, std::size_t slots, double scale, double* coeffs);
// row[k] = coeffs[k] mod q for integer-valued coefficients with |coeffs[k]| < q.
void small_coeffs_to_residues(const double* coeffs, std::size_t n, std::uint64_t q, std::uint64_t* row);

namespace detail {
double round_scaled_scalar(const std::complex<double>* u, std::size_t slots, double scale, double* coeffs);
double round_scaled_avx512dq(const std::complex<double>* u, std::size_t slots, double scale, double* coeffs);  // slots % 8 == 0
void small_coeffs_to_residues_scalar(const double* coeffs, std::size_t n, std::uint64_t q, std::uint64_t* row);
void small_coeffs_to_residues_avx512dq(const double* coeffs, std::size_t n, std::uint64_t q, std::uint64_t* row);
}  // namespace detail

}  // namespace he4j::ckks
