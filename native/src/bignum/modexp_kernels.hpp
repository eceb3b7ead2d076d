// Internal: the 8-lane Montgomery modular exponentiation kernels behind modexp.hpp, exposed so tests can
// compare the IFMA kernel with its scalar twin directly.
//
// Layout (shared by both kernels): a number of L limbs of 52 bits for 8 lanes is an array of L*8 words,
// limb-major: x[j*8 + lane] is limb j (weight 2^(52j)) of that lane. One AVX-512 register holds limb j of all
// 8 lanes ("vertical" multi-buffer layout, Gueron & Krasnov 2012; Drucker & Gueron, "Fast modular squaring
// with AVX512IFMA", 2019). Exponents: E words of 64 bits, e[k*8 + lane] is word k (weight 2^(64k)).
//
// Method: Montgomery multiplication (Montgomery, "Modular multiplication without trial division", Math.
// Comp. 1985) with R = 2^(52L), operand scanning with the reduction interleaved; products use only what
// vpmadd52luq/vpmadd52huq compute (the low and high 52 bits of a 52x52-bit product), so the scalar twin,
// which computes exactly those with 128-bit integers, gives bit-identical results. Intermediate values stay
// in [0, 2m) ("almost Montgomery", valid since 4m < R); only the result is fully reduced.
// Exponentiation: fixed window of kWindow bits, left to right, a multiplication for every window (by R for
// a zero digit) and the table entry read by a full masked scan: no branch and no address depends on the
// exponent, the base or the modulus; time depends only on L and E.
#pragma once
#include <cstddef>
#include <cstdint>

namespace he4j::bignum::detail {

using u64 = std::uint64_t;

inline constexpr std::size_t kLanes = 8;
inline constexpr int kLimbBits = 52;
inline constexpr u64 kLimbMask = (u64{1} << kLimbBits) - 1;
inline constexpr int kWindow = 5;
inline constexpr std::size_t kTableSize = std::size_t{1} << kWindow;

// One group of 8 exponentiations. Preconditions (checked by modexp.cpp): limbs >= 2; every modulus odd with
// 2^start_bit < m and 4m < 2^(52*limbs); every base < m; every limb < 2^52; k0[lane] = -m^-1 mod 2^52.
struct Modexp8 {
    u64* out;          // limbs*8 words: base^exp mod m, fully reduced
    const u64* base;   // limbs*8
    const u64* exp;    // exp_words*8
    const u64* mod;    // limbs*8
    const u64* k0;     // 8
    std::size_t limbs;
    std::size_t exp_words;
    std::size_t start_bit;  // a power of two below every modulus: the start of the R mod m computation
};

// Scratch words each kernel needs (table, accumulators), zeroized before the kernel returns.
std::size_t modexp8_scratch_words(std::size_t limbs);

void modexp8_scalar(const Modexp8& a, u64* scratch);
void modexp8_avx512ifma(const Modexp8& a, u64* scratch);

}  // namespace he4j::bignum::detail
