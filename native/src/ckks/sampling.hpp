// Randomness: keys come from libsodium's CSPRNG (randombytes_buf); secrets and errors are expanded from a
// fresh key per call, uniform polynomials from a public 32-byte seed, both with ChaCha20 (chacha20.hpp),
// so the uniform half of seeded ciphertexts and keys need not be stored.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>

#include "ckks/context.hpp"

namespace he4j::ckks {

using Seed = std::array<std::uint8_t, 32>;

Seed random_seed();

// Uniform ternary coefficients in {-1, 0, 1}.
void sample_ternary(std::int8_t* out, std::size_t n);
// Centered binomial distribution with eta = 21 (variance 10.5, sigma ~ 3.24).
void sample_cbd(std::int8_t* out, std::size_t n);
// Uniform random bytes for secret values (flooding noise): ChaCha20 under a fresh key from the OS CSPRNG, as
// the samplers above; one syscall per call however long the output.
void sample_uniform_bytes(std::uint8_t* out, std::size_t len);

// Small signed coefficients -> residues mod each of `rows` primes (global indices given by the caller via
// `prime_of(row)`), then NTT. out has rows x N words.
template <class PrimeOf>
void small_to_ntt(const Context& ctx, const std::int8_t* coeffs, std::size_t rows, PrimeOf prime_of, std::uint64_t* out);

// Uniform NTT-domain values mod q_{prime} expanded from (seed, domain, prime index): a public, reproducible
// function of its inputs. Uniform in the NTT domain is uniform in the coefficient domain.
void expand_uniform(const Context& ctx, const Seed& seed, std::uint64_t domain, std::size_t prime, std::uint64_t* out);

namespace detail {
using SecretKeyBytes = std::array<std::uint8_t, 32>;
// The samplers above with the ChaCha20 key given instead of drawn (the same output for the same key).
void sample_ternary_from_key(std::int8_t* out, std::size_t n, const SecretKeyBytes& key);
void sample_cbd_from_key(std::int8_t* out, std::size_t n, const SecretKeyBytes& key);
void uniform_bytes_from_key(std::uint8_t* out, std::size_t len, const SecretKeyBytes& key);

// expand_uniform's rejection step: appends (words[i] & mask) for i < count while it is below q, until
// out holds n words; returns the new fill. out past the new fill may be overwritten (the AVX-512 twin
// stores 8 words at a time). Public data only: the twin's store addresses depend on it.
// out[k] = coeffs[k] mod q (signed small values to residues), for k < n; the AVX-512 twin is bit-identical.
void small_to_residues_scalar(const std::int8_t* coeffs, std::size_t n, std::uint64_t q, std::uint64_t* out);
void small_to_residues_avx512dq(const std::int8_t* coeffs, std::size_t n, std::uint64_t q, std::uint64_t* out);
// The one the CPU supports.
void small_to_residues(const std::int8_t* coeffs, std::size_t n, std::uint64_t q, std::uint64_t* out);

std::size_t keep_below_scalar(const std::uint64_t* words, std::size_t count, std::uint64_t mask, std::uint64_t q,
                              std::uint64_t* out, std::size_t filled, std::size_t n);
std::size_t keep_below_avx512dq(const std::uint64_t* words, std::size_t count, std::uint64_t mask, std::uint64_t q,
                                std::uint64_t* out, std::size_t filled, std::size_t n);
}  // namespace detail

}  // namespace he4j::ckks

#include "ckks/sampling_inl.hpp"
