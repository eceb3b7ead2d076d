// Batched multi-precision modular exponentiation (bignum/modexp.hpp) for Paillier.
#include "bignum/modexp.hpp"
#include "capi/guard.hpp"

using namespace he4j;
using namespace he4j::capi;

extern "C" {

he4j_status he4j_modexp_batch(const uint8_t* bases, const uint8_t* exponents, const uint8_t* moduli, size_t count,
                              size_t modulus_bytes, size_t exponent_bytes, uint8_t* out) {
    return guard("he4j_modexp_batch", [&] {
        bignum::modexp_batch(bases, exponents, moduli, count, modulus_bytes, exponent_bytes, out);
    });
}

const char* he4j_modexp_kernel(void) { return bignum::modexp_kernel_name(); }

}  // extern "C"
