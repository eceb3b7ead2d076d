// Evaluator entry points over SEAL's Evaluator. Operand checks (levels, scales, sizes, keys) are done here
// with the own engine's rules and messages before SEAL is called; SEAL's stricter scale equality is
// relaxed to the ABI's 2^-20 relative tolerance by aligning the recorded scales around the call.
#include <cmath>
#include <cstdlib>
#include <vector>

#include "seal_handles.hpp"

using namespace he4j;
using namespace he4j::sealb;

namespace {

std::uint32_t level_of(const Context& c, const seal::Ciphertext& x) { return c.level_of(x.parms_id()); }

void require_same_level(std::uint32_t a, std::uint32_t b, const char* op) {
    if (a != b)
        fail(ErrorKind::kIncompatible, std::string(op) + ": levels differ (" + std::to_string(a) + " vs " + std::to_string(b) +
                "); mod-switch or rescale one operand first");
}

void require_same_scale(double a, double b, const char* op) {
    if (!(std::fabs(a - b) <= std::ldexp(std::max(a, b), -20)))
        fail(ErrorKind::kIncompatible, std::string(op) + ": scales differ (2^" + std::to_string(std::log2(a)) + " vs 2^" +
                std::to_string(std::log2(b)) + "); they must agree within 2^-20 relative");
}

// The resulting scale must be finite and, as SEAL requires, below the modulus of its level.
void require_scale_ok(const Context& c, double s, std::uint32_t level, const char* op) {
    if (!(std::isfinite(s) && s > 0))
        fail(ErrorKind::kIncompatible, std::string(op) + ": resulting scale is not finite (2^" + std::to_string(std::log2(s)) + ")");
    const int bound = c.seal().get_context_data(c.parms_at(level))->total_coeff_modulus_bit_count();
    if (static_cast<int>(std::log2(s)) >= bound)
        fail(ErrorKind::kIncompatible, std::string(op) + ": resulting scale 2^" + std::to_string(std::log2(s)) + " exceeds the " +
                std::to_string(bound) + "-bit modulus at level " + std::to_string(level) + "; rescale first");
}

void require_key_switching(const Context& c, const char* op) {
    if (!c.key_switching())
        fail(ErrorKind::kUnsupported, std::string(op) + ": these parameters have no special primes, so key switching is unavailable");
}

void require_size2(const seal::Ciphertext& x, const char* op) {
    if (x.size() != 2)
        fail(ErrorKind::kIncompatible, std::string(op) + ": ciphertext has size " + std::to_string(x.size()) + "; relinearize first");
}

void require_galois_key(const Context& c, const seal::GaloisKeys& gk, std::int32_t step, bool conjugate,
                        const char* op) {
    const std::uint32_t e = conjugate ? c.conjugation_element() : c.galois_element_for_step(step);
    if (!gk.has_key(e)) fail(ErrorKind::kIncompatible, std::string(op) + ": no Galois key for " +
                (conjugate ? std::string("conjugation") : "step " + std::to_string(step)) +
                "; generate Galois keys for this step");
}

void add_sub(const Context& c, const he4j_ciphertext& a, const he4j_ciphertext& b, he4j_ciphertext& o, bool sub,
             const char* op) {
    const auto& x = nonempty(a, op);
    const auto& y = nonempty(b, op);
    require_same_level(level_of(c, x), level_of(c, y), op);
    require_same_scale(x.scale(), y.scale(), op);
    const double scale = x.scale();
    const auto& ev = c.evaluator();
    if (&o == &b && &o != &a) {  // out = a -/+ out
        auto& r = writable(o);
        if (sub) allow_transparent([&] { ev.negate_inplace(r); });
        r.scale() = x.scale();
        allow_transparent([&] { ev.add_inplace(r, x); });
    } else {
        if (&o != &a) o.ct = x;
        auto& r = writable(o);
        r.scale() = y.scale();
        allow_transparent([&] { sub ? ev.sub_inplace(r, y) : ev.add_inplace(r, y); });
    }
    o.ct.scale() = scale;
}

void plain_add_sub(const Context& c, const he4j_ciphertext& a, const he4j_plaintext& p, he4j_ciphertext& o, bool sub,
                   const char* op) {
    const auto& x = nonempty(a, op);
    const auto& y = nonempty(p, op);
    require_same_level(level_of(c, x), c.level_of(y.parms_id()), op);
    require_same_scale(x.scale(), y.scale(), op);
    const double scale = x.scale();
    if (&o != &a) o.ct = x;
    auto& r = writable(o);
    r.scale() = y.scale();
    allow_transparent([&] { sub ? c.evaluator().sub_plain_inplace(r, y) : c.evaluator().add_plain_inplace(r, y); });
    r.scale() = scale;
}

void mul_plain_into(const Context& c, const he4j_ciphertext& a, const seal::Plaintext& p, he4j_ciphertext& o,
                    const char* op) {
    const auto& x = nonempty(a, op);
    const std::uint32_t level = level_of(c, x);
    require_same_level(level, c.level_of(p.parms_id()), op);
    require_scale_ok(c, x.scale() * p.scale(), level, op);
    if (&o != &a) o.ct = x;
    auto& r = writable(o);
    allow_transparent([&] { c.evaluator().multiply_plain_inplace(r, p); });
}

// The constant round(value * scale), checked like the own engine (finite, fits the modulus at level).
seal::Plaintext scalar_plain(const Context& c, double value, double scale, std::uint32_t level, const char* op) {
    if (!std::isfinite(value)) fail(ErrorKind::kInvalidArgument, std::string(op) + ": value is not finite");
    const double r = std::round(value * scale);
    if (!std::isfinite(r)) fail(ErrorKind::kInvalidArgument, std::string(op) + ": scaled value overflows");
    const double limit = c.log2_q(level) - 2.0;
    if (!(std::fabs(r) < 1.0 || std::log2(std::fabs(r)) < limit))
        fail(ErrorKind::kInvalidArgument, std::string(op) + ": the scaled value 2^" + std::to_string(std::log2(std::fabs(r))) +
                " does not fit the modulus at level " + std::to_string(level));
    seal::Plaintext pt;
    c.encoder().encode(value, c.parms_at(level), scale, pt);
    return pt;
}

// The size-3 tensor product into a fresh ciphertext (SEAL's in-place product must not see aliased operands).
seal::Ciphertext tensor(const Context& c, const he4j_ciphertext& a, const he4j_ciphertext& b, const char* op) {
    const auto& x = nonempty(a, op);
    const auto& y = nonempty(b, op);
    if (!(x.size() == 2 && y.size() == 2))
        fail(ErrorKind::kIncompatible, std::string(op) + ": operands must have size 2 (relinearize first), got " + std::to_string(x.size()) +
                " and " + std::to_string(y.size()));
    const std::uint32_t level = level_of(c, x);
    require_same_level(level, level_of(c, y), op);
    require_scale_ok(c, x.scale() * y.scale(), level, op);
    seal::Ciphertext r = x;
    allow_transparent([&] {
        if (&a == &b) c.evaluator().square_inplace(r);
        else c.evaluator().multiply_inplace(r, y);
    });
    return r;
}

void relin_in_place(const Context& c, const he4j_relin_key& rk, seal::Ciphertext& r) {
    allow_transparent([&] { c.evaluator().relinearize_inplace(r, rk.rk); });
}

// Rotation (step != 0) or conjugation into a fresh ciphertext; step 0 copies.
seal::Ciphertext galois(const Context& c, const he4j_galois_keys& gk, const seal::Ciphertext& x, std::int32_t step,
                        bool conjugate, const char* op) {
    require_size2(x, op);
    require_key_switching(c, op);
    seal::Ciphertext r;
    if (!conjugate && step == 0) {
        r = x;
        return r;
    }
    require_galois_key(c, gk.gk, step, conjugate, op);
    allow_transparent([&] {
        if (conjugate) c.evaluator().complex_conjugate(x, gk.gk, r);
        else c.evaluator().rotate_vector(x, step, gk.gk, r);
    });
    return r;
}

}  // namespace

