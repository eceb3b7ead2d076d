// The "special FFT" that evaluates a real polynomial of degree < N at the primitive 2N-th roots of unity
// zeta^(5^j), j < N/2 (the canonical embedding restricted to one half of the conjugate pairs), in
// O(N log N). Cheon, Kim, Kim, Song, "Homomorphic encryption for arithmetic of approximate numbers",
// Asiacrypt 2017, and Chen, Chillotti, Song, "Improved bootstrapping for approximate HE", Eurocrypt 2019.
#pragma once
#include <complex>
#include <cstddef>
#include <vector>

namespace he4j::ckks {

class SpecialFft {
public:
    explicit SpecialFft(std::size_t n);  // n = ring degree N; operates on N/2 complex values
    std::size_t slots() const { return slots_; }

    // Decoding direction: vals[j] <- sum_k vals[k] * zeta^(5^j * k) (vals holds u_k = a_k + i a_{k+N/2}).
    void forward(std::complex<double>* vals) const;
    // Encoding direction: exact inverse of forward (includes the 1/slots factor).
    void inverse(std::complex<double>* vals) const;

private:
    void bit_reverse(std::complex<double>* vals) const;
    std::size_t n_, slots_, m_;                  // m_ = 2N
    std::vector<std::size_t> rot_group_;         // 5^j mod 2N
    std::vector<std::complex<double>> roots_;    // exp(2*pi*i*k / 2N), k <= 2N
    // Per-stage twiddles, stage with half-length h at offset h - 1 (so the butterflies stream through them).
    std::vector<std::complex<double>> tw_fwd_, tw_inv_;
};

}  // namespace he4j::ckks
