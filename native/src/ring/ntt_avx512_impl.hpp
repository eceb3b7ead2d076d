// Internal: the AVX-512 NTT loop structure shared by the IFMA52 and DQ kernels. Include only from an
// AVX-512 translation unit; everything here has internal linkage so each instruction set gets its own copy.
//
// Algorithm: Cooley-Tukey forward / Gentleman-Sande inverse with Harvey's lazy butterflies
// (D. Harvey, J. Symb. Comp. 60, 2014), 8 coefficients per vector. Stages whose butterfly distance is >= 8
// use plain vector loads and run two per pass over memory (radix-4 passes of radix-2 butterflies), for
// the DQ kernel on four independent vectors at a time (see for_chunks); the three stages with distance
// 4, 2, 1 run on blocks of 16 coefficients held in two registers and rearranged with permutes between
// stages, so each block is loaded and stored once for all three, and 4 independent blocks are interleaved
// because each one is a long dependency chain. The final reduction to [0, q) (forward) and the scaling by
// n^-1 (inverse) are merged into the last stage.
//
// `Mul` supplies kChunk (how many independent vectors a wide-stage step takes), the lazy Shoup product
// mul(y, w, w_shoup) = y * w mod q up to a multiple of q, in
// [0, bound) for any y < 2 * bound, and reduce(x) taking [0, bound) to [0, q). With bound B, forward values
// stay in [0, 2B) and inverse values in [0, B) (Harvey's invariants with 2q replaced by B). The IFMA kernel
// has B = 2q; the DQ kernel uses a cheaper, approximate high product and B = 4q (needs 8q < 2^64).
//
// Headroom mode (template flag, chosen by the kernel when the modulus leaves spare bits): the radix-4 passes
// let values grow to [0, 4B) and reduce only once per pass instead of once per butterfly. Forward: the
// first layer of a pass reduces x from [0, 4B) to [0, 2B), the second layer skips the reduction, so a pass
// maps [0, 4B) to [0, 4B); needs 4B < 2^64. Inverse: values in [0, 2B) between passes; the first layer
// skips the reduction (sums < 4B), the second reduces only the one sum of two such values (< 8B) back to
// [0, 2B); needs 8B < 2^64. That saves one of the roughly twenty vector uops of each butterfly.
#pragma once
// GCC 12 warns falsely inside its own AVX-512 intrinsics (_mm512_undefined_epi32; GCC bug 105593).
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"
#include <immintrin.h>

#include "ntt_kernels.hpp"

