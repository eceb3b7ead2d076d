// Batched modular exponentiation of multi-precision integers (Paillier's decryption, randomizers and
// obfuscation): out[i] = base[i]^exp[i] mod m[i], 8 lanes at a time with AVX-512 IFMA when the kernel path
// allows it, else the scalar twin with identical results. Constant time in every value (bases, exponents,
// moduli): the running time depends only on count, modulus_bytes and exponent_bytes.
#pragma once
#include <cstddef>
#include <cstdint>

namespace he4j::bignum {

inline constexpr std::size_t kMaxModulusBytes = 1024;   // 8192-bit moduli
inline constexpr std::size_t kMaxExponentBytes = 1024;

// Numbers are unsigned big-endian of fixed width: bases, moduli and results modulus_bytes each, exponents
// exponent_bytes each, packed one after the other. Every modulus must be odd, >= 3, with a nonzero first
// byte; every base < its modulus. Throws Error(kInvalidArgument) naming the first bad lane otherwise.
// out may alias bases.
void modexp_batch(const std::uint8_t* bases, const std::uint8_t* exponents, const std::uint8_t* moduli,
                  std::size_t count, std::size_t modulus_bytes, std::size_t exponent_bytes, std::uint8_t* out);

// Force a kernel (tests): kAuto follows ring::kernel_path() (IFMA unless HE4J_DISABLE_AVX512/IFMA is set).
enum class ModexpKernel { kAuto, kScalar, kAvx512Ifma };
void modexp_batch_with(ModexpKernel kernel, const std::uint8_t* bases, const std::uint8_t* exponents,
                       const std::uint8_t* moduli, std::size_t count, std::size_t modulus_bytes,
                       std::size_t exponent_bytes, std::uint8_t* out);

// "avx512ifma" or "scalar": the kernel kAuto runs.
const char* modexp_kernel_name();

}  // namespace he4j::bignum
