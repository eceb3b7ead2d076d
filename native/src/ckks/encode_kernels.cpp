#include "ckks/encode_kernels.hpp"

#include <cmath>
#include <limits>

#include "ring/cpu_features.hpp"

namespace he4j::ckks {

double round_scaled(const std::complex<double>* u, std::size_t slots, double scale, double* coeffs) {
    // The vector kernel takes whole groups of 8 slots (every supported N: slots >= 512).
    if (ring::use_avx512() && slots % 8 == 0) return detail::round_scaled_avx512dq(u, slots, scale, coeffs);
    return detail::round_scaled_scalar(u, slots, scale, coeffs);
}

void small_coeffs_to_residues(const double* coeffs, std::size_t n, std::uint64_t q, std::uint64_t* row) {
    if (ring::use_avx512()) return detail::small_coeffs_to_residues_avx512dq(coeffs, n, q, row);
    detail::small_coeffs_to_residues_scalar(coeffs, n, q, row);
}

namespace detail {

double round_scaled_scalar(const std::complex<double>* u, std::size_t slots, double scale, double* coeffs) {
    double max_abs = 0;
    bool finite = true;
    for (std::size_t j = 0; j < slots; ++j) {
        const double re = std::round(u[j].real() * scale), im = std::round(u[j].imag() * scale);
        coeffs[j] = re;
        coeffs[j + slots] = im;
        finite = finite && std::isfinite(re) && std::isfinite(im);
        max_abs = std::fmax(max_abs, std::fmax(std::fabs(re), std::fabs(im)));
    }
    return finite ? max_abs : std::numeric_limits<double>::infinity();
}

void small_coeffs_to_residues_scalar(const double* coeffs, std::size_t n, std::uint64_t q, std::uint64_t* row) {
    for (std::size_t k = 0; k < n; ++k) {
        const auto c = static_cast<std::int64_t>(coeffs[k]);
        row[k] = static_cast<std::uint64_t>(c) + (c < 0 ? q : 0);
    }
}

}  // namespace detail
}  // namespace he4j::ckks
