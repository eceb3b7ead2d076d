/*
 * he4j.h — the C ABI of he4j, the only surface Java binds.
 *
 * Conventions
 *  - Every function returns an he4j_status; on failure a thread-local message explains why
 *    (he4j_last_error_message). No C++ exception, abort or undefined behaviour crosses this line:
 *    every pointer, length, index, level and step coming from outside is checked.
 *  - Objects are typed opaque handles, created through an out-parameter (`**out`) and released
 *    with the matching `_free` (NULL is accepted and ignored). Any thread may free any object.
 *  - Operations write into an existing output handle that may alias an input
 *    (create an empty one with he4j_ciphertext_create / he4j_plaintext_create).
 *  - Levels: a fresh ciphertext is at level `max_level` = (number of data primes - 1); every
 *    rescale lowers it by one; level 0 holds only the first data prime. `level = -1` means top.
 *  - Serialization: `_save(obj, buf, cap, &written)` with buf == NULL writes an upper bound of the
 *    size to `written`; `_load(ctx, buf, len, &out)` validates header (magic, format version, kind,
 *    backend, parameter id, size) and every coefficient before anything is used.
 *  - Thread safety: contexts and keys are immutable after creation and may be shared by any number
 *    of threads. Plaintexts and ciphertexts may be read concurrently but not written concurrently.
 *  - Secret-key memory is zeroized when freed.
 */
#ifndef HE4J_H
#define HE4J_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define HE4J_API __attribute__((visibility("default")))
#else
#define HE4J_API
#endif

/* Bumped whenever a signature or a semantic of this header changes; Java checks it first. */
#define HE4J_ABI_VERSION 1

typedef enum he4j_status {
    HE4J_OK = 0,
    HE4J_ERR_INVALID_ARGUMENT = 1,   /* null pointer, bad length, index or step out of range */
    HE4J_ERR_INVALID_PARAMETERS = 2, /* parameters malformed or below the requested security */
    HE4J_ERR_MALFORMED_INPUT = 3,    /* serialized bytes rejected by validation */
    HE4J_ERR_INCOMPATIBLE = 4,       /* operands mismatch: level, scale, size, context, missing key */
    HE4J_ERR_BUFFER_TOO_SMALL = 5,   /* output buffer too small: query the size first */
    HE4J_ERR_OUT_OF_MEMORY = 6,
    HE4J_ERR_UNSUPPORTED = 7,        /* not implemented by this backend */
    HE4J_ERR_INTERNAL = 8            /* a bug: please report */
} he4j_status;

/* Parameter flags. */
#define HE4J_ALLOW_INSECURE 1u /* accept parameters below 128-bit security (tests, research only) */

/* ---------------------------------------------------------------- library */

HE4J_API uint32_t he4j_abi_version(void);
/* Message of the last failed call on this thread ("" if none); valid until the next call. */
HE4J_API const char* he4j_last_error_message(void);
/* Static strings: "0.1.0"; "he4j" or "seal"; kernel path "avx512ifma", "avx512dq", "scalar". */
HE4J_API const char* he4j_library_version(void);
HE4J_API const char* he4j_backend_name(void);
HE4J_API const char* he4j_cpu_path(void);
/* Static string describing CPU support, e.g. "avx512f=1 avx512dq=1 avx512ifma=1 os_zmm=1". */
HE4J_API const char* he4j_cpu_features(void);
/* Number of live handles of all kinds (for leak tests). */
HE4J_API uint64_t he4j_live_objects(void);

/* ---------------------------------------------------------------- handles */

typedef struct he4j_context he4j_context;
typedef struct he4j_secret_key he4j_secret_key;
typedef struct he4j_public_key he4j_public_key;
typedef struct he4j_relin_key he4j_relin_key;
typedef struct he4j_galois_keys he4j_galois_keys;
typedef struct he4j_plaintext he4j_plaintext;
typedef struct he4j_ciphertext he4j_ciphertext;

/* ---------------------------------------------------------------- context (validated parameters + tables) */

/* Creates a context from prime sizes in bits (primes are generated deterministically: the same
 * sizes always give the same primes). data_prime_bits[0] is the first (level-0) prime.
 * special primes are used only for key switching. Checks security against the
 * HomomorphicEncryption.org standard (ternary secret) unless HE4J_ALLOW_INSECURE is set. */
