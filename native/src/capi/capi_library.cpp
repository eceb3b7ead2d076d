// Library-level entry points: ABI version, errors, version and CPU path.
#include <cstring>
#include <string>

#include "capi/guard.hpp"
#include "ring/cpu_features.hpp"

#ifndef HE4J_VERSION_STRING
#define HE4J_VERSION_STRING "0.0.0"
#endif

namespace he4j::capi {

std::atomic<std::uint64_t> live_objects{0};

namespace {
thread_local std::string last_error;
}

void set_last_error(const char* operation, const char* message) noexcept {
    try {
        // Messages from below often already name the operation ("he4j_eval_add: levels differ"): no repeat.
        const std::size_t len = std::strlen(operation);
        if (std::strncmp(message, operation, len) == 0 && message[len] == ':') {
            last_error.assign(message);
            return;
        }
        last_error.assign(operation);
        last_error.append(": ");
        last_error.append(message);
    } catch (...) {
        last_error.clear();
    }
}

void clear_last_error() noexcept { last_error.clear(); }

he4j_status status_of(ErrorKind kind) noexcept {
    switch (kind) {
        case ErrorKind::kInvalidArgument: return HE4J_ERR_INVALID_ARGUMENT;
        case ErrorKind::kInvalidParameters: return HE4J_ERR_INVALID_PARAMETERS;
        case ErrorKind::kMalformedInput: return HE4J_ERR_MALFORMED_INPUT;
        case ErrorKind::kIncompatible: return HE4J_ERR_INCOMPATIBLE;
        case ErrorKind::kBufferTooSmall: return HE4J_ERR_BUFFER_TOO_SMALL;
        case ErrorKind::kUnsupported: return HE4J_ERR_UNSUPPORTED;
    }
    return HE4J_ERR_INTERNAL;
}

}  // namespace he4j::capi

extern "C" {

uint32_t he4j_abi_version(void) { return HE4J_ABI_VERSION; }

const char* he4j_last_error_message(void) { return he4j::capi::last_error.c_str(); }

const char* he4j_library_version(void) { return HE4J_VERSION_STRING; }

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

uint64_t he4j_live_objects(void) { return he4j::capi::live_objects.load(std::memory_order_relaxed); }

}  // extern "C"
