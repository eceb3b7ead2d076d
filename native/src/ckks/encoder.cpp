#include "ckks/encoder.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "ckks/encode_kernels.hpp"
#include "common/error.hpp"
#include "ring/eltwise.hpp"

namespace he4j::ckks {

using ring::u64;

u64 integer_double_mod(double value, const ring::Modulus& q, const u64* pow2) {
    const double a = std::fabs(value);
    u64 r;
    if (a < 9.2e18) {
        r = q.reduce(static_cast<u64>(a));
    } else {
        // a = m * 2^(e-53) with an integer m < 2^53: a mod q = (m mod q) * (2^(e-53) mod q) mod q.
        int e;
        double frac = std::frexp(a, &e);                       // a = frac * 2^e, frac in [0.5, 1)
        u64 m = static_cast<u64>(std::ldexp(frac, 53));        // exact
        const auto k = static_cast<u64>(e - 53);
        r = ring::mul_mod(q.reduce(m), pow2 != nullptr ? pow2[k] : ring::pow_mod(2, k, q), q);
    }
    return value < 0 ? ring::neg_mod(r, q.value()) : r;
}

void check_fits(const Context& ctx, double max_abs, std::uint32_t level, const char* what) {
    // One bit of margin below Q/2 so decoding's centered lift is unambiguous.
    const double limit = ctx.crt(level).log2_q() - 2.0;
    if (max_abs >= 1.0 && std::log2(max_abs) >= limit)
        fail(ErrorKind::kInvalidArgument,
             std::string(what) + ": a scaled value of magnitude 2^" + std::to_string(std::log2(max_abs)) +
                 " does not fit the modulus at level " + std::to_string(level) + " (limit 2^" +
                 std::to_string(limit) + "); lower the scale or the values, or encode at a higher level");
}

namespace {

void check_scale_level(const Context& ctx, double scale, std::uint32_t level, const char* what) {
    require(std::isfinite(scale) && scale > 0, ErrorKind::kInvalidArgument,
            std::string(what) + ": scale must be finite and > 0");
    require(level <= ctx.max_level(), ErrorKind::kInvalidArgument,
            std::string(what) + ": level " + std::to_string(level) + " exceeds max level " +
                std::to_string(ctx.max_level()));
}

// Rounded integer coefficients (N doubles, max |coefficient| = max_abs) -> NTT-form plaintext at `level`.
void coeffs_to_plaintext(const Context& ctx, const std::vector<double>& coeffs, double max_abs, double scale,
                         std::uint32_t level, Plaintext& out) {
    const std::size_t n = ctx.n();
    Plaintext& pt = out;  // all checks are done: write in place, reusing the buffer
    pt.level = level;
    pt.scale = scale;
    pt.data.resize((level + 1) * n);
    // Fast path: every |coefficient| below every prime of the level (the usual case) needs no reduction.
    u64 min_q = ~u64{0};
    for (std::size_t i = 0; i <= level; ++i) min_q = std::min(min_q, ctx.modulus(i).value());
    const bool below_primes = max_abs < static_cast<double>(min_q);
    const bool fits_int64 = max_abs < 9.2e18;
    // Coefficients that fit an int64 but not every prime: |c| once, then a vectorized reduction per prime.
    const bool by_magnitude = fits_int64 && !below_primes;
    std::vector<u64> magnitude(by_magnitude ? n : 0), negative(by_magnitude ? n : 0);
    for (std::size_t k = 0; k < magnitude.size(); ++k) {
        magnitude[k] = static_cast<u64>(std::fabs(coeffs[k]));
        negative[k] = coeffs[k] < 0 ? ~u64{0} : 0;
    }
    for (std::size_t i = 0; i <= level; ++i) {
        const auto& q = ctx.modulus(i);
        u64* row = pt.row(i, n);
        const u64 qv = q.value();
        if (below_primes) {
            small_coeffs_to_residues(coeffs.data(), n, qv, row);
        } else if (by_magnitude) {
            ring::eltwise_reduce_mod(row, magnitude.data(), n, q);
            for (std::size_t k = 0; k < n; ++k) {  // branch-free: signs are random, a branch mispredicts half
                const u64 r = row[k], flip = negative[k] & (u64{0} - static_cast<u64>(r != 0));
                row[k] = r ^ ((r ^ (qv - r)) & flip);
            }
        } else {
            // Wide values (Cheetah queries and flooded feature-major batches at scales beyond 2^63): the powers
            // 2^(e-53) mod q come from a table of at most (log2 max_abs - 52) entries, not a pow_mod each.
            int top;
            std::frexp(max_abs, &top);
            std::vector<u64> pow2(static_cast<std::size_t>(std::max(top - 52, 1)));
            pow2[0] = q.reduce(1);
            for (std::size_t j = 1; j < pow2.size(); ++j) pow2[j] = ring::add_mod(pow2[j - 1], pow2[j - 1], qv);
            for (std::size_t k = 0; k < n; ++k) row[k] = integer_double_mod(coeffs[k], q, pow2.data());
        }
        ctx.ntt(i).forward(row);
    }
}

}  // namespace

namespace {

// Slots value(0..count-1) (the rest 0) -> plaintext through the inverse special FFT.
template <class Value>
void encode_slots(const Context& ctx, std::size_t count, Value value, double scale, std::uint32_t level, Plaintext& out) {
    const char* what = "encode";
    check_scale_level(ctx, scale, level, what);
    const std::size_t n = ctx.n(), slots = ctx.slots();
    require(count <= slots, ErrorKind::kInvalidArgument,
            "encode: " + std::to_string(count) + " values exceed the " + std::to_string(slots) + " slots");
    std::vector<std::complex<double>> u(slots);
    for (std::size_t j = 0; j < count; ++j) {
        const std::complex<double> v = value(j);
        if (!(std::isfinite(v.real()) && std::isfinite(v.imag())))
            fail(ErrorKind::kInvalidArgument, "encode: value " + std::to_string(j) + " is not finite");
        u[j] = v;
    }
    ctx.fft().inverse(u.data());
    std::vector<double> coeffs(n);
    const double max_abs = round_scaled(u.data(), slots, scale, coeffs.data());
    require(std::isfinite(max_abs), ErrorKind::kInvalidArgument, "encode: scaled values overflow");
    check_fits(ctx, max_abs, level, what);
    coeffs_to_plaintext(ctx, coeffs, max_abs, scale, level, out);
}

}  // namespace

void encode_complex(const Context& ctx, const std::complex<double>* values, std::size_t count, double scale,
                    std::uint32_t level, Plaintext& out) {
    encode_slots(ctx, count, [values](std::size_t j) { return values[j]; }, scale, level, out);
}

void encode_real(const Context& ctx, const double* values, std::size_t count, double scale, std::uint32_t level,
                 Plaintext& out) {
    encode_slots(ctx, count, [values](std::size_t j) { return std::complex<double>(values[j], 0.0); }, scale, level, out);
}

void encode_scalar(const Context& ctx, double value, double scale, std::uint32_t level, Plaintext& out) {
    check_scale_level(ctx, scale, level, "encode_scalar");
    require(std::isfinite(value), ErrorKind::kInvalidArgument, "encode_scalar: value is not finite");
    const double c = std::round(value * scale);
    require(std::isfinite(c), ErrorKind::kInvalidArgument, "encode_scalar: scaled value overflows");
    check_fits(ctx, std::fabs(c), level, "encode_scalar");
    // The constant polynomial c evaluates to c at every root: every NTT value is c mod q.
    const std::size_t n = ctx.n();
    Plaintext pt;
    pt.level = level;
    pt.scale = scale;
    pt.data.resize((level + 1) * n);
    for (std::size_t i = 0; i <= level; ++i) {
        const u64 r = integer_double_mod(c, ctx.modulus(i));
        std::fill(pt.row(i, n), pt.row(i, n) + n, r);
    }
    out = std::move(pt);
}

void encode_coeffs(const Context& ctx, const double* values, std::size_t count, double scale, std::uint32_t level,
                   Plaintext& out) {
    check_scale_level(ctx, scale, level, "encode_coeffs");
    const std::size_t n = ctx.n();
    require(count <= n, ErrorKind::kInvalidArgument,
            "encode_coeffs: " + std::to_string(count) + " values exceed N = " + std::to_string(n));
    std::vector<double> coeffs(n, 0.0);
    double max_abs = 0;
    for (std::size_t k = 0; k < count; ++k) {
        if (!std::isfinite(values[k]))
            fail(ErrorKind::kInvalidArgument, "encode_coeffs: value " + std::to_string(k) + " is not finite");
        coeffs[k] = std::round(values[k] * scale);
        max_abs = std::max(max_abs, std::fabs(coeffs[k]));
    }
    require(std::isfinite(max_abs), ErrorKind::kInvalidArgument, "encode_coeffs: scaled values overflow");
    check_fits(ctx, max_abs, level, "encode_coeffs");
    coeffs_to_plaintext(ctx, coeffs, max_abs, scale, level, out);
}

namespace {

// Centered integer coefficients of a plaintext, as long double.
// The first `count` coefficients, centered (all N by default; CRT composition is the costly part).
std::vector<long double> centered_coeffs(const Context& ctx, const Plaintext& pt, std::size_t count = SIZE_MAX) {
    require(!pt.empty(), ErrorKind::kInvalidArgument, "decode: plaintext is empty");
    const std::size_t n = ctx.n(), rows = pt.rows();
    std::vector<u64> tmp(pt.data.begin(), pt.data.end());
    std::vector<const u64*> ptrs(rows);
    for (std::size_t i = 0; i < rows; ++i) {
        ctx.ntt(i).inverse(tmp.data() + i * n);
        ptrs[i] = tmp.data() + i * n;
    }
    std::vector<long double> c(std::min(count, n));
    ctx.crt(pt.level).compose(ptrs.data(), c.size(), c.data());
    return c;
}

}  // namespace

void decode_complex(const Context& ctx, const Plaintext& pt, std::complex<double>* out, std::size_t count) {
    const auto c = centered_coeffs(ctx, pt);
    const std::size_t slots = ctx.slots();
    const long double inv = 1.0L / static_cast<long double>(pt.scale);
    std::vector<std::complex<double>> u(slots);
    for (std::size_t j = 0; j < slots; ++j)
        u[j] = {static_cast<double>(c[j] * inv), static_cast<double>(c[j + slots] * inv)};
    ctx.fft().forward(u.data());
    const std::size_t m = std::min(count, slots);
    for (std::size_t j = 0; j < m; ++j) out[j] = u[j];
}

void decode_real(const Context& ctx, const Plaintext& pt, double* out, std::size_t count) {
    const std::size_t m = std::min(count, ctx.slots());
    std::vector<std::complex<double>> v(m);
    decode_complex(ctx, pt, v.data(), m);
    for (std::size_t j = 0; j < m; ++j) out[j] = v[j].real();
}

void decode_coeffs(const Context& ctx, const Plaintext& pt, double* out, std::size_t count) {
    const auto c = centered_coeffs(ctx, pt, count);
    const long double inv = 1.0L / static_cast<long double>(pt.scale);
    const std::size_t m = c.size();
    for (std::size_t k = 0; k < m; ++k) out[k] = static_cast<double>(c[k] * inv);
}

}  // namespace he4j::ckks
