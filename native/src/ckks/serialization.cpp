#include "ckks/serialization.hpp"

#include <sodium.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>

#include "ckks/context_codec.hpp"
#include "ckks/encryptor.hpp"
#include "ckks/wire.hpp"
#include "common/error.hpp"

namespace he4j::ckks {

using ring::u64;

namespace {

using namespace wire;

std::size_t rows_bytes(const Context& ctx, std::size_t rows, std::size_t first_prime = 0) {
    std::size_t s = 0;
    for (std::size_t i = 0; i < rows; ++i) s += packed_bytes(ctx.n(), ctx.modulus(first_prime + i).bits());
    return s;
}
// Rows of a key over every prime.
std::size_t all_rows_bytes(const Context& ctx) { return rows_bytes(ctx, ctx.total_count()); }

void put_rows(Writer& w, const Context& ctx, const u64* data, std::size_t rows, std::size_t first_prime = 0) {
    for (std::size_t i = 0; i < rows; ++i)
        w.packed(data + i * ctx.n(), ctx.n(), ctx.modulus(first_prime + i).bits());
}

void get_rows(Reader& r, const Context& ctx, u64* data, std::size_t rows, const char* what, std::size_t first_prime = 0) {
    for (std::size_t i = 0; i < rows; ++i) {
        const auto& q = ctx.modulus(first_prime + i);
        r.packed(data + i * ctx.n(), ctx.n(), q.bits(), q.value(), what);
    }
}

double check_scale(double s, const char* what) {
    if (!(std::isfinite(s) && s > 0)) malformed(std::string(what) + ": scale must be finite and > 0");
    return s;
}

std::uint32_t check_level(const Context& ctx, std::uint32_t level, const char* what) {
    if (level > ctx.max_level())
        malformed(std::string(what) + ": level " + std::to_string(level) + " exceeds max level " +
                  std::to_string(ctx.max_level()));
    return level;
}

// ---- payload sizes
std::size_t context_payload(const Context& ctx) { return context_payload_size(ctx.spec()); }
std::size_t plaintext_payload(const Context& ctx, const Plaintext& pt) { return 4 + 8 + rows_bytes(ctx, pt.rows()); }
std::size_t ciphertext_payload(const Context& ctx, const Ciphertext& ct) {
    const std::size_t polys = ct.seeded ? 1 : ct.size;
    return 4 + 1 + 1 + 2 + 8 + polys * rows_bytes(ctx, ct.rows()) + (ct.seeded ? 32 : 0);
}
std::size_t secret_payload(const Context& ctx) { return ctx.n() / 4; }
std::size_t public_payload(const Context& ctx) { return 32 + rows_bytes(ctx, ctx.data_count()); }
std::size_t ksk_payload(const Context& ctx) { return 32 + ctx.dnum() * all_rows_bytes(ctx); }
std::size_t relin_payload(const Context& ctx) { return 4 + ksk_payload(ctx); }
std::size_t galois_payload(const Context& ctx, const GaloisKeys& gk) {
    return 4 + gk.keys.size() * (8 + ksk_payload(ctx));
}

void put_ksk(Writer& w, const Context& ctx, const KeySwitchKey& k) {
    w.bytes(k.seed.data(), 32);
    for (std::size_t j = 0; j < ctx.dnum(); ++j) put_rows(w, ctx, k.b.data() + j * ctx.total_count() * ctx.n(), ctx.total_count());
}

KeySwitchKey get_ksk(Reader& r, const Context& ctx, const char* what) {
    KeySwitchKey k;
    r.bytes(k.seed.data(), 32, "seed");
    r.need(ctx.dnum() * all_rows_bytes(ctx), what);
    k.b.resize(ctx.dnum() * ctx.total_count() * ctx.n());
    for (std::size_t j = 0; j < ctx.dnum(); ++j)
        get_rows(r, ctx, k.b.data() + j * ctx.total_count() * ctx.n(), ctx.total_count(), what);
    expand_key_switch_key(ctx, k);
    return k;
}

void require_key_switching(const Context& ctx, const char* what) {
    if (ctx.special_count() == 0)
        malformed(std::string(what) + ": these parameters have no special primes, so no such keys exist");
}

}  // namespace

// ---------------------------------------------------------------- sizes
std::size_t serialized_size(const Context& ctx) { return kHeaderSize + context_payload(ctx); }
std::size_t serialized_size(const Context& ctx, const Plaintext& pt) { return kHeaderSize + plaintext_payload(ctx, pt); }
std::size_t serialized_size(const Context& ctx, const Ciphertext& ct) { return kHeaderSize + ciphertext_payload(ctx, ct); }
std::size_t serialized_size(const Context& ctx, const SecretKey&) { return kHeaderSize + secret_payload(ctx); }
std::size_t serialized_size(const Context& ctx, const PublicKey&) { return kHeaderSize + public_payload(ctx); }
std::size_t serialized_size(const Context& ctx, const RelinKey&) { return kHeaderSize + relin_payload(ctx); }
std::size_t serialized_size(const Context& ctx, const GaloisKeys& gk) { return kHeaderSize + galois_payload(ctx, gk); }

// ---------------------------------------------------------------- context
std::size_t save_to(const Context& ctx, std::uint8_t* out, std::size_t cap) {
    Writer w(out, cap);
    header(w, Kind::kContext, ctx.param_id(), context_payload(ctx));
    std::vector<u64> primes;
    for (const auto& q : ctx.moduli()) primes.push_back(q.value());
    std::vector<std::uint8_t> payload(context_payload(ctx));
    write_context_payload(ctx.spec(), primes.data(), payload.data());
    w.bytes(payload.data(), payload.size());
    return w.size();
}

std::shared_ptr<const Context> load_context(const std::uint8_t* buf, std::size_t len, std::uint32_t flags) {
    const u64 id = format::read_header(buf, len, Kind::kContext, format::Backend::kHe4j, nullptr);
    const StoredContext stored = read_context_payload(buf + kHeaderSize, len - kHeaderSize, flags);
    std::shared_ptr<const Context> ctx;
    try {
        ctx = Context::create(stored.spec);
    } catch (const Error& e) {
        rethrow_rederive_failure(e, flags);
    }
    check_rederived(stored, id, [&](std::size_t i) { return ctx->modulus(i).value(); }, ctx->param_id());
    return ctx;
}

// ---------------------------------------------------------------- plaintext
std::size_t save_to(const Context& ctx, const Plaintext& pt, std::uint8_t* out, std::size_t cap) {
    require(!pt.empty(), ErrorKind::kInvalidArgument, "plaintext is empty");
    Writer w(out, cap);
    header(w, Kind::kPlaintext, ctx.param_id(), plaintext_payload(ctx, pt));
    w.u32(pt.level);
    w.f64(pt.scale);
    put_rows(w, ctx, pt.data.data(), pt.rows());
    return w.size();
}

Plaintext load_plaintext(const Context& ctx, const std::uint8_t* buf, std::size_t len) {
    Reader r = open(ctx, buf, len, Kind::kPlaintext);
    Plaintext pt;
    pt.level = check_level(ctx, r.u32("level"), "plaintext");
    pt.scale = check_scale(r.f64("scale"), "plaintext");
    r.need(rows_bytes(ctx, pt.rows()), "plaintext residues");
    pt.data.resize(pt.rows() * ctx.n());
    get_rows(r, ctx, pt.data.data(), pt.rows(), "plaintext");
    r.finish("plaintext");
    return pt;
}

// ---------------------------------------------------------------- ciphertext
std::size_t save_to(const Context& ctx, const Ciphertext& ct, std::uint8_t* out, std::size_t cap) {
    require(!ct.empty(), ErrorKind::kInvalidArgument, "ciphertext is empty");
    Writer w(out, cap);
    header(w, Kind::kCiphertext, ctx.param_id(), ciphertext_payload(ctx, ct));
    w.u32(ct.level);
    w.u8(static_cast<std::uint8_t>(ct.size));
    w.u8(ct.seeded ? 1 : 0);
    w.u16(0);
    w.f64(ct.scale);
    const std::size_t n = ctx.n();
    put_rows(w, ctx, ct.poly(0, n), ct.rows());
    if (ct.seeded) {
        w.bytes(ct.seed.data(), 32);
    } else {
        for (std::uint32_t k = 1; k < ct.size; ++k) put_rows(w, ctx, ct.poly(k, n), ct.rows());
    }
    return w.size();
}

Ciphertext load_ciphertext(const Context& ctx, const std::uint8_t* buf, std::size_t len) {
    Reader r = open(ctx, buf, len, Kind::kCiphertext);
    const std::size_t n = ctx.n();
    Ciphertext ct;
    const std::uint32_t level = check_level(ctx, r.u32("level"), "ciphertext");
    const std::uint8_t size = r.u8("size");
    if (size != 2 && size != 3) malformed("ciphertext size " + std::to_string(size) + " is not 2 or 3");
    const std::uint8_t flags = r.u8("flags");
    if (flags > 1) malformed("ciphertext flags " + std::to_string(flags) + " has unknown bits");
    const bool seeded = flags == 1;
    if (seeded && size != 2) malformed("a seeded ciphertext must have size 2");
    if (r.u16("reserved") != 0) malformed("ciphertext reserved field must be 0");
    const double scale = check_scale(r.f64("scale"), "ciphertext");
    r.need((seeded ? 1 : size) * rows_bytes(ctx, level + 1), "ciphertext residues");
    ct.reset(level, size, n);
    ct.scale = scale;
    get_rows(r, ctx, ct.poly(0, n), ct.rows(), "ciphertext");
    if (seeded) {
        r.bytes(ct.seed.data(), 32, "seed");
        expand_seeded_c1(ctx, ct);
        ct.seeded = true;
    } else {
        for (std::uint32_t k = 1; k < size; ++k) get_rows(r, ctx, ct.poly(k, n), ct.rows(), "ciphertext");
    }
    r.finish("ciphertext");
    return ct;
}

// ---------------------------------------------------------------- secret key: 2 bits per ternary coefficient
std::size_t save_to(const Context& ctx, const SecretKey& sk, std::uint8_t* out, std::size_t cap) {
    Writer w(out, cap);
    header(w, Kind::kSecretKey, ctx.param_id(), secret_payload(ctx));
    std::vector<std::uint8_t> packed(ctx.n() / 4, 0);
    for (std::size_t k = 0; k < ctx.n(); ++k) {
        const std::uint8_t code = sk.coeffs[k] == 0 ? 0 : sk.coeffs[k] == 1 ? 1 : 2;
        packed[k / 4] |= static_cast<std::uint8_t>(code << (2 * (k % 4)));
    }
    w.bytes(packed.data(), packed.size());
    sodium_memzero(packed.data(), packed.size());
    return w.size();
}

std::unique_ptr<SecretKey> load_secret_key(const Context& ctx, const std::uint8_t* buf, std::size_t len) {
    Reader r = open(ctx, buf, len, Kind::kSecretKey);
    auto sk = std::make_unique<SecretKey>();
    std::vector<std::uint8_t> packed(ctx.n() / 4);
    r.bytes(packed.data(), packed.size(), "secret key coefficients");
    r.finish("secret key");
    sk->coeffs.resize(ctx.n());
    for (std::size_t k = 0; k < ctx.n(); ++k) {
        const int code = (packed[k / 4] >> (2 * (k % 4))) & 3;
        if (code == 3) {
            sodium_memzero(packed.data(), packed.size());
            malformed("secret key coefficient " + std::to_string(k) + " has invalid code 3");
        }
        sk->coeffs[k] = static_cast<std::int8_t>(code == 2 ? -1 : code);
    }
    sodium_memzero(packed.data(), packed.size());
    complete_secret_key(ctx, *sk);
    return sk;
}

// ---------------------------------------------------------------- public key
std::size_t save_to(const Context& ctx, const PublicKey& pk, std::uint8_t* out, std::size_t cap) {
    Writer w(out, cap);
    header(w, Kind::kPublicKey, ctx.param_id(), public_payload(ctx));
    w.bytes(pk.seed.data(), 32);
    put_rows(w, ctx, pk.b.data(), ctx.data_count());
    return w.size();
}

PublicKey load_public_key(const Context& ctx, const std::uint8_t* buf, std::size_t len) {
    Reader r = open(ctx, buf, len, Kind::kPublicKey);
    PublicKey pk;
    r.bytes(pk.seed.data(), 32, "seed");
    r.need(rows_bytes(ctx, ctx.data_count()), "public key residues");
    pk.b.resize(ctx.data_count() * ctx.n());
    get_rows(r, ctx, pk.b.data(), ctx.data_count(), "public key");
    r.finish("public key");
    expand_public_key(ctx, pk);
    return pk;
}

// ---------------------------------------------------------------- relinearization key
std::size_t save_to(const Context& ctx, const RelinKey& rk, std::uint8_t* out, std::size_t cap) {
    Writer w(out, cap);
    header(w, Kind::kRelinKey, ctx.param_id(), relin_payload(ctx));
    w.u32(static_cast<std::uint32_t>(ctx.dnum()));
    put_ksk(w, ctx, rk.key);
    return w.size();
}

RelinKey load_relin_key(const Context& ctx, const std::uint8_t* buf, std::size_t len) {
    Reader r = open(ctx, buf, len, Kind::kRelinKey);
    require_key_switching(ctx, "relinearization key");
    const std::uint32_t dnum = r.u32("dnum");
    if (dnum != ctx.dnum())
        malformed("relinearization key has " + std::to_string(dnum) + " digits, parameters need " +
                  std::to_string(ctx.dnum()));
    RelinKey rk{get_ksk(r, ctx, "relinearization key")};
    r.finish("relinearization key");
    return rk;
}

// ---------------------------------------------------------------- Galois keys
std::size_t save_to(const Context& ctx, const GaloisKeys& gk, std::uint8_t* out, std::size_t cap) {
    Writer w(out, cap);
    header(w, Kind::kGaloisKeys, ctx.param_id(), galois_payload(ctx, gk));
    w.u32(static_cast<std::uint32_t>(gk.keys.size()));
    for (const auto& [g, k] : gk.keys) {
        w.u64v(g);
        KeySwitchKey canonical;
        canonical.seed = k.seed;
        canonical.b = k.b;
        permute_key_rows(ctx, canonical, g);  // undo the stored X -> X^(g^-1)
        put_ksk(w, ctx, canonical);
    }
    return w.size();
}

GaloisKeys load_galois_keys(const Context& ctx, const std::uint8_t* buf, std::size_t len) {
    Reader r = open(ctx, buf, len, Kind::kGaloisKeys);
    require_key_switching(ctx, "Galois keys");
    const std::uint32_t count = r.u32("key count");
    const std::size_t per_key = 8 + ksk_payload(ctx);
    if (count > r.remaining() / per_key || static_cast<std::size_t>(count) * per_key != r.remaining())
        malformed("Galois key count " + std::to_string(count) + " does not match the " +
                  std::to_string(r.remaining()) + " payload bytes that follow");
    GaloisKeys gk;
    u64 previous = 0;
    for (std::uint32_t i = 0; i < count; ++i) {
        const u64 g = r.u64v("Galois element");
        if (!ctx.is_valid_galois_element(g) || g == 1)
            malformed("invalid Galois element " + std::to_string(g));
        if (i > 0 && g <= previous) malformed("Galois elements must be strictly increasing (duplicate or unordered)");
        previous = g;
        KeySwitchKey k = get_ksk(r, ctx, "Galois key");
        permute_key_rows(ctx, k, galois_inverse(ctx, g));
        gk.keys.emplace(g, std::move(k));
    }
    r.finish("Galois keys");
    return gk;
}

// ---------------------------------------------------------------- owning copies
namespace {
template <class... T>
std::vector<std::uint8_t> save_vector(const Context& ctx, const T&... obj) {
    std::vector<std::uint8_t> v(serialized_size(ctx, obj...));
    save_to(ctx, obj..., v.data(), v.size());
    return v;
}
}  // namespace

std::vector<std::uint8_t> save(const Context& ctx) { return save_vector(ctx); }
std::vector<std::uint8_t> save(const Context& ctx, const Plaintext& pt) { return save_vector(ctx, pt); }
std::vector<std::uint8_t> save(const Context& ctx, const Ciphertext& ct) { return save_vector(ctx, ct); }
std::vector<std::uint8_t> save(const Context& ctx, const SecretKey& sk) { return save_vector(ctx, sk); }
std::vector<std::uint8_t> save(const Context& ctx, const PublicKey& pk) { return save_vector(ctx, pk); }
std::vector<std::uint8_t> save(const Context& ctx, const RelinKey& rk) { return save_vector(ctx, rk); }
std::vector<std::uint8_t> save(const Context& ctx, const GaloisKeys& gk) { return save_vector(ctx, gk); }

}  // namespace he4j::ckks
