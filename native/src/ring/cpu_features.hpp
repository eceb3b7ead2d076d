// CPU features, detected once (CPUID plus OS support for the ZMM state) and the kernel path chosen from them.
#pragma once

namespace he4j::ring {

struct CpuFeatures {
    bool avx512f = false;
    bool avx512dq = false;
    bool avx512vl = false;
    bool avx512bw = false;
    bool avx512ifma = false;
    bool os_saves_zmm = false;  // XCR0 has opmask, ZMM_Hi256 and Hi16_ZMM enabled
};

enum class KernelPath { kScalar, kAvx512Dq, kAvx512Ifma };

// What the CPU and OS support (not affected by environment switches).
const CpuFeatures& cpu_features();
// The same as text, e.g. "avx512f=1 avx512dq=1 avx512vl=1 avx512bw=1 avx512ifma=1 os_zmm=1" (static storage).
const char* cpu_features_text();

// The path in force: the best the CPU supports unless HE4J_DISABLE_AVX512=1 (scalar everywhere) or
// HE4J_DISABLE_IFMA=1 (AVX-512 DQ at most). Read once, on first use.
KernelPath kernel_path();
bool use_avx512();  // kernel_path() != kScalar
bool use_ifma();    // kernel_path() == kAvx512Ifma
const char* kernel_path_name(KernelPath p);  // "scalar", "avx512dq", "avx512ifma"

}  // namespace he4j::ring
