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

}  // extern "C"
