// Serialization of the SEAL backend. Every object starts with the he4j header (magic "HE4J", format
// version u16, kind u8, backend u8 = 2, param_id u64, payload length u64; little-endian). The context
// payload is the own engine's parameter layout; every other payload is SEAL's own uncompressed save()
// stream, loaded with SEAL's validating load (never unsafe_load) and then checked for level and shape.
#include <cmath>
#include <cstring>

#include <seal/util/ntt.h>

#include "seal_handles.hpp"

using namespace he4j;
using namespace he4j::sealb;

namespace {

constexpr std::uint16_t kFormatVersion = 1;
constexpr std::uint8_t kBackendHe4j = 1, kBackendSeal = 2;
constexpr std::size_t kHeaderSize = 24;
// Uncompressed streams: sizes are exact, loading needs no decompressor (portable across SEAL builds with or
// without zlib/zstd) and there is nothing to inflate from untrusted input.
constexpr auto kCompr = seal::compr_mode_type::none;

[[noreturn]] void malformed(const std::string& m) { fail(ErrorKind::kMalformedInput, m); }

const char* kind_name(std::uint8_t k) {
    switch (k) {
        case HE4J_KIND_CONTEXT: return "context";
        case HE4J_KIND_PLAINTEXT: return "plaintext";
        case HE4J_KIND_CIPHERTEXT: return "ciphertext";
        case HE4J_KIND_SECRET_KEY: return "secret key";
        case HE4J_KIND_PUBLIC_KEY: return "public key";
        case HE4J_KIND_RELIN_KEY: return "relinearization key";
        case HE4J_KIND_GALOIS_KEYS: return "Galois keys";
    }
    return "unknown";
}

void put_le(std::uint8_t* p, std::uint64_t v, int n) {
    for (int i = 0; i < n; ++i) p[i] = static_cast<std::uint8_t>(v >> (8 * i));
}
std::uint64_t get_le(const std::uint8_t* p, int n) {
    std::uint64_t v = 0;
    for (int i = 0; i < n; ++i) v |= static_cast<std::uint64_t>(p[i]) << (8 * i);
    return v;
}

void write_header(std::uint8_t* p, std::uint8_t kind, std::uint64_t param_id, std::uint64_t payload) {
    std::memcpy(p, "HE4J", 4);
    put_le(p + 4, kFormatVersion, 2);
    p[6] = kind;
    p[7] = kBackendSeal;
    put_le(p + 8, param_id, 8);
    put_le(p + 16, payload, 8);
}

// Validates the header; returns the param_id found (checked against `expected_id` unless null).
std::uint64_t read_header(const std::uint8_t* buf, std::size_t len, std::uint8_t kind, const std::uint64_t* expected_id) {
    if (buf == nullptr) fail(ErrorKind::kInvalidArgument, "buf must not be null");
    if (len < kHeaderSize)
        malformed("input of " + std::to_string(len) + " bytes is shorter than the " + std::to_string(kHeaderSize) +
                  "-byte header");
    if (std::memcmp(buf, "HE4J", 4) != 0) malformed("bad magic: not an he4j object");
    const auto version = static_cast<std::uint16_t>(get_le(buf + 4, 2));
    if (version != kFormatVersion)
        malformed("unsupported format version " + std::to_string(version) + " (this library reads " +
                  std::to_string(kFormatVersion) + ")");
    if (buf[6] != kind)
        malformed("wrong object kind " + std::to_string(buf[6]) + ": expected " + kind_name(kind) + " (" +
                  std::to_string(kind) + ")");
    if (buf[7] != kBackendSeal)
        malformed("object was produced by backend " + std::to_string(buf[7]) +
                  (buf[7] == kBackendHe4j ? " (the he4j engine)" : "") +
                  ", not the SEAL backend (2); load it with the backend that wrote it");
    const std::uint64_t id = get_le(buf + 8, 8);
    if (expected_id && id != *expected_id) malformed("parameter id mismatch: object was made for different parameters");
    const std::uint64_t payload = get_le(buf + 16, 8);
    if (payload != len - kHeaderSize)
        malformed("payload length field says " + std::to_string(payload) + " bytes but " +
                  std::to_string(len - kHeaderSize) + " follow the header");
    return id;
}

// buf == NULL -> *written = size bound; cap too small -> BUFFER_TOO_SMALL (written = bound). `save` writes
// the payload into (p, cap) and returns its length.
template <class SaveFn>
void save_protocol(std::uint8_t kind, std::uint64_t param_id, std::size_t payload_bound, std::uint8_t* buf,
                   std::size_t cap, size_t* written, SaveFn save) {
    deref(written, "written");
    const std::size_t need = kHeaderSize + payload_bound;
    if (buf == nullptr) {
        *written = need;
        return;
    }
    if (cap < need) {
        *written = need;
        fail(ErrorKind::kBufferTooSmall,
             "buffer of " + std::to_string(cap) + " bytes is too small; " + std::to_string(need) + " needed");
    }
    const std::size_t payload = save(buf + kHeaderSize, cap - kHeaderSize);
    write_header(buf, kind, param_id, payload);
    *written = kHeaderSize + payload;
}

template <class T>
void save_seal(const T& obj, const std::vector<seal::seal_byte>& compact, std::uint8_t kind, const Context& c,
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
void load_seal(const Context& c, const std::uint8_t* buf, std::size_t len, std::uint8_t kind, T& out) {
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

template <class T>
void load_args(const uint8_t* buf, T** out) {
    deref(out, "out");
    *out = nullptr;
    deref(buf, "buf");
}

template <class H>
const Context& obj_context(const H* obj) {
    const auto& h = deref(obj, "obj");
    if (!h.ctx) fail(ErrorKind::kInvalidArgument, "obj has no context");
    return *h.ctx;
}

// ---- context payload: the own engine's layout (log_n, flags, scale, prime sizes, primes)
std::size_t context_payload(const Context& c) { return 4 + 4 + 8 + 4 + c.data_count() + 4 + c.special_count() + 8 * c.total_count(); }

}  // namespace

extern "C" {

he4j_status he4j_context_save(const he4j_context* ctx, uint8_t* buf, size_t cap, size_t* written) {
    return capi::guard("he4j_context_save", [&] {
        const auto& c = context_of(ctx);
        save_protocol(HE4J_KIND_CONTEXT, c.param_id(), context_payload(c), buf, cap, written,
                      [&](std::uint8_t* p, std::size_t) {
                          const auto& s = c.spec();
                          std::uint8_t* q = p;
                          auto put = [&](std::uint64_t v, int n) { put_le(q, v, n), q += n; };
                          std::uint64_t scale_bits;
                          std::memcpy(&scale_bits, &s.scale, 8);
                          put(s.log_n, 4);
                          put(s.flags, 4);
                          put(scale_bits, 8);
                          put(s.data_bits.size(), 4);
                          for (auto b : s.data_bits) put(b, 1);
                          put(s.special_bits.size(), 4);
                          for (auto b : s.special_bits) put(b, 1);
                          for (std::size_t i = 0; i < c.total_count(); ++i) put(c.modulus(i), 8);
                          return static_cast<std::size_t>(q - p);
                      });
    });
}

he4j_status he4j_context_load(const uint8_t* buf, size_t len, uint32_t flags, he4j_context** out) {
    return capi::guard("he4j_context_load", [&] {
        load_args(buf, out);
        const std::uint64_t id = read_header(buf, len, HE4J_KIND_CONTEXT, nullptr);
        const std::uint8_t* p = buf + kHeaderSize;
        std::size_t left = len - kHeaderSize;
        auto get = [&](int n, const char* what) {
            if (left < static_cast<std::size_t>(n))
                malformed(std::string("truncated input: ") + what + " needs " + std::to_string(n) + " bytes, " +
                          std::to_string(left) + " left");
            const std::uint64_t v = get_le(p, n);
            p += n;
            left -= static_cast<std::size_t>(n);
            return v;
        };
        ckks::ParamSpec spec;
        spec.log_n = static_cast<std::uint32_t>(get(4, "log_n"));
        (void)get(4, "flags");  // informational: the caller's flags decide what security is acceptable
        spec.flags = flags;
        const std::uint64_t scale_bits = get(8, "scale");
        std::memcpy(&spec.scale, &scale_bits, 8);
        const auto dc = get(4, "data prime count");
        if (dc == 0 || dc > 64) malformed("data prime count " + std::to_string(dc) + " outside [1, 64]");
        for (std::uint64_t i = 0; i < dc; ++i) spec.data_bits.push_back(static_cast<std::uint32_t>(get(1, "data prime bits")));
        const auto sc = get(4, "special prime count");
        if (sc > 16) malformed("special prime count " + std::to_string(sc) + " exceeds 16");
        for (std::uint64_t i = 0; i < sc; ++i)
            spec.special_bits.push_back(static_cast<std::uint32_t>(get(1, "special prime bits")));
        std::vector<std::uint64_t> primes(dc + sc);
        for (auto& q : primes) q = get(8, "prime");
        if (left != 0) malformed("context: " + std::to_string(left) + " unexpected trailing bytes");
        ContextPtr ctx;
        try {
            ctx = Context::create(spec);
        } catch (const Error& e) {
            const bool refusal = e.kind() == ErrorKind::kInvalidParameters && (flags & HE4J_ALLOW_INSECURE) == 0 &&
                                 std::string(e.what()).find("security") != std::string::npos;
            if (refusal || e.kind() == ErrorKind::kUnsupported) throw;
            malformed(std::string("stored parameters are invalid: ") + e.what());
        }
        for (std::size_t i = 0; i < primes.size(); ++i)
            if (primes[i] != ctx->modulus(i)) malformed("stored prime " + std::to_string(i) + " does not match the re-derived prime");
        if (id != ctx->param_id()) malformed("parameter id does not match the re-derived parameters");
        *out = make_handle(new he4j_context{std::move(ctx)});
    });
}

he4j_status he4j_ciphertext_save(const he4j_ciphertext* obj, uint8_t* buf, size_t cap, size_t* written) {
    return capi::guard("he4j_ciphertext_save", [&] {
        const auto& c = obj_context(obj);
        require(!empty(*obj), ErrorKind::kInvalidArgument, "he4j_ciphertext_save: ciphertext is empty");
        save_seal(obj->compact.empty() ? expanded(*obj) : obj->ct, obj->compact, HE4J_KIND_CIPHERTEXT, c, buf, cap, written);
    });
}

he4j_status he4j_ciphertext_load(const he4j_context* ctx, const uint8_t* buf, size_t len, he4j_ciphertext** out) {
    return capi::guard("he4j_ciphertext_load", [&] {
        load_args(buf, out);
        const auto& c = context_of(ctx);
        auto h = std::make_unique<he4j_ciphertext>();
        h->ctx = ctx->ctx;
        load_seal(c, buf, len, HE4J_KIND_CIPHERTEXT, h->ct);
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
        const auto& c = obj_context(obj);
        nonempty(*obj, "he4j_plaintext_save");
        save_seal(obj->pt, {}, HE4J_KIND_PLAINTEXT, c, buf, cap, written);
    });
}

he4j_status he4j_plaintext_load(const he4j_context* ctx, const uint8_t* buf, size_t len, he4j_plaintext** out) {
    return capi::guard("he4j_plaintext_load", [&] {
        load_args(buf, out);
        const auto& c = context_of(ctx);
        auto h = std::make_unique<he4j_plaintext>();
        h->ctx = ctx->ctx;
        load_seal(c, buf, len, HE4J_KIND_PLAINTEXT, h->pt);
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
        const auto& c = obj_context(obj);
        const std::size_t n = c.n();
        save_protocol(HE4J_KIND_SECRET_KEY, c.param_id(), n / 4, buf, cap, written, [&](std::uint8_t* p, std::size_t) {
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
        read_header(buf, len, HE4J_KIND_SECRET_KEY, &id);
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
        const auto& c = obj_context(obj);
        save_seal(obj->pk, obj->compact, HE4J_KIND_PUBLIC_KEY, c, buf, cap, written);
    });
}

he4j_status he4j_public_key_load(const he4j_context* ctx, const uint8_t* buf, size_t len, he4j_public_key** out) {
    return capi::guard("he4j_public_key_load", [&] {
        load_args(buf, out);
        const auto& c = context_of(ctx);
        require_public_key(c, "he4j_public_key_load");
        auto h = std::make_unique<he4j_public_key>();
        h->ctx = ctx->ctx;
        load_seal(c, buf, len, HE4J_KIND_PUBLIC_KEY, h->pk);
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
        const auto& c = obj_context(obj);
        save_seal(obj->rk, obj->compact, HE4J_KIND_RELIN_KEY, c, buf, cap, written);
    });
}

he4j_status he4j_relin_key_load(const he4j_context* ctx, const uint8_t* buf, size_t len, he4j_relin_key** out) {
    return capi::guard("he4j_relin_key_load", [&] {
        load_args(buf, out);
        const auto& c = context_of(ctx);
        require_key_switching(c, "relinearization key");
        auto h = std::make_unique<he4j_relin_key>();
        h->ctx = ctx->ctx;
        load_seal(c, buf, len, HE4J_KIND_RELIN_KEY, h->rk);
        require_key_level(c, h->rk.parms_id(), "relinearization key");
        if (h->rk.size() != 1 || !h->rk.has_key(2)) malformed("relinearization key must hold exactly the key for s^2");
        h->compact.assign(reinterpret_cast<const seal::seal_byte*>(buf + kHeaderSize),
                          reinterpret_cast<const seal::seal_byte*>(buf + len));
        *out = make_handle(h.release());
    });
}

he4j_status he4j_galois_keys_save(const he4j_galois_keys* obj, uint8_t* buf, size_t cap, size_t* written) {
    return capi::guard("he4j_galois_keys_save", [&] {
        const auto& c = obj_context(obj);
        save_seal(obj->gk, obj->compact, HE4J_KIND_GALOIS_KEYS, c, buf, cap, written);
    });
}

he4j_status he4j_galois_keys_load(const he4j_context* ctx, const uint8_t* buf, size_t len, he4j_galois_keys** out) {
    return capi::guard("he4j_galois_keys_load", [&] {
        load_args(buf, out);
        const auto& c = context_of(ctx);
        require_key_switching(c, "Galois keys");
        auto h = std::make_unique<he4j_galois_keys>();
        h->ctx = ctx->ctx;
        load_seal(c, buf, len, HE4J_KIND_GALOIS_KEYS, h->gk);
        require_key_level(c, h->gk.parms_id(), "Galois keys");
        h->compact.assign(reinterpret_cast<const seal::seal_byte*>(buf + kHeaderSize),
                          reinterpret_cast<const seal::seal_byte*>(buf + len));
        *out = make_handle(h.release());
    });
}

}  // extern "C"
