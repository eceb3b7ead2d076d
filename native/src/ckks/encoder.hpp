// CKKS encoding. Slot encoding: the canonical embedding m(X) -> (m(zeta^(5^j)))_{j < N/2} inverted with
// the special FFT and scaled by `scale`. Coefficient encoding: coefficient i = round(v_i * scale), whose
// products are negacyclic convolutions (Cheetah, Huang et al., USENIX Security 2022).
#pragma once
#include <complex>
#include <cstddef>
#include <cstdint>

#include "ckks/context.hpp"
#include "ckks/plaintext.hpp"

namespace he4j::ckks {

void encode_complex(const Context& ctx, const std::complex<double>* values, std::size_t count, double scale,
                    std::uint32_t level, Plaintext& out);
void encode_real(const Context& ctx, const double* values, std::size_t count, double scale, std::uint32_t level,
                 Plaintext& out);
void encode_scalar(const Context& ctx, double value, double scale, std::uint32_t level, Plaintext& out);
void encode_coeffs(const Context& ctx, const double* values, std::size_t count, double scale, std::uint32_t level,
                   Plaintext& out);

// Write min(count, N/2) slots (or min(count, N) coefficients).
void decode_complex(const Context& ctx, const Plaintext& pt, std::complex<double>* out, std::size_t count);
void decode_real(const Context& ctx, const Plaintext& pt, double* out, std::size_t count);
void decode_coeffs(const Context& ctx, const Plaintext& pt, double* out, std::size_t count);

// round(value) (already an integer-valued double) mod q, exact for any finite magnitude; pow2, when given,
// holds 2^k mod q for every k up to log2 |value| - 53 (else a pow_mod per wide value).
std::uint64_t integer_double_mod(double value, const ring::Modulus& q, const std::uint64_t* pow2 = nullptr);
// Checks a rounded integer fits the centered range of Q_level (|x| < Q/2 with a safety margin).
void check_fits(const Context& ctx, double max_abs, std::uint32_t level, const char* what);

}  // namespace he4j::ckks
