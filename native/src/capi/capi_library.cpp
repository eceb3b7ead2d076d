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
    return he4j::ring::cpu_features_text();
}

}  // extern "C"
