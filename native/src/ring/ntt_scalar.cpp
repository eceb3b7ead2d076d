// Scalar reference negacyclic NTT: Cooley-Tukey forward / Gentleman-Sande inverse with Harvey's lazy
// butterflies (D. Harvey, "Faster arithmetic for number-theoretic transforms", J. Symb. Comp. 60, 2014):
// forward keeps values in [0, 4q), inverse in [0, 2q); Shoup products return [0, 2q) without a final
// subtraction. Requires 4q < 2^64, guaranteed by q < 2^61.
#include "ntt_kernels.hpp"

namespace he4j::ring::detail {
namespace {

// a * w mod q up to one extra q: result in [0, 2q) for any 64-bit a.
inline u64 shoup_lazy(u64 a, u64 w, u64 w_shoup, u64 q) {
    const u64 hi = static_cast<u64>((static_cast<u128>(a) * w_shoup) >> 64);
    return a * w - hi * q;
}

}  // namespace

void ntt_forward_scalar(const NttTables& t, u64* a) {
    const std::size_t n = t.n();
    const u64 q = t.modulus().value(), two_q = 2 * q;
    const u64* w = t.root_powers().data();
    const u64* ws = t.root_powers_shoup().data();
    std::size_t gap = n;
    for (std::size_t m = 1; m < n; m <<= 1) {
        gap >>= 1;
        for (std::size_t i = 0; i < m; ++i) {
            const u64 wi = w[m + i], wsi = ws[m + i];
            u64* x = a + 2 * i * gap;
            u64* y = x + gap;
            for (std::size_t j = 0; j < gap; ++j) {
                u64 xv = x[j];
                xv = xv >= two_q ? xv - two_q : xv;
                const u64 tv = shoup_lazy(y[j], wi, wsi, q);
                x[j] = xv + tv;
                y[j] = xv - tv + two_q;
            }
        }
    }
    for (std::size_t j = 0; j < n; ++j) {
        u64 v = a[j];
        v = v >= two_q ? v - two_q : v;
        a[j] = v >= q ? v - q : v;
    }
}

void ntt_inverse_scalar(const NttTables& t, u64* a) {
    const std::size_t n = t.n();
    const u64 q = t.modulus().value(), two_q = 2 * q;
    const u64* w = t.inv_root_powers().data();
    const u64* ws = t.inv_root_powers_shoup().data();
    const NttKernelTables& k = t.kernel_tables();
    std::size_t gap = 1;
    // All stages but the last; stage with m groups uses inv_root_powers[m/2 + i]... see ntt.hpp layout.
    for (std::size_t m = n; m > 2; m >>= 1) {
        const std::size_t h = m >> 1;
        for (std::size_t i = 0; i < h; ++i) {
            const u64 wi = w[h + i], wsi = ws[h + i];
            u64* x = a + 2 * i * gap;
            u64* y = x + gap;
            for (std::size_t j = 0; j < gap; ++j) {
                const u64 xv = x[j], yv = y[j];
                u64 s = xv + yv;
                x[j] = s >= two_q ? s - two_q : s;
                y[j] = shoup_lazy(xv - yv + two_q, wi, wsi, q);
            }
        }
        gap <<= 1;
    }
    // Last stage merged with the scaling by n^-1 (the root there is inv_root_powers[1]).
    const u64 ninv = t.inv_n(), ninv_s = k.inv_n_shoup, nw = k.inv_n_w, nw_s = k.inv_n_w_shoup;
    u64* x = a;
    u64* y = a + gap;
    for (std::size_t j = 0; j < gap; ++j) {
        const u64 xv = x[j], yv = y[j];
        u64 s = shoup_lazy(xv + yv, ninv, ninv_s, q);
        u64 d = shoup_lazy(xv - yv + two_q, nw, nw_s, q);
        x[j] = s >= q ? s - q : s;
        y[j] = d >= q ? d - q : d;
    }
}

}  // namespace he4j::ring::detail