HE4J_API he4j_status he4j_context_create(uint32_t log_n, const uint32_t* data_prime_bits, size_t data_count,
                                         const uint32_t* special_prime_bits, size_t special_count,
                                         double default_scale, uint32_t flags, he4j_context** out);
/* Named presets: see he4j_preset_names(). */
HE4J_API he4j_status he4j_context_create_preset(const char* name, uint32_t flags, he4j_context** out);
/* Comma-separated static list of preset names, e.g. "P8K,P16K,...". */
HE4J_API const char* he4j_preset_names(void);
HE4J_API void he4j_context_free(he4j_context* ctx);

HE4J_API he4j_status he4j_context_poly_degree(const he4j_context* ctx, uint64_t* out);
HE4J_API he4j_status he4j_context_slot_count(const he4j_context* ctx, uint64_t* out);
HE4J_API he4j_status he4j_context_max_level(const he4j_context* ctx, uint32_t* out);
HE4J_API he4j_status he4j_context_default_scale(const he4j_context* ctx, double* out);
HE4J_API he4j_status he4j_context_modulus_count(const he4j_context* ctx, size_t* data_count, size_t* special_count);
/* index in [0, data_count + special_count): data primes first, then special primes. */
HE4J_API he4j_status he4j_context_modulus(const he4j_context* ctx, size_t index, uint64_t* out);
/* Estimated classical security in bits per the HE standard tables (128, 192, 256) or 0 if below 128. */
HE4J_API he4j_status he4j_context_security_bits(const he4j_context* ctx, uint32_t* out);
/* 64-bit identifier of the parameters (hash of N, moduli, scale); stored in every serialized object. */
HE4J_API he4j_status he4j_context_param_id(const he4j_context* ctx, uint64_t* out);
/* Serialization of the parameters only (no keys). */
HE4J_API he4j_status he4j_context_save(const he4j_context* ctx, uint8_t* buf, size_t cap, size_t* written);
HE4J_API he4j_status he4j_context_load(const uint8_t* buf, size_t len, uint32_t flags, he4j_context** out);

/* ---------------------------------------------------------------- keys */

HE4J_API he4j_status he4j_secret_key_generate(const he4j_context* ctx, he4j_secret_key** out);
HE4J_API he4j_status he4j_public_key_generate(const he4j_context* ctx, const he4j_secret_key* sk, he4j_public_key** out);
HE4J_API he4j_status he4j_relin_key_generate(const he4j_context* ctx, const he4j_secret_key* sk, he4j_relin_key** out);
/* Galois keys for rotations by each step in `steps` (negative = right; |step| < slots, 0 ignored)
 * and, if include_conjugate != 0, for complex conjugation. */
HE4J_API he4j_status he4j_galois_keys_generate(const he4j_context* ctx, const he4j_secret_key* sk,
                                               const int32_t* steps, size_t step_count, int include_conjugate,
                                               he4j_galois_keys** out);
/* 1 if the keys can rotate by `step` (or conjugate if step == 0 and conjugate != 0). */
HE4J_API he4j_status he4j_galois_keys_has_step(const he4j_galois_keys* gk, int32_t step, int* out);
HE4J_API void he4j_secret_key_free(he4j_secret_key* sk);
HE4J_API void he4j_public_key_free(he4j_public_key* pk);
HE4J_API void he4j_relin_key_free(he4j_relin_key* rk);
HE4J_API void he4j_galois_keys_free(he4j_galois_keys* gk);

/* ---------------------------------------------------------------- plaintexts and encoding */

HE4J_API he4j_status he4j_plaintext_create(const he4j_context* ctx, he4j_plaintext** out);
HE4J_API void he4j_plaintext_free(he4j_plaintext* pt);
HE4J_API he4j_status he4j_plaintext_level(const he4j_plaintext* pt, uint32_t* out);
HE4J_API he4j_status he4j_plaintext_scale(const he4j_plaintext* pt, double* out);

/* Slot encoding through the canonical embedding: count <= slots real values (rest zero).
 * Rejects non-finite values and values whose scaled magnitude does not fit the modulus. */
