// Front door of the batched exponentiation: validation, conversion between big-endian bytes and the
// kernels' 8-lane 52-bit limb layout, groups of 8 lanes, kernel choice. The partial last group is padded
// with copies of its first modulus and zero bases and exponents; their results are dropped.
#include "modexp.hpp"

#include <string.h>  // explicit_bzero

#include <cstdlib>
#include <cstring>
#include <new>
#include <string>

#include "common/error.hpp"
#include "modexp_kernels.hpp"
#include "ring/cpu_features.hpp"

namespace he4j::bignum {
namespace {

using detail::kLanes;
using detail::u64;

// 64-byte aligned words, zeroized when freed (they hold exponents and intermediate powers).
class AlignedWords {
public:
    explicit AlignedWords(std::size_t words) : bytes_((words * sizeof(u64) + 63) / 64 * 64) {
        p_ = static_cast<u64*>(std::aligned_alloc(64, bytes_ == 0 ? 64 : bytes_));
        if (p_ == nullptr) throw std::bad_alloc();
        std::memset(p_, 0, bytes_);
    }
    ~AlignedWords() {
        explicit_bzero(p_, bytes_);
        std::free(p_);
    }
    AlignedWords(const AlignedWords&) = delete;
    AlignedWords& operator=(const AlignedWords&) = delete;
    u64* get() const { return p_; }

private:
    std::size_t bytes_;
    u64* p_;
};

// Big-endian bytes -> lane `lane` of a limb-major array of `words` words of `bits` bits each.
void to_words(const std::uint8_t* be, std::size_t len, u64* dst, std::size_t lane, std::size_t words, int bits) {
    const u64 mask = bits == 64 ? ~u64{0} : (u64{1} << bits) - 1;
    std::size_t w = 0;
    int filled = 0;
    u64 cur = 0;
    for (std::size_t k = len; k-- > 0;) {
        const u64 byte = be[k];
        cur |= byte << filled;
        if (filled + 8 >= bits) {
            dst[w++ * kLanes + lane] = cur & mask;
            const int used = bits - filled;
            cur = used < 8 ? byte >> used : 0;
            filled = 8 - used;
        } else {
            filled += 8;
        }
    }
    if (w < words) dst[w++ * kLanes + lane] = cur & mask;
    while (w < words) dst[w++ * kLanes + lane] = 0;
}

// Lane `lane` of 52-bit limbs -> len big-endian bytes (the value is < 2^(8 len)).
void from_limbs(const u64* src, std::size_t lane, std::size_t limbs, std::uint8_t* be, std::size_t len) {
    std::size_t j = 0;
    int avail = 0;  // bits in cur; below 8 a whole limb fits on top (avail + 52 < 64)
    u64 cur = 0;
    for (std::size_t k = len; k-- > 0;) {
        if (avail < 8) {
            cur |= (j < limbs ? src[j++ * kLanes + lane] : 0) << avail;
            avail += detail::kLimbBits;
        }
        be[k] = static_cast<std::uint8_t>(cur);
        cur >>= 8;
        avail -= 8;
    }
}

// -m^-1 mod 2^52 for odd m (Newton's iteration doubles the correct low bits: 3 -> 6 -> ... -> 96).
u64 neg_inverse52(u64 m0) {
    u64 inv = m0;
    for (int i = 0; i < 5; ++i) inv *= 2 - m0 * inv;
    return (0 - inv) & detail::kLimbMask;
}

// 1 if a < b for big-endian numbers of equal length; constant time.
unsigned less_than(const std::uint8_t* a, const std::uint8_t* b, std::size_t len) {
    unsigned borrow = 0;
    for (std::size_t k = len; k-- > 0;) borrow = (static_cast<unsigned>(a[k]) - b[k] - borrow) >> 31;
    return borrow;
}

bool use_ifma(ModexpKernel k) {
    switch (k) {
        case ModexpKernel::kScalar: return false;
        case ModexpKernel::kAvx512Ifma:
            require(ring::cpu_features().avx512ifma && ring::cpu_features().avx512f && ring::cpu_features().os_saves_zmm,
                    ErrorKind::kUnsupported, "this CPU has no AVX-512 IFMA");
            return true;
        case ModexpKernel::kAuto: break;
    }
    return ring::use_ifma();
}

}  // namespace

void modexp_batch_with(ModexpKernel kernel, const std::uint8_t* bases, const std::uint8_t* exponents,
                       const std::uint8_t* moduli, std::size_t count, std::size_t mb, std::size_t eb,
                       std::uint8_t* out) {
    require(mb >= 1 && mb <= kMaxModulusBytes, ErrorKind::kInvalidArgument,
            "modulus_bytes must be in [1, " + std::to_string(kMaxModulusBytes) + "], got " + std::to_string(mb));
    require(eb >= 1 && eb <= kMaxExponentBytes, ErrorKind::kInvalidArgument,
            "exponent_bytes must be in [1, " + std::to_string(kMaxExponentBytes) + "], got " + std::to_string(eb));
    if (count == 0) return;
    require(bases != nullptr && exponents != nullptr && moduli != nullptr && out != nullptr,
            ErrorKind::kInvalidArgument, "bases, exponents, moduli and out must not be null");
    for (std::size_t i = 0; i < count; ++i) {
        const std::uint8_t* m = moduli + i * mb;
        const bool odd = (m[mb - 1] & 1) != 0;
        const bool is_one = mb == 1 && m[0] == 1;
        require(m[0] != 0 && odd && !is_one, ErrorKind::kInvalidArgument,
                "modulus " + std::to_string(i) + " must be odd, >= 3 and fill modulus_bytes (nonzero first byte)");
        require(less_than(bases + i * mb, m, mb) == 1, ErrorKind::kInvalidArgument,
                "base " + std::to_string(i) + " must be less than its modulus");
    }
    const bool ifma = use_ifma(kernel);
    // 4m < R = 2^(52L): two spare bits above the modulus's byte width.
    std::size_t limbs = (8 * mb + 2 + detail::kLimbBits - 1) / detail::kLimbBits;
    if (limbs < 2) limbs = 2;
    const std::size_t ew = (eb + 7) / 8;
    const std::size_t v = limbs * kLanes;
    AlignedWords base(v), mod(v), res(v), exp(ew * kLanes), k0(kLanes),
        scratch(detail::modexp8_scratch_words(limbs));
    for (std::size_t g = 0; g < count; g += kLanes) {
        const std::size_t n = count - g < kLanes ? count - g : kLanes;
        for (std::size_t lane = 0; lane < kLanes; ++lane) {
            const std::size_t i = g + (lane < n ? lane : 0);
            to_words(moduli + i * mb, mb, mod.get(), lane, limbs, detail::kLimbBits);
            k0.get()[lane] = neg_inverse52(mod.get()[lane]);
            if (lane < n) {
                to_words(bases + i * mb, mb, base.get(), lane, limbs, detail::kLimbBits);
                to_words(exponents + i * eb, eb, exp.get(), lane, ew, 64);
            } else {
                for (std::size_t j = 0; j < limbs; ++j) base.get()[j * kLanes + lane] = 0;
                for (std::size_t j = 0; j < ew; ++j) exp.get()[j * kLanes + lane] = 0;
            }
        }
        const detail::Modexp8 args{res.get(), base.get(), exp.get(), mod.get(), k0.get(), limbs, ew, 8 * mb - 8};
        if (ifma) {
            detail::modexp8_avx512ifma(args, scratch.get());
        } else {
            detail::modexp8_scalar(args, scratch.get());
        }
        for (std::size_t lane = 0; lane < n; ++lane) from_limbs(res.get(), lane, limbs, out + (g + lane) * mb, mb);
    }
}

void modexp_batch(const std::uint8_t* bases, const std::uint8_t* exponents, const std::uint8_t* moduli,
                  std::size_t count, std::size_t modulus_bytes, std::size_t exponent_bytes, std::uint8_t* out) {
    modexp_batch_with(ModexpKernel::kAuto, bases, exponents, moduli, count, modulus_bytes, exponent_bytes, out);
}

const char* modexp_kernel_name() { return ring::use_ifma() ? "avx512ifma" : "scalar"; }

}  // namespace he4j::bignum
