// AVX-512 NTT kernel (avx512dq). Placeholder: reports unsupported so dispatch uses the scalar path.
#include "ntt_kernels.hpp"

namespace he4j::ring::detail {

bool ntt_avx512dq_supports(const NttTables&) { return false; }
void ntt_forward_avx512dq(const NttTables& t, std::uint64_t* a) { ntt_forward_scalar(t, a); }
void ntt_inverse_avx512dq(const NttTables& t, std::uint64_t* a) { ntt_inverse_scalar(t, a); }

}  // namespace he4j::ring::detail