HE4J_API he4j_status he4j_encode_real(const he4j_context* ctx, const double* values, size_t count, double scale,
                                      int32_t level, he4j_plaintext* out);
/* values interleaved (re0, im0, re1, im1, ...); count = number of complex values <= slots. */
HE4J_API he4j_status he4j_encode_complex(const he4j_context* ctx, const double* values, size_t count, double scale,
                                         int32_t level, he4j_plaintext* out);
/* The constant `value` in every slot. */
HE4J_API he4j_status he4j_encode_scalar(const he4j_context* ctx, double value, double scale, int32_t level,
                                        he4j_plaintext* out);
/* Coefficient encoding: coefficient i = round(values[i] * scale), count <= N (rest zero).
 * The product of coefficient-encoded polynomials is a negacyclic convolution, which turns an inner
 * product into one coefficient (Cheetah, Huang et al., USENIX Security 2022). */
HE4J_API he4j_status he4j_encode_coeffs(const he4j_context* ctx, const double* values, size_t count, double scale,
                                        int32_t level, he4j_plaintext* out);
/* Decoding writes min(count, slots) values (or min(count, N) coefficients). */
HE4J_API he4j_status he4j_decode_real(const he4j_context* ctx, const he4j_plaintext* pt, double* out, size_t count);
HE4J_API he4j_status he4j_decode_complex(const he4j_context* ctx, const he4j_plaintext* pt, double* out, size_t count);
HE4J_API he4j_status he4j_decode_coeffs(const he4j_context* ctx, const he4j_plaintext* pt, double* out, size_t count);

/* ---------------------------------------------------------------- ciphertexts, encryption, decryption */

HE4J_API he4j_status he4j_ciphertext_create(const he4j_context* ctx, he4j_ciphertext** out);
HE4J_API void he4j_ciphertext_free(he4j_ciphertext* ct);
HE4J_API he4j_status he4j_ciphertext_copy(const he4j_ciphertext* src, he4j_ciphertext* dst);
HE4J_API he4j_status he4j_ciphertext_level(const he4j_ciphertext* ct, uint32_t* out);
HE4J_API he4j_status he4j_ciphertext_scale(const he4j_ciphertext* ct, double* out);
/* Overrides the recorded scale (e.g. to absorb a known factor); scale must be finite and > 0. */
HE4J_API he4j_status he4j_ciphertext_set_scale(he4j_ciphertext* ct, double scale);
/* Number of polynomials: 2 normally, 3 after multiply without relinearization. */
HE4J_API he4j_status he4j_ciphertext_size(const he4j_ciphertext* ct, uint32_t* out);

HE4J_API he4j_status he4j_encrypt_pk(const he4j_context* ctx, const he4j_public_key* pk, const he4j_plaintext* pt,
                                     he4j_ciphertext* out);
/* A reply mask for circuit privacy by noise flooding, in one pass: a fresh public-key encryption of zero at
 * `level` (-1 = top) labelled with `scale`, whose c0 also carries, at each of positions[0..count) (distinct
 * coefficient indices < N; positions == NULL with count == N: every coefficient), an integer drawn uniformly
 * from [-2^flood_bits, 2^flood_bits) (flood_bits == 0: none). Same distribution as he4j_encrypt_pk of a zero
 * plaintext followed by adding the coefficient-encoded flood, at the cost of the encryption alone; every random
 * value is fresh from the engine's CSPRNG. flood_bits <= min(HE4J_MAX_FLOOD_BITS, log2(Q_level) - 3). */
#define HE4J_MAX_FLOOD_BITS 126
HE4J_API he4j_status he4j_encrypt_zero_flooded(const he4j_context* ctx, const he4j_public_key* pk, int32_t level,
                                               double scale, const uint32_t* positions, size_t count,
                                               uint32_t flood_bits, he4j_ciphertext* out);
/* Symmetric encryption; c1 is expanded from a 32-byte seed, so the serialized form is half size. */
HE4J_API he4j_status he4j_encrypt_sk(const he4j_context* ctx, const he4j_secret_key* sk, const he4j_plaintext* pt,
                                     he4j_ciphertext* out);
HE4J_API he4j_status he4j_decrypt(const he4j_context* ctx, const he4j_secret_key* sk, const he4j_ciphertext* ct,
                                  he4j_plaintext* out);

