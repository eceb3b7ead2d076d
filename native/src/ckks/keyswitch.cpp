#include "ckks/keyswitch.hpp"

#include <memory>

#include "ring/eltwise.hpp"

namespace he4j::ckks {

using ring::u64;

void decompose(const Context& ctx, std::uint32_t level, const u64* poly, Decomposed& out) {
    const std::size_t n = ctx.n(), rows = level + 1, k = ctx.special_count();
    out.level = level;
    out.digits = ctx.digits_at(level);
    out.ext = rows + k;
    out.alpha = ctx.alpha();
    out.source = poly;
    {
        ScratchPool::Buffer fresh = ctx.scratch(out.digits * out.ext * n);
        out.data.swap(fresh);
    }
    auto coeff = ctx.scratch(rows * n);
    std::copy(poly, poly + rows * n, coeff.get());
    for (std::size_t i = 0; i < rows; ++i) ctx.ntt(i).inverse(coeff.get() + i * n);
    auto tmp = ctx.scratch(ctx.alpha() * n);
    std::vector<u64*> dst_rows(out.ext);
    for (std::size_t j = 0; j < out.digits; ++j) {
        const auto& mu = ctx.mod_up(level, j);
        u64* dj = out.data.get() + j * out.ext * n;
        for (std::size_t t = 0; t < mu.to_rows.size(); ++t) dst_rows[t] = dj + mu.to_rows[t] * n;
        mu.conv->convert(coeff.get() + mu.begin * n, dst_rows.data(), n, tmp.get());
        for (std::size_t r : mu.to_rows) ctx.ntt(ctx.ext_global(level, r)).forward(dj + r * n);
    }
}

void key_switch_inner(const Context& ctx, const Decomposed& d, const KeySwitchKey& key, u64* acc0, u64* acc1) {
    const std::size_t n = ctx.n();
    std::vector<const u64*> x(d.digits), kb(d.digits), ka(d.digits);
    for (std::size_t r = 0; r < d.ext; ++r) {
        const std::size_t g = ctx.ext_global(d.level, r);
        for (std::size_t j = 0; j < d.digits; ++j) {
            x[j] = d.row(j, r, n);
            kb[j] = key.b_row(ctx, j, g);
            ka[j] = key.a_row(ctx, j, g);
        }
        ring::eltwise_dot2_mod(acc0 + r * n, acc1 + r * n, x.data(), kb.data(), ka.data(), d.digits, n, ctx.modulus(g));
    }
}

void mod_down_add(const Context& ctx, std::uint32_t level, u64* acc, u64* out) { mod_down_to(ctx, level, acc, out, out); }

void mod_down_to(const Context& ctx, std::uint32_t level, u64* acc, const u64* base, u64* out) {
    const std::size_t n = ctx.n(), rows = level + 1, k = ctx.special_count();
    for (std::size_t t = 0; t < k; ++t) ctx.ntt(ctx.data_count() + t).inverse(acc + (rows + t) * n);
    auto conv = ctx.scratch(rows * n);
    auto tmp = ctx.scratch(k * n);
    std::vector<u64*> conv_rows(rows);
    for (std::size_t i = 0; i < rows; ++i) conv_rows[i] = conv.get() + i * n;
    ctx.mod_down(level).convert(acc + rows * n, conv_rows.data(), n, tmp.get());
    for (std::size_t i = 0; i < rows; ++i) {
        const auto& q = ctx.modulus(i);
        u64* c = conv.get() + i * n;
        ctx.ntt(i).forward(c);
        ring::eltwise_sub_mul_scalar_mod(out + i * n, acc + i * n, c, ctx.p_inv_mod_q(i), base ? base + i * n : nullptr, n, q);
    }
}

}  // namespace he4j::ckks
