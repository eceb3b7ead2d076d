#include "ckks/context.hpp"

#include <sodium.h>

#include <cmath>
#include <cstring>

#include "common/error.hpp"
#include "ring/primes.hpp"

namespace he4j::ckks {

using ring::u64;

namespace {

}  // namespace

std::shared_ptr<const Context> Context::create(const ParamSpec& spec) {
    validate(spec);
    if (sodium_init() < 0) fail(ErrorKind::kInvalidParameters, "libsodium failed to initialize");
    std::shared_ptr<Context> c(new Context());
    c->spec_ = spec;
    c->n_ = std::size_t{1} << spec.log_n;
    c->data_count_ = spec.data_bits.size();
    c->special_count_ = spec.special_bits.size();
    const std::size_t n = c->n_, total = c->total_count();

    // Primes one at a time in chain order, each excluding all earlier ones: deterministic and disjoint.
    std::vector<u64> chosen;
    for (std::size_t i = 0; i < total; ++i) {
        const std::uint32_t bits = i < c->data_count_ ? spec.data_bits[i] : spec.special_bits[i - c->data_count_];
        std::vector<u64> p;
        try {
            p = ring::ntt_primes(static_cast<int>(bits), n, 1, chosen);
        } catch (const std::exception& e) {
            fail(ErrorKind::kInvalidParameters, "not enough " + std::to_string(bits) + "-bit primes = 1 mod 2N: " +
                                                    e.what());
        }
        chosen.push_back(p[0]);
        c->moduli_.emplace_back(p[0]);
        c->total_bits_ += bits;
    }
    c->security_bits_ = ckks::security_bits(spec.log_n, c->total_bits_);
    std::vector<u64> primes;
    for (const auto& m : c->moduli_) primes.push_back(m.value());
    c->param_id_ = ckks::param_id(n, primes, c->data_count_, spec.scale);

    for (std::size_t i = 0; i < total; ++i) c->ntt_.push_back(std::make_unique<ring::NttTables>(n, c->moduli_[i]));
    c->fft_ = std::make_unique<SpecialFft>(n);

    const std::size_t levels = c->data_count_;
    c->rescale_inv_.resize(levels);
    c->rescale_inv_shoup_.resize(levels);
    for (std::size_t l = 0; l < levels; ++l) {
        std::vector<ring::Modulus> level_primes(c->moduli_.begin(), c->moduli_.begin() + l + 1);
        c->crt_.push_back(std::make_unique<ring::CenteredCrt>(level_primes));
        for (std::size_t i = 0; i < l; ++i) {
            const auto& qi = c->moduli_[i];
            u64 inv = ring::inv_mod(qi.reduce(c->moduli_[l].value()), qi);
            c->rescale_inv_[l].push_back(inv);
            c->rescale_inv_shoup_[l].push_back(ring::shoup_precompute(inv, qi.value()));
        }
    }

    if (c->special_count_ > 0) {
        const std::size_t k = c->special_count_, alpha = c->alpha();
        std::vector<ring::Modulus> specials(c->moduli_.begin() + levels, c->moduli_.end());
        for (std::size_t i = 0; i < levels; ++i) {
            const auto& qi = c->moduli_[i];
            u64 p = 1;
            for (const auto& pj : specials) p = ring::mul_mod(p, qi.reduce(pj.value()), qi);
            c->p_mod_q_.push_back(p);
            u64 inv = ring::inv_mod(p, qi);
            c->p_inv_mod_q_.push_back(inv);
            c->p_inv_mod_q_shoup_.push_back(ring::shoup_precompute(inv, qi.value()));
        }
        c->mod_up_.resize(levels);
        for (std::uint32_t l = 0; l < levels; ++l) {
            std::vector<ring::Modulus> level_primes(c->moduli_.begin(), c->moduli_.begin() + l + 1);
            c->mod_down_.push_back(std::make_unique<ring::BaseConverter>(specials, level_primes));
            const std::size_t ext = l + 1 + k;
            for (std::size_t j = 0; j < c->digits_at(l); ++j) {
                ModUp mu;
                mu.begin = j * alpha;
                mu.end = std::min<std::size_t>((j + 1) * alpha, l + 1);
                std::vector<ring::Modulus> from, to;
                for (std::size_t r = mu.begin; r < mu.end; ++r) from.push_back(c->moduli_[r]);
                for (std::size_t r = 0; r < ext; ++r) {
                    if (r >= mu.begin && r < mu.end) continue;
                    mu.to_rows.push_back(r);
                    to.push_back(c->moduli_[c->ext_global(l, r)]);
                }
                mu.conv = std::make_unique<ring::BaseConverter>(from, to);
                c->mod_up_[l].push_back(std::move(mu));
            }
        }
    }

    c->bitrev_.resize(n);
    for (std::size_t j = 0; j < n; ++j) {
        std::uint32_t r = 0;
        for (std::uint32_t b = 0; b < spec.log_n; ++b) r |= ((j >> b) & 1u) << (spec.log_n - 1 - b);
        c->bitrev_[j] = r;
    }
    return c;
}

u64 Context::galois_element_for_step(std::int64_t step) const {
    const std::int64_t s = static_cast<std::int64_t>(slots());
    std::int64_t e = ((step % s) + s) % s;
    const u64 m = 2 * n_;
    u64 g = 1, b = 5;
    for (u64 x = static_cast<u64>(e); x; x >>= 1) {
        if (x & 1) g = g * b % m;
        b = b * b % m;
    }
    return g;
}

bool Context::is_valid_galois_element(u64 g) const {
    const u64 m = 2 * n_;
    if (g == m - 1) return true;
    if (g >= m || (g & 1) == 0) return false;
    // 5 has order N/2 mod 2N; the powers of 5 are exactly the elements = 1 mod 4.
    return (g & 3) == 1;
}

const std::vector<std::uint32_t>& Context::galois_permutation(u64 g) const {
    std::lock_guard<std::mutex> lock(galois_mutex_);
    auto it = galois_cache_.find(g);
    if (it != galois_cache_.end()) return *it->second;
    const u64 m = 2 * n_;
    auto perm = std::make_unique<std::vector<std::uint32_t>>(n_);
    for (std::size_t j = 0; j < n_; ++j) {
        u64 k = (2 * static_cast<u64>(bitrev_[j]) + 1) * g % m;  // psi^(k_j) -> psi^(k_j * g)
        (*perm)[j] = bitrev_[(k - 1) / 2];
    }
    auto& ref = *perm;
    galois_cache_.emplace(g, std::move(perm));
    return ref;
}

}  // namespace he4j::ckks