/* ---------------------------------------------------------------- evaluator
 * Binary operations need equal levels (and, for add/sub, equal scales within 2^-20 relative). */

HE4J_API he4j_status he4j_eval_add(const he4j_context* ctx, const he4j_ciphertext* a, const he4j_ciphertext* b, he4j_ciphertext* out);
HE4J_API he4j_status he4j_eval_sub(const he4j_context* ctx, const he4j_ciphertext* a, const he4j_ciphertext* b, he4j_ciphertext* out);
HE4J_API he4j_status he4j_eval_negate(const he4j_context* ctx, const he4j_ciphertext* a, he4j_ciphertext* out);
HE4J_API he4j_status he4j_eval_add_plain(const he4j_context* ctx, const he4j_ciphertext* a, const he4j_plaintext* b, he4j_ciphertext* out);
HE4J_API he4j_status he4j_eval_sub_plain(const he4j_context* ctx, const he4j_ciphertext* a, const he4j_plaintext* b, he4j_ciphertext* out);
HE4J_API he4j_status he4j_eval_mul_plain(const he4j_context* ctx, const he4j_ciphertext* a, const he4j_plaintext* b, he4j_ciphertext* out);
/* Adds `value` to every slot (encoded at the ciphertext's scale). */
HE4J_API he4j_status he4j_eval_add_scalar(const he4j_context* ctx, const he4j_ciphertext* a, double value, he4j_ciphertext* out);
/* Multiplies every slot by `value`, encoded as round(value * scale); the result's scale is a.scale * scale. */
HE4J_API he4j_status he4j_eval_mul_scalar(const he4j_context* ctx, const he4j_ciphertext* a, double value, double scale, he4j_ciphertext* out);
/* Tensor product: out has size 3 (relinearize it next). */
HE4J_API he4j_status he4j_eval_mul(const he4j_context* ctx, const he4j_ciphertext* a, const he4j_ciphertext* b, he4j_ciphertext* out);
HE4J_API he4j_status he4j_eval_relinearize(const he4j_context* ctx, const he4j_relin_key* rk, const he4j_ciphertext* a, he4j_ciphertext* out);
HE4J_API he4j_status he4j_eval_mul_relin(const he4j_context* ctx, const he4j_relin_key* rk, const he4j_ciphertext* a, const he4j_ciphertext* b, he4j_ciphertext* out);
HE4J_API he4j_status he4j_eval_square_relin(const he4j_context* ctx, const he4j_relin_key* rk, const he4j_ciphertext* a, he4j_ciphertext* out);
/* Divides by the last prime of the current level and drops it: level - 1, scale / q_level. */
HE4J_API he4j_status he4j_eval_rescale(const he4j_context* ctx, const he4j_ciphertext* a, he4j_ciphertext* out);
/* Drops primes down to `level` without changing the scale. */
HE4J_API he4j_status he4j_eval_mod_switch_to(const he4j_context* ctx, const he4j_ciphertext* a, uint32_t level, he4j_ciphertext* out);
HE4J_API he4j_status he4j_plaintext_mod_switch_to(const he4j_context* ctx, const he4j_plaintext* a, uint32_t level, he4j_plaintext* out);
/* Rotates slots left by `step` (negative = right). */
HE4J_API he4j_status he4j_eval_rotate(const he4j_context* ctx, const he4j_galois_keys* gk, const he4j_ciphertext* a, int32_t step, he4j_ciphertext* out);
HE4J_API he4j_status he4j_eval_conjugate(const he4j_context* ctx, const he4j_galois_keys* gk, const he4j_ciphertext* a, he4j_ciphertext* out);
/* Several rotations of one ciphertext sharing one key-switching decomposition; outs[i] receives the
 * rotation by steps[i]. */
HE4J_API he4j_status he4j_eval_rotate_hoisted(const he4j_context* ctx, const he4j_galois_keys* gk, const he4j_ciphertext* a,
                                              const int32_t* steps, size_t count, he4j_ciphertext* const* outs);
/* Sums `count` consecutive slots (count a power of two dividing slots) by log2(count) rotations by
 * 1, 2, 4, ...: slot i of out holds sum_{j<count} a[i+j]. Needs Galois keys for those steps. */
