// Public-key and seeded symmetric encryption, and decryption (RLWE; Cheon-Kim-Kim-Song 2017, Sec. 3).
#pragma once
#include "ckks/ciphertext.hpp"
#include "ckks/context.hpp"
#include "ckks/keys.hpp"
#include "ckks/plaintext.hpp"

namespace he4j::ckks {

// (u*b + e0 + m, u*a + e1) with ternary u and binomial errors, at the plaintext's level.
void encrypt_pk(const Context& ctx, const PublicKey& pk, const Plaintext& pt, Ciphertext& out);
// (-a*s + e + m, a) with a expanded from a fresh seed that the ciphertext keeps.
void encrypt_sk(const Context& ctx, const SecretKey& sk, const Plaintext& pt, Ciphertext& out);
// c0 + c1*s (+ c2*s^2).
void decrypt(const Context& ctx, const SecretKey& sk, const Ciphertext& ct, Plaintext& out);
// Rebuilds c1 of a seeded ciphertext from its seed (used when loading).
void expand_seeded_c1(const Context& ctx, Ciphertext& ct);

}  // namespace he4j::ckks
