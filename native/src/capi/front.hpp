// The front of the C ABI, shared by every backend (the own engine in capi/, SEAL in seal/): handle
// bookkeeping and the argument checks every entry point runs before it reaches a backend. Each backend
// defines its own handle structs (he4j_context, he4j_ciphertext, ...); each has a `ctx` member, a
// shared_ptr to the backend's Context, which offers max_level(), slots(), total_count() and param_id().
// Errors are thrown as Error and mapped to a status by guard() (guard.hpp).
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <type_traits>
#include <utility>

#include "capi/guard.hpp"

namespace he4j::capi {

// ---- handle bookkeeping: every handle handed out is counted in live_objects until freed.

// Takes ownership of a newly allocated handle.
template <class H>
H* make_handle(H* h) noexcept {
    live_objects.fetch_add(1, std::memory_order_relaxed);
    return h;
}

// Allocates a handle holding `value`.
template <class H>
    requires(!std::is_pointer_v<std::remove_reference_t<H>>)
std::remove_reference_t<H>* make_handle(H&& value) {
    return make_handle(new std::remove_reference_t<H>(std::forward<H>(value)));
}

template <class H>
void free_handle(H* h) noexcept {
    if (h == nullptr) return;
    delete h;
    live_objects.fetch_sub(1, std::memory_order_relaxed);
}

// ---- handle validity

// The context of a context handle argument (never null afterwards).
template <class ContextHandle>
const auto& context_of(const ContextHandle* c, const char* name = "ctx") {
    const auto& h = deref(c, name);
    if (!h.ctx) fail(ErrorKind::kInvalidArgument, std::string(name) + " is not a valid context");
    return *h.ctx;
}

// The context an object handle belongs to (for entry points without a context argument).
template <class H>
const auto& object_context(const H* obj, const char* name = "obj") {
    const auto& h = deref(obj, name);
    if (!h.ctx) fail(ErrorKind::kInvalidArgument, std::string(name) + " has no context");
    return *h.ctx;
}

// Objects must belong to parameters equal to ctx's (same param_id).
template <class Context, class ContextPtr>
void require_same_params(const Context& ctx, const ContextPtr& obj, const char* what) {
    if (!obj || obj->param_id() != ctx.param_id())
        fail(ErrorKind::kIncompatible, std::string(what) + " was created for different parameters than ctx");
}

// A non-null object handle of ctx's parameters.
template <class H, class Context>
H& checked(H* h, const Context& ctx, const char* name) {
    H& ref = deref(h, name);
    require_same_params(ctx, ref.ctx, name);
    return ref;
}

// ---- out-parameters

// An out-pointer for a new handle: non-null, and null until the entry point succeeds.
template <class T>
void out_arg(T** out) {
    deref(out, "out");
    *out = nullptr;
}

// The save protocol of every *_save entry point: buf == NULL asks for the size (*written = need, returns
// false); cap < need fails with kBufferTooSmall (*written = need); otherwise returns true: write into buf.
inline bool save_room(const std::uint8_t* buf, std::size_t cap, std::size_t* written, std::size_t need) {
    deref(written, "written");
    if (buf == nullptr) {
        *written = need;
        return false;
    }
    if (cap < need) {
        *written = need;
        fail(ErrorKind::kBufferTooSmall,
             "buffer of " + std::to_string(cap) + " bytes is too small; " + std::to_string(need) + " needed");
    }
    return true;
}

// The arguments of every *_load entry point: a non-null out (null until success) and a non-null buf.
template <class T>
void load_args(const std::uint8_t* buf, T** out) {
    out_arg(out);
    deref(buf, "buf");
}

// ---- ranges

// Level argument: -1 = top, else 0..max_level.
template <class Context>
std::uint32_t level_arg(const Context& ctx, std::int32_t level) {
    if (level == -1) return ctx.max_level();
    if (level < 0 || static_cast<std::uint32_t>(level) > ctx.max_level())
        fail(ErrorKind::kInvalidArgument, "level " + std::to_string(level) + " outside [0, " +
                                              std::to_string(ctx.max_level()) + "] (or -1 for the top level)");
    return static_cast<std::uint32_t>(level);
}

// Rotation step: |step| < slots.
template <class Context>
void step_arg(const Context& ctx, std::int64_t step) {
    if (std::llabs(step) >= static_cast<long long>(ctx.slots()))
        fail(ErrorKind::kInvalidArgument, "step " + std::to_string(step) + " outside (-slots, slots) = (-" +
                                              std::to_string(ctx.slots()) + ", " + std::to_string(ctx.slots()) + ")");
}

// Prime index: 0..total_count-1.
template <class Context>
void modulus_index_arg(const Context& ctx, std::size_t index) {
    require(index < ctx.total_count(), ErrorKind::kInvalidArgument,
            "index " + std::to_string(index) + " outside [0, " + std::to_string(ctx.total_count()) + ")");
}

// An input array of `count` values: non-null unless empty.
template <class T>
void values_arg(const T* values, std::size_t count, const char* name = "values") {
    if (count > 0) deref(values, name);
}

// At most one value per slot.
template <class Context>
void slot_count_arg(const Context& ctx, std::size_t count, const char* what = "values") {
    require(count <= ctx.slots(), ErrorKind::kInvalidArgument,
            std::to_string(count) + " " + what + " exceed the " + std::to_string(ctx.slots()) + " slots");
}

}  // namespace he4j::capi
