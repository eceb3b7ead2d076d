// Key generation. Public, relinearization and Galois keys come from SEAL's seeded generators: their
// compact stream (uniform halves as a seed) is kept for saving, and the expanded key is loaded from it.
#include <cstdlib>
#include <algorithm>

#include "seal_handles.hpp"

using namespace he4j;
using namespace he4j::sealb;

namespace {

// Saves a seeded SEAL object uncompressed and loads the expanded object back from the same bytes.
template <class T>
std::vector<seal::seal_byte> expand(const Context& c, const seal::Serializable<T>& seeded, T& out) {
    std::vector<seal::seal_byte> bytes(static_cast<std::size_t>(seeded.save_size(seal::compr_mode_type::none)));
    const auto n = seeded.save(bytes.data(), bytes.size(), seal::compr_mode_type::none);
    bytes.resize(static_cast<std::size_t>(n));
    out.load(c.seal(), bytes.data(), bytes.size());
    return bytes;
}

void require_key_switching(const Context& c, const char* what) {
    require(c.key_switching(), ErrorKind::kUnsupported,
            std::string(what) + ": these parameters have no special primes, so key switching is unavailable");
}

}  // namespace

namespace he4j::sealb {

void require_public_key(const Context& c, const char* what) {
    require(c.public_key_ok(), ErrorKind::kUnsupported,
            std::string(what) + ": the SEAL backend has no public-key encryption for parameters with several data "
                                "primes and no special prime (SEAL would need an extra prime in the public key, "
                                "weakening it below the checked security); use symmetric encryption (he4j_encrypt_sk)");
}

}  // namespace he4j::sealb

extern "C" {

he4j_status he4j_secret_key_generate(const he4j_context* ctx, he4j_secret_key** out) {
    return capi::guard("he4j_secret_key_generate", [&] {
        out_arg(out);
        const auto& c = context_of(ctx);
        auto h = std::make_unique<he4j_secret_key>();
        h->ctx = ctx->ctx;
        seal::KeyGenerator keygen(c.seal());
        h->sk = keygen.secret_key();
        h->encryptor = std::make_unique<seal::Encryptor>(c.seal(), h->sk);
        h->decryptor = std::make_unique<seal::Decryptor>(c.seal(), h->sk);
        *out = make_handle(h.release());
    });
}

he4j_status he4j_public_key_generate(const he4j_context* ctx, const he4j_secret_key* sk, he4j_public_key** out) {
    return capi::guard("he4j_public_key_generate", [&] {
        out_arg(out);
        const auto& c = context_of(ctx);
        const auto& s = checked(sk, c, "sk");
        require_public_key(c, "he4j_public_key_generate");
        auto h = std::make_unique<he4j_public_key>();
        h->ctx = ctx->ctx;
        seal::KeyGenerator keygen(c.seal(), s.sk);
        h->compact = expand(c, keygen.create_public_key(), h->pk);
        h->encryptor = std::make_unique<seal::Encryptor>(c.seal(), h->pk);
        *out = make_handle(h.release());
    });
}

he4j_status he4j_relin_key_generate(const he4j_context* ctx, const he4j_secret_key* sk, he4j_relin_key** out) {
    return capi::guard("he4j_relin_key_generate", [&] {
        out_arg(out);
        const auto& c = context_of(ctx);
        const auto& s = checked(sk, c, "sk");
        require_key_switching(c, "he4j_relin_key_generate");
        auto h = std::make_unique<he4j_relin_key>();
        h->ctx = ctx->ctx;
        seal::KeyGenerator keygen(c.seal(), s.sk);
        h->compact = expand(c, keygen.create_relin_keys(), h->rk);
        *out = make_handle(h.release());
    });
}

he4j_status he4j_galois_keys_generate(const he4j_context* ctx, const he4j_secret_key* sk, const int32_t* steps,
                                      size_t step_count, int include_conjugate, he4j_galois_keys** out) {
    return capi::guard("he4j_galois_keys_generate", [&] {
        out_arg(out);
        const auto& c = context_of(ctx);
        const auto& s = checked(sk, c, "sk");
        values_arg(steps, step_count, "steps");
        slot_count_arg(c, step_count, "steps");
        std::vector<std::uint32_t> elements;
        for (size_t i = 0; i < step_count; ++i) {
            const std::int64_t st = steps[i];
            step_arg(c, st);
            if (st != 0) elements.push_back(c.galois_element_for_step(static_cast<std::int32_t>(st)));
        }
        if (include_conjugate) elements.push_back(c.conjugation_element());
        require_key_switching(c, "he4j_galois_keys_generate");
        std::sort(elements.begin(), elements.end());
        elements.erase(std::unique(elements.begin(), elements.end()), elements.end());
        auto h = std::make_unique<he4j_galois_keys>();
        h->ctx = ctx->ctx;
        seal::KeyGenerator keygen(c.seal(), s.sk);
        h->compact = expand(c, keygen.create_galois_keys(elements), h->gk);
        *out = make_handle(h.release());
    });
}

he4j_status he4j_galois_keys_has_step(const he4j_galois_keys* gk, int32_t step, int* out) {
    return capi::guard("he4j_galois_keys_has_step", [&] {
        const auto& c = object_context(gk, "gk");
        const auto& g = *gk;
        deref(out, "out");
        step_arg(c, step);
        const std::uint32_t e = step == 0 ? c.conjugation_element() : c.galois_element_for_step(step);
        *out = g.gk.has_key(e) ? 1 : 0;
    });
}

void he4j_secret_key_free(he4j_secret_key* sk) { free_handle(sk); }
void he4j_public_key_free(he4j_public_key* pk) { free_handle(pk); }
void he4j_relin_key_free(he4j_relin_key* rk) { free_handle(rk); }
void he4j_galois_keys_free(he4j_galois_keys* gk) { free_handle(gk); }

}  // extern "C"
