// Multiparty (threshold) entry points of the own engine: secret shares, public-key shares and their
// aggregation, decryption shares and their combination (ckks/multiparty.hpp).
#include <cstring>
#include <memory>
#include <vector>

#include "capi/capi_handles.hpp"
#include "ckks/compact_reply.hpp"
#include "ckks/multiparty.hpp"

using namespace he4j;
using namespace he4j::capi;

// A party's secret share: like he4j_secret_key (zeroized on destruction), but a distinct type with no
// serialization, so it cannot be saved or passed to he4j_decrypt by accident.
struct he4j_secret_share {
    he4j::ckks::ContextPtr ctx;
    std::unique_ptr<he4j::ckks::SecretKey> sk;
};

extern "C" {

he4j_status he4j_secret_share_generate(const he4j_context* ctx, he4j_secret_share** out) {
    return guard("he4j_secret_share_generate", [&] {
        out_arg(out);
        const auto& c = context_of(ctx);
        auto sk = std::make_unique<ckks::SecretKey>(ckks::generate_secret_share(c));
        *out = make_handle(he4j_secret_share{ctx->ctx, std::move(sk)});
    });
}

void he4j_secret_share_free(he4j_secret_share* share) { free_handle(share); }

he4j_status he4j_mp_public_key_share(const he4j_context* ctx, const he4j_secret_share* share, const uint8_t* crp_seed,
                                     size_t seed_len, he4j_public_key** out) {
    return guard("he4j_mp_public_key_share", [&] {
        out_arg(out);
        const auto& c = context_of(ctx);
        const auto& s = checked(share, c, "share");
        deref(crp_seed, "crp_seed");
        require(seed_len == HE4J_MP_SEED_BYTES, ErrorKind::kInvalidArgument,
                "crp_seed must be " + std::to_string(HE4J_MP_SEED_BYTES) + " bytes, got " + std::to_string(seed_len));
        ckks::Seed seed;
        std::memcpy(seed.data(), crp_seed, seed.size());
        *out = make_handle(he4j_public_key{ctx->ctx, ckks::public_key_share(c, *s.sk, seed)});
    });
}

he4j_status he4j_mp_public_key_aggregate(const he4j_context* ctx, const he4j_public_key* const* shares, size_t count,
                                         he4j_public_key** out) {
    return guard("he4j_mp_public_key_aggregate", [&] {
        out_arg(out);
        const auto& c = context_of(ctx);
        require(count >= 1, ErrorKind::kInvalidArgument, "at least one public-key share is needed");
        deref(shares, "shares");
        std::vector<const ckks::PublicKey*> list;
        for (size_t i = 0; i < count; ++i) list.push_back(&checked(shares[i], c, "shares[i]").pk);
        *out = make_handle(he4j_public_key{ctx->ctx, ckks::aggregate_public_key_shares(c, list)});
    });
}

he4j_status he4j_mp_smudging_bits(const he4j_context* ctx, uint64_t parties, uint64_t summands, uint32_t lambda,
                                  uint32_t* out) {
    return guard("he4j_mp_smudging_bits", [&] {
        const auto& c = context_of(ctx);
        deref(out, "out") = ckks::smudging_bits(c, parties, summands, lambda);
    });
}

he4j_status he4j_mp_decryption_share(const he4j_context* ctx, const he4j_secret_share* share, const he4j_ciphertext* ct,
                                     uint32_t smudging_bits, he4j_plaintext* out) {
    return guard("he4j_mp_decryption_share", [&] {
        const auto& c = context_of(ctx);
        const auto& s = checked(share, c, "share");
        const auto& x = checked(ct, c, "ct");
        auto& o = checked(out, c, "out");
        ckks::Plaintext result;  // out is written only on success
        ckks::decryption_share(c, *s.sk, x.ct, smudging_bits, result);
        o.pt = std::move(result);
    });
}

he4j_status he4j_mp_decrypt_combine(const he4j_context* ctx, const he4j_ciphertext* ct,
                                    const he4j_plaintext* const* shares, size_t count, he4j_plaintext* out) {
    return guard("he4j_mp_decrypt_combine", [&] {
        const auto& c = context_of(ctx);
        const auto& x = checked(ct, c, "ct");
        auto& o = checked(out, c, "out");
        require(count >= 1, ErrorKind::kInvalidArgument, "at least one decryption share is needed");
        deref(shares, "shares");
        std::vector<const ckks::Plaintext*> list;
        for (size_t i = 0; i < count; ++i) list.push_back(&checked(shares[i], c, "shares[i]").pt);
        ckks::combine_decryption_shares(c, x.ct, list, o.pt);
    });
}

he4j_status he4j_mp_decryption_share_compact(const he4j_context* ctx, const he4j_secret_share* share,
                                             const he4j_ciphertext* ct, uint32_t smudging_bits, uint32_t bits,
                                             uint8_t* buf, size_t cap, size_t* written) {
    return guard("he4j_mp_decryption_share_compact", [&] {
        const auto& c = context_of(ctx);
        const auto& s = checked(share, c, "share");
        const auto& x = checked(ct, c, "ct");
        const std::size_t need = ckks::compact_reply_size(c, 1, bits);  // validates bits
        if (!save_room(buf, cap, written, need)) return;
        const auto bytes = ckks::compact_decryption_share(c, *s.sk, x.ct, smudging_bits, bits);
        std::memcpy(buf, bytes.data(), bytes.size());
        *written = bytes.size();
    });
}

he4j_status he4j_mp_decrypt_combine_compact(const he4j_context* ctx, const he4j_ciphertext* ct,
                                            const uint8_t* const* shares, const size_t* lens, size_t count_shares,
                                            uint32_t bits, double* values, size_t count) {
    return guard("he4j_mp_decrypt_combine_compact", [&] {
        const auto& c = context_of(ctx);
        const auto& x = checked(ct, c, "ct");
        require(count_shares >= 1, ErrorKind::kInvalidArgument, "at least one decryption share is needed");
        deref(shares, "shares");
        deref(lens, "lens");
        values_arg(values, count, "values");
        std::vector<std::pair<const std::uint8_t*, std::size_t>> list;
        for (size_t i = 0; i < count_shares; ++i) list.emplace_back(shares[i], lens[i]);
        for (const auto& p : list) deref(p.first, "shares[i]");
        ckks::combine_compact_decryption_shares(c, x.ct, list, bits, values, count);
    });
}

namespace {
std::vector<std::pair<const std::uint8_t*, std::size_t>> pieces_arg(const uint8_t* const* pieces, const size_t* lens,
                                                                    size_t count) {
    require(count >= 1, ErrorKind::kInvalidArgument, "at least one compact piece is needed");
    deref(pieces, "pieces");
    deref(lens, "lens");
    std::vector<std::pair<const std::uint8_t*, std::size_t>> list;
    for (size_t i = 0; i < count; ++i) {
        deref(pieces[i], "pieces[i]");
        list.emplace_back(pieces[i], lens[i]);
    }
    return list;
}
}  // namespace

he4j_status he4j_mp_encrypt_shared_c1(const he4j_context* ctx, const he4j_public_key* const* keys,
                                      const he4j_plaintext* const* pts, size_t count, he4j_ciphertext* const* outs) {
    return guard("he4j_mp_encrypt_shared_c1", [&] {
        const auto& c = context_of(ctx);
        require(count >= 1, ErrorKind::kInvalidArgument, "at least one key and plaintext are needed");
        deref(keys, "keys");
        deref(pts, "pts");
        deref(outs, "outs");
        std::vector<const ckks::PublicKey*> k;
        std::vector<const ckks::Plaintext*> p;
        std::vector<ckks::Ciphertext> results(count);  // outs are written only on success
        std::vector<ckks::Ciphertext*> r;
        for (size_t j = 0; j < count; ++j) {
            k.push_back(&checked(keys[j], c, "keys[j]").pk);
            p.push_back(&checked(pts[j], c, "pts[j]").pt);
            checked(outs[j], c, "outs[j]");
            r.push_back(&results[j]);
        }
        for (size_t j = 0; j < count; ++j)
            for (size_t i = 0; i < j; ++i)
                require(outs[i] != outs[j], ErrorKind::kInvalidArgument, "outs must be distinct ciphertexts");
        ckks::encrypt_pk_shared_c1(c, k, p, r);
        for (size_t j = 0; j < count; ++j) checked(outs[j], c, "outs[j]").ct = std::move(results[j]);
    });
}

he4j_status he4j_mp_compact_c0(const he4j_context* ctx, const he4j_ciphertext* ct, uint32_t bits, uint8_t* buf,
                               size_t cap, size_t* written) {
    return guard("he4j_mp_compact_c0", [&] {
        const auto& c = context_of(ctx);
        const auto& x = checked(ct, c, "ct");
        const std::size_t need = ckks::compact_reply_size(c, 1, bits);  // validates bits
        if (!save_room(buf, cap, written, need)) return;
        const auto bytes = ckks::compact_c0(c, x.ct, bits);
        std::memcpy(buf, bytes.data(), bytes.size());
        *written = bytes.size();
    });
}

he4j_status he4j_mp_compact_sum(const he4j_context* ctx, const uint8_t* const* pieces, const size_t* lens,
                                size_t count, uint32_t level, uint32_t bits, double scale, uint8_t* buf, size_t cap,
                                size_t* written) {
    return guard("he4j_mp_compact_sum", [&] {
        const auto& c = context_of(ctx);
        const auto list = pieces_arg(pieces, lens, count);
        const auto bytes = ckks::sum_compact_pieces(c, list, level, bits, scale);  // validates every piece
        if (!save_room(buf, cap, written, bytes.size())) return;
        std::memcpy(buf, bytes.data(), bytes.size());
        *written = bytes.size();
    });
}

he4j_status he4j_mp_combine_compact_pieces(const he4j_context* ctx, const uint8_t* const* pieces, const size_t* lens,
                                           size_t count_pieces, uint32_t bits, double* values, size_t count) {
    return guard("he4j_mp_combine_compact_pieces", [&] {
        const auto& c = context_of(ctx);
        const auto list = pieces_arg(pieces, lens, count_pieces);
        values_arg(values, count, "values");
        ckks::combine_compact_pieces(c, list, bits, values, count);
    });
}

}  // extern "C"
