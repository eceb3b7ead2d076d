// Side-by-side timing of he4j's ring NTT (dispatched SIMD kernel and scalar reference) against Intel HEXL
// 1.2.5, in one process, interleaving the three so they see the same machine noise. Not part of the build:
// HEXL is not a project dependency. Build against a local HEXL install, e.g.
//   g++ -std=c++20 -O2 -Inative/src -I$HEXL/include bench/sidebyside/ring-hexl-sidebyside.cpp \
//       build/x/libhe4j_ring.a $HEXL/lib/libhexl.a -lcpu_features -o /tmp/ring-hexl-sidebyside
// Prints, per (op, N, qbits), the median and minimum of `kRuns` single-transform timings in microseconds.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <cstdlib>
#include <random>
#include <vector>

#include "hexl/hexl.hpp"
#include "ring/ntt.hpp"
#include "ring/ntt_kernels.hpp"
#include "ring/primes.hpp"

using namespace he4j::ring;

namespace {

constexpr int kRuns = 1500;

double time_us(const std::function<void()>& f) {
    const auto t0 = std::chrono::steady_clock::now();
    f();
    const auto t1 = std::chrono::steady_clock::now();
    return std::chrono::duration<double, std::micro>(t1 - t0).count();
}

struct Stat {
    std::vector<double> v;
    double median() {
        std::sort(v.begin(), v.end());
        return v[v.size() / 2];
    }
    double min() { return *std::min_element(v.begin(), v.end()); }
};

}  // namespace

int main() {
    std::printf("%-8s %6s %5s | %10s %10s %10s | %10s %10s %10s | %6s %6s\n", "op", "N", "qbits", "he4j_med", "hexl_med",
                "scalar_med", "he4j_min", "hexl_min", "scalar_min", "vsHEXL", "simd/sc");
    for (const char* op : {"forward", "inverse"}) {
        const bool fwd = op[0] == 'f';
        for (std::size_t n : {4096, 8192, 16384, 32768}) {
            for (int bits : {40, 50, 59}) {
                const std::uint64_t q = ntt_primes(bits, n, 1)[0];
                const NttTables t(n, Modulus(q));
                intel::hexl::NTT h(n, q);
                // 64-byte aligned buffers for both libraries (a misaligned base splits every vector access).
                auto alloc = [n] { return static_cast<std::uint64_t*>(std::aligned_alloc(64, n * 8)); };
                std::uint64_t *a = alloc(), *b = alloc(), *c = alloc();
                std::mt19937_64 rng(7);
                for (std::size_t i = 0; i < n; ++i) a[i] = b[i] = c[i] = rng() % q;
                Stat s1, s2, s3;
                for (int r = 0; r < kRuns; ++r) {
                    s1.v.push_back(time_us([&] { fwd ? t.forward(a) : t.inverse(a); }));
                    s2.v.push_back(time_us([&] {
                        if (fwd) h.ComputeForward(b, b, 1, 1);
                        else h.ComputeInverse(b, b, 1, 1);
                    }));
                    if (r % 4 == 0)  // the scalar path is slow; a quarter of the samples is plenty
                        s3.v.push_back(time_us([&] {
                            fwd ? detail::ntt_forward_scalar(t, c) : detail::ntt_inverse_scalar(t, c);
                        }));
                }
                const double m1 = s1.median(), m2 = s2.median(), m3 = s3.median();
                std::free(a);
                std::free(b);
                std::free(c);
                std::printf("%-8s %6zu %5d | %10.1f %10.1f %10.1f | %10.1f %10.1f %10.1f | %6.2f %6.2f\n", op, n, bits, m1,
                            m2, m3, s1.min(), s2.min(), s3.min(), m2 / m1, m3 / m1);
            }
        }
    }
}
