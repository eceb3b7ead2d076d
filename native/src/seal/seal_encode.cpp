// Plaintext handles, encoding and decoding. Slot encoding is SEAL's CKKSEncoder; coefficient encoding
// writes round(v * scale) into every prime's row and applies the context's NTT (CKKS plaintexts are kept
// in NTT form), and decodes by inverse NTT and a centered CRT lift.
#include <seal/util/ntt.h>
#include <seal/util/rns.h>
#include <seal/util/uintarith.h>
#include <seal/util/uintcore.h>
#include <seal/util/uintarithsmallmod.h>

#include <cmath>
#include <complex>
#include <vector>

#include "seal_handles.hpp"

using namespace he4j;
using namespace he4j::sealb;

namespace {

void check_scale(double scale, const char* what) {
    if (!(std::isfinite(scale) && scale > 0))
        fail(ErrorKind::kInvalidArgument, std::string(what) + ": scale must be finite and > 0");
}

// A rounded integer must fit the centered range of Q_level with a bit of margin (the own engine's rule).
void check_fits(const Context& c, double max_abs, std::uint32_t level, const char* what) {
    const double limit = c.log2_q(level) - 2.0;
    if (max_abs >= 1.0 && std::log2(max_abs) >= limit)
        fail(ErrorKind::kInvalidArgument,
             std::string(what) + ": a scaled value of magnitude 2^" + std::to_string(std::log2(max_abs)) +
                 " does not fit the modulus at level " + std::to_string(level) + " (limit 2^" +
                 std::to_string(limit) + "); lower the scale or the values, or encode at a higher level");
}

// round(value) (an integer-valued double) mod q, exact for any finite magnitude.
std::uint64_t integer_double_mod(double value, const seal::Modulus& q) {
    const double a = std::fabs(value);
    std::uint64_t r;
    if (a < 9.2e18) {
        r = seal::util::barrett_reduce_64(static_cast<std::uint64_t>(a), q);
    } else {
        int e;
        const double frac = std::frexp(a, &e);  // a = frac * 2^e, frac in [0.5, 1)
        const auto m = static_cast<std::uint64_t>(std::ldexp(frac, 53));
        const std::uint64_t p = seal::util::exponentiate_uint_mod(2, static_cast<std::uint64_t>(e - 53), q);
        r = seal::util::multiply_uint_mod(seal::util::barrett_reduce_64(m, q), p, q);
    }
    return value < 0 ? seal::util::negate_uint_mod(r, q) : r;
}

void encode_slots(const Context& c, const std::vector<std::complex<double>>& z, double scale, std::uint32_t level,
                  seal::Plaintext& out, const char* what) {
    check_scale(scale, what);
    for (std::size_t j = 0; j < z.size(); ++j)
        if (!(std::isfinite(z[j].real()) && std::isfinite(z[j].imag())))
            fail(ErrorKind::kInvalidArgument, std::string(what) + ": value " + std::to_string(j) + " is not finite");
    seal::Plaintext pt;
    c.encoder().encode(z, c.parms_at(level), scale, pt);
    out = std::move(pt);
}

}  // namespace

