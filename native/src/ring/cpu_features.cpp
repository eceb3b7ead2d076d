#include "cpu_features.hpp"

#include <cpuid.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

namespace he4j::ring {
namespace {

bool env_flag(const char* name) {
    const char* v = std::getenv(name);
    return v != nullptr && v[0] != '\0' && std::strcmp(v, "0") != 0;
}

std::uint64_t read_xcr0() {
    std::uint32_t eax = 0, edx = 0;
    __asm__ volatile("xgetbv" : "=a"(eax), "=d"(edx) : "c"(0));
    return (static_cast<std::uint64_t>(edx) << 32) | eax;
}

CpuFeatures detect() {
    CpuFeatures f;
    unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
    if (__get_cpuid_max(0, nullptr) < 7) return f;
    __cpuid(1, eax, ebx, ecx, edx);
    const bool osxsave = (ecx & (1u << 27)) != 0;
    if (osxsave) {
        // Bits 1,2 (SSE, AVX state), 5,6,7 (opmask, ZMM_Hi256, Hi16_ZMM).
        f.os_saves_zmm = (read_xcr0() & 0xE6) == 0xE6;
    }
    __cpuid_count(7, 0, eax, ebx, ecx, edx);
    f.avx512f = (ebx & (1u << 16)) != 0;
    f.avx512dq = (ebx & (1u << 17)) != 0;
    f.avx512ifma = (ebx & (1u << 21)) != 0;
    f.avx512bw = (ebx & (1u << 30)) != 0;
    f.avx512vl = (ebx & (1u << 31)) != 0;
    return f;
}

KernelPath choose() {
    const CpuFeatures& f = cpu_features();
    if (env_flag("HE4J_DISABLE_AVX512")) return KernelPath::kScalar;
    const bool base = f.os_saves_zmm && f.avx512f && f.avx512dq && f.avx512vl && f.avx512bw;
    if (!base) return KernelPath::kScalar;
    if (f.avx512ifma && !env_flag("HE4J_DISABLE_IFMA")) return KernelPath::kAvx512Ifma;
    return KernelPath::kAvx512Dq;
}

}  // namespace

const CpuFeatures& cpu_features() {
    static const CpuFeatures features = detect();
    return features;
}

const char* cpu_features_text() {
    static const std::string text = [] {
        const CpuFeatures& f = cpu_features();
        std::string s;
        s += "avx512f=" + std::to_string(f.avx512f);
        s += " avx512dq=" + std::to_string(f.avx512dq);
        s += " avx512vl=" + std::to_string(f.avx512vl);
        s += " avx512bw=" + std::to_string(f.avx512bw);
        s += " avx512ifma=" + std::to_string(f.avx512ifma);
        s += " os_zmm=" + std::to_string(f.os_saves_zmm);
        return s;
    }();
    return text.c_str();
}

KernelPath kernel_path() {
    static const KernelPath path = choose();
    return path;
}

bool use_avx512() { return kernel_path() != KernelPath::kScalar; }
bool use_ifma() { return kernel_path() == KernelPath::kAvx512Ifma; }

const char* kernel_path_name(KernelPath p) {
    switch (p) {
        case KernelPath::kAvx512Ifma: return "avx512ifma";
        case KernelPath::kAvx512Dq: return "avx512dq";
        case KernelPath::kScalar: break;
    }
    return "scalar";
}

}  // namespace he4j::ring
