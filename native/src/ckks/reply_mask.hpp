// Reply masks for circuit privacy by noise flooding (Gentry, PhD thesis 2009, Sect. 21; for CKKS, Kluczniak and
// Santato, eprint 2023/301): a server adds a fresh encryption of zero under the client's public key to a reply
// (its c1 no longer depends on the evaluated function) whose noise, at the coefficients the client may read,
// carries a uniform integer wide enough to drown the function-dependent noise.
//
// One pass instead of encrypt(0) followed by encoding and adding the flood: the flood f is added to the error
// e0 in coefficient form before e0's NTT, so c0 = u*b + NTT(e0 + f), c1 = u*a + NTT(e1). That is exactly the
// distribution of (u*b + e0, u*a + e1) + (NTT(f), 0), the two-step construction, at the cost of one public-key
// encryption: no encoding, no extra transform.
#pragma once
#include <cstddef>
#include <cstdint>

#include "ckks/ciphertext.hpp"
#include "ckks/context.hpp"
#include "ckks/keys.hpp"

namespace he4j::ckks {

// Widest flood: two 64-bit words per value, one bit for the sign.
inline constexpr std::uint32_t kMaxFloodBits = 126;

// out = a fresh public-key encryption of zero at `level`, scale `scale`, whose c0 carries at each of
// positions[0..count) (distinct, < N) an extra integer uniform on [-2^flood_bits, 2^flood_bits);
// positions == nullptr with count == N floods every coefficient; flood_bits == 0 floods nothing.
// Every random value (u, e0, e1, f) is fresh from the CSPRNG (sampling.hpp). Requirements, checked:
// level <= max level, flood_bits <= min(kMaxFloodBits, log2(Q_level) - 3) so the flood cannot wrap mod Q.
void encrypt_zero_flooded(const Context& ctx, const PublicKey& pk, std::uint32_t level, double scale,
                          const std::uint32_t* positions, std::size_t count, std::uint32_t flood_bits,
                          Ciphertext& out);

}  // namespace he4j::ckks
