// Serialization of the SEAL backend. Every object starts with the he4j object header
// (common/object_header.hpp, backend 2). The context
// payload is the own engine's parameter layout; every other payload is SEAL's own uncompressed save()
// stream, loaded with SEAL's validating load (never unsafe_load) and then checked for level and shape.
#include <cmath>
#include <cstring>

#include <seal/util/ntt.h>

#include "ckks/context_codec.hpp"
#include "common/object_header.hpp"
#include "seal_handles.hpp"

using namespace he4j;
using namespace he4j::sealb;

namespace {

using format::Kind;
using format::kHeaderSize;

// Uncompressed streams: sizes are exact, loading needs no decompressor (portable across SEAL builds with or
// without zlib/zstd) and there is nothing to inflate from untrusted input.
constexpr auto kCompr = seal::compr_mode_type::none;

[[noreturn]] void malformed(const std::string& m) { fail(ErrorKind::kMalformedInput, m); }

using format::kind_name;

// Validates the header of an object of this backend; returns the param_id found (checked against
// `expected_id` unless null).
std::uint64_t read_header(const std::uint8_t* buf, std::size_t len, Kind kind, const std::uint64_t* expected_id) {
    return format::read_header(buf, len, kind, format::Backend::kSeal, expected_id);
}

// buf == NULL -> *written = size bound; cap too small -> BUFFER_TOO_SMALL (written = bound). `save` writes
// the payload into (p, cap) and returns its length.
template <class SaveFn>
void save_protocol(Kind kind, std::uint64_t param_id, std::size_t payload_bound, std::uint8_t* buf,
                   std::size_t cap, size_t* written, SaveFn save) {
    if (!save_room(buf, cap, written, kHeaderSize + payload_bound)) return;
    const std::size_t payload = save(buf + kHeaderSize, cap - kHeaderSize);
    format::write_header(buf, kind, format::Backend::kSeal, param_id, payload);
    *written = kHeaderSize + payload;
}

template <class T>
void save_seal(const T& obj, const std::vector<seal::seal_byte>& compact, Kind kind, const Context& c,
               std::uint8_t* buf, std::size_t cap, size_t* written) {
    const std::size_t bound =
        compact.empty() ? static_cast<std::size_t>(obj.save_size(kCompr)) : compact.size();
    save_protocol(kind, c.param_id(), bound, buf, cap, written, [&](std::uint8_t* p, std::size_t room) {
        if (!compact.empty()) {
            std::memcpy(p, compact.data(), compact.size());
            return compact.size();
        }
        return static_cast<std::size_t>(obj.save(reinterpret_cast<seal::seal_byte*>(p), room, kCompr));
    });
}

// Validates the he4j and SEAL headers and loads the SEAL object with SEAL's checking load.
template <class T>
void load_seal(const Context& c, const std::uint8_t* buf, std::size_t len, Kind kind, T& out) {
    const std::uint64_t id = c.param_id();
    read_header(buf, len, kind, &id);
    const auto* p = reinterpret_cast<const seal::seal_byte*>(buf + kHeaderSize);
    const std::size_t size = len - kHeaderSize;
    seal::Serialization::SEALHeader h;
    if (size < seal::Serialization::seal_header_size) malformed(std::string(kind_name(kind)) + ": SEAL stream truncated");
    seal::Serialization::LoadHeader(p, size, h);
    if (!seal::Serialization::IsValidHeader(h)) malformed(std::string(kind_name(kind)) + ": invalid SEAL header");
    if (h.compr_mode != kCompr)
        malformed(std::string(kind_name(kind)) + ": compressed SEAL streams are not accepted (this backend writes "
                                                 "and reads uncompressed ones)");
    if (h.size != size)
        malformed(std::string(kind_name(kind)) + ": SEAL stream of " + std::to_string(h.size) + " bytes in a " +
                  std::to_string(size) + "-byte payload");
    std::streamoff read = 0;
    try {
        read = out.load(c.seal(), p, size);
    } catch (const std::bad_alloc&) {
        throw;
    } catch (const std::exception& e) {
        malformed(std::string(kind_name(kind)) + " rejected by SEAL: " + e.what());
    }
    if (static_cast<std::size_t>(read) != size)
        malformed(std::string(kind_name(kind)) + ": " + std::to_string(size - static_cast<std::size_t>(read)) +
                  " unexpected trailing bytes");
}

void check_scale(double s, const char* what) {
    if (!(std::isfinite(s) && s > 0)) malformed(std::string(what) + ": scale must be finite and > 0");
}

std::uint32_t data_level(const Context& c, const seal::parms_id_type& id, const char* what) {
    auto cd = c.seal().get_context_data(id);
    if (!cd || (id == c.seal().key_parms_id() && id != c.seal().first_parms_id()))
        malformed(std::string(what) + " is not at a data level of these parameters");
    return static_cast<std::uint32_t>(cd->chain_index());
}

void require_key_level(const Context& c, const seal::parms_id_type& id, const char* what) {
    if (id != c.seal().key_parms_id()) malformed(std::string(what) + " is not at the key level of these parameters");
}

void require_key_switching(const Context& c, const char* what) {
    if (!c.key_switching())
        malformed(std::string(what) + ": these parameters have no special primes, so no such keys exist");
}

}  // namespace

