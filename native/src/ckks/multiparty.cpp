#include "ckks/multiparty.hpp"

#include <sodium.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "ckks/compact_reply.hpp"
#include "ckks/sampling.hpp"
#include "common/error.hpp"
#include "ring/eltwise.hpp"

namespace he4j::ckks {

using ring::u64;

SecretKey generate_secret_share(const Context& ctx) { return generate_secret_key(ctx); }

PublicKey public_key_share(const Context& ctx, const SecretKey& share, const Seed& crp_seed) {
    return public_key_from_seed(ctx, share, crp_seed);
}

PublicKey aggregate_public_key_shares(const Context& ctx, const std::vector<const PublicKey*>& shares) {
    require(!shares.empty(), ErrorKind::kInvalidArgument, "a collective public key needs at least one share");
    const std::size_t n = ctx.n(), rows = ctx.data_count();
    PublicKey out;
    out.seed = shares.front()->seed;
    for (std::size_t k = 1; k < shares.size(); ++k)
        require(shares[k]->seed == out.seed, ErrorKind::kIncompatible,
                "public-key share " + std::to_string(k) +
                    " was made from another common reference polynomial (seed differs from share 0's)");
    out.a = shares.front()->a;
    out.b = shares.front()->b;
    for (std::size_t k = 1; k < shares.size(); ++k)
        for (std::size_t i = 0; i < rows; ++i)
            ring::eltwise_add_mod(out.b.data() + i * n, out.b.data() + i * n, shares[k]->b.data() + i * n, n,
                                  ctx.modulus(i).value());
    return out;
}

double noise_bound(const Context& ctx, std::uint64_t parties, std::uint64_t summands, std::uint32_t lambda) {
    const double n = static_cast<double>(ctx.n()), m = static_cast<double>(summands), cbd = 21.0;
    const double log_term = (lambda + 1.0) * std::log(2.0) + std::log(n);  // ln(2/delta), delta = 2^-lambda / N
    return cbd * m + cbd * static_cast<double>(parties) * std::sqrt(4.0 * n * m * log_term);
}

std::uint32_t smudging_bits(const Context& ctx, std::uint64_t parties, std::uint64_t summands, std::uint32_t lambda) {
    require(parties >= 1 && summands >= 1, ErrorKind::kInvalidArgument, "parties and summands must be >= 1");
    require(lambda <= 128, ErrorKind::kInvalidArgument, "lambda must be <= 128");
    return lambda +
           static_cast<std::uint32_t>(std::ceil(std::log2(noise_bound(ctx, parties, summands, lambda))));
}

namespace {

// Uniform integers on [-2^bits, 2^bits) from the OS CSPRNG, reduced mod each of `rows` primes and put in
// NTT form (out: rows x N).
void sample_smudging_ntt(const Context& ctx, std::uint32_t bits, std::size_t rows, u64* out) {
    const std::size_t n = ctx.n();
    std::vector<unsigned __int128> r(n);
    randombytes_buf(r.data(), n * sizeof(unsigned __int128));
    const unsigned __int128 one = 1;
    const unsigned __int128 mask = (one << (bits + 1)) - 1, half = one << bits;
    for (auto& x : r) x &= mask;  // x in [0, 2^(bits+1)); the value is x - 2^bits
    for (std::size_t i = 0; i < rows; ++i) {
        const u64 q = ctx.modulus(i).value();
        const u64 h = static_cast<u64>(half % q);
        u64* o = out + i * n;
        for (std::size_t k = 0; k < n; ++k) {
            const u64 x = static_cast<u64>(r[k] % q);
            o[k] = x >= h ? x - h : x + (q - h);
        }
        ctx.ntt(i).forward(o);
    }
    sodium_memzero(r.data(), r.size() * sizeof(unsigned __int128));
}

double log2_level_modulus(const Context& ctx, std::uint32_t level) {
    double bits = 0;
    for (std::uint32_t i = 0; i <= level; ++i) bits += std::log2(static_cast<double>(ctx.modulus(i).value()));
    return bits;
}

}  // namespace

void decryption_share(const Context& ctx, const SecretKey& share, const Ciphertext& ct, std::uint32_t bits,
                      Plaintext& out) {
    require(!ct.empty(), ErrorKind::kInvalidArgument, "decryption share: ciphertext is empty");
    require(ct.size == 2, ErrorKind::kIncompatible,
            "decryption share: the ciphertext has " + std::to_string(ct.size) + " polynomials; relinearize it to 2");
    const double room = log2_level_modulus(ctx, ct.level);
    require(bits >= 1 && bits <= kMaxSmudgingBits && bits + 2 < room, ErrorKind::kInvalidArgument,
            "smudging bits " + std::to_string(bits) + " outside [1, min(" + std::to_string(kMaxSmudgingBits) +
                ", log2(Q_level) - 2 = " + std::to_string(static_cast<int>(room) - 2) + ")]");
    const std::size_t n = ctx.n(), rows = ct.rows();
    out.level = ct.level;
    out.scale = ct.scale;
    out.data.resize(rows * n);
    sample_smudging_ntt(ctx, bits, rows, out.data.data());
    for (std::size_t i = 0; i < rows; ++i)
        ring::eltwise_mul_add_mod(out.row(i, n), ct.poly(1, n) + i * n, share.ntt.data() + i * n, n, ctx.modulus(i));
}

void combine_decryption_shares(const Context& ctx, const Ciphertext& ct,
                               const std::vector<const Plaintext*>& shares, Plaintext& out) {
    require(!ct.empty(), ErrorKind::kInvalidArgument, "combine: ciphertext is empty");
    require(ct.size == 2, ErrorKind::kIncompatible, "combine: the ciphertext must have 2 polynomials");
    require(!shares.empty(), ErrorKind::kInvalidArgument, "combine: no decryption share");
    for (std::size_t k = 0; k < shares.size(); ++k)
        require(!shares[k]->empty() && shares[k]->level == ct.level, ErrorKind::kIncompatible,
                "combine: decryption share " + std::to_string(k) + " is not at the ciphertext's level " +
                    std::to_string(ct.level));
    const std::size_t n = ctx.n(), rows = ct.rows();
    PolyStorage sum(ct.poly(0, n), ct.poly(0, n) + rows * n);  // out may be one of the shares
    for (const Plaintext* d : shares)
        for (std::size_t i = 0; i < rows; ++i)
            ring::eltwise_add_mod(sum.data() + i * n, sum.data() + i * n, d->row(i, n), n, ctx.modulus(i).value());
    out.level = ct.level;
    out.scale = ct.scale;
    out.data = std::move(sum);
}

std::vector<std::uint8_t> compact_decryption_share(const Context& ctx, const SecretKey& share, const Ciphertext& ct,
                                                   std::uint32_t smudging_bits, std::uint32_t bits) {
    Plaintext d;
    decryption_share(ctx, share, ct, smudging_bits, d);
    const std::size_t n = ctx.n(), rows = ct.rows();
    Ciphertext pseudo;  // (0, d_i)
    pseudo.reset(ct.level, 2, n);
    pseudo.scale = ct.scale;
    std::fill(pseudo.poly(0, n), pseudo.poly(0, n) + rows * n, u64{0});
    std::copy(d.data.begin(), d.data.end(), pseudo.poly(1, n));
    const std::uint32_t position = 0;
    const CompactReply reply = make_compact_reply(ctx, pseudo, &position, 1, bits);
    std::vector<std::uint8_t> out(compact_reply_size(ctx, 1, bits));
    save_to(ctx, reply, out.data(), out.size());
    sodium_memzero(pseudo.data.data(), pseudo.data.size() * sizeof(u64));
    return out;
}

namespace {

// values[k] = sum[k] (mod 2^bits) centered and divided by scale * 2^bits / Q_level, for k < min(count, N).
void decode_compact_sum(const Context& ctx, std::uint32_t level, double scale, std::uint32_t bits,
                        const std::vector<u64>& sum, double* values, std::size_t count) {
    long double q = 1.0L;
    for (std::size_t i = 0; i <= level; ++i) q *= static_cast<long double>(ctx.modulus(i).value());
    const long double delta = static_cast<long double>(scale) * std::ldexp(1.0L, static_cast<int>(bits)) / q;
    const u64 half = u64{1} << (bits - 1);
    for (std::size_t k = 0; k < count && k < ctx.n(); ++k) {
        const long double centered = sum[k] >= half ? static_cast<long double>(sum[k]) - std::ldexp(1.0L, static_cast<int>(bits))
                                                    : static_cast<long double>(sum[k]);
        values[k] = static_cast<double>(centered / delta);
    }
}

// The validated sum of compact pieces (single position 0, same level, bits and scale; `bits` bits, and when
// `expect` is given, its level and scale).
CompactReply add_compact_pieces(const Context& ctx,
                                const std::vector<std::pair<const std::uint8_t*, std::size_t>>& pieces,
                                std::uint32_t bits, const CompactReply* expect) {
    require(!pieces.empty(), ErrorKind::kInvalidArgument, "compact sum: no piece");
    CompactReply acc = load_compact_reply(ctx, pieces[0].first, pieces[0].second);
    require(acc.positions.size() == 1 && acc.positions[0] == 0, ErrorKind::kMalformedInput,
            "compact sum: piece 0 is not a compact c0 or decryption share (one position, 0)");
    require(acc.bits == bits && (expect == nullptr || (acc.level == expect->level && acc.scale == expect->scale)),
            ErrorKind::kIncompatible,
            "compact sum: piece 0 has level " + std::to_string(acc.level) + ", " + std::to_string(acc.bits) +
                " bits, scale " + std::to_string(acc.scale) + "; expected " +
                (expect ? "level " + std::to_string(expect->level) + ", " : std::string()) + std::to_string(bits) +
                " bits" + (expect ? ", scale " + std::to_string(expect->scale) : std::string()));
    const u64 mask = (u64{1} << acc.bits) - 1;
    for (std::size_t i = 1; i < pieces.size(); ++i) {
        const CompactReply p = load_compact_reply(ctx, pieces[i].first, pieces[i].second);
        require(p.positions.size() == 1 && p.positions[0] == 0, ErrorKind::kMalformedInput,
                "compact sum: piece " + std::to_string(i) + " is not a compact c0 or decryption share");
        require(p.level == acc.level && p.bits == acc.bits && p.scale == acc.scale, ErrorKind::kIncompatible,
                "compact sum: piece " + std::to_string(i) + " has level " + std::to_string(p.level) + ", " +
                    std::to_string(p.bits) + " bits, scale " + std::to_string(p.scale) + "; piece 0 has level " +
                    std::to_string(acc.level) + ", " + std::to_string(acc.bits) + " bits, scale " +
                    std::to_string(acc.scale));
        acc.c0[0] = (acc.c0[0] + p.c0[0]) & mask;
        for (std::size_t k = 0; k < acc.c1.size(); ++k) acc.c1[k] = (acc.c1[k] + p.c1[k]) & mask;
    }
    return acc;
}

}  // namespace

void combine_compact_decryption_shares(const Context& ctx, const Ciphertext& ct,
                                       const std::vector<std::pair<const std::uint8_t*, std::size_t>>& shares,
                                       std::uint32_t bits, double* values, std::size_t count) {
    require(!ct.empty() && ct.size == 2, ErrorKind::kIncompatible, "combine: the ciphertext must have 2 polynomials");
    require(!shares.empty(), ErrorKind::kInvalidArgument, "combine: no decryption share");
    const std::size_t n = ctx.n();
    std::vector<std::uint32_t> all(n);
    for (std::size_t k = 0; k < n; ++k) all[k] = static_cast<std::uint32_t>(k);
    const CompactReply c0 = make_compact_reply(ctx, ct, all.data(), n, bits);  // validates bits
    const u64 mask = (u64{1} << bits) - 1;
    std::vector<u64> sum(c0.c0.begin(), c0.c0.end());
    for (std::size_t i = 0; i < shares.size(); ++i) {
        const CompactReply d = load_compact_reply(ctx, shares[i].first, shares[i].second);
        require(d.level == ct.level && d.bits == bits, ErrorKind::kIncompatible,
                "combine: decryption share " + std::to_string(i) + " is at level " + std::to_string(d.level) + " with " +
                    std::to_string(d.bits) + " bits; the ciphertext is at level " + std::to_string(ct.level) +
                    " and the shares must have " + std::to_string(bits) + " bits");
        for (std::size_t k = 0; k < n; ++k) sum[k] = (sum[k] + d.c1[k]) & mask;
    }
    decode_compact_sum(ctx, ct.level, ct.scale, bits, sum, values, count);
}

void encrypt_pk_shared_c1(const Context& ctx, const std::vector<const PublicKey*>& keys,
                          const std::vector<const Plaintext*>& pts, const std::vector<Ciphertext*>& outs) {
    require(!keys.empty() && keys.size() == pts.size() && keys.size() == outs.size(), ErrorKind::kInvalidArgument,
            "shared-c1 encryption: as many keys, plaintexts and outputs (>= 1) needed");
    const Plaintext& first = *pts.front();
    require(!first.empty(), ErrorKind::kInvalidArgument, "shared-c1 encryption: plaintext 0 is empty");
    for (std::size_t j = 0; j < keys.size(); ++j) {
        require(keys[j]->seed == keys.front()->seed, ErrorKind::kIncompatible,
                "shared-c1 encryption: key " + std::to_string(j) +
                    " has another common reference polynomial than key 0 (one c1 needs one a)");
        require(!pts[j]->empty() && pts[j]->level == first.level && pts[j]->scale == first.scale,
                ErrorKind::kIncompatible,
                "shared-c1 encryption: plaintext " + std::to_string(j) + " is empty or at another level or scale");
        for (std::size_t k = 0; k < j; ++k)
            require(outs[k] != outs[j], ErrorKind::kInvalidArgument, "shared-c1 encryption: outputs must differ");
    }
    const std::size_t n = ctx.n(), rows = first.rows();
    auto identity = [](std::size_t r) { return r; };
    std::vector<std::int8_t> small(n);
    std::vector<u64> u(rows * n), c1(rows * n);
    sample_ternary(small.data(), n);
    small_to_ntt(ctx, small.data(), rows, identity, u.data());
    sample_cbd(small.data(), n);
    small_to_ntt(ctx, small.data(), rows, identity, c1.data());
    for (std::size_t i = 0; i < rows; ++i)
        ring::eltwise_mul_add_mod(c1.data() + i * n, u.data() + i * n, keys.front()->a.data() + i * n, n,
                                  ctx.modulus(i));
    for (std::size_t j = 0; j < keys.size(); ++j) {
        Ciphertext& ct = *outs[j];
        ct.reset(first.level, 2, n);
        ct.scale = first.scale;
        sample_cbd(small.data(), n);
        small_to_ntt(ctx, small.data(), rows, identity, ct.poly(0, n));
        for (std::size_t i = 0; i < rows; ++i) {
            const auto& q = ctx.modulus(i);
            u64* c0 = ct.poly(0, n) + i * n;
            ring::eltwise_mul_add_mod(c0, u.data() + i * n, keys[j]->b.data() + i * n, n, q);
            ring::eltwise_add_mod(c0, c0, pts[j]->row(i, n), n, q.value());
        }
        std::copy(c1.begin(), c1.end(), ct.poly(1, n));
    }
    sodium_memzero(small.data(), small.size());
    sodium_memzero(u.data(), u.size() * sizeof(u64));
}

std::vector<std::uint8_t> compact_c0(const Context& ctx, const Ciphertext& ct, std::uint32_t bits) {
    require(!ct.empty() && ct.size == 2, ErrorKind::kIncompatible, "compact c0: the ciphertext must have 2 polynomials");
    const std::size_t n = ctx.n(), rows = ct.rows();
    Ciphertext pseudo;  // (0, c0)
    pseudo.reset(ct.level, 2, n);
    pseudo.scale = ct.scale;
    std::fill(pseudo.poly(0, n), pseudo.poly(0, n) + rows * n, u64{0});
    std::copy(ct.poly(0, n), ct.poly(0, n) + rows * n, pseudo.poly(1, n));
    const std::uint32_t position = 0;
    const CompactReply reply = make_compact_reply(ctx, pseudo, &position, 1, bits);
    std::vector<std::uint8_t> out(compact_reply_size(ctx, 1, bits));
    save_to(ctx, reply, out.data(), out.size());
    return out;
}

std::vector<std::uint8_t> sum_compact_pieces(const Context& ctx,
                                             const std::vector<std::pair<const std::uint8_t*, std::size_t>>& pieces,
                                             std::uint32_t level, std::uint32_t bits, double scale) {
    CompactReply expect;
    expect.level = level;
    expect.scale = scale;
    const CompactReply sum = add_compact_pieces(ctx, pieces, bits, &expect);
    std::vector<std::uint8_t> out(compact_reply_size(ctx, 1, sum.bits));
    save_to(ctx, sum, out.data(), out.size());
    return out;
}

void combine_compact_pieces(const Context& ctx, const std::vector<std::pair<const std::uint8_t*, std::size_t>>& pieces,
                            std::uint32_t bits, double* values, std::size_t count) {
    const CompactReply sum = add_compact_pieces(ctx, pieces, bits, nullptr);
    decode_compact_sum(ctx, sum.level, sum.scale, bits, sum.c1, values, count);
}

}  // namespace he4j::ckks