HE4J_API he4j_status he4j_eval_rotate_sum(const he4j_context* ctx, const he4j_galois_keys* gk, const he4j_ciphertext* a,
                                          uint32_t count, he4j_ciphertext* out);

/* ---------------------------------------------------------------- compact coefficient replies
 * For coefficient-encoded protocols whose client needs only a few coefficients of the decrypted reply: c0
 * at the chosen positions and c1 in full, both modulus-switched from Q (the primes of the ciphertext's
 * level) to 2^bits, about (N + count) * bits / 8 bytes. Decrypting coefficient i of the reply differs from
 * the full decryption's by at most (1 + ||s||_1) / 2 / Delta' with Delta' = scale * 2^bits / Q and ||s||_1
 * the secret's Hamming weight (the exact statement and the byte layout are in native/src/ckks/compact_reply.hpp).
 * The serialized reply is an object of kind HE4J_KIND_COMPACT_REPLY for the context's parameters. */
#define HE4J_COMPACT_REPLY_MIN_BITS 20
#define HE4J_COMPACT_REPLY_MAX_BITS 62

/* Exact size of a compact reply of ct with `count` positions (1..N) at `bits` bits
 * (HE4J_COMPACT_REPLY_MIN_BITS..MAX_BITS); ct must have 2 polynomials. */
HE4J_API he4j_status he4j_ciphertext_compact_reply_size(const he4j_context* ctx, const he4j_ciphertext* ct,
                                                        size_t count, uint32_t bits, size_t* out);
/* Writes the compact reply of ct for positions[0..count) (distinct, each < N) at `bits` bits into buf.
 * buf == NULL writes the size to `written`; cap below it fails with HE4J_ERR_BUFFER_TOO_SMALL. */
HE4J_API he4j_status he4j_ciphertext_compact_reply(const he4j_context* ctx, const he4j_ciphertext* ct,
                                                   const uint32_t* positions, size_t count, uint32_t bits,
                                                   uint8_t* buf, size_t cap, size_t* written);
/* Validates a compact reply and writes its position count to `count` and, unless positions == NULL, its
 * positions (in reply order) to positions[0..count); cap below the count fails with BUFFER_TOO_SMALL. */
HE4J_API he4j_status he4j_compact_reply_positions(const he4j_context* ctx, const uint8_t* buf, size_t len,
                                                  uint32_t* positions, size_t cap, size_t* count);
/* Validates and decrypts a compact reply: values[k] = the decoded coefficient (divided by the scale) at the
 * reply's k-th position; count must equal the reply's position count. */
HE4J_API he4j_status he4j_decrypt_compact_reply(const he4j_context* ctx, const he4j_secret_key* sk,
                                                const uint8_t* buf, size_t len, double* values, size_t count);

/* ---------------------------------------------------------------- serialization */

#define HE4J_DECLARE_SERIALIZATION(kind)                                                                       \
    HE4J_API he4j_status he4j_##kind##_save(const he4j_##kind* obj, uint8_t* buf, size_t cap, size_t* written); \
    HE4J_API he4j_status he4j_##kind##_load(const he4j_context* ctx, const uint8_t* buf, size_t len, he4j_##kind** out);

HE4J_DECLARE_SERIALIZATION(ciphertext)
HE4J_DECLARE_SERIALIZATION(plaintext)
HE4J_DECLARE_SERIALIZATION(public_key)
HE4J_DECLARE_SERIALIZATION(relin_key)
HE4J_DECLARE_SERIALIZATION(galois_keys)
HE4J_DECLARE_SERIALIZATION(secret_key)

#undef HE4J_DECLARE_SERIALIZATION

/* Object kinds in serialized headers. */
#define HE4J_KIND_CONTEXT 1
#define HE4J_KIND_PLAINTEXT 2
#define HE4J_KIND_CIPHERTEXT 3
#define HE4J_KIND_SECRET_KEY 4
#define HE4J_KIND_PUBLIC_KEY 5
#define HE4J_KIND_RELIN_KEY 6
#define HE4J_KIND_GALOIS_KEYS 7
#define HE4J_KIND_COMPACT_REPLY 8

