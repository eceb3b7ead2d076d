#include "ckks/fft.hpp"

#include <cmath>
#include <utility>

namespace he4j::ckks {

namespace {
// Plain complex product: std::complex's operator* checks for NaN/inf (a __muldc3 call per butterfly).
inline std::complex<double> cmul(std::complex<double> a, std::complex<double> b) {
    return {a.real() * b.real() - a.imag() * b.imag(), a.real() * b.imag() + a.imag() * b.real()};
}
}  // namespace

SpecialFft::SpecialFft(std::size_t n) : n_(n), slots_(n / 2), m_(2 * n), rot_group_(n / 2), roots_(2 * n + 1) {
    std::size_t g = 1;
    for (std::size_t j = 0; j < slots_; ++j) {
        rot_group_[j] = g;
        g = (g * 5) % m_;
    }
    // long double for the angle keeps the table accurate to the last bit of a double.
    const long double two_pi = 6.283185307179586476925286766559005768L;
    for (std::size_t k = 0; k <= m_; ++k) {
        long double a = two_pi * static_cast<long double>(k) / static_cast<long double>(m_);
        roots_[k] = {static_cast<double>(std::cos(a)), static_cast<double>(std::sin(a))};
    }
    tw_fwd_.resize(slots_ > 1 ? slots_ - 1 : 1);
    tw_inv_.resize(tw_fwd_.size());
    for (std::size_t len = 2; len <= slots_; len <<= 1) {
        const std::size_t half = len >> 1, quarter_m = len << 2, stride = m_ / quarter_m;
        for (std::size_t j = 0; j < half; ++j) {
            const std::size_t r = rot_group_[j] & (quarter_m - 1);  // quarter_m is a power of two
            tw_fwd_[half - 1 + j] = roots_[r * stride];
            tw_inv_[half - 1 + j] = roots_[(quarter_m - r) * stride];
        }
    }
}

void SpecialFft::bit_reverse(std::complex<double>* vals) const {
    for (std::size_t i = 1, j = 0; i < slots_; ++i) {
        std::size_t bit = slots_ >> 1;
        for (; j & bit; bit >>= 1) j ^= bit;
        j ^= bit;
        if (i < j) std::swap(vals[i], vals[j]);
    }
}

// Cooley-Tukey butterflies whose twiddles follow the 5^j orbit instead of consecutive powers.
void SpecialFft::forward(std::complex<double>* vals) const {
    bit_reverse(vals);
    for (std::size_t len = 2; len <= slots_; len <<= 1) {
        const std::size_t half = len >> 1;
        const std::complex<double>* tw = tw_fwd_.data() + half - 1;
        for (std::size_t i = 0; i < slots_; i += len) {
            for (std::size_t j = 0; j < half; ++j) {
                std::complex<double> u = vals[i + j];
                std::complex<double> v = cmul(vals[i + j + half], tw[j]);
                vals[i + j] = u + v;
                vals[i + j + half] = u - v;
            }
        }
    }
}

// Gentleman-Sande butterflies with conjugate twiddles, undoing forward() stage by stage.
void SpecialFft::inverse(std::complex<double>* vals) const {
    for (std::size_t len = slots_; len >= 2; len >>= 1) {
        const std::size_t half = len >> 1;
        const std::complex<double>* tw = tw_inv_.data() + half - 1;
        for (std::size_t i = 0; i < slots_; i += len) {
            for (std::size_t j = 0; j < half; ++j) {
                std::complex<double> u = vals[i + j] + vals[i + j + half];
                std::complex<double> v = cmul(vals[i + j] - vals[i + j + half], tw[j]);
                vals[i + j] = u;
                vals[i + j + half] = v;
            }
        }
    }
    bit_reverse(vals);
    const double inv = 1.0 / static_cast<double>(slots_);
    for (std::size_t i = 0; i < slots_; ++i) vals[i] *= inv;
}

}  // namespace he4j::ckks
