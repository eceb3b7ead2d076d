// Library information of the SEAL backend: backend name, the kernel path SEAL (with or without Intel HEXL)
// takes on this CPU, and the CPU features.
#include <cstdlib>
#include <string>

#include <seal/util/config.h>

#include "capi/guard.hpp"
#include "ring/cpu_features.hpp"

extern "C" {

const char* he4j_backend_name(void) { return "seal"; }

const char* he4j_cpu_path(void) {
#ifdef SEAL_USE_INTEL_HEXL
    // HEXL's own dispatch: IFMA52 kernels (for primes < 2^50) when available, else AVX-512 DQ, else its
    // scalar code; HEXL_DISABLE_AVX512DQ / HEXL_DISABLE_AVX512IFMA force the fallbacks.
    const auto& f = he4j::ring::cpu_features();
    const bool dq = f.avx512f && f.avx512dq && f.avx512vl && f.avx512bw && f.os_saves_zmm &&
                    std::getenv("HEXL_DISABLE_AVX512DQ") == nullptr;
    const bool ifma = dq && f.avx512ifma && std::getenv("HEXL_DISABLE_AVX512IFMA") == nullptr;
    return ifma ? "hexl-avx512ifma" : dq ? "hexl-avx512dq" : "hexl-scalar";
#else
    return "seal-scalar";
#endif
}

const char* he4j_cpu_features(void) {
    return he4j::ring::cpu_features_text();
}

}  // extern "C"