/* ================================================================ multiparty (threshold) keys
 * N-of-N threshold CKKS after Mouchet, Troncoso-Pastoriza, Bossuat, Hubaux, "Multiparty Homomorphic Encryption
 * from Ring-Learning-with-Errors" (PETS 2021; eprint 2020/304). Each party keeps a secret share s_i; the
 * collective secret S = sum s_i is never formed. Public-key shares are he4j_public_key objects (p_i, a) whose
 * `a` is the common reference polynomial expanded from a public 32-byte seed; the collective public key (sum
 * p_i, a) is an ordinary public key (he4j_encrypt_pk). A decryption share d_i = s_i*c1 + e_smudge is an
 * he4j_plaintext at the ciphertext's level; c0 + sum d_i decodes to the message only when every party's share
 * is present. e_smudge is uniform on [-2^b, 2^b): statistical distance <= B / 2^b from uniform when the
 * ciphertext noise is <= B (Asharov et al., Eurocrypt 2012), so b = lambda + log2(B) gives 2^-lambda
 * (he4j_mp_smudging_bits; the argument and the bound B: native/src/ckks/multiparty.hpp).
 * Secret shares are zeroized when freed and have no serialization. */

typedef struct he4j_secret_share he4j_secret_share;

#define HE4J_MP_SEED_BYTES 32

HE4J_API he4j_status he4j_secret_share_generate(const he4j_context* ctx, he4j_secret_share** out);
HE4J_API void he4j_secret_share_free(he4j_secret_share* share);
/* The party's public-key share (-a*s_i + e_i, a), a expanded from crp_seed (seed_len == HE4J_MP_SEED_BYTES). */
HE4J_API he4j_status he4j_mp_public_key_share(const he4j_context* ctx, const he4j_secret_share* share,
                                              const uint8_t* crp_seed, size_t seed_len, he4j_public_key** out);
/* The collective public key from `count` >= 1 shares made from the same seed (else HE4J_ERR_INCOMPATIBLE). */
HE4J_API he4j_status he4j_mp_public_key_aggregate(const he4j_context* ctx, const he4j_public_key* const* shares,
                                                  size_t count, he4j_public_key** out);
/* Smudging width b = lambda + ceil(log2 B) for the sum of `summands` fresh encryptions under a collective key
 * of `parties` shares (B: a Hoeffding bound on the noise, exceeded with probability <= 2^-lambda; multiparty.hpp). */
HE4J_API he4j_status he4j_mp_smudging_bits(const he4j_context* ctx, uint64_t parties, uint64_t summands,
                                           uint32_t lambda, uint32_t* out);
/* d_i = s_i*c1 + e_smudge, e_smudge uniform on [-2^smudging_bits, 2^smudging_bits), into out (ct's level and
 * scale). ct must have 2 polynomials; smudging_bits in [1, min(120, log2(Q_level) - 2)). */
HE4J_API he4j_status he4j_mp_decryption_share(const he4j_context* ctx, const he4j_secret_share* share,
                                              const he4j_ciphertext* ct, uint32_t smudging_bits, he4j_plaintext* out);
/* c0 + sum of `count` decryption shares of ct (each at ct's level) into out, to decode as usual. */
HE4J_API he4j_status he4j_mp_decrypt_combine(const he4j_context* ctx, const he4j_ciphertext* ct,
                                             const he4j_plaintext* const* shares, size_t count, he4j_plaintext* out);

/* Compact decryption share: the share switched from Q to 2^bits (bits in [HE4J_COMPACT_REPLY_MIN_BITS,
 * HE4J_COMPACT_REPLY_MAX_BITS]), serialized as a compact reply (kind HE4J_KIND_COMPACT_REPLY) of the
 * pseudo-ciphertext (0, d_i) at position 0. buf == NULL writes the size to `written`. Post-processing of the
 * smudged share: it reveals nothing more, and adds at most 1/2 unit of 2^bits of error per share. */
HE4J_API he4j_status he4j_mp_decryption_share_compact(const he4j_context* ctx, const he4j_secret_share* share,
                                                      const he4j_ciphertext* ct, uint32_t smudging_bits, uint32_t bits,
                                                      uint8_t* buf, size_t cap, size_t* written);
