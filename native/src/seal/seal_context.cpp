// Context of the SEAL backend: the own engine's parameter rules and presets, the same primes, and a SEAL
// CKKS context over the data primes followed by one key-switching prime.
#include <sodium.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "seal_handles.hpp"

#include "capi/context_entry_points.hpp"

namespace he4j::sealb {

std::shared_ptr<const Context> Context::create(const ckks::ParamSpec& spec) {
    ckks::validate(spec);
    if (sodium_init() < 0) fail(ErrorKind::kInvalidParameters, "libsodium failed to initialize");

    std::shared_ptr<Context> c(new Context());
    c->spec_ = spec;
    c->n_ = std::size_t{1} << spec.log_n;
    const std::size_t total = spec.data_bits.size() + spec.special_bits.size();
    const std::uint64_t factor = 2 * static_cast<std::uint64_t>(c->n_);

    // One prime at a time in chain order, each the largest unused one of its size (the own engine's rule).
    std::vector<seal::Modulus> chain;
    std::uint32_t total_bits = 0;
    for (std::size_t i = 0; i < total; ++i) {
        const int bits = static_cast<int>(i < spec.data_bits.size() ? spec.data_bits[i]
                                                                    : spec.special_bits[i - spec.data_bits.size()]);
        std::size_t used = 0;
        for (const auto& m : chain) used += m.bit_count() == bits;
        std::vector<seal::Modulus> p;
        try {
            p = seal::util::get_primes(factor, bits, used + 1);
        } catch (const std::exception& e) {
            fail(ErrorKind::kInvalidParameters,
                 "not enough " + std::to_string(bits) + "-bit primes = 1 mod 2N: " + e.what());
        }
        chain.push_back(p.back());
        c->moduli_.push_back(p.back().value());
        total_bits += static_cast<std::uint32_t>(bits);
    }
    c->security_bits_ = ckks::security_bits(spec.log_n, total_bits);
    c->param_id_ = ckks::param_id(c->n_, c->moduli_, spec.data_bits.size(), spec.scale);

    // SEAL reserves exactly one prime, the last of its chain, for key switching (one digit per data prime).
    // Several special primes: SEAL uses the largest one alone (all are reported, and counted for security).
    // No special prime but several data primes: SEAL still drops its last prime from the data levels, so a
    // hidden extra prime closes its chain. Only the secret key ever lives modulo that prime; public keys
    // would (and would exceed the checked modulus), so they are refused for this shape.
    std::vector<seal::Modulus> seal_chain(chain.begin(), chain.begin() + static_cast<std::ptrdiff_t>(spec.data_bits.size()));
    if (!spec.special_bits.empty()) {
        auto best = chain.begin() + static_cast<std::ptrdiff_t>(spec.data_bits.size());
        for (auto it = best; it != chain.end(); ++it)
            if (it->value() > best->value()) best = it;
        seal_chain.push_back(*best);
    } else if (spec.data_bits.size() > 1) {
        for (const auto& q : seal::util::get_primes(factor, 30, chain.size() + 1)) {
            if (std::find(c->moduli_.begin(), c->moduli_.end(), q.value()) == c->moduli_.end()) {
                seal_chain.push_back(q);
                break;
            }
        }
        c->public_key_ok_ = false;
    }

    seal::EncryptionParameters parms(seal::scheme_type::ckks);
    parms.set_poly_modulus_degree(c->n_);
    parms.set_coeff_modulus(seal_chain);
    // Security is checked above with the own engine's table (which also covers N = 2^16 and the explicit
    // HE4J_ALLOW_INSECURE opt-out), so SEAL's own check is not applied a second time.
    c->seal_ = std::make_unique<seal::SEALContext>(parms, true, seal::sec_level_type::none);
    if (!c->seal_->parameters_set())
        fail(ErrorKind::kInvalidParameters,
             std::string("SEAL rejected the parameters: ") + c->seal_->parameter_error_message());
    c->encoder_ = std::make_unique<seal::CKKSEncoder>(*c->seal_);
    c->evaluator_ = std::make_unique<seal::Evaluator>(*c->seal_);

    c->level_parms_.resize(spec.data_bits.size());
    for (auto cd = c->seal_->first_context_data(); cd; cd = cd->next_context_data())
        c->level_parms_.at(cd->chain_index()) = cd->parms_id();
    double log2q = 0;
    for (std::size_t l = 0; l < spec.data_bits.size(); ++l) {
        log2q += std::log2(static_cast<double>(c->moduli_[l]));
        c->log2_q_.push_back(log2q);
    }
    return c;
}

std::uint32_t Context::level_of(const seal::parms_id_type& id) const {
    auto cd = seal_->get_context_data(id);
    if (!cd || (id == seal_->key_parms_id() && id != seal_->first_parms_id()))
        fail(ErrorKind::kIncompatible, "object does not belong to a data level of these parameters");
    return static_cast<std::uint32_t>(cd->chain_index());
}

std::uint32_t Context::galois_element_for_step(std::int32_t step) const {
    return seal_->key_context_data()->galois_tool()->get_elt_from_step(step);
}

}  // namespace he4j::sealb

extern "C" {

// The entry points themselves: capi/context_entry_points.hpp, shared with the own engine.
HE4J_CONTEXT_ENTRY_POINTS(he4j::sealb::Context)

}  // extern "C"
