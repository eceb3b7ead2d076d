// Homomorphic operations. Every function writes `out`, which may alias any input. Errors name the
// operation ("he4j_eval_add: levels differ (3 vs 2)").
#pragma once
#include <cstdint>
#include <vector>

#include "ckks/ciphertext.hpp"
#include "ckks/context.hpp"
#include "ckks/keys.hpp"
#include "ckks/plaintext.hpp"

namespace he4j::ckks {

void add(const Context& ctx, const Ciphertext& a, const Ciphertext& b, Ciphertext& out);
void sub(const Context& ctx, const Ciphertext& a, const Ciphertext& b, Ciphertext& out);
void negate(const Context& ctx, const Ciphertext& a, Ciphertext& out);
void add_plain(const Context& ctx, const Ciphertext& a, const Plaintext& b, Ciphertext& out);
void sub_plain(const Context& ctx, const Ciphertext& a, const Plaintext& b, Ciphertext& out);
void mul_plain(const Context& ctx, const Ciphertext& a, const Plaintext& b, Ciphertext& out);
void add_scalar(const Context& ctx, const Ciphertext& a, double value, Ciphertext& out);
void mul_scalar(const Context& ctx, const Ciphertext& a, double value, double scale, Ciphertext& out);
void mul(const Context& ctx, const Ciphertext& a, const Ciphertext& b, Ciphertext& out);
void relinearize(const Context& ctx, const RelinKey& rk, const Ciphertext& a, Ciphertext& out);
void mul_relin(const Context& ctx, const RelinKey& rk, const Ciphertext& a, const Ciphertext& b, Ciphertext& out);
void square_relin(const Context& ctx, const RelinKey& rk, const Ciphertext& a, Ciphertext& out);
void rescale(const Context& ctx, const Ciphertext& a, Ciphertext& out);
void mod_switch_to(const Context& ctx, const Ciphertext& a, std::uint32_t level, Ciphertext& out);
void mod_switch_to(const Context& ctx, const Plaintext& a, std::uint32_t level, Plaintext& out);

// evaluator_automorphism.cpp
void rotate(const Context& ctx, const GaloisKeys& gk, const Ciphertext& a, std::int64_t step, Ciphertext& out);
void conjugate(const Context& ctx, const GaloisKeys& gk, const Ciphertext& a, Ciphertext& out);
// outs[i] <- rotation by steps[i]; outs may alias a.
void rotate_hoisted(const Context& ctx, const GaloisKeys& gk, const Ciphertext& a, const std::vector<std::int64_t>& steps,
                    const std::vector<Ciphertext*>& outs);
void rotate_sum(const Context& ctx, const GaloisKeys& gk, const Ciphertext& a, std::uint32_t count, Ciphertext& out);

// Shared checks (evaluator.cpp).
void require_nonempty(const Ciphertext& a, const char* op);
void require_nonempty(const Plaintext& a, const char* op);

}  // namespace he4j::ckks
