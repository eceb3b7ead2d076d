// Internal: the per-instruction-set NTT kernels behind NttTables::forward/inverse, exposed so tests can
// compare every SIMD kernel with its scalar twin directly. Not part of the public ring contract.
#pragma once
#include <cstdint>
#include <vector>

#include "ntt.hpp"

namespace he4j::ring::detail {

// Extra precomputation for the SIMD kernels. For q < 2^50: 52-bit Shoup companions floor(w * 2^52 / q)
// of root_powers / inv_root_powers (empty otherwise). Inverse n^-1 is merged into the last inverse stage:
// inv_n_w = n^-1 * psi^-bitrev(1)... (see ntt.cpp) with 64- and 52-bit companions.
struct NttKernelTables {
    std::vector<std::uint64_t> root_powers_shoup52, inv_root_powers_shoup52;
    std::uint64_t inv_n_shoup = 0, inv_n_shoup52 = 0;
    std::uint64_t inv_n_w = 0, inv_n_w_shoup = 0, inv_n_w_shoup52 = 0;  // n^-1 * inv_root_powers[1]
};

// Portable reference (Harvey's lazy butterflies with Shoup multiplication). Any n >= 2.
void ntt_forward_scalar(const NttTables& t, std::uint64_t* a);
void ntt_inverse_scalar(const NttTables& t, std::uint64_t* a);

// AVX-512 IFMA52: needs q < 2^50 and n >= 16; call only when cpu_features() has IFMA + AVX-512F/DQ/VL/BW.
void ntt_forward_avx512ifma(const NttTables& t, std::uint64_t* a);
void ntt_inverse_avx512ifma(const NttTables& t, std::uint64_t* a);
bool ntt_avx512ifma_supports(const NttTables& t);

// AVX-512 DQ (64-bit lanes, emulated high products): needs q < 2^61 and n >= 16.
void ntt_forward_avx512dq(const NttTables& t, std::uint64_t* a);
void ntt_inverse_avx512dq(const NttTables& t, std::uint64_t* a);
bool ntt_avx512dq_supports(const NttTables& t);

}  // namespace he4j::ring::detail