extern "C" {

he4j_status he4j_eval_add(const he4j_context* ctx, const he4j_ciphertext* a, const he4j_ciphertext* b,
                          he4j_ciphertext* out) {
    return capi::guard("he4j_eval_add", [&] {
        const auto& c = context_of(ctx);
        add_sub(c, checked(a, c, "a"), checked(b, c, "b"), checked(out, c, "out"), false, "he4j_eval_add");
    });
}

he4j_status he4j_eval_sub(const he4j_context* ctx, const he4j_ciphertext* a, const he4j_ciphertext* b,
                          he4j_ciphertext* out) {
    return capi::guard("he4j_eval_sub", [&] {
        const auto& c = context_of(ctx);
        add_sub(c, checked(a, c, "a"), checked(b, c, "b"), checked(out, c, "out"), true, "he4j_eval_sub");
    });
}

he4j_status he4j_eval_negate(const he4j_context* ctx, const he4j_ciphertext* a, he4j_ciphertext* out) {
    return capi::guard("he4j_eval_negate", [&] {
        const auto& c = context_of(ctx);
        const auto& x = nonempty(checked(a, c, "a"), "he4j_eval_negate");
        auto& o = checked(out, c, "out");
        level_of(c, x);
        if (&o.ct != &x) o.ct = x;
        auto& r = writable(o);
        allow_transparent([&] { c.evaluator().negate_inplace(r); });
    });
}

he4j_status he4j_eval_add_plain(const he4j_context* ctx, const he4j_ciphertext* a, const he4j_plaintext* b,
                                he4j_ciphertext* out) {
    return capi::guard("he4j_eval_add_plain", [&] {
        const auto& c = context_of(ctx);
        plain_add_sub(c, checked(a, c, "a"), checked(b, c, "b"), checked(out, c, "out"), false, "he4j_eval_add_plain");
    });
}

he4j_status he4j_eval_sub_plain(const he4j_context* ctx, const he4j_ciphertext* a, const he4j_plaintext* b,
                                he4j_ciphertext* out) {
    return capi::guard("he4j_eval_sub_plain", [&] {
        const auto& c = context_of(ctx);
        plain_add_sub(c, checked(a, c, "a"), checked(b, c, "b"), checked(out, c, "out"), true, "he4j_eval_sub_plain");
    });
}

he4j_status he4j_eval_mul_plain(const he4j_context* ctx, const he4j_ciphertext* a, const he4j_plaintext* b,
                                he4j_ciphertext* out) {
    return capi::guard("he4j_eval_mul_plain", [&] {
        const auto& c = context_of(ctx);
        const auto& x = checked(a, c, "a");
        const auto& p = nonempty(checked(b, c, "b"), "he4j_eval_mul_plain");
        mul_plain_into(c, x, p, checked(out, c, "out"), "he4j_eval_mul_plain");
    });
}

he4j_status he4j_eval_add_scalar(const he4j_context* ctx, const he4j_ciphertext* a, double value, he4j_ciphertext* out) {
    return capi::guard("he4j_eval_add_scalar", [&] {
        const char* op = "he4j_eval_add_scalar";
        const auto& c = context_of(ctx);
        const auto& h = checked(a, c, "a");
        const auto& x = nonempty(h, op);
        auto& o = checked(out, c, "out");
        const seal::Plaintext p = scalar_plain(c, value, x.scale(), level_of(c, x), op);
        if (&o != &h) o.ct = x;
        auto& r = writable(o);
        allow_transparent([&] { c.evaluator().add_plain_inplace(r, p); });
    });
}

he4j_status he4j_eval_mul_scalar(const he4j_context* ctx, const he4j_ciphertext* a, double value, double scale,
                                 he4j_ciphertext* out) {
    return capi::guard("he4j_eval_mul_scalar", [&] {
        const char* op = "he4j_eval_mul_scalar";
        const auto& c = context_of(ctx);
        const auto& h = checked(a, c, "a");
        const auto& x = nonempty(h, op);
        auto& o = checked(out, c, "out");
        if (!(std::isfinite(scale) && scale > 0))
            fail(ErrorKind::kInvalidArgument, std::string(op) + ": scale must be finite and > 0");
        const seal::Plaintext p = scalar_plain(c, value, scale, level_of(c, x), op);
        mul_plain_into(c, h, p, o, op);
    });
}

he4j_status he4j_eval_mul(const he4j_context* ctx, const he4j_ciphertext* a, const he4j_ciphertext* b,
                          he4j_ciphertext* out) {
    return capi::guard("he4j_eval_mul", [&] {
        const auto& c = context_of(ctx);
        const auto& x = checked(a, c, "a");
        const auto& y = checked(b, c, "b");
        auto& o = checked(out, c, "out");
        seal::Ciphertext r = tensor(c, x, y, "he4j_eval_mul");
        writable(o) = std::move(r);
    });
}

he4j_status he4j_eval_relinearize(const he4j_context* ctx, const he4j_relin_key* rk, const he4j_ciphertext* a,
                                  he4j_ciphertext* out) {
    return capi::guard("he4j_eval_relinearize", [&] {
        const char* op = "he4j_eval_relinearize";
        const auto& c = context_of(ctx);
        const auto& k = checked(rk, c, "rk");
        const auto& h = checked(a, c, "a");
        const auto& x = nonempty(h, op);
        auto& o = checked(out, c, "out");
        level_of(c, x);
        require_key_switching(c, op);
        if (&o != &h) o.ct = x;
        auto& r = writable(o);
        if (r.size() > 2) relin_in_place(c, k, r);
    });
}

he4j_status he4j_eval_mul_relin(const he4j_context* ctx, const he4j_relin_key* rk, const he4j_ciphertext* a,
                                const he4j_ciphertext* b, he4j_ciphertext* out) {
    return capi::guard("he4j_eval_mul_relin", [&] {
        const char* op = "he4j_eval_mul_relin";
        const auto& c = context_of(ctx);
        const auto& k = checked(rk, c, "rk");
        const auto& x = checked(a, c, "a");
        const auto& y = checked(b, c, "b");
        auto& o = checked(out, c, "out");
        require_key_switching(c, op);
        seal::Ciphertext r = tensor(c, x, y, op);
        relin_in_place(c, k, r);
        writable(o) = std::move(r);
    });
}

he4j_status he4j_eval_square_relin(const he4j_context* ctx, const he4j_relin_key* rk, const he4j_ciphertext* a,
                                   he4j_ciphertext* out) {
    return capi::guard("he4j_eval_square_relin", [&] {
        const char* op = "he4j_eval_square_relin";
        const auto& c = context_of(ctx);
        const auto& k = checked(rk, c, "rk");
        const auto& x = checked(a, c, "a");
        auto& o = checked(out, c, "out");
        require_key_switching(c, op);
        seal::Ciphertext r = tensor(c, x, x, op);
        relin_in_place(c, k, r);
        writable(o) = std::move(r);
    });
}

he4j_status he4j_eval_rescale(const he4j_context* ctx, const he4j_ciphertext* a, he4j_ciphertext* out) {
    return capi::guard("he4j_eval_rescale", [&] {
        const char* op = "he4j_eval_rescale";
        const auto& c = context_of(ctx);
        const auto& x = nonempty(checked(a, c, "a"), op);
        auto& o = checked(out, c, "out");
        if (!(level_of(c, x) >= 1))
            fail(ErrorKind::kIncompatible, std::string(op) + ": ciphertext is at level 0, no prime left to divide by");
        seal::Ciphertext r;
        allow_transparent([&] { c.evaluator().rescale_to_next(x, r); });
        writable(o) = std::move(r);
    });
}

he4j_status he4j_eval_mod_switch_to(const he4j_context* ctx, const he4j_ciphertext* a, uint32_t level,
                                    he4j_ciphertext* out) {
    return capi::guard("he4j_eval_mod_switch_to", [&] {
        const char* op = "he4j_eval_mod_switch_to";
        const auto& c = context_of(ctx);
        const auto& h = checked(a, c, "a");
        const auto& x = nonempty(h, op);
        auto& o = checked(out, c, "out");
        const std::uint32_t current = level_of(c, x);
        if (!(level <= current))
            fail(ErrorKind::kIncompatible, std::string(op) + ": target level " + std::to_string(level) + " is above the ciphertext level " +
                    std::to_string(current));
        if (&o != &h) o.ct = x;
        auto& r = writable(o);
        if (level < current) allow_transparent([&] { c.evaluator().mod_switch_to_inplace(r, c.parms_at(level)); });
    });
}

he4j_status he4j_plaintext_mod_switch_to(const he4j_context* ctx, const he4j_plaintext* a, uint32_t level,
                                         he4j_plaintext* out) {
    return capi::guard("he4j_plaintext_mod_switch_to", [&] {
        const char* op = "he4j_plaintext_mod_switch_to";
        const auto& c = context_of(ctx);
        const auto& h = checked(a, c, "a");
        const auto& x = nonempty(h, op);
        auto& o = checked(out, c, "out");
        const std::uint32_t current = c.level_of(x.parms_id());
        if (!(level <= current))
            fail(ErrorKind::kIncompatible, std::string(op) + ": target level " + std::to_string(level) + " is above the plaintext level " +
                    std::to_string(current));
        if (&o != &h) o.pt = x;
        if (level < current) c.evaluator().mod_switch_to_inplace(o.pt, c.parms_at(level));
    });
}

he4j_status he4j_eval_rotate(const he4j_context* ctx, const he4j_galois_keys* gk, const he4j_ciphertext* a, int32_t step,
                             he4j_ciphertext* out) {
    return capi::guard("he4j_eval_rotate", [&] {
        const char* op = "he4j_eval_rotate";
        const auto& c = context_of(ctx);
        const auto& k = checked(gk, c, "gk");
        const auto& x = nonempty(checked(a, c, "a"), op);
        auto& o = checked(out, c, "out");
        step_arg(c, step);
        level_of(c, x);
        seal::Ciphertext r = galois(c, k, x, step, false, op);
        writable(o) = std::move(r);
    });
}

he4j_status he4j_eval_conjugate(const he4j_context* ctx, const he4j_galois_keys* gk, const he4j_ciphertext* a,
                                he4j_ciphertext* out) {
    return capi::guard("he4j_eval_conjugate", [&] {
        const char* op = "he4j_eval_conjugate";
        const auto& c = context_of(ctx);
        const auto& k = checked(gk, c, "gk");
        const auto& x = nonempty(checked(a, c, "a"), op);
        auto& o = checked(out, c, "out");
        level_of(c, x);
        seal::Ciphertext r = galois(c, k, x, 0, true, op);
        writable(o) = std::move(r);
    });
}

// SEAL has no hoisted-rotation API: each rotation decomposes c1 again (same results, no shared work).
he4j_status he4j_eval_rotate_hoisted(const he4j_context* ctx, const he4j_galois_keys* gk, const he4j_ciphertext* a,
                                     const int32_t* steps, size_t count, he4j_ciphertext* const* outs) {
    return capi::guard("he4j_eval_rotate_hoisted", [&] {
        const char* op = "he4j_eval_rotate_hoisted";
        const auto& c = context_of(ctx);
        const auto& k = checked(gk, c, "gk");
        const auto& h = checked(a, c, "a");
        if (count == 0) return;  // nothing to rotate
        slot_count_arg(c, count, "steps");
        const auto& x = nonempty(h, op);
        deref(steps, "steps");
        deref(outs, "outs");
        std::vector<he4j_ciphertext*> os(count);
        for (size_t i = 0; i < count; ++i) {
            step_arg(c, steps[i]);
            const std::string name = "outs[" + std::to_string(i) + "]";
            os[i] = &checked(outs[i], c, name.c_str());
        }
        level_of(c, x);
        require_size2(x, op);
        require_key_switching(c, op);
        for (size_t i = 0; i < count; ++i)
            if (steps[i] != 0) require_galois_key(c, k.gk, steps[i], false, op);
        // Every result is computed before any output (which may alias a) is written.
        std::vector<seal::Ciphertext> results;
        results.reserve(count);
        for (size_t i = 0; i < count; ++i) results.push_back(galois(c, k, x, steps[i], false, op));
        for (size_t i = 0; i < count; ++i) writable(*os[i]) = std::move(results[i]);
    });
}

he4j_status he4j_eval_rotate_sum(const he4j_context* ctx, const he4j_galois_keys* gk, const he4j_ciphertext* a,
                                 uint32_t count, he4j_ciphertext* out) {
    return capi::guard("he4j_eval_rotate_sum", [&] {
        const char* op = "he4j_eval_rotate_sum";
        const auto& c = context_of(ctx);
        const auto& k = checked(gk, c, "gk");
        const auto& x = nonempty(checked(a, c, "a"), op);
        auto& o = checked(out, c, "out");
        level_of(c, x);
        if (!(count >= 1 && (count & (count - 1)) == 0 && count <= c.slots()))
            fail(ErrorKind::kInvalidArgument, std::string(op) + ": count must be a power of two in [1, " + std::to_string(c.slots()) + "], got " +
                    std::to_string(count));
        if (count > 1) {
            require_size2(x, op);
            require_key_switching(c, op);
        }
        for (std::uint32_t step = 1; step < count; step <<= 1)
            if (!(k.gk.has_key(c.galois_element_for_step(static_cast<std::int32_t>(step)))))
                fail(ErrorKind::kIncompatible, std::string(op) + ": no Galois key for step " + std::to_string(step) +
                        "; rotate_sum needs keys for steps 1, 2, 4, ..., count/2");
        seal::Ciphertext acc = x;
        for (std::uint32_t step = 1; step < count; step <<= 1) {
            seal::Ciphertext rot = galois(c, k, acc, static_cast<std::int32_t>(step), false, op);
            allow_transparent([&] { c.evaluator().add_inplace(acc, rot); });
        }
        writable(o) = std::move(acc);
    });
}

}  // extern "C"
