// AVX-512 ChaCha20 keystream (chacha20.hpp): 16 blocks at once, one state word per zmm register (lane j =
// block j), VPROLD for the rotations, then a 16x16 word transpose so each register holds one output block.
// The layout follows Goll and Gueron, "Vectorization of ChaCha stream cipher" (ITNG 2014). Compiled with
// AVX-512 flags; called only after the CPU check. No branch or address depends on key or output.
// GCC 12 warns falsely inside its own AVX-512 intrinsics (GCC bug 105593).
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"
#include <immintrin.h>
#include <sodium.h>

#include <cstring>

#include "ckks/chacha20.hpp"

namespace he4j::ckks::detail {
namespace {

constexpr std::size_t kBatchBlocks = 16;
constexpr std::size_t kBatchBytes = kBatchBlocks * kChaCha20BlockBytes;

inline std::uint32_t load_le32(const std::uint8_t* p) {
    std::uint32_t w;
    std::memcpy(&w, p, 4);  // x86-64 is little-endian, as ChaCha20's byte order
    return w;
}

#define HE4J_CHACHA_QR(a, b, c, d)                                          \
    a = _mm512_add_epi32(a, b), d = _mm512_rol_epi32(_mm512_xor_si512(d, a), 16); \
    c = _mm512_add_epi32(c, d), b = _mm512_rol_epi32(_mm512_xor_si512(b, c), 12); \
    a = _mm512_add_epi32(a, b), d = _mm512_rol_epi32(_mm512_xor_si512(d, a), 8);  \
    c = _mm512_add_epi32(c, d), b = _mm512_rol_epi32(_mm512_xor_si512(b, c), 7)

// 4x4 transpose of 128-bit lanes: y[L] = (x0.L, x1.L, x2.L, x3.L).
inline void transpose_lanes(__m512i x0, __m512i x1, __m512i x2, __m512i x3, __m512i* y0, __m512i* y1, __m512i* y2,
                            __m512i* y3) {
    const __m512i a = _mm512_shuffle_i32x4(x0, x1, 0x44), b = _mm512_shuffle_i32x4(x0, x1, 0xEE);
    const __m512i c = _mm512_shuffle_i32x4(x2, x3, 0x44), d = _mm512_shuffle_i32x4(x2, x3, 0xEE);
    *y0 = _mm512_shuffle_i32x4(a, c, 0x88);
    *y1 = _mm512_shuffle_i32x4(a, c, 0xDD);
    *y2 = _mm512_shuffle_i32x4(b, d, 0x88);
    *y3 = _mm512_shuffle_i32x4(b, d, 0xDD);
}

// Within each 128-bit lane L, transposes the 4x4 words of rows r0..r3: afterwards u_k lane L holds word
// 4L + k of rows 0..3.
inline void transpose_words(__m512i r0, __m512i r1, __m512i r2, __m512i r3, __m512i* u0, __m512i* u1, __m512i* u2,
                            __m512i* u3) {
    const __m512i t0 = _mm512_unpacklo_epi32(r0, r1), t1 = _mm512_unpackhi_epi32(r0, r1);
    const __m512i t2 = _mm512_unpacklo_epi32(r2, r3), t3 = _mm512_unpackhi_epi32(r2, r3);
    *u0 = _mm512_unpacklo_epi64(t0, t2);
    *u1 = _mm512_unpackhi_epi64(t0, t2);
    *u2 = _mm512_unpacklo_epi64(t1, t3);
    *u3 = _mm512_unpackhi_epi64(t1, t3);
}

// 16 keystream blocks (counters counter .. counter + 15, modulo 2^64) into out[0, 1024).
inline void batch(const std::uint32_t* s, std::uint64_t counter, std::uint8_t* out) {
    const __m512i lane = _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    const __m512i lo = _mm512_add_epi32(_mm512_set1_epi32(static_cast<int>(counter)), lane);
    // Carry into the high word where the low word wrapped (lo < lane index, unsigned).
    const __mmask16 carry = _mm512_cmplt_epu32_mask(lo, lane);
    const __m512i hi0 = _mm512_set1_epi32(static_cast<int>(counter >> 32));
    const __m512i hi = _mm512_mask_add_epi32(hi0, carry, hi0, _mm512_set1_epi32(1));

    // Words other than the counter are broadcast again from s after the rounds rather than kept: the
    // compiler barrier below stops GCC from keeping the first broadcasts alive, which spilled the key
    // words into this frame (not wiped) and cost loads anyway.
    auto word = [s](int i) { return _mm512_set1_epi32(static_cast<int>(s[i])); };
    __m512i x0 = word(0), x1 = word(1), x2 = word(2), x3 = word(3), x4 = word(4), x5 = word(5), x6 = word(6);
    __m512i x7 = word(7), x8 = word(8), x9 = word(9), x10 = word(10), x11 = word(11), x12 = lo, x13 = hi;
    __m512i x14 = word(14), x15 = word(15);
    for (int r = 0; r < 10; ++r) {  // 20 rounds: column round, then diagonal round
        HE4J_CHACHA_QR(x0, x4, x8, x12);
        HE4J_CHACHA_QR(x1, x5, x9, x13);
        HE4J_CHACHA_QR(x2, x6, x10, x14);
        HE4J_CHACHA_QR(x3, x7, x11, x15);
        HE4J_CHACHA_QR(x0, x5, x10, x15);
        HE4J_CHACHA_QR(x1, x6, x11, x12);
        HE4J_CHACHA_QR(x2, x7, x8, x13);
        HE4J_CHACHA_QR(x3, x4, x9, x14);
    }
    __asm__ volatile("" ::: "memory");
    x0 = _mm512_add_epi32(x0, word(0)), x1 = _mm512_add_epi32(x1, word(1)), x2 = _mm512_add_epi32(x2, word(2));
    x3 = _mm512_add_epi32(x3, word(3)), x4 = _mm512_add_epi32(x4, word(4)), x5 = _mm512_add_epi32(x5, word(5));
    x6 = _mm512_add_epi32(x6, word(6)), x7 = _mm512_add_epi32(x7, word(7)), x8 = _mm512_add_epi32(x8, word(8));
    x9 = _mm512_add_epi32(x9, word(9)), x10 = _mm512_add_epi32(x10, word(10)), x11 = _mm512_add_epi32(x11, word(11));
    x12 = _mm512_add_epi32(x12, lo), x13 = _mm512_add_epi32(x13, hi), x14 = _mm512_add_epi32(x14, word(14));
    x15 = _mm512_add_epi32(x15, word(15));

    // Register i holds word i of the 16 blocks; transpose so that each register holds one block.
    __m512i u[16];  // u[4g + k] lane L: word 4L + k of state words 4g .. 4g + 3
    transpose_words(x0, x1, x2, x3, &u[0], &u[1], &u[2], &u[3]);
    transpose_words(x4, x5, x6, x7, &u[4], &u[5], &u[6], &u[7]);
    transpose_words(x8, x9, x10, x11, &u[8], &u[9], &u[10], &u[11]);
    transpose_words(x12, x13, x14, x15, &u[12], &u[13], &u[14], &u[15]);
    for (int k = 0; k < 4; ++k) {
        __m512i y[4];  // y[L] = block 4L + k
        transpose_lanes(u[k], u[4 + k], u[8 + k], u[12 + k], &y[0], &y[1], &y[2], &y[3]);
        for (int l = 0; l < 4; ++l) {
            _mm512_storeu_si512(out + (4 * l + k) * kChaCha20BlockBytes, y[l]);
        }
    }
}

#undef HE4J_CHACHA_QR

}  // namespace

void chacha20_keystream_avx512dq(std::uint8_t* out, std::size_t len, const std::uint8_t* nonce, std::uint64_t counter,
                                 const std::uint8_t* key) {
    if (len == 0) return;
    std::uint32_t s[16];  // the input state; words 12, 13 (counter) are set per batch
    s[0] = 0x61707865, s[1] = 0x3320646e, s[2] = 0x79622d32, s[3] = 0x6b206574;  // "expand 32-byte k"
    for (int i = 0; i < 8; ++i) s[4 + i] = load_le32(key + 4 * i);
    s[12] = s[13] = 0;
    s[14] = load_le32(nonce);
    s[15] = load_le32(nonce + 4);
    while (len >= kBatchBytes) {
        batch(s, counter, out);
        counter += kBatchBlocks;
        out += kBatchBytes;
        len -= kBatchBytes;
    }
    if (len > 0) {  // a partial batch: whole batch into the stack, then copy the prefix
        alignas(64) std::uint8_t tail[kBatchBytes];
        batch(s, counter, tail);
        std::memcpy(out, tail, len);
        sodium_memzero(tail, sizeof tail);
    }
    sodium_memzero(s, sizeof s);
}

}  // namespace he4j::ckks::detail
