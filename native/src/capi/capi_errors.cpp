// Backend-neutral part of the C ABI boundary: thread-local errors, status mapping, ABI version and the
// live-handle counter. Shared by every backend library (own engine and SEAL).
#include <cstring>
#include <string>

#include "capi/guard.hpp"

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

const char* last_error_message() noexcept { return last_error.c_str(); }

}  // namespace he4j::capi

extern "C" {

uint32_t he4j_abi_version(void) { return HE4J_ABI_VERSION; }

const char* he4j_last_error_message(void) { return he4j::capi::last_error_message(); }

const char* he4j_library_version(void) { return HE4J_VERSION_STRING; }

uint64_t he4j_live_objects(void) { return he4j::capi::live_objects.load(std::memory_order_relaxed); }

}  // extern "C"
