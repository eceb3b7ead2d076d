// Engine-specific library information: backend name, kernel path and CPU features.
#include <string>

#include "capi/guard.hpp"
#include "ring/cpu_features.hpp"

extern "C" {

const char* he4j_backend_name(void) { return "he4j"; }

const char* he4j_cpu_path(void) {
    return he4j::ring::kernel_path_name(he4j::ring::kernel_path());
}

const char* he4j_cpu_features(void) {
    static const std::string text = [] {
        const auto& f = he4j::ring::cpu_features();
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

}  // extern "C"
