#include "ckks/multiparty.hpp"

#include <sodium.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "ckks/compact_reply.hpp"
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
    long double q = 1.0L;
    for (std::size_t i = 0; i <= ct.level; ++i) q *= static_cast<long double>(ctx.modulus(i).value());
    const long double delta = static_cast<long double>(ct.scale) * std::ldexp(1.0L, static_cast<int>(bits)) / q;
    const u64 half = u64{1} << (bits - 1);
    for (std::size_t k = 0; k < count && k < n; ++k) {
        const long double centered = sum[k] >= half ? static_cast<long double>(sum[k]) - std::ldexp(1.0L, static_cast<int>(bits))
                                                    : static_cast<long double>(sum[k]);
        values[k] = static_cast<double>(centered / delta);
    }
}

}  // namespace he4j::ckks