extern "C" {

he4j_status he4j_context_save(const he4j_context* ctx, uint8_t* buf, size_t cap, size_t* written) {
    return capi::guard("he4j_context_save", [&] {
        const auto& c = context_of(ctx);
        save_protocol(Kind::kContext, c.param_id(), ckks::context_payload_size(c.spec()), buf, cap, written,
                      [&](std::uint8_t* p, std::size_t) {
                          std::vector<std::uint64_t> primes;
                          for (std::size_t i = 0; i < c.total_count(); ++i) primes.push_back(c.modulus(i));
                          ckks::write_context_payload(c.spec(), primes.data(), p);
                          return ckks::context_payload_size(c.spec());
                      });
    });
}

he4j_status he4j_context_load(const uint8_t* buf, size_t len, uint32_t flags, he4j_context** out) {
    return capi::guard("he4j_context_load", [&] {
        load_args(buf, out);
        const std::uint64_t id = read_header(buf, len, Kind::kContext, nullptr);
        const ckks::StoredContext stored = ckks::read_context_payload(buf + kHeaderSize, len - kHeaderSize, flags);
        ContextPtr ctx;
        try {
            ctx = Context::create(stored.spec);
        } catch (const Error& e) {
            ckks::rethrow_rederive_failure(e, flags);
        }
        ckks::check_rederived(stored, id, [&](std::size_t i) { return ctx->modulus(i); }, ctx->param_id());
        *out = make_handle(new he4j_context{std::move(ctx)});
    });
}

he4j_status he4j_ciphertext_save(const he4j_ciphertext* obj, uint8_t* buf, size_t cap, size_t* written) {
    return capi::guard("he4j_ciphertext_save", [&] {
        const auto& c = object_context(obj);
        require(!empty(*obj), ErrorKind::kInvalidArgument, "he4j_ciphertext_save: ciphertext is empty");
        save_seal(obj->compact.empty() ? expanded(*obj) : obj->ct, obj->compact, Kind::kCiphertext, c, buf, cap, written);
    });
}

he4j_status he4j_ciphertext_load(const he4j_context* ctx, const uint8_t* buf, size_t len, he4j_ciphertext** out) {
    return capi::guard("he4j_ciphertext_load", [&] {
        load_args(buf, out);
        const auto& c = context_of(ctx);
        auto h = std::make_unique<he4j_ciphertext>();
        h->ctx = ctx->ctx;
        load_seal(c, buf, len, Kind::kCiphertext, h->ct);
        const auto& ct = h->ct;
        data_level(c, ct.parms_id(), "ciphertext");
        if (!ct.is_ntt_form()) malformed("ciphertext is not in NTT form (not a CKKS ciphertext)");
        if (ct.size() != 2 && ct.size() != 3) malformed("ciphertext size " + std::to_string(ct.size()) + " is not 2 or 3");
        check_scale(ct.scale(), "ciphertext");
        // A stream shorter than the expanded ciphertext's is the seeded form: keep it so saving stays compact.
        const std::size_t payload = len - kHeaderSize;
        if (payload < static_cast<std::size_t>(ct.save_size(kCompr))) h->compact.assign(
            reinterpret_cast<const seal::seal_byte*>(buf + kHeaderSize), reinterpret_cast<const seal::seal_byte*>(buf + len));
        *out = make_handle(h.release());
    });
}

he4j_status he4j_plaintext_save(const he4j_plaintext* obj, uint8_t* buf, size_t cap, size_t* written) {
    return capi::guard("he4j_plaintext_save", [&] {
        const auto& c = object_context(obj);
        nonempty(*obj, "he4j_plaintext_save");
        save_seal(obj->pt, {}, Kind::kPlaintext, c, buf, cap, written);
    });
}

he4j_status he4j_plaintext_load(const he4j_context* ctx, const uint8_t* buf, size_t len, he4j_plaintext** out) {
    return capi::guard("he4j_plaintext_load", [&] {
        load_args(buf, out);
        const auto& c = context_of(ctx);
        auto h = std::make_unique<he4j_plaintext>();
        h->ctx = ctx->ctx;
        load_seal(c, buf, len, Kind::kPlaintext, h->pt);
        if (!h->pt.is_ntt_form() || empty(h->pt)) malformed("plaintext is not an NTT-form CKKS plaintext");
        data_level(c, h->pt.parms_id(), "plaintext");
        if (h->pt.coeff_count() != c.n() * c.seal().get_context_data(h->pt.parms_id())->parms().coeff_modulus().size())
            malformed("plaintext has the wrong number of coefficients for its level");
        check_scale(h->pt.scale(), "plaintext");
        *out = make_handle(h.release());
    });
}

// The secret key is stored like the own engine's: 2 bits per ternary coefficient (0, 1, -1), N/4 bytes,
// instead of SEAL's NTT-form residues over every prime (64 bits each). Loading rebuilds SEAL's form.
he4j_status he4j_secret_key_save(const he4j_secret_key* obj, uint8_t* buf, size_t cap, size_t* written) {
    return capi::guard("he4j_secret_key_save", [&] {
        const auto& c = object_context(obj);
        const std::size_t n = c.n();
        save_protocol(Kind::kSecretKey, c.param_id(), n / 4, buf, cap, written, [&](std::uint8_t* p, std::size_t) {
            auto kd = c.seal().key_context_data();
            const seal::Modulus& q0 = kd->parms().coeff_modulus()[0];
            std::vector<std::uint64_t> row(obj->sk.data().data(), obj->sk.data().data() + n);
            seal::util::inverse_ntt_negacyclic_harvey(row.data(), kd->small_ntt_tables()[0]);
            std::memset(p, 0, n / 4);
            for (std::size_t k = 0; k < n; ++k) {
                const std::uint64_t v = row[k];
                if (v != 0 && v != 1 && v != q0.value() - 1) {
                    seal::util::seal_memzero(row.data(), n * 8);
                    fail(ErrorKind::kInvalidArgument, "secret key is not ternary");
                }
                const std::uint8_t code = v == 0 ? 0 : v == 1 ? 1 : 2;
                p[k / 4] = static_cast<std::uint8_t>(p[k / 4] | (code << (2 * (k % 4))));
            }
            seal::util::seal_memzero(row.data(), n * 8);
            return n / 4;
        });
    });
}

he4j_status he4j_secret_key_load(const he4j_context* ctx, const uint8_t* buf, size_t len, he4j_secret_key** out) {
    return capi::guard("he4j_secret_key_load", [&] {
        load_args(buf, out);
        const auto& c = context_of(ctx);
        const std::uint64_t id = c.param_id();
        read_header(buf, len, Kind::kSecretKey, &id);
        const std::size_t n = c.n();
        if (len - kHeaderSize != n / 4)
            malformed("secret key payload must be " + std::to_string(n / 4) + " bytes, got " +
                      std::to_string(len - kHeaderSize));
        const std::uint8_t* codes = buf + kHeaderSize;
        for (std::size_t k = 0; k < n; ++k)
            if (((codes[k / 4] >> (2 * (k % 4))) & 3) == 3)
                malformed("secret key coefficient " + std::to_string(k) + " has invalid code 3");
        auto h = std::make_unique<he4j_secret_key>();
        h->ctx = ctx->ctx;
        // SEAL's form: residues over every prime of the key level, in NTT form, in a clear-on-destruction pool.
        auto kd = c.seal().key_context_data();
        const auto& primes = kd->parms().coeff_modulus();
        seal::Plaintext& d = h->sk.data();
        d.parms_id() = seal::parms_id_zero;
        d.resize(n * primes.size());
        for (std::size_t i = 0; i < primes.size(); ++i) {
            std::uint64_t* row = d.data() + i * n;
            for (std::size_t k = 0; k < n; ++k) {
                const int code = (codes[k / 4] >> (2 * (k % 4))) & 3;
                row[k] = code == 0 ? 0 : code == 1 ? 1 : primes[i].value() - 1;
            }
            seal::util::ntt_negacyclic_harvey(row, kd->small_ntt_tables()[i]);
        }
        d.parms_id() = c.seal().key_parms_id();
        h->encryptor = std::make_unique<seal::Encryptor>(c.seal(), h->sk);
        h->decryptor = std::make_unique<seal::Decryptor>(c.seal(), h->sk);
        *out = make_handle(h.release());
    });
}

he4j_status he4j_public_key_save(const he4j_public_key* obj, uint8_t* buf, size_t cap, size_t* written) {
    return capi::guard("he4j_public_key_save", [&] {
        const auto& c = object_context(obj);
        save_seal(obj->pk, obj->compact, Kind::kPublicKey, c, buf, cap, written);
    });
}

he4j_status he4j_public_key_load(const he4j_context* ctx, const uint8_t* buf, size_t len, he4j_public_key** out) {
    return capi::guard("he4j_public_key_load", [&] {
        load_args(buf, out);
        const auto& c = context_of(ctx);
        require_public_key(c, "he4j_public_key_load");
        auto h = std::make_unique<he4j_public_key>();
        h->ctx = ctx->ctx;
        load_seal(c, buf, len, Kind::kPublicKey, h->pk);
        require_key_level(c, h->pk.parms_id(), "public key");
        if (h->pk.data().size() != 2) malformed("public key must have 2 polynomials");
        h->compact.assign(reinterpret_cast<const seal::seal_byte*>(buf + kHeaderSize),
                          reinterpret_cast<const seal::seal_byte*>(buf + len));
        h->encryptor = std::make_unique<seal::Encryptor>(c.seal(), h->pk);
        *out = make_handle(h.release());
    });
}

he4j_status he4j_relin_key_save(const he4j_relin_key* obj, uint8_t* buf, size_t cap, size_t* written) {
    return capi::guard("he4j_relin_key_save", [&] {
        const auto& c = object_context(obj);
        save_seal(obj->rk, obj->compact, Kind::kRelinKey, c, buf, cap, written);
    });
}

he4j_status he4j_relin_key_load(const he4j_context* ctx, const uint8_t* buf, size_t len, he4j_relin_key** out) {
    return capi::guard("he4j_relin_key_load", [&] {
        load_args(buf, out);
        const auto& c = context_of(ctx);
        require_key_switching(c, "relinearization key");
        auto h = std::make_unique<he4j_relin_key>();
        h->ctx = ctx->ctx;
        load_seal(c, buf, len, Kind::kRelinKey, h->rk);
        require_key_level(c, h->rk.parms_id(), "relinearization key");
        if (h->rk.size() != 1 || !h->rk.has_key(2)) malformed("relinearization key must hold exactly the key for s^2");
        h->compact.assign(reinterpret_cast<const seal::seal_byte*>(buf + kHeaderSize),
                          reinterpret_cast<const seal::seal_byte*>(buf + len));
        *out = make_handle(h.release());
    });
}

he4j_status he4j_galois_keys_save(const he4j_galois_keys* obj, uint8_t* buf, size_t cap, size_t* written) {
    return capi::guard("he4j_galois_keys_save", [&] {
        const auto& c = object_context(obj);
        save_seal(obj->gk, obj->compact, Kind::kGaloisKeys, c, buf, cap, written);
    });
}

he4j_status he4j_galois_keys_load(const he4j_context* ctx, const uint8_t* buf, size_t len, he4j_galois_keys** out) {
    return capi::guard("he4j_galois_keys_load", [&] {
        load_args(buf, out);
        const auto& c = context_of(ctx);
        require_key_switching(c, "Galois keys");
        auto h = std::make_unique<he4j_galois_keys>();
        h->ctx = ctx->ctx;
        load_seal(c, buf, len, Kind::kGaloisKeys, h->gk);
        require_key_level(c, h->gk.parms_id(), "Galois keys");
        h->compact.assign(reinterpret_cast<const seal::seal_byte*>(buf + kHeaderSize),
                          reinterpret_cast<const seal::seal_byte*>(buf + len));
        *out = make_handle(h.release());
    });
}

}  // extern "C"
