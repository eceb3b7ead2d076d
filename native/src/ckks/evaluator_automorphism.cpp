// Rotations and conjugation: X -> X^g applied in the NTT domain as a permutation, then a key switch from
// s(X^g) back to s. Rotation by `step` uses g = 5^step mod 2N; conjugation g = 2N - 1.
#include <algorithm>
#include <memory>
#include <string>

#include "ckks/evaluator.hpp"
#include "ckks/keyswitch.hpp"
#include "common/error.hpp"
#include "ring/eltwise.hpp"

namespace he4j::ckks {

using ring::u64;

namespace {

// outs[i] <- automorphism g_i of a, sharing one decomposition of c1 (hoisting). g = 1 copies.
void apply_galois(const Context& ctx, const GaloisKeys& gk, const Ciphertext& a, const std::vector<u64>& elements,
                  const std::vector<Ciphertext*>& outs, const char* name) {
    require_nonempty(a, name);
    if (!(a.size == 2)) fail(ErrorKind::kIncompatible,
            std::string(name) + ": ciphertext has size " + std::to_string(a.size) + "; relinearize first");
    if (!(ctx.special_count() > 0)) fail(ErrorKind::kUnsupported,
            std::string(name) + ": these parameters have no special primes, so rotations are unavailable");
    const std::size_t n = ctx.n(), rows = a.rows();
    std::vector<const KeySwitchKey*> keys(elements.size(), nullptr);
    bool any = false;
    for (std::size_t s = 0; s < elements.size(); ++s) {
        if (elements[s] == 1) continue;
        auto it = gk.keys.find(elements[s]);
        if (!(it != gk.keys.end())) fail(ErrorKind::kIncompatible,
                std::string(name) + ": no Galois key for " +
                    (elements[s] == ctx.conjugation_element() ? std::string("conjugation")
                                                               : "Galois element " + std::to_string(elements[s])) +
                    "; generate Galois keys for this step");
        keys[s] = &it->second;
        any = true;
    }
    const std::uint32_t level = a.level;
    const double scale = a.scale;
    // a's polynomials are read in place unless an output aliases a: then they are copied first.
    const bool aliased = std::find(outs.begin(), outs.end(), &a) != outs.end();
    auto copy0 = ctx.scratch(aliased ? rows * n : 1);
    auto copy1 = ctx.scratch(aliased ? rows * n : 1);
    if (aliased) {
        std::copy(a.poly(0, n), a.poly(0, n) + rows * n, copy0.get());
        std::copy(a.poly(1, n), a.poly(1, n) + rows * n, copy1.get());
    }
    const u64* c0 = aliased ? copy0.get() : a.poly(0, n);
    const u64* c1 = aliased ? copy1.get() : a.poly(1, n);  // the decomposition reads it too
    Decomposed d(ctx);
    if (any) decompose(ctx, level, c1, d);
    auto acc0 = ctx.scratch(any ? d.ext * n : 1);
    auto acc1 = ctx.scratch(any ? d.ext * n : 1);
    auto t0 = ctx.scratch(any ? rows * n : 1);
    auto t1 = ctx.scratch(any ? rows * n : 1);
    for (std::size_t s = 0; s < elements.size(); ++s) {
        Ciphertext& r = *outs[s];  // an alias of a is read only through the copies above
        r.reset(level, 2, n);
        r.scale = scale;
        if (keys[s] == nullptr) {
            std::copy(c0, c0 + rows * n, r.poly(0, n));
            std::copy(c1, c1 + rows * n, r.poly(1, n));
        } else {
            // Keys are stored permuted by X -> X^(g^-1): switch first, then permute only the results.
            const std::uint32_t* perm = ctx.galois_permutation(elements[s]).data();
            key_switch_inner(ctx, d, *keys[s], acc0.get(), acc1.get());
            mod_down_to(ctx, level, acc0.get(), c0, t0.get());
            mod_down_to(ctx, level, acc1.get(), nullptr, t1.get());
            for (std::size_t i = 0; i < rows; ++i) {
                ring::eltwise_permute(r.poly(0, n) + i * n, t0.get() + i * n, perm, n);
                ring::eltwise_permute(r.poly(1, n) + i * n, t1.get() + i * n, perm, n);
            }
        }
    }
}

}  // namespace

void rotate(const Context& ctx, const GaloisKeys& gk, const Ciphertext& a, std::int64_t step, Ciphertext& out) {
    apply_galois(ctx, gk, a, {ctx.galois_element_for_step(step)}, {&out}, "he4j_eval_rotate");
}

void conjugate(const Context& ctx, const GaloisKeys& gk, const Ciphertext& a, Ciphertext& out) {
    apply_galois(ctx, gk, a, {ctx.conjugation_element()}, {&out}, "he4j_eval_conjugate");
}

void rotate_hoisted(const Context& ctx, const GaloisKeys& gk, const Ciphertext& a, const std::vector<std::int64_t>& steps,
                    const std::vector<Ciphertext*>& outs) {
    std::vector<u64> elements;
    for (auto s : steps) elements.push_back(ctx.galois_element_for_step(s));
    apply_galois(ctx, gk, a, elements, outs, "he4j_eval_rotate_hoisted");
}

void rotate_sum(const Context& ctx, const GaloisKeys& gk, const Ciphertext& a, std::uint32_t count, Ciphertext& out) {
    const char* name = "he4j_eval_rotate_sum";
    require_nonempty(a, name);
    if (!(count >= 1 && (count & (count - 1)) == 0 && count <= ctx.slots())) fail(ErrorKind::kInvalidArgument,
            std::string(name) + ": count must be a power of two in [1, " + std::to_string(ctx.slots()) + "], got " +
                std::to_string(count));
    for (std::uint32_t step = 1; step < count; step <<= 1)
        if (!(step == ctx.slots() || gk.keys.count(ctx.galois_element_for_step(step)))) fail(ErrorKind::kIncompatible,
                std::string(name) + ": no Galois key for step " + std::to_string(step) +
                    "; rotate_sum needs keys for steps 1, 2, 4, ..., count/2");
    Ciphertext acc = a;
    acc.seeded = false;
    Ciphertext rot;
    for (std::uint32_t step = 1; step < count; step <<= 1) {
        rotate(ctx, gk, acc, step, rot);
        add(ctx, acc, rot, acc);
    }
    out = std::move(acc);
}

}  // namespace he4j::ckks