extern "C" {

he4j_status he4j_plaintext_create(const he4j_context* ctx, he4j_plaintext** out) {
    return capi::guard("he4j_plaintext_create", [&] {
        out_arg(out);
        context_of(ctx);
        *out = make_handle(new he4j_plaintext{ctx->ctx, {}});
    });
}

void he4j_plaintext_free(he4j_plaintext* pt) { free_handle(pt); }

he4j_status he4j_plaintext_level(const he4j_plaintext* pt, uint32_t* out) {
    return capi::guard("he4j_plaintext_level", [&] {
        const auto& h = deref(pt, "pt");
        const auto& p = nonempty(h, "he4j_plaintext_level");
        deref(out, "out") = h.ctx->level_of(p.parms_id());
    });
}

he4j_status he4j_plaintext_scale(const he4j_plaintext* pt, double* out) {
    return capi::guard("he4j_plaintext_scale", [&] {
        const auto& p = nonempty(deref(pt, "pt"), "he4j_plaintext_scale");
        deref(out, "out") = p.scale();
    });
}

he4j_status he4j_encode_real(const he4j_context* ctx, const double* values, size_t count, double scale, int32_t level,
                             he4j_plaintext* out) {
    return capi::guard("he4j_encode_real", [&] {
        const auto& c = context_of(ctx);
        auto& o = checked(out, c, "out");
        values_arg(values, count);
        slot_count_arg(c, count);
        std::vector<std::complex<double>> z(count);
        for (size_t i = 0; i < count; ++i) z[i] = {values[i], 0.0};
        encode_slots(c, z, scale, level_arg(c, level), o.pt, "encode");
    });
}

he4j_status he4j_encode_complex(const he4j_context* ctx, const double* values, size_t count, double scale,
                                int32_t level, he4j_plaintext* out) {
    return capi::guard("he4j_encode_complex", [&] {
        const auto& c = context_of(ctx);
        auto& o = checked(out, c, "out");
        values_arg(values, count);
        slot_count_arg(c, count);
        std::vector<std::complex<double>> z(count);
        for (size_t i = 0; i < count; ++i) z[i] = {values[2 * i], values[2 * i + 1]};
        encode_slots(c, z, scale, level_arg(c, level), o.pt, "encode");
    });
}

he4j_status he4j_encode_scalar(const he4j_context* ctx, double value, double scale, int32_t level, he4j_plaintext* out) {
    return capi::guard("he4j_encode_scalar", [&] {
        const auto& c = context_of(ctx);
        auto& o = checked(out, c, "out");
        const std::uint32_t l = level_arg(c, level);
        check_scale(scale, "encode_scalar");
        if (!std::isfinite(value)) fail(ErrorKind::kInvalidArgument, "encode_scalar: value is not finite");
        const double r = std::round(value * scale);
        if (!std::isfinite(r)) fail(ErrorKind::kInvalidArgument, "encode_scalar: scaled value overflows");
        check_fits(c, std::fabs(r), l, "encode_scalar");
        seal::Plaintext pt;
        c.encoder().encode(value, c.parms_at(l), scale, pt);
        o.pt = std::move(pt);
    });
}

he4j_status he4j_encode_coeffs(const he4j_context* ctx, const double* values, size_t count, double scale, int32_t level,
                               he4j_plaintext* out) {
    return capi::guard("he4j_encode_coeffs", [&] {
        const auto& c = context_of(ctx);
        auto& o = checked(out, c, "out");
        values_arg(values, count);
        const std::uint32_t l = level_arg(c, level);
        check_scale(scale, "encode_coeffs");
        const std::size_t n = c.n();
        if (count > n)
            fail(ErrorKind::kInvalidArgument, "encode_coeffs: " + std::to_string(count) + " values exceed N = " + std::to_string(n));
        std::vector<double> coeffs(n, 0.0);
        double max_abs = 0;
        for (std::size_t k = 0; k < count; ++k) {
            if (!(std::isfinite(values[k])))
                fail(ErrorKind::kInvalidArgument, "encode_coeffs: value " + std::to_string(k) + " is not finite");
            coeffs[k] = std::round(values[k] * scale);
            max_abs = std::max(max_abs, std::fabs(coeffs[k]));
        }
        if (!(std::isfinite(max_abs))) fail(ErrorKind::kInvalidArgument, "encode_coeffs: scaled values overflow");
        check_fits(c, max_abs, l, "encode_coeffs");
        auto cd = c.seal().get_context_data(c.parms_at(l));
        const auto& primes = cd->parms().coeff_modulus();
        seal::Plaintext pt;
        pt.resize(n * primes.size());  // in coefficient form while parms_id is zero
        for (std::size_t i = 0; i < primes.size(); ++i) {
            std::uint64_t* row = pt.data() + i * n;
            for (std::size_t k = 0; k < n; ++k) row[k] = integer_double_mod(coeffs[k], primes[i]);
            seal::util::ntt_negacyclic_harvey(row, cd->small_ntt_tables()[i]);
        }
        pt.parms_id() = c.parms_at(l);
        pt.scale() = scale;
        o.pt = std::move(pt);
    });
}

he4j_status he4j_decode_real(const he4j_context* ctx, const he4j_plaintext* pt, double* out, size_t count) {
    return capi::guard("he4j_decode_real", [&] {
        const auto& c = context_of(ctx);
        const auto& p = nonempty(checked(pt, c, "pt"), "decode");
        if (count > 0) deref(out, "out");
        c.level_of(p.parms_id());
        std::vector<double> v;
        c.encoder().decode(p, v);
        const size_t m = std::min<size_t>(count, c.slots());
        std::copy(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(m), out);
    });
}

he4j_status he4j_decode_complex(const he4j_context* ctx, const he4j_plaintext* pt, double* out, size_t count) {
    return capi::guard("he4j_decode_complex", [&] {
        const auto& c = context_of(ctx);
        const auto& p = nonempty(checked(pt, c, "pt"), "decode");
        if (count > 0) deref(out, "out");
        c.level_of(p.parms_id());
        std::vector<std::complex<double>> z;
        c.encoder().decode(p, z);
        const size_t m = std::min<size_t>(count, c.slots());
        for (size_t i = 0; i < m; ++i) {
            out[2 * i] = z[i].real();
            out[2 * i + 1] = z[i].imag();
        }
    });
}

he4j_status he4j_decode_coeffs(const he4j_context* ctx, const he4j_plaintext* pt, double* out, size_t count) {
    return capi::guard("he4j_decode_coeffs", [&] {
        const auto& c = context_of(ctx);
        const auto& p = nonempty(checked(pt, c, "pt"), "decode_coeffs");
        if (count > 0) deref(out, "out");
        auto cd = c.seal().get_context_data(p.parms_id());
        c.level_of(p.parms_id());
        const std::size_t n = c.n(), rows = cd->parms().coeff_modulus().size();
        std::vector<std::uint64_t> data(p.data(), p.data() + n * rows);
        for (std::size_t i = 0; i < rows; ++i)
            seal::util::inverse_ntt_negacyclic_harvey(data.data() + i * n, cd->small_ntt_tables()[i]);
        // CRT-compose to multi-word integers (SEAL's RNS base), then center in (-Q/2, Q/2].
        cd->rns_tool()->base_q()->compose_array(data.data(), n, seal::MemoryManager::GetPool());
        const std::uint64_t* q = cd->total_coeff_modulus();
        const std::uint64_t* half = cd->upper_half_threshold();
        const long double inv = 1.0L / static_cast<long double>(p.scale());
        const size_t m = std::min<size_t>(count, n);
        std::vector<std::uint64_t> mag(rows);
        for (size_t k = 0; k < m; ++k) {
            const std::uint64_t* x = data.data() + k * rows;
            const bool negative = seal::util::is_greater_than_or_equal_uint(x, half, rows);
            if (negative) seal::util::sub_uint(q, x, rows, mag.data());
            else std::copy(x, x + rows, mag.begin());
            long double v = 0, w = 1;
            for (std::size_t j = 0; j < rows; ++j, w *= 18446744073709551616.0L)
                v += static_cast<long double>(mag[j]) * w;
            out[k] = static_cast<double>((negative ? -v : v) * inv);
        }
    });
}

}  // extern "C"
