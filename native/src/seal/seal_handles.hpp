// Opaque handle structs of the SEAL backend and the validated context they share. Every handle holds a
// shared_ptr to its context, so freeing the context first never dangles, and nothing is tied to a thread.
//
// Memory: SEAL objects here allocate only from SEAL's global memory pool (the default profile, which this
// library never switches) or from SEAL's own per-object pools (secret keys, decryptors). Thread-local pools
// are never used, because Java frees objects from its Cleaner thread.
#pragma once
#include <seal/seal.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "capi/front.hpp"
#include "ckks/params.hpp"

namespace he4j::sealb {

// Validated parameters over a SEALContext: encoder and evaluator are immutable and thread-safe.
class Context {
public:
    // Validates `spec` with the own engine's rules (shape, HomomorphicEncryption.org security), derives the
    // same primes (largest q < 2^bits, q = 1 mod 2N, in chain order) and builds the SEAL context.
    static std::shared_ptr<const Context> create(const ckks::ParamSpec& spec);

    const ckks::ParamSpec& spec() const { return spec_; }
    const seal::SEALContext& seal() const { return *seal_; }
    const seal::CKKSEncoder& encoder() const { return *encoder_; }
    const seal::Evaluator& evaluator() const { return *evaluator_; }
    std::size_t n() const { return n_; }
    std::size_t slots() const { return n_ / 2; }
    std::size_t data_count() const { return spec_.data_bits.size(); }
    std::size_t special_count() const { return spec_.special_bits.size(); }
    std::size_t total_count() const { return moduli_.size(); }
    std::uint32_t max_level() const { return static_cast<std::uint32_t>(data_count() - 1); }
    double default_scale() const { return spec_.scale; }
    std::uint64_t param_id() const { return param_id_; }
    std::uint32_t security_bits() const { return security_bits_; }
    std::uint64_t modulus(std::size_t i) const { return moduli_[i]; }
    bool key_switching() const { return special_count() > 0; }
    // False when SEAL's chain ends in a hidden prime (no special prime, several data primes).
    bool public_key_ok() const { return public_key_ok_; }

    // SEAL parms_id of a level (0..max_level) and back; level_of throws kIncompatible for foreign ids.
    const seal::parms_id_type& parms_at(std::uint32_t level) const { return level_parms_[level]; }
    std::uint32_t level_of(const seal::parms_id_type& id) const;
    // log2 of the product of the data primes q_0..q_level.
    double log2_q(std::uint32_t level) const { return log2_q_[level]; }

    // Galois element of a left rotation by `step` (0 < |step| < slots) and of conjugation.
    std::uint32_t galois_element_for_step(std::int32_t step) const;
    std::uint32_t conjugation_element() const { return static_cast<std::uint32_t>(2 * n_ - 1); }

private:
    Context() = default;
    ckks::ParamSpec spec_;
    std::size_t n_ = 0;
    std::uint64_t param_id_ = 0;
    std::uint32_t security_bits_ = 0;
    bool public_key_ok_ = true;
    std::vector<std::uint64_t> moduli_;
    std::vector<seal::parms_id_type> level_parms_;
    std::vector<double> log2_q_;
    std::unique_ptr<seal::SEALContext> seal_;
    std::unique_ptr<seal::CKKSEncoder> encoder_;
    std::unique_ptr<seal::Evaluator> evaluator_;
};

using ContextPtr = std::shared_ptr<const Context>;

}  // namespace he4j::sealb

struct he4j_context {
    he4j::sealb::ContextPtr ctx;
};
struct he4j_secret_key {
    he4j::sealb::ContextPtr ctx;
    seal::SecretKey sk;  // SEAL keeps it in a clear-on-destruction pool (zeroized when freed)
    std::unique_ptr<seal::Encryptor> encryptor;
    std::unique_ptr<seal::Decryptor> decryptor;  // SEAL documents it as shareable across threads
};
struct he4j_public_key {
    he4j::sealb::ContextPtr ctx;
    seal::PublicKey pk;
    std::unique_ptr<seal::Encryptor> encryptor;
    std::vector<seal::seal_byte> compact;  // seeded SEAL stream (half size) when known
};
struct he4j_relin_key {
    he4j::sealb::ContextPtr ctx;
    seal::RelinKeys rk;
    std::vector<seal::seal_byte> compact;
};
struct he4j_galois_keys {
    he4j::sealb::ContextPtr ctx;
    seal::GaloisKeys gk;
    std::vector<seal::seal_byte> compact;
};
struct he4j_plaintext {
    he4j::sealb::ContextPtr ctx;
    seal::Plaintext pt;  // empty (coeff_count 0) until encoded
};
struct he4j_ciphertext {
    he4j::sealb::ContextPtr ctx;
    // Size 0 until written. Mutable only for the one-time expansion of a pending compact form.
    mutable seal::Ciphertext ct;
    // Seeded SEAL stream of a fresh symmetric encryption (c1 as a seed: half size). Kept until the
    // ciphertext is written, so saving it stays compact; every operation writing the handle clears it.
    std::vector<seal::seal_byte> compact;
    // True while only `compact` holds the ciphertext: a fresh symmetric encryption is usually saved and
    // sent, so c1 is expanded from its seed only when the ciphertext is first used (expanded()).
    mutable std::atomic<bool> pending{false};
    mutable std::mutex expand_mutex;
};

namespace he4j::sealb {

// The shared front of the C ABI (capi/front.hpp): bookkeeping and argument checks.
using capi::checked;
using capi::context_of;
using capi::deref;
using capi::free_handle;
using capi::level_arg;
using capi::load_args;
using capi::make_handle;
using capi::modulus_index_arg;
using capi::object_context;
using capi::out_arg;
using capi::require_same_params;
using capi::save_room;
using capi::slot_count_arg;
using capi::step_arg;
using capi::values_arg;

// Public keys exist only when SEAL's key level is made of he4j's primes (seal_keys.cpp).
void require_public_key(const Context& c, const char* what);

inline bool empty(const seal::Plaintext& p) { return p.coeff_count() == 0; }
inline bool empty(const he4j_ciphertext& c) { return !c.pending.load(std::memory_order_acquire) && c.ct.size() == 0; }

// The usable ciphertext: expands a pending compact form once (safe under concurrent readers).
const seal::Ciphertext& expanded(const he4j_ciphertext& c);

inline const seal::Ciphertext& nonempty(const he4j_ciphertext& c, const char* op) {
    if (empty(c))
        fail(ErrorKind::kInvalidArgument, std::string(op) + ": ciphertext is empty (encrypt or compute into it first)");
    return expanded(c);
}
inline const seal::Plaintext& nonempty(const he4j_plaintext& p, const char* op) {
    if (empty(p.pt))
        fail(ErrorKind::kInvalidArgument, std::string(op) + ": plaintext is empty (encode or decrypt into it first)");
    return p.pt;
}

// The ciphertext of a handle about to be written: its compact seeded form no longer describes it.
inline seal::Ciphertext& writable(he4j_ciphertext& o) {
    o.compact.clear();
    o.pending.store(false, std::memory_order_release);
    return o.ct;
}

// SEAL (built with SEAL_THROW_ON_TRANSPARENT_CIPHERTEXT) throws after computing a result whose c1 is zero,
// e.g. a - a or a product with an all-zero plaintext. The result is complete when it throws; the own
// engine accepts such results, so this backend does too.
template <class Fn>
void allow_transparent(Fn&& fn) {
    try {
        fn();
    } catch (const std::logic_error& e) {
        if (std::string(e.what()) != "result ciphertext is transparent") throw;
    }
}

}  // namespace he4j::sealb
