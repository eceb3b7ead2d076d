// Validated CKKS parameters with every precomputed table the scheme needs; immutable and shareable.
// The chain holds data primes q_0..q_L (level l uses q_0..q_l) followed by special primes p_0..p_{K-1}
// used only for hybrid key switching.
#pragma once
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include "ckks/fft.hpp"
#include "ckks/params.hpp"
#include "ckks/scratch.hpp"
#include "ring/base_converter.hpp"
#include "ring/centered_crt.hpp"
#include "ring/modarith.hpp"
#include "ring/ntt.hpp"

namespace he4j::ckks {

class Context {
public:
    // Validates `spec` (shape, security) and derives primes and tables; throws Error(kInvalidParameters).
    static std::shared_ptr<const Context> create(const ParamSpec& spec);

    const ParamSpec& spec() const { return spec_; }
    std::size_t n() const { return n_; }
    std::uint32_t log_n() const { return spec_.log_n; }
    std::size_t slots() const { return n_ / 2; }
    std::size_t data_count() const { return data_count_; }
    std::size_t special_count() const { return special_count_; }
    std::size_t total_count() const { return data_count_ + special_count_; }
    std::uint32_t max_level() const { return static_cast<std::uint32_t>(data_count_ - 1); }
    double default_scale() const { return spec_.scale; }
    std::uint64_t param_id() const { return param_id_; }
    std::uint32_t security_bits() const { return security_bits_; }
    std::uint32_t total_bits() const { return total_bits_; }

    // Global prime index: data primes 0..L, then special primes L+1..L+K.
    const ring::Modulus& modulus(std::size_t i) const { return moduli_[i]; }
    const std::vector<ring::Modulus>& moduli() const { return moduli_; }
    const ring::NttTables& ntt(std::size_t i) const { return *ntt_[i]; }

    const SpecialFft& fft() const { return *fft_; }
    const ring::CenteredCrt& crt(std::uint32_t level) const { return *crt_[level]; }

    // Rescale at level l >= 1: q_l^-1 mod q_i for i < l (value, Shoup companion).
    std::uint64_t rescale_inv(std::uint32_t level, std::size_t i) const { return rescale_inv_[level][i]; }
    std::uint64_t rescale_inv_shoup(std::uint32_t level, std::size_t i) const { return rescale_inv_shoup_[level][i]; }

    // ---- hybrid key switching (Han-Ki, CT-RSA 2020): digits of `alpha` = K data primes, dnum digits.
    std::size_t alpha() const { return special_count_; }
    std::size_t dnum() const { return special_count_ == 0 ? 0 : (data_count_ + special_count_ - 1) / special_count_; }
    std::size_t digits_at(std::uint32_t level) const { return (level + alpha()) / alpha(); }
    // Extended basis at level l: rows 0..l are q_0..q_l, rows l+1..l+K the special primes.
    std::size_t ext_global(std::uint32_t level, std::size_t row) const {
        return row <= level ? row : data_count_ + (row - level - 1);
    }
    struct ModUp {
        std::size_t begin, end;              // digit rows [begin, end) of the extended basis
        std::vector<std::size_t> to_rows;    // the other rows, in converter output order
        std::unique_ptr<ring::BaseConverter> conv;
    };
    const ModUp& mod_up(std::uint32_t level, std::size_t digit) const { return mod_up_[level][digit]; }
    const ring::BaseConverter& mod_down(std::uint32_t level) const { return *mod_down_[level]; }
    std::uint64_t p_mod_q(std::size_t i) const { return p_mod_q_[i]; }
    std::uint64_t p_inv_mod_q(std::size_t i) const { return p_inv_mod_q_[i]; }
    std::uint64_t p_inv_mod_q_shoup(std::size_t i) const { return p_inv_mod_q_shoup_[i]; }

    // ---- automorphisms X -> X^g (g odd): 5^step mod 2N rotates slots left by step; 2N-1 conjugates.
    std::uint64_t galois_element_for_step(std::int64_t step) const;
    std::uint64_t conjugation_element() const { return 2 * n_ - 1; }
    // True if g is 2N-1 or a power of 5 mod 2N.
    bool is_valid_galois_element(std::uint64_t g) const;
    // NTT-domain permutation: out[j] = in[perm[j]] applies X -> X^g under the ntt.hpp ordering contract.
    const std::vector<std::uint32_t>& galois_permutation(std::uint64_t g) const;

    // Reusable scratch memory for hot paths (thread-safe).
    ScratchPool::Buffer scratch(std::size_t words) const { return scratch_.acquire(words); }

private:
    Context() = default;
    mutable ScratchPool scratch_;
    ParamSpec spec_;
    std::size_t n_ = 0, data_count_ = 0, special_count_ = 0;
    std::uint64_t param_id_ = 0;
    std::uint32_t security_bits_ = 0, total_bits_ = 0;
    std::vector<ring::Modulus> moduli_;
    std::vector<std::unique_ptr<ring::NttTables>> ntt_;
    std::unique_ptr<SpecialFft> fft_;
    std::vector<std::unique_ptr<ring::CenteredCrt>> crt_;
    std::vector<std::vector<std::uint64_t>> rescale_inv_, rescale_inv_shoup_;
    std::vector<std::vector<ModUp>> mod_up_;
    std::vector<std::unique_ptr<ring::BaseConverter>> mod_down_;
    std::vector<std::uint64_t> p_mod_q_, p_inv_mod_q_, p_inv_mod_q_shoup_;
    std::vector<std::uint32_t> bitrev_;
    mutable std::mutex galois_mutex_;
    mutable std::map<std::uint64_t, std::unique_ptr<std::vector<std::uint32_t>>> galois_cache_;
};

using ContextPtr = std::shared_ptr<const Context>;

}  // namespace he4j::ckks
