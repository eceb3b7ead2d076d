// Compact coefficient replies (ckks/compact_reply.hpp): size query, bounded write, validating read of the
// positions, and decryption.
#include <algorithm>

#include "capi/capi_handles.hpp"
#include "ckks/compact_reply.hpp"

using namespace he4j;
using namespace he4j::capi;

namespace {

const ckks::Ciphertext& reply_source(const he4j_ciphertext* ct, const ckks::Context& c) {
    const auto& h = checked(ct, c, "ct");
    require(!h.ct.empty(), ErrorKind::kInvalidArgument, "ciphertext is empty (encrypt or compute into it first)");
    return h.ct;
}

}  // namespace

extern "C" {

he4j_status he4j_ciphertext_compact_reply_size(const he4j_context* ctx, const he4j_ciphertext* ct, size_t count,
                                               uint32_t bits, size_t* out) {
    return guard("he4j_ciphertext_compact_reply_size", [&] {
        deref(out, "out");
        const auto& c = context_of(ctx);
        const auto& x = reply_source(ct, c);
        require(x.size == 2, ErrorKind::kIncompatible, "ciphertext has " + std::to_string(x.size) +
                                                           " polynomials; relinearize it to 2 first");
        *out = ckks::compact_reply_size(c, count, bits);
    });
}

he4j_status he4j_ciphertext_compact_reply(const he4j_context* ctx, const he4j_ciphertext* ct,
                                          const uint32_t* positions, size_t count, uint32_t bits, uint8_t* buf,
                                          size_t cap, size_t* written) {
    return guard("he4j_ciphertext_compact_reply", [&] {
        deref(written, "written");
        const auto& c = context_of(ctx);
        const auto& x = reply_source(ct, c);
        const size_t need = ckks::compact_reply_size(c, count, bits);
        *written = need;
        if (buf == nullptr) return;
        if (cap < need)
            fail(ErrorKind::kBufferTooSmall,
                 "buffer of " + std::to_string(cap) + " bytes is too small; " + std::to_string(need) + " needed");
        *written = ckks::save_to(c, ckks::make_compact_reply(c, x, positions, count, bits), buf, cap);
    });
}

he4j_status he4j_compact_reply_positions(const he4j_context* ctx, const uint8_t* buf, size_t len,
                                         uint32_t* positions, size_t cap, size_t* count) {
    return guard("he4j_compact_reply_positions", [&] {
        deref(count, "count");
        const auto& c = context_of(ctx);
        const ckks::CompactReply reply = ckks::load_compact_reply(c, &deref(buf, "buf"), len);
        *count = reply.positions.size();
        if (positions == nullptr) return;
        if (cap < reply.positions.size())
            fail(ErrorKind::kBufferTooSmall, "room for " + std::to_string(cap) + " positions; the reply has " +
                                                 std::to_string(reply.positions.size()));
        std::copy(reply.positions.begin(), reply.positions.end(), positions);
    });
}

he4j_status he4j_decrypt_compact_reply(const he4j_context* ctx, const he4j_secret_key* sk, const uint8_t* buf,
                                       size_t len, double* values, size_t count) {
    return guard("he4j_decrypt_compact_reply", [&] {
        const auto& c = context_of(ctx);
        const auto& k = checked(sk, c, "sk");
        deref(values, "values");
        const ckks::CompactReply reply = ckks::load_compact_reply(c, &deref(buf, "buf"), len);
        if (count != reply.positions.size())
            fail(ErrorKind::kInvalidArgument, "values has room for " + std::to_string(count) +
                                                  " values; the reply has " +
                                                  std::to_string(reply.positions.size()) + " positions");
        ckks::decrypt_compact_reply(c, *k.sk, reply, values);
    });
}

}  // extern "C"
