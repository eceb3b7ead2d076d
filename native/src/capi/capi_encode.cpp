// Plaintext handles, encoding and decoding.
#include <complex>
#include <vector>

#include "capi/capi_handles.hpp"
#include "ckks/encoder.hpp"

using namespace he4j;
using namespace he4j::capi;

namespace {

const ckks::Plaintext& nonempty(const he4j_plaintext& p) {
    require(!p.pt.empty(), ErrorKind::kInvalidArgument, "plaintext is empty (encode or decrypt into it first)");
    return p.pt;
}

}  // namespace

extern "C" {

he4j_status he4j_plaintext_create(const he4j_context* ctx, he4j_plaintext** out) {
    return guard("he4j_plaintext_create", [&] {
        out_arg(out);
        context_of(ctx);
        *out = make_handle(he4j_plaintext{ctx->ctx, {}});
    });
}

void he4j_plaintext_free(he4j_plaintext* pt) { free_handle(pt); }

he4j_status he4j_plaintext_level(const he4j_plaintext* pt, uint32_t* out) {
    return guard("he4j_plaintext_level", [&] {
        const auto& p = nonempty(deref(pt, "pt"));
        deref(out, "out") = p.level;
    });
}

he4j_status he4j_plaintext_scale(const he4j_plaintext* pt, double* out) {
    return guard("he4j_plaintext_scale", [&] {
        const auto& p = nonempty(deref(pt, "pt"));
        deref(out, "out") = p.scale;
    });
}

he4j_status he4j_encode_real(const he4j_context* ctx, const double* values, size_t count, double scale, int32_t level,
                             he4j_plaintext* out) {
    return guard("he4j_encode_real", [&] {
        const auto& c = context_of(ctx);
        auto& o = checked(out, c, "out");
        values_arg(values, count);
        ckks::encode_real(c, values, count, scale, level_arg(c, level), o.pt);
    });
}

he4j_status he4j_encode_complex(const he4j_context* ctx, const double* values, size_t count, double scale,
                                int32_t level, he4j_plaintext* out) {
    return guard("he4j_encode_complex", [&] {
        const auto& c = context_of(ctx);
        auto& o = checked(out, c, "out");
        values_arg(values, count);
        slot_count_arg(c, count);
        std::vector<std::complex<double>> z(count);
        for (size_t i = 0; i < count; ++i) z[i] = {values[2 * i], values[2 * i + 1]};
        ckks::encode_complex(c, z.data(), count, scale, level_arg(c, level), o.pt);
    });
}

he4j_status he4j_encode_scalar(const he4j_context* ctx, double value, double scale, int32_t level, he4j_plaintext* out) {
    return guard("he4j_encode_scalar", [&] {
        const auto& c = context_of(ctx);
        auto& o = checked(out, c, "out");
        ckks::encode_scalar(c, value, scale, level_arg(c, level), o.pt);
    });
}

he4j_status he4j_encode_coeffs(const he4j_context* ctx, const double* values, size_t count, double scale, int32_t level,
                               he4j_plaintext* out) {
    return guard("he4j_encode_coeffs", [&] {
        const auto& c = context_of(ctx);
        auto& o = checked(out, c, "out");
        values_arg(values, count);
        ckks::encode_coeffs(c, values, count, scale, level_arg(c, level), o.pt);
    });
}

he4j_status he4j_decode_real(const he4j_context* ctx, const he4j_plaintext* pt, double* out, size_t count) {
    return guard("he4j_decode_real", [&] {
        const auto& c = context_of(ctx);
        const auto& p = nonempty(checked(pt, c, "pt"));
        if (count > 0) deref(out, "out");
        ckks::decode_real(c, p, out, count);
    });
}

he4j_status he4j_decode_complex(const he4j_context* ctx, const he4j_plaintext* pt, double* out, size_t count) {
    return guard("he4j_decode_complex", [&] {
        const auto& c = context_of(ctx);
        const auto& p = nonempty(checked(pt, c, "pt"));
        if (count > 0) deref(out, "out");
        const size_t m = std::min<size_t>(count, c.slots());
        std::vector<std::complex<double>> z(m);
        ckks::decode_complex(c, p, z.data(), m);
        for (size_t i = 0; i < m; ++i) {
            out[2 * i] = z[i].real();
            out[2 * i + 1] = z[i].imag();
        }
    });
}

he4j_status he4j_decode_coeffs(const he4j_context* ctx, const he4j_plaintext* pt, double* out, size_t count) {
    return guard("he4j_decode_coeffs", [&] {
        const auto& c = context_of(ctx);
        const auto& p = nonempty(checked(pt, c, "pt"));
        if (count > 0) deref(out, "out");
        ckks::decode_coeffs(c, p, out, count);
    });
}

}  // extern "C"
