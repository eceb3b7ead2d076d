#include "ckks/evaluator.hpp"

#include <cmath>
#include <memory>
#include <string>

#include "ckks/encoder.hpp"
#include "ckks/keyswitch.hpp"
#include "common/error.hpp"
#include "ring/eltwise.hpp"

namespace he4j::ckks {

using ring::u64;

void require_nonempty(const Ciphertext& a, const char* op) {
    if (a.empty()) fail(ErrorKind::kInvalidArgument, std::string(op) + ": ciphertext is empty");
}
void require_nonempty(const Plaintext& a, const char* op) {
    if (a.empty()) fail(ErrorKind::kInvalidArgument, std::string(op) + ": plaintext is empty");
}

namespace {

void require_same_level(std::uint32_t a, std::uint32_t b, const char* op) {
    if (!(a == b)) fail(ErrorKind::kIncompatible,
            std::string(op) + ": levels differ (" + std::to_string(a) + " vs " + std::to_string(b) +
                "); mod-switch or rescale one operand first");
}

void require_same_scale(double a, double b, const char* op) {
    if (!(std::fabs(a - b) <= std::ldexp(std::max(a, b), -20))) fail(ErrorKind::kIncompatible,
            std::string(op) + ": scales differ (2^" + std::to_string(std::log2(a)) + " vs 2^" +
                std::to_string(std::log2(b)) + "); they must agree within 2^-20 relative");
}

// Shapes out for an element-wise result; safe when out aliases an input of the same level.
void shape(Ciphertext& out, std::uint32_t level, std::uint32_t size, std::size_t n) { out.reset(level, size, n); }

enum class AddOp { kAdd, kSub };

void add_sub(const Context& ctx, const Ciphertext& a, const Ciphertext& b, Ciphertext& out, AddOp op,
             const char* name) {
    require_nonempty(a, name);
    require_nonempty(b, name);
    require_same_level(a.level, b.level, name);
    require_same_scale(a.scale, b.scale, name);
    const std::size_t n = ctx.n(), rows = a.rows();
    const std::uint32_t common = std::min(a.size, b.size), size = std::max(a.size, b.size);
    const double scale = a.scale;
    const bool b_longer = b.size > a.size;
    shape(out, a.level, size, n);  // may resize a or b in place: re-read pointers below
    for (std::uint32_t k = 0; k < common; ++k)
        for (std::size_t i = 0; i < rows; ++i) {
            const u64 q = ctx.modulus(i).value();
            if (op == AddOp::kAdd) ring::eltwise_add_mod(out.poly(k, n) + i * n, a.poly(k, n) + i * n, b.poly(k, n) + i * n, n, q);
            else ring::eltwise_sub_mod(out.poly(k, n) + i * n, a.poly(k, n) + i * n, b.poly(k, n) + i * n, n, q);
        }
    for (std::uint32_t k = common; k < size; ++k) {
        const Ciphertext& src = b_longer ? b : a;
        if (&src == &out) continue;
        for (std::size_t i = 0; i < rows; ++i) {
            const u64* s = src.poly(k, n) + i * n;
            u64* o = out.poly(k, n) + i * n;
            if (b_longer && op == AddOp::kSub) ring::eltwise_negate_mod(o, s, n, ctx.modulus(i).value());
            else std::copy(s, s + n, o);
        }
    }
    if (b_longer && op == AddOp::kSub && &b == &out)
        for (std::uint32_t k = common; k < size; ++k)
            for (std::size_t i = 0; i < rows; ++i)
                ring::eltwise_negate_mod(out.poly(k, n) + i * n, out.poly(k, n) + i * n, n, ctx.modulus(i).value());
    out.scale = scale;
}

void plain_op(const Context& ctx, const Ciphertext& a, const Plaintext& p, Ciphertext& out, AddOp op, const char* name) {
    require_nonempty(a, name);
    require_nonempty(p, name);
    require_same_level(a.level, p.level, name);
    require_same_scale(a.scale, p.scale, name);
    const std::size_t n = ctx.n(), rows = a.rows();
    const double scale = a.scale;
    const std::uint32_t size = a.size;
    if (&out != &a) {
        shape(out, a.level, size, n);
        std::copy(a.data.begin(), a.data.end(), out.data.begin());
    }
    out.seeded = false;
    for (std::size_t i = 0; i < rows; ++i) {
        u64* o = out.poly(0, n) + i * n;
        const u64 q = ctx.modulus(i).value();
        if (op == AddOp::kAdd) ring::eltwise_add_mod(o, o, p.row(i, n), n, q);
        else ring::eltwise_sub_mod(o, o, p.row(i, n), n, q);
    }
    out.scale = scale;
}

void require_scale_ok(double s, const char* op) {
    if (!(std::isfinite(s) && s > 0)) fail(ErrorKind::kIncompatible,
            std::string(op) + ": resulting scale is not finite (2^" + std::to_string(std::log2(s)) + ")");
}

}  // namespace

void add(const Context& ctx, const Ciphertext& a, const Ciphertext& b, Ciphertext& out) {
    add_sub(ctx, a, b, out, AddOp::kAdd, "he4j_eval_add");
}

void sub(const Context& ctx, const Ciphertext& a, const Ciphertext& b, Ciphertext& out) {
    add_sub(ctx, a, b, out, AddOp::kSub, "he4j_eval_sub");
}

void negate(const Context& ctx, const Ciphertext& a, Ciphertext& out) {
    require_nonempty(a, "he4j_eval_negate");
    const std::size_t n = ctx.n(), rows = a.rows();
    const double scale = a.scale;
    shape(out, a.level, a.size, n);
    for (std::uint32_t k = 0; k < out.size; ++k)
        for (std::size_t i = 0; i < rows; ++i)
            ring::eltwise_negate_mod(out.poly(k, n) + i * n, a.poly(k, n) + i * n, n, ctx.modulus(i).value());
    out.scale = scale;
}

void add_plain(const Context& ctx, const Ciphertext& a, const Plaintext& b, Ciphertext& out) {
    plain_op(ctx, a, b, out, AddOp::kAdd, "he4j_eval_add_plain");
}

void sub_plain(const Context& ctx, const Ciphertext& a, const Plaintext& b, Ciphertext& out) {
    plain_op(ctx, a, b, out, AddOp::kSub, "he4j_eval_sub_plain");
}

void mul_plain(const Context& ctx, const Ciphertext& a, const Plaintext& b, Ciphertext& out) {
    const char* name = "he4j_eval_mul_plain";
    require_nonempty(a, name);
    require_nonempty(b, name);
    require_same_level(a.level, b.level, name);
    const double scale = a.scale * b.scale;
    require_scale_ok(scale, name);
    const std::size_t n = ctx.n(), rows = a.rows();
    shape(out, a.level, a.size, n);
    for (std::uint32_t k = 0; k < out.size; ++k)
        for (std::size_t i = 0; i < rows; ++i)
            ring::eltwise_mul_mod(out.poly(k, n) + i * n, a.poly(k, n) + i * n, b.row(i, n), n, ctx.modulus(i));
    out.scale = scale;
}

void add_scalar(const Context& ctx, const Ciphertext& a, double value, Ciphertext& out) {
    const char* name = "he4j_eval_add_scalar";
    require_nonempty(a, name);
    if (!(std::isfinite(value))) fail(ErrorKind::kInvalidArgument, std::string(name) + ": value is not finite");
    const double c = std::round(value * a.scale);
    if (!(std::isfinite(c))) fail(ErrorKind::kInvalidArgument, std::string(name) + ": scaled value overflows");
    check_fits(ctx, std::fabs(c), a.level, name);
    const std::size_t n = ctx.n(), rows = a.rows();
    if (&out != &a) {
        const double scale = a.scale;
        shape(out, a.level, a.size, n);
        std::copy(a.data.begin(), a.data.end(), out.data.begin());
        out.scale = scale;
    }
    out.seeded = false;
    // A constant polynomial is the same value at every NTT point.
    for (std::size_t i = 0; i < rows; ++i) {
        const auto& q = ctx.modulus(i);
        u64* o = out.poly(0, n) + i * n;
        ring::eltwise_add_scalar_mod(o, o, integer_double_mod(c, q), n, q.value());
    }
}

void mul_scalar(const Context& ctx, const Ciphertext& a, double value, double scale, Ciphertext& out) {
    const char* name = "he4j_eval_mul_scalar";
    require_nonempty(a, name);
    if (!(std::isfinite(value))) fail(ErrorKind::kInvalidArgument, std::string(name) + ": value is not finite");
    if (!(std::isfinite(scale) && scale > 0)) fail(ErrorKind::kInvalidArgument,
            std::string(name) + ": scale must be finite and > 0");
    const double c = std::round(value * scale);
    if (!(std::isfinite(c))) fail(ErrorKind::kInvalidArgument, std::string(name) + ": scaled value overflows");
    check_fits(ctx, std::fabs(c), a.level, name);
    const double new_scale = a.scale * scale;
    require_scale_ok(new_scale, name);
    const std::size_t n = ctx.n(), rows = a.rows();
    shape(out, a.level, a.size, n);
    for (std::size_t i = 0; i < rows; ++i) {
        const auto& q = ctx.modulus(i);
        const u64 w = integer_double_mod(c, q);
        for (std::uint32_t k = 0; k < out.size; ++k)
            ring::eltwise_mul_scalar_mod(out.poly(k, n) + i * n, a.poly(k, n) + i * n, w, n, q);
    }
    out.scale = new_scale;
}

namespace {

// Size-3 tensor product (d0, d1, d2) = (a0 b0, a0 b1 + a1 b0, a1 b1) into r (r must not alias a or b).
void tensor(const Context& ctx, const Ciphertext& a, const Ciphertext& b, Ciphertext& r, const char* name) {
    require_nonempty(a, name);
    require_nonempty(b, name);
    if (!(a.size == 2 && b.size == 2)) fail(ErrorKind::kIncompatible,
            std::string(name) + ": operands must have size 2 (relinearize first), got " + std::to_string(a.size) +
                " and " + std::to_string(b.size));
    require_same_level(a.level, b.level, name);
    const double scale = a.scale * b.scale;
    require_scale_ok(scale, name);
    const std::size_t n = ctx.n(), rows = a.rows();
    r.reset(a.level, 3, n);
    r.scale = scale;
    for (std::size_t i = 0; i < rows; ++i) {
        const auto& q = ctx.modulus(i);
        const std::size_t o = i * n;
        const u64 *a0 = a.poly(0, n) + o, *a1 = a.poly(1, n) + o, *b0 = b.poly(0, n) + o, *b1 = b.poly(1, n) + o;
        ring::eltwise_tensor_mod(r.poly(0, n) + o, r.poly(1, n) + o, r.poly(2, n) + o, a0, a1, b0, b1, n, q);
    }
}

// Runs f(target) on out directly when it aliases no input, else on a temporary moved into out.
template <class F>
void with_output(Ciphertext& out, const Ciphertext& a, const Ciphertext& b, F f) {
    if (&out != &a && &out != &b) {
        f(out);
    } else {
        Ciphertext r;
        f(r);
        out = std::move(r);
    }
}

// (d0, d1, d2) -> (d0, d1) + KeySwitch(d2) in place.
void relin_in_place(const Context& ctx, const RelinKey& rk, Ciphertext& r) {
    const std::size_t n = ctx.n();
    Decomposed d(ctx);
    decompose(ctx, r.level, r.poly(2, n), d);
    auto acc0 = ctx.scratch(d.ext * n);
    auto acc1 = ctx.scratch(d.ext * n);
    key_switch_inner(ctx, d, rk.key, acc0.get(), acc1.get());
    mod_down_add(ctx, r.level, acc0.get(), r.poly(0, n));
    mod_down_add(ctx, r.level, acc1.get(), r.poly(1, n));
    r.size = 2;
    r.data.resize(2 * r.rows() * n);
}

void require_key_switching(const Context& ctx, const char* name) {
    if (!(ctx.special_count() > 0)) fail(ErrorKind::kUnsupported,
            std::string(name) + ": these parameters have no special primes, so key switching is unavailable");
}

}  // namespace

void mul(const Context& ctx, const Ciphertext& a, const Ciphertext& b, Ciphertext& out) {
    with_output(out, a, b, [&](Ciphertext& r) { tensor(ctx, a, b, r, "he4j_eval_mul"); });
}

void relinearize(const Context& ctx, const RelinKey& rk, const Ciphertext& a, Ciphertext& out) {
    const char* name = "he4j_eval_relinearize";
    require_nonempty(a, name);
    require_key_switching(ctx, name);
    if (a.size == 2) {
        if (&out != &a) out = a;
        out.seeded = false;
        return;
    }
    Ciphertext r = a;
    r.seeded = false;
    relin_in_place(ctx, rk, r);
    out = std::move(r);
}

void mul_relin(const Context& ctx, const RelinKey& rk, const Ciphertext& a, const Ciphertext& b, Ciphertext& out) {
    require_key_switching(ctx, "he4j_eval_mul_relin");
    with_output(out, a, b, [&](Ciphertext& r) {
        tensor(ctx, a, b, r, "he4j_eval_mul_relin");
        relin_in_place(ctx, rk, r);
    });
}

void square_relin(const Context& ctx, const RelinKey& rk, const Ciphertext& a, Ciphertext& out) {
    require_key_switching(ctx, "he4j_eval_square_relin");
    with_output(out, a, a, [&](Ciphertext& r) {
        tensor(ctx, a, a, r, "he4j_eval_square_relin");
        relin_in_place(ctx, rk, r);
    });
}

void rescale(const Context& ctx, const Ciphertext& a, Ciphertext& out) {
    const char* name = "he4j_eval_rescale";
    require_nonempty(a, name);
    if (!(a.level >= 1)) fail(ErrorKind::kIncompatible, std::string(name) + ": ciphertext is at level 0, no prime left to divide by");
    const std::size_t n = ctx.n();
    const std::uint32_t l = a.level;
    const auto& ql = ctx.modulus(l);
    const u64 half = ql.value() >> 1;
    Ciphertext fresh;
    Ciphertext& r = &out == &a ? fresh : out;
    const double scale = a.scale / static_cast<double>(ql.value());
    r.reset(l - 1, a.size, n);
    r.scale = scale;
    auto last = ctx.scratch(n);
    auto t = ctx.scratch(n);
    for (std::uint32_t k = 0; k < a.size; ++k) {
        // Divide-and-round: (c - [c + q_l/2]_{q_l} + q_l/2) / q_l, computed per remaining prime.
        std::copy(a.poly(k, n) + l * n, a.poly(k, n) + (l + 1) * n, last.get());
        ctx.ntt(l).inverse(last.get());
        ring::eltwise_add_scalar_mod(last.get(), last.get(), half, n, ql.value());
        for (std::size_t i = 0; i < l; ++i) {
            const auto& qi = ctx.modulus(i);
            const u64 q = qi.value(), bh = qi.barrett_hi();
            const u64 half_i = q - ring::reduce64(half, q, bh);  // -(q_l/2) mod q_i
            if (ql.value() < q) {
                ring::eltwise_add_scalar_mod(t.get(), last.get(), half_i, n, q);
            } else {  // t = half_i + last * 1 mod q (Shoup reduces any word)
                std::fill(t.get(), t.get() + n, half_i);
                ring::eltwise_mul_scalar_add_mod(t.get(), last.get(), 1, n, qi);
            }
            ctx.ntt(i).forward(t.get());
            ring::eltwise_sub_mul_scalar_mod(r.poly(k, n) + i * n, a.poly(k, n) + i * n, t.get(), ctx.rescale_inv(l, i),
                                             nullptr, n, qi);
        }
    }
    if (&r == &fresh) out = std::move(fresh);
}

void mod_switch_to(const Context& ctx, const Ciphertext& a, std::uint32_t level, Ciphertext& out) {
    const char* name = "he4j_eval_mod_switch_to";
    require_nonempty(a, name);
    if (!(level <= a.level)) fail(ErrorKind::kIncompatible,
            std::string(name) + ": target level " + std::to_string(level) + " is above the ciphertext level " +
                std::to_string(a.level));
    const std::size_t n = ctx.n();
    Ciphertext r;
    r.reset(level, a.size, n);
    r.scale = a.scale;
    for (std::uint32_t k = 0; k < a.size; ++k)
        std::copy(a.poly(k, n), a.poly(k, n) + (level + 1) * n, r.poly(k, n));
    out = std::move(r);
}

void mod_switch_to(const Context& ctx, const Plaintext& a, std::uint32_t level, Plaintext& out) {
    const char* name = "he4j_plaintext_mod_switch_to";
    require_nonempty(a, name);
    if (!(level <= a.level)) fail(ErrorKind::kIncompatible,
            std::string(name) + ": target level " + std::to_string(level) + " is above the plaintext level " +
                std::to_string(a.level));
    Plaintext r;
    r.level = level;
    r.scale = a.scale;
    r.data.assign(a.data.begin(), a.data.begin() + (level + 1) * ctx.n());
    out = std::move(r);
}

}  // namespace he4j::ckks
