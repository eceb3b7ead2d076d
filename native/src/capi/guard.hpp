// The C ABI boundary: every entry point runs its body inside guard(), which maps every exception to a
// status code and a thread-local message. Nothing thrown below may escape into the caller.
#pragma once
#include <atomic>
#include <cstdint>
#include <new>
#include <string>

#include "common/error.hpp"
#include "he4j/he4j.h"

namespace he4j::capi {

void set_last_error(const char* operation, const char* message) noexcept;
void clear_last_error() noexcept;

// Live handle counter for leak tests (he4j_live_objects).
extern std::atomic<std::uint64_t> live_objects;

he4j_status status_of(ErrorKind kind) noexcept;

template <class Body>
he4j_status guard(const char* operation, Body&& body) noexcept {
    try {
        body();
        return HE4J_OK;
    } catch (const Error& e) {
        set_last_error(operation, e.what());
        return status_of(e.kind());
    } catch (const std::bad_alloc&) {
        set_last_error(operation, "out of memory");
        return HE4J_ERR_OUT_OF_MEMORY;
    } catch (const std::invalid_argument& e) {
        set_last_error(operation, e.what());
        return HE4J_ERR_INVALID_ARGUMENT;
    } catch (const std::exception& e) {
        set_last_error(operation, e.what());
        return HE4J_ERR_INTERNAL;
    } catch (...) {
        set_last_error(operation, "unknown internal error");
        return HE4J_ERR_INTERNAL;
    }
}

// Dereferences a handle or argument pointer coming from outside, failing cleanly on null.
template <class T>
T& deref(T* p, const char* name) {
    if (p == nullptr) fail(ErrorKind::kInvalidArgument, std::string(name) + " must not be null");
    return *p;
}

}  // namespace he4j::capi
