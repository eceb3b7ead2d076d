// Opaque handle structs behind the C ABI. Every handle holds a shared_ptr to its context, so freeing the
// context first never leaves a dangling pointer, and nothing is tied to the creating thread.
#pragma once
#include <cstdint>
#include <memory>
#include <string>

#include "capi/guard.hpp"
#include "ckks/ciphertext.hpp"
#include "ckks/context.hpp"
#include "ckks/keys.hpp"
#include "ckks/plaintext.hpp"

struct he4j_context {
    he4j::ckks::ContextPtr ctx;
};
struct he4j_secret_key {
    he4j::ckks::ContextPtr ctx;
    std::unique_ptr<he4j::ckks::SecretKey> sk;  // zeroized on destruction
};
struct he4j_public_key {
    he4j::ckks::ContextPtr ctx;
    he4j::ckks::PublicKey pk;
};
struct he4j_relin_key {
    he4j::ckks::ContextPtr ctx;
    he4j::ckks::RelinKey rk;
};
struct he4j_galois_keys {
    he4j::ckks::ContextPtr ctx;
    he4j::ckks::GaloisKeys gk;
};
struct he4j_plaintext {
    he4j::ckks::ContextPtr ctx;
    he4j::ckks::Plaintext pt;
};
struct he4j_ciphertext {
    he4j::ckks::ContextPtr ctx;
    he4j::ckks::Ciphertext ct;
};

namespace he4j::capi {

// Allocates a handle and counts it in live_objects.
template <class H>
H* make_handle(H&& value) {
    H* h = new H(std::move(value));
    live_objects.fetch_add(1, std::memory_order_relaxed);
    return h;
}

template <class H>
void free_handle(H* h) noexcept {
    if (h == nullptr) return;
    delete h;
    live_objects.fetch_sub(1, std::memory_order_relaxed);
}

// The context of a handle argument (never null afterwards).
inline const ckks::Context& context_of(const he4j_context* c, const char* name = "ctx") {
    const auto& h = deref(c, name);
    if (!h.ctx) fail(ErrorKind::kInvalidArgument, std::string(name) + " is not a valid context");
    return *h.ctx;
}

// Objects must belong to parameters equal to ctx's (same param_id).
inline void require_same_params(const ckks::Context& ctx, const ckks::ContextPtr& obj, const char* what) {
    if (!obj || obj->param_id() != ctx.param_id())
        fail(ErrorKind::kIncompatible, std::string(what) + " was created for different parameters than ctx");
}

template <class H>
H& checked(H* h, const ckks::Context& ctx, const char* name) {
    H& ref = deref(h, name);
    require_same_params(ctx, ref.ctx, name);
    return ref;
}

// Level argument: -1 = top, else 0..max_level.
inline std::uint32_t level_arg(const ckks::Context& ctx, std::int32_t level) {
    if (level == -1) return ctx.max_level();
    if (level < 0 || static_cast<std::uint32_t>(level) > ctx.max_level())
        fail(ErrorKind::kInvalidArgument, "level " + std::to_string(level) + " outside [0, " +
                                              std::to_string(ctx.max_level()) + "] (or -1 for the top level)");
    return static_cast<std::uint32_t>(level);
}

template <class T>
void set_out(T** out, T* value) {
    *out = value;
}

}  // namespace he4j::capi