namespace he4j::ring::detail {
namespace {

using V = __m512i;

inline V load(const u64* p) { return _mm512_loadu_si512(p); }
inline void store(u64* p, V v) { _mm512_storeu_si512(p, v); }
inline V bcast(u64 x) { return _mm512_set1_epi64(static_cast<long long>(x)); }
// x - c if x >= c else x (unsigned min trick: x - c wraps to a huge value when x < c).
inline V csub(V x, V c) { return _mm512_min_epu64(x, _mm512_sub_epi64(x, c)); }

// Root vectors for the in-register stages: [w0 x4, w1 x4] and [w0,w0,w1,w1,w2,w2,w3,w3].
inline V roots_x4(const u64* w) {
    return _mm512_permutexvar_epi64(_mm512_set_epi64(1, 1, 1, 1, 0, 0, 0, 0),
                                    _mm512_broadcast_i64x2(_mm_loadu_si128(reinterpret_cast<const __m128i*>(w))));
}
inline V roots_x2(const u64* w) {
    return _mm512_permutexvar_epi64(_mm512_set_epi64(3, 3, 2, 2, 1, 1, 0, 0),
                                    _mm512_broadcast_i64x4(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(w))));
}

// Forward (CT) butterfly on [0, 2B) inputs; outputs in [0, 2B).
template <class Mul>
inline void ct(V& x, V& y, V w, V ws, const Mul& mul) {
    const V b = mul.bound;
    x = csub(x, b);
    const V t = mul.mul(y, w, ws);
    y = _mm512_add_epi64(_mm512_sub_epi64(x, t), b);
    x = _mm512_add_epi64(x, t);
}

// CT butterfly without the reduction of x: x' = x + t, y' = x - t + B (each grows by at most B).
template <class Mul>
inline void ct_lazy(V& x, V& y, V w, V ws, const Mul& mul) {
    const V t = mul.mul(y, w, ws);
    y = _mm512_add_epi64(_mm512_sub_epi64(x, t), mul.bound);
    x = _mm512_add_epi64(x, t);
}

// GS butterfly without reduction: x' = x + y, y' = (x - y + pad) w for y < pad.
template <class Mul>
inline void gs_lazy(V& x, V& y, V w, V ws, V pad, const Mul& mul) {
    const V d = _mm512_add_epi64(_mm512_sub_epi64(x, y), pad);
    x = _mm512_add_epi64(x, y);
    y = mul.mul(d, w, ws);
}

// Inverse (GS) butterfly on [0, B) inputs; outputs in [0, B).
template <class Mul>
inline void gs(V& x, V& y, V w, V ws, const Mul& mul) {
    const V b = mul.bound;
    const V d = _mm512_add_epi64(_mm512_sub_epi64(x, y), b);
    x = csub(_mm512_add_epi64(x, y), b);
    y = mul.mul(d, w, ws);
}

// Permutation indices between the in-register layouts of a 16-coefficient block (see file comment).
inline V idx_4to2_x() { return _mm512_set_epi64(13, 12, 5, 4, 9, 8, 1, 0); }
inline V idx_4to2_y() { return _mm512_set_epi64(15, 14, 7, 6, 11, 10, 3, 2); }
inline V idx_1tonat_lo() { return _mm512_set_epi64(11, 3, 10, 2, 9, 1, 8, 0); }
inline V idx_1tonat_hi() { return _mm512_set_epi64(15, 7, 14, 6, 13, 5, 12, 4); }
inline V idx_even() { return _mm512_set_epi64(14, 12, 10, 8, 6, 4, 2, 0); }
inline V idx_odd() { return _mm512_set_epi64(15, 13, 11, 9, 7, 5, 3, 1); }

// Forward distances 4, 2, 1 and the final reduction on K consecutive 16-coefficient blocks from block b.
// In headroom mode the inputs are in [0, 4B) and x is first brought to [0, 2B).
template <int K, bool kHeadroom, class Mul>
inline void forward_tail_blocks(std::size_t n, u64* a, std::size_t b0, const u64* w, const u64* ws, const Mul& mul) {
    const std::size_t m4 = n >> 3, m2 = n >> 2, m1 = n >> 1;
    const V i42x = idx_4to2_x(), i42y = idx_4to2_y(), inlo = idx_1tonat_lo(), inhi = idx_1tonat_hi();
    V x[K], y[K];
    for (int k = 0; k < K; ++k) {
        const u64* p = a + 16 * (b0 + k);
        const V v0 = load(p), v1 = load(p + 8);
        x[k] = _mm512_shuffle_i64x2(v0, v1, 0x44);
        y[k] = _mm512_shuffle_i64x2(v0, v1, 0xEE);
        if constexpr (kHeadroom) x[k] = csub(x[k], _mm512_add_epi64(mul.bound, mul.bound));
    }
    for (int k = 0; k < K; ++k) {
        const std::size_t b = b0 + k;
        ct(x[k], y[k], roots_x4(w + m4 + 2 * b), roots_x4(ws + m4 + 2 * b), mul);
    }
    for (int k = 0; k < K; ++k) {
        const V x2 = _mm512_permutex2var_epi64(x[k], i42x, y[k]), y2 = _mm512_permutex2var_epi64(x[k], i42y, y[k]);
        x[k] = x2;
        y[k] = y2;
    }
    for (int k = 0; k < K; ++k) {
        const std::size_t b = b0 + k;
        ct(x[k], y[k], roots_x2(w + m2 + 4 * b), roots_x2(ws + m2 + 4 * b), mul);
    }
    for (int k = 0; k < K; ++k) {
        const V x1 = _mm512_unpacklo_epi64(x[k], y[k]), y1 = _mm512_unpackhi_epi64(x[k], y[k]);
        x[k] = x1;
        y[k] = y1;
    }
    for (int k = 0; k < K; ++k) {
        const std::size_t b = b0 + k;
        ct(x[k], y[k], load(w + m1 + 8 * b), load(ws + m1 + 8 * b), mul);
    }
    for (int k = 0; k < K; ++k) {
        u64* p = a + 16 * (b0 + k);
        const V xr = mul.reduce(csub(x[k], mul.bound)), yr = mul.reduce(csub(y[k], mul.bound));
        store(p, _mm512_permutex2var_epi64(xr, inlo, yr));
        store(p + 8, _mm512_permutex2var_epi64(xr, inhi, yr));
    }
}

// Inverse distances 1, 2, 4 on K consecutive 16-coefficient blocks from block b0.
template <int K, class Mul>
inline void inverse_head_blocks(std::size_t n, u64* a, std::size_t b0, const u64* w, const u64* ws, const Mul& mul) {
    const std::size_t h1 = n >> 1, h2 = n >> 2, h4 = n >> 3;
    const V ie = idx_even(), io = idx_odd(), i42x = idx_4to2_x(), i42y = idx_4to2_y();
    V x[K], y[K];
    for (int k = 0; k < K; ++k) {
        const u64* p = a + 16 * (b0 + k);
        const V v0 = load(p), v1 = load(p + 8);
        x[k] = _mm512_permutex2var_epi64(v0, ie, v1);
        y[k] = _mm512_permutex2var_epi64(v0, io, v1);
    }
    for (int k = 0; k < K; ++k) {
        const std::size_t b = b0 + k;
        gs(x[k], y[k], load(w + h1 + 8 * b), load(ws + h1 + 8 * b), mul);
    }
    for (int k = 0; k < K; ++k) {
        const V x2 = _mm512_unpacklo_epi64(x[k], y[k]), y2 = _mm512_unpackhi_epi64(x[k], y[k]);
        x[k] = x2;
        y[k] = y2;
    }
    for (int k = 0; k < K; ++k) {
        const std::size_t b = b0 + k;
        gs(x[k], y[k], roots_x2(w + h2 + 4 * b), roots_x2(ws + h2 + 4 * b), mul);
    }
    for (int k = 0; k < K; ++k) {
        const V x4 = _mm512_permutex2var_epi64(x[k], i42x, y[k]), y4 = _mm512_permutex2var_epi64(x[k], i42y, y[k]);
        x[k] = x4;
        y[k] = y4;
    }
    for (int k = 0; k < K; ++k) {
        const std::size_t b = b0 + k;
        gs(x[k], y[k], roots_x4(w + h4 + 2 * b), roots_x4(ws + h4 + 2 * b), mul);
    }
    for (int k = 0; k < K; ++k) {
        u64* p = a + 16 * (b0 + k);
        store(p, _mm512_shuffle_i64x2(x[k], y[k], 0x44));
        store(p + 8, _mm512_shuffle_i64x2(x[k], y[k], 0xEE));
    }
}

// The wide stages (butterfly distance >= 8) run on whole vectors with one root pair per group. Each multiply
// is a dependency chain of ~25 cycles (vpmullq alone takes 15), too long for the out-of-order window when
// processed one butterfly step at a time, so steps work on K = 4 independent vectors layer by layer.
// `for_chunks` forms those: `groups` groups of `vecs` consecutive vectors (group g at base + g * stride),
// four vectors of one group, or one or two vectors from each of several groups when groups are short.
// step.template operator()<K>(ptr, wr) processes vectors ptr[k] with roots wr[k] (six vectors per group).
// With kChunk = 1 (short multiply chains, as with IFMA) every step takes a single vector.
template <int kChunk, class Roots, class Step>
inline void for_chunks(u64* base, std::size_t groups, std::size_t stride, std::size_t vecs, const Roots& roots,
                       const Step& step) {
    static_assert(kChunk == 1 || kChunk == 4);
    if (kChunk == 1) {
        for (std::size_t g = 0; g < groups; ++g) {
            V r[6];
            roots(g, r);
            for (std::size_t j = 0; j < 8 * vecs; j += 8) step.template operator()<1>({base + g * stride + j}, {r});
        }
        return;
    }
    if (vecs >= 4) {  // a power of two: no remainder
        for (std::size_t g = 0; g < groups; ++g) {
            V r[6];
            roots(g, r);
            u64* x = base + g * stride;
            for (std::size_t j = 0; j < 8 * vecs; j += 32)
                step.template operator()<4>({x + j, x + j + 8, x + j + 16, x + j + 24}, {r, r, r, r});
        }
        return;
    }
    const std::size_t per_chunk = 4 / vecs;  // groups per chunk of four vectors
    std::size_t g = 0;
    for (; g + per_chunk <= groups; g += per_chunk) {
        V r0[6], r1[6], r2[6], r3[6];
        u64* x = base + g * stride;
        if (vecs == 2) {
            roots(g, r0), roots(g + 1, r1);
            step.template operator()<4>({x, x + 8, x + stride, x + stride + 8}, {r0, r0, r1, r1});
        } else {
            roots(g, r0), roots(g + 1, r1), roots(g + 2, r2), roots(g + 3, r3);
            step.template operator()<4>({x, x + stride, x + 2 * stride, x + 3 * stride}, {r0, r1, r2, r3});
        }
    }
    for (; g < groups; ++g) {  // only for tiny n
        V r[6];
        roots(g, r);
        for (std::size_t j = 0; j < 8 * vecs; j += 8) step.template operator()<1>({base + g * stride + j}, {r});
    }
}

// Forward radix-2 step (distance d) with roots r[0], r[1].
template <int K, class Mul>
inline void forward_radix2(u64* const (&ptr)[K], std::size_t d, const V* const (&wr)[K], const Mul& mul) {
    V x[K], y[K];
    for (int k = 0; k < K; ++k) x[k] = load(ptr[k]), y[k] = load(ptr[k] + d);
    for (int k = 0; k < K; ++k) ct(x[k], y[k], wr[k][0], wr[k][1], mul);
    for (int k = 0; k < K; ++k) store(ptr[k], x[k]), store(ptr[k] + d, y[k]);
}

// Forward radix-4 step: distance 2 * half with root 0, then distance half with roots 1 and 2 (see the
// headroom mode in the file comment for the reductions).
template <int K, bool kHeadroom, class Mul>
inline void forward_radix4(u64* const (&ptr)[K], std::size_t half, const V* const (&wr)[K], const Mul& mul) {
    V a0[K], a1[K], a2[K], a3[K];
    for (int k = 0; k < K; ++k) {
        u64* p = ptr[k];
        a0[k] = load(p);
        a1[k] = load(p + half);
        a2[k] = load(p + 2 * half);
        a3[k] = load(p + 3 * half);
    }
    if constexpr (kHeadroom) {
        const V two_b = _mm512_add_epi64(mul.bound, mul.bound);
        for (int k = 0; k < K; ++k) {
            a0[k] = csub(a0[k], two_b);
            a1[k] = csub(a1[k], two_b);
            ct_lazy(a0[k], a2[k], wr[k][0], wr[k][1], mul);
            ct_lazy(a1[k], a3[k], wr[k][0], wr[k][1], mul);
        }
        for (int k = 0; k < K; ++k) {
            ct_lazy(a0[k], a1[k], wr[k][2], wr[k][3], mul);
            ct_lazy(a2[k], a3[k], wr[k][4], wr[k][5], mul);
        }
    } else {
        for (int k = 0; k < K; ++k) {
            ct(a0[k], a2[k], wr[k][0], wr[k][1], mul);
            ct(a1[k], a3[k], wr[k][0], wr[k][1], mul);
        }
        for (int k = 0; k < K; ++k) {
            ct(a0[k], a1[k], wr[k][2], wr[k][3], mul);
            ct(a2[k], a3[k], wr[k][4], wr[k][5], mul);
        }
    }
    for (int k = 0; k < K; ++k) {
        u64* p = ptr[k];
        store(p, a0[k]);
        store(p + half, a1[k]);
        store(p + 2 * half, a2[k]);
        store(p + 3 * half, a3[k]);
    }
}

// Inverse radix-2 step (distance d, values below `top` in and out) with roots r[0], r[1].
template <int K, class Mul>
inline void inverse_radix2(u64* const (&ptr)[K], std::size_t d, const V* const (&wr)[K], V top, const Mul& mul) {
    V x[K], y[K];
    for (int k = 0; k < K; ++k) x[k] = load(ptr[k]), y[k] = load(ptr[k] + d);
    for (int k = 0; k < K; ++k) {
        gs_lazy(x[k], y[k], wr[k][0], wr[k][1], top, mul);
        x[k] = csub(x[k], top);
    }
    for (int k = 0; k < K; ++k) store(ptr[k], x[k]), store(ptr[k] + d, y[k]);
}

// Inverse radix-4 step: distance `gap` with roots 0 (vectors 0, 1) and 1 (vectors 2, 3), then distance
// 2 * gap with root 2.
template <int K, bool kHeadroom, class Mul>
inline void inverse_radix4(u64* const (&ptr)[K], std::size_t gap, const V* const (&wr)[K], const Mul& mul) {
    V a0[K], a1[K], a2[K], a3[K];
    for (int k = 0; k < K; ++k) {
        u64* p = ptr[k];
        a0[k] = load(p);
        a1[k] = load(p + gap);
        a2[k] = load(p + 2 * gap);
        a3[k] = load(p + 3 * gap);
    }
    if constexpr (kHeadroom) {
        // a0..a3 < 2B; after the first layer a0, a2 < 4B and a1, a3 < B.
        const V b1 = mul.bound, b2 = _mm512_add_epi64(b1, b1), b4 = _mm512_add_epi64(b2, b2);
        for (int k = 0; k < K; ++k) {
            gs_lazy(a0[k], a1[k], wr[k][0], wr[k][1], b2, mul);
            gs_lazy(a2[k], a3[k], wr[k][2], wr[k][3], b2, mul);
        }
        for (int k = 0; k < K; ++k) {
            gs_lazy(a0[k], a2[k], wr[k][4], wr[k][5], b4, mul);
            a0[k] = csub(csub(a0[k], b4), b2);
            gs_lazy(a1[k], a3[k], wr[k][4], wr[k][5], b1, mul);
        }
    } else {
        for (int k = 0; k < K; ++k) {
            gs(a0[k], a1[k], wr[k][0], wr[k][1], mul);
            gs(a2[k], a3[k], wr[k][2], wr[k][3], mul);
        }
        for (int k = 0; k < K; ++k) {
            gs(a0[k], a2[k], wr[k][4], wr[k][5], mul);
            gs(a1[k], a3[k], wr[k][4], wr[k][5], mul);
        }
    }
    for (int k = 0; k < K; ++k) {
        u64* p = ptr[k];
        store(p, a0[k]);
        store(p + gap, a1[k]);
        store(p + 2 * gap, a2[k]);
        store(p + 3 * gap, a3[k]);
    }
}

template <bool kHeadroom, class Mul>
void forward_impl(std::size_t n, u64* a, const u64* w, const u64* ws, const Mul mul) {
    // `mul` is a by-value local: with -fno-strict-aliasing the stores to `a` could otherwise force
    // reloads of its constants.
    // Wide stages two per pass over memory where possible (radix 4): with distance `gap` at stage m and
    // gap/2 at stage 2m, the four vectors x[j], x[j+gap/2], x[j+gap], x[j+3gap/2] take both butterfly layers
    // in registers. An odd stage count starts with one radix-2 stage.
    std::size_t gap = n >> 1, m = 1;
    std::size_t wide_stages = 0;
    for (std::size_t g = gap; g >= 8; g >>= 1) ++wide_stages;
    if (wide_stages % 2 == 1) {
        auto roots = [&](std::size_t i, V (&r)[6]) { r[0] = bcast(w[m + i]), r[1] = bcast(ws[m + i]); };
        auto step = [&]<int K>(u64* const (&p)[K], const V* const (&r)[K]) { forward_radix2<K>(p, gap, r, mul); };
        for_chunks<Mul::kChunk>(a, m, 2 * gap, gap / 8, roots, step);
        m <<= 1;
        gap >>= 1;
    }
    for (; gap >= 16; m <<= 2, gap >>= 2) {
        auto roots = [&](std::size_t i, V (&r)[6]) {
            r[0] = bcast(w[m + i]), r[1] = bcast(ws[m + i]);
            r[2] = bcast(w[2 * m + 2 * i]), r[3] = bcast(ws[2 * m + 2 * i]);
            r[4] = bcast(w[2 * m + 2 * i + 1]), r[5] = bcast(ws[2 * m + 2 * i + 1]);
        };
        const std::size_t half = gap >> 1;
        auto step = [&]<int K>(u64* const (&p)[K], const V* const (&r)[K]) {
            forward_radix4<K, kHeadroom>(p, half, r, mul);
        };
        for_chunks<Mul::kChunk>(a, m, 2 * gap, half / 8, roots, step);
    }
    // Distances 4, 2, 1 on blocks of 16, then the final reduction. Each block is one long dependency chain,
    // so K independent blocks are interleaved to keep the out-of-order scheduler busy.
    const std::size_t blocks = n / 16;
    std::size_t b = 0;
    for (; b + 4 <= blocks; b += 4) forward_tail_blocks<4, kHeadroom>(n, a, b, w, ws, mul);
    for (; b < blocks; ++b) forward_tail_blocks<1, kHeadroom>(n, a, b, w, ws, mul);
}

template <bool kHeadroom, class Mul>
void inverse_impl(std::size_t n, u64* a, const u64* w, const u64* ws, u64 ninv, u64 ninv_s, u64 nw, u64 nw_s,
                  const Mul mul) {
    // Distances 1, 2, 4 on blocks of 16, K blocks interleaved (see forward_impl).
    const std::size_t blocks = n / 16;
    std::size_t b = 0;
    for (; b + 4 <= blocks; b += 4) inverse_head_blocks<4>(n, a, b, w, ws, mul);
    for (; b < blocks; ++b) inverse_head_blocks<1>(n, a, b, w, ws, mul);
    // Distances 8 .. n/4, two per pass where possible (radix 4): distance `gap` with groups h + 2k, h + 2k + 1
    // followed by distance 2 gap with group h/2 + k, on x[j], x[j+gap], x[j+2gap], x[j+3gap].
    std::size_t gap = 8, h = n >> 4;
    std::size_t mid_stages = 0;
    for (std::size_t g = h; g > 1; g >>= 1) ++mid_stages;
    // In headroom mode values between passes lie in [0, 2B); otherwise in [0, B).
    const V top = kHeadroom ? _mm512_add_epi64(mul.bound, mul.bound) : mul.bound;
    if (mid_stages % 2 == 1) {
        auto roots = [&](std::size_t i, V (&r)[6]) { r[0] = bcast(w[h + i]), r[1] = bcast(ws[h + i]); };
        auto step = [&]<int K>(u64* const (&p)[K], const V* const (&r)[K]) {
            inverse_radix2<K>(p, gap, r, top, mul);
        };
        for_chunks<Mul::kChunk>(a, h, 2 * gap, gap / 8, roots, step);
        h >>= 1;
        gap <<= 1;
    }
    for (; h > 2; h >>= 2, gap <<= 2) {
        auto roots = [&](std::size_t k, V (&r)[6]) {
            r[0] = bcast(w[h + 2 * k]), r[1] = bcast(ws[h + 2 * k]);
            r[2] = bcast(w[h + 2 * k + 1]), r[3] = bcast(ws[h + 2 * k + 1]);
            r[4] = bcast(w[h / 2 + k]), r[5] = bcast(ws[h / 2 + k]);
        };
        auto step = [&]<int K>(u64* const (&p)[K], const V* const (&r)[K]) {
            inverse_radix4<K, kHeadroom>(p, gap, r, mul);
        };
        for_chunks<Mul::kChunk>(a, h / 2, 4 * gap, gap / 8, roots, step);
    }
    // Last stage (distance n/2) merged with n^-1: x' = (x + y) n^-1, y' = (x - y) n^-1 w.
    const V nv = bcast(ninv), nvs = bcast(ninv_s), wv = bcast(nw), wvs = bcast(nw_s);
    auto last = [&]<int K>(u64* x) {
        V s[K], d[K];
        for (int k = 0; k < K; ++k) {
            const V xv = load(x + 8 * k), yv = load(x + gap + 8 * k);
            s[k] = mul.mul(_mm512_add_epi64(xv, yv), nv, nvs);
            d[k] = mul.mul(_mm512_add_epi64(_mm512_sub_epi64(xv, yv), top), wv, wvs);
        }
        for (int k = 0; k < K; ++k) {
            store(x + 8 * k, mul.reduce(s[k]));
            store(x + gap + 8 * k, mul.reduce(d[k]));
        }
    };
    std::size_t j = 0;
    if constexpr (Mul::kChunk == 4)
        for (; j + 32 <= gap; j += 32) last.template operator()<4>(a + j);
    for (; j < gap; j += 8) last.template operator()<1>(a + j);
}

}  // namespace
}  // namespace he4j::ring::detail
