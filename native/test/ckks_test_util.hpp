// Shared helpers for the CKKS tests: small insecure parameters for speed, random inputs, error measures.
#pragma once
#include <cmath>
#include <complex>
#include <random>
#include <vector>

#include "ckks/context.hpp"

namespace he4j::ckks::testing {

// N = 2^10 with the P8K prime shape (insecure: tests only).
inline ParamSpec small_spec() { return {10, {60, 40, 40}, {60}, std::ldexp(1.0, 40), kAllowInsecure}; }
// Deeper chain with digits of two primes (dnum = 3) to exercise multi-prime digits.
inline ParamSpec small_deep_spec() { return {10, {50, 40, 40, 40, 40}, {50, 50}, std::ldexp(1.0, 40), kAllowInsecure}; }

// Test inputs only (never secrets): a fixed-seed generator keeps failures reproducible.
inline std::vector<double> random_reals(std::size_t n, unsigned seed, double lo = -1, double hi = 1) {
    std::mt19937_64 g(seed);
    std::uniform_real_distribution<double> d(lo, hi);
    std::vector<double> v(n);
    for (auto& x : v) x = d(g);
    return v;
}

inline double max_abs_diff(const std::vector<double>& a, const std::vector<double>& b) {
    double m = 0;
    for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) m = std::max(m, std::fabs(a[i] - b[i]));
    return m;
}

}  // namespace he4j::ckks::testing
