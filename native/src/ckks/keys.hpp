// Key material. Uniform "a" parts are expanded from a stored 32-byte seed (so keys serialize compactly);
// the expanded copies are kept for speed. All polynomials are in NTT form. Public key rows use PolyStorage
// (aligned, not zero-filled: generation and loading write every word).
#pragma once
#include <cstdint>
#include <map>
#include <vector>

#include "ckks/context.hpp"
#include "ckks/poly_storage.hpp"
#include "ckks/sampling.hpp"

namespace he4j::ckks {

// Domains for expand_uniform: distinct streams for every kind of uniform polynomial.
inline constexpr std::uint64_t kDomainCiphertext = 1;
inline constexpr std::uint64_t kDomainPublicKey = 2;
inline std::uint64_t domain_key_switch(std::size_t digit) { return 0x100 + digit; }

// Secret s: ternary coefficients, and s in NTT form over every prime (data then special).
// Not copyable; memory zeroized on destruction.
struct SecretKey {
    std::vector<std::int8_t> coeffs;
    std::vector<std::uint64_t> ntt;  // total_count rows of N
    SecretKey() = default;
    SecretKey(const SecretKey&) = delete;
    SecretKey& operator=(const SecretKey&) = delete;
    SecretKey(SecretKey&&) = default;
    ~SecretKey();
};

// (b, a) with b = -a*s + e over the data primes.
struct PublicKey {
    Seed seed{};
    PolyStorage b, a;  // data_count rows each
};

// Hybrid key-switching key from s' to s: for digit j, b_j = -a_j*s + e_j + P*[digit j]*s' over all primes,
// where [digit j] is 1 mod the digit's primes and 0 mod the others (the CRT gadget).
struct KeySwitchKey {
    Seed seed{};
    PolyStorage b, a;  // dnum blocks of total_count rows each
    const std::uint64_t* b_row(const Context& ctx, std::size_t digit, std::size_t prime) const {
        return b.data() + (digit * ctx.total_count() + prime) * ctx.n();
    }
    const std::uint64_t* a_row(const Context& ctx, std::size_t digit, std::size_t prime) const {
        return a.data() + (digit * ctx.total_count() + prime) * ctx.n();
    }
};

struct RelinKey {
    KeySwitchKey key;
};

// Galois keys, by Galois element g. Each key switches s(X^g) -> s; its rows are stored permuted by the
// inverse automorphism X -> X^(g^-1), so a rotation multiplies the *unpermuted* digits of c1 by the key and
// applies X -> X^g only to the two result polynomials (six rows instead of every lifted digit; this is what
// makes hoisted rotations cheap). Serialization stores the canonical (unpermuted) form.
struct GaloisKeys {
    std::map<std::uint64_t, KeySwitchKey> keys;
};

// X -> X^(g^-1) applied to every row of a key in place (canonical -> stored form).
void permute_key_rows(const Context& ctx, KeySwitchKey& k, std::uint64_t g_inverse);
// g^-1 mod 2N.
std::uint64_t galois_inverse(const Context& ctx, std::uint64_t g);

SecretKey generate_secret_key(const Context& ctx);
// Recomputes the NTT rows of a secret key from its ternary coefficients.
void complete_secret_key(const Context& ctx, SecretKey& sk);
PublicKey generate_public_key(const Context& ctx, const SecretKey& sk);
// (-a*s + e, a) with a expanded from the given seed: a fresh random seed for a key of one's own, the federation's
// common reference seed for a multiparty public-key share.
PublicKey public_key_from_seed(const Context& ctx, const SecretKey& sk, const Seed& seed);
RelinKey generate_relin_key(const Context& ctx, const SecretKey& sk);
GaloisKeys generate_galois_keys(const Context& ctx, const SecretKey& sk, const std::vector<std::uint64_t>& elements);

// Re-expands the uniform parts from the seeds (after loading).
void expand_public_key(const Context& ctx, PublicKey& pk);
void expand_key_switch_key(const Context& ctx, KeySwitchKey& k);

}  // namespace he4j::ckks