/* values[k] = coefficient k (k < count <= N) of c0 + sum of the `count_shares` compact shares, computed mod
 * 2^bits and divided by the new scale ct.scale * 2^bits / Q. Each share is validated (format, level, bits). */
HE4J_API he4j_status he4j_mp_decrypt_combine_compact(const he4j_context* ctx, const he4j_ciphertext* ct,
                                                     const uint8_t* const* shares, const size_t* lens,
                                                     size_t count_shares, uint32_t bits, double* values, size_t count);

/* Compact updates (randomness reuse and switched c0; the argument: native/src/ckks/multiparty.hpp).
 * Encrypts pts[j] under keys[j] for j < count with ONE shared c1 = u*a + e1: every key must come from the same
 * common seed (else HE4J_ERR_INCOMPATIBLE), every plaintext be at the same level and scale; outs[j] are distinct
 * ciphertexts, each an ordinary public-key ciphertext under its key, whose c1 are equal. */
HE4J_API he4j_status he4j_mp_encrypt_shared_c1(const he4j_context* ctx, const he4j_public_key* const* keys,
                                               const he4j_plaintext* const* pts, size_t count,
                                               he4j_ciphertext* const* outs);
/* c0 of ct switched from Q to 2^bits, serialized as a compact reply of (0, c0) at position 0 (a "compact piece",
 * like a compact decryption share). buf == NULL writes the size to `written`. */
HE4J_API he4j_status he4j_mp_compact_c0(const he4j_context* ctx, const he4j_ciphertext* ct, uint32_t bits,
                                        uint8_t* buf, size_t cap, size_t* written);
/* The sum mod 2^bits of `count` >= 1 compact pieces as one piece; each is validated and must be at `level` with
 * `bits` bits and the ciphertext scale `scale` (else HE4J_ERR_INCOMPATIBLE). buf == NULL writes the size. */
HE4J_API he4j_status he4j_mp_compact_sum(const he4j_context* ctx, const uint8_t* const* pieces, const size_t* lens,
                                         size_t count, uint32_t level, uint32_t bits, double scale, uint8_t* buf,
                                         size_t cap, size_t* written);
/* values[k] = coefficient k (k < count <= N) of the sum mod 2^bits of the pieces (a compact c0 sum and every
 * party's compact decryption share of the c1 it goes with), centered and divided by scale * 2^bits / Q. */
HE4J_API he4j_status he4j_mp_combine_compact_pieces(const he4j_context* ctx, const uint8_t* const* pieces,
                                                    const size_t* lens, size_t count_pieces, uint32_t bits,
                                                    double* values, size_t count);

/* ================================================================ end of multiparty (threshold) keys */

/* ---------------------------------------------------------------- multi-precision modular exponentiation
 * For Paillier (io.he4j.paillier): out[i] = bases[i]^exponents[i] mod moduli[i] for i < count, every lane
 * with its own base, exponent and modulus. Numbers are unsigned big-endian of fixed width, packed one after
 * the other: bases, moduli and out take modulus_bytes each (1..1024), exponents exponent_bytes each
 * (1..1024). Every modulus must be odd, >= 3 and have a nonzero first byte; every base must be less than its
 * modulus (HE4J_ERR_INVALID_ARGUMENT names the first bad lane). out may alias bases.
 * Constant time in every value: the running time depends only on count, modulus_bytes and exponent_bytes.
 * Computed 8 lanes at a time with AVX-512 IFMA when he4j_modexp_kernel() is "avx512ifma", else by a scalar
 * kernel with identical results (HE4J_DISABLE_AVX512=1 or HE4J_DISABLE_IFMA=1 force it). Fill batches in
 * multiples of 8 for throughput: a batch of 1..8 costs the same. Own engine only (the SEAL backend does
 * not export these two functions). */
HE4J_API he4j_status he4j_modexp_batch(const uint8_t* bases, const uint8_t* exponents, const uint8_t* moduli,
                                       size_t count, size_t modulus_bytes, size_t exponent_bytes, uint8_t* out);
/* Static string: "avx512ifma" or "scalar". */
HE4J_API const char* he4j_modexp_kernel(void);

#ifdef __cplusplus
}
#endif

#endif /* HE4J_H */
