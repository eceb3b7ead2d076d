#include "ckks/keyswitch.hpp"

#include "ring/eltwise.hpp"

namespace he4j::ckks {

using ring::u64;

void decompose(const Context& ctx, std::uint32_t level, const u64* poly, Decomposed& out) {
    const std::size_t n = ctx.n(), rows = level + 1, k = ctx.special_count();
    out.level = level;
    out.digits = ctx.digits_at(level);
    out.ext = rows + k;
    out.data.resize(out.digits * out.ext * n);
    std::vector<u64> coeff(poly, poly + rows * n);
    for (std::size_t i = 0; i < rows; ++i) ctx.ntt(i).inverse(coeff.data() + i * n);
    std::vector<u64> lifted((out.ext) * n);
    for (std::size_t j = 0; j < out.digits; ++j) {
        const auto& mu = ctx.mod_up(level, j);
        mu.conv->convert(coeff.data() + mu.begin * n, lifted.data(), n);
        u64* dj = out.data.data() + j * out.ext * n;
        for (std::size_t r = mu.begin; r < mu.end; ++r) std::copy(poly + r * n, poly + (r + 1) * n, dj + r * n);
        for (std::size_t t = 0; t < mu.to_rows.size(); ++t) {
            const std::size_t r = mu.to_rows[t];
            u64* dst = dj + r * n;
            std::copy(lifted.data() + t * n, lifted.data() + (t + 1) * n, dst);
            ctx.ntt(ctx.ext_global(level, r)).forward(dst);
        }
    }
}

void key_switch_inner(const Context& ctx, const Decomposed& d, const std::vector<std::uint32_t>* perm,
                      const KeySwitchKey& key, u64* acc0, u64* acc1) {
    const std::size_t n = ctx.n();
    std::vector<u64> permuted(perm ? n : 0);
    for (std::size_t r = 0; r < d.ext; ++r) {
        const std::size_t g = ctx.ext_global(d.level, r);
        const auto& q = ctx.modulus(g);
        u64* o0 = acc0 + r * n;
        u64* o1 = acc1 + r * n;
        for (std::size_t j = 0; j < d.digits; ++j) {
            const u64* x = d.row(j, r, n);
            if (perm) {
                const std::uint32_t* p = perm->data();
                for (std::size_t c = 0; c < n; ++c) permuted[c] = x[p[c]];
                x = permuted.data();
            }
            if (j == 0) {
                ring::eltwise_mul_mod(o0, x, key.b_row(ctx, j, g), n, q);
                ring::eltwise_mul_mod(o1, x, key.a_row(ctx, j, g), n, q);
            } else {
                ring::eltwise_mul_add_mod(o0, x, key.b_row(ctx, j, g), n, q);
                ring::eltwise_mul_add_mod(o1, x, key.a_row(ctx, j, g), n, q);
            }
        }
    }
}

void mod_down_add(const Context& ctx, std::uint32_t level, u64* acc, u64* out) {
    const std::size_t n = ctx.n(), rows = level + 1, k = ctx.special_count();
    for (std::size_t t = 0; t < k; ++t) ctx.ntt(ctx.data_count() + t).inverse(acc + (rows + t) * n);
    std::vector<u64> conv(rows * n);
    ctx.mod_down(level).convert(acc + rows * n, conv.data(), n);
    for (std::size_t i = 0; i < rows; ++i) {
        const auto& q = ctx.modulus(i);
        u64* c = conv.data() + i * n;
        ctx.ntt(i).forward(c);
        ring::eltwise_sub_mod(c, acc + i * n, c, n, q.value());
        ring::eltwise_mul_scalar_mod(c, c, ctx.p_inv_mod_q(i), n, q);
        ring::eltwise_add_mod(out + i * n, out + i * n, c, n, q.value());
    }
}

}  // namespace he4j::ckks
