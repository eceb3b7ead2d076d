// Opaque handle structs of the own engine behind the C ABI. Every handle holds a shared_ptr to its context,
// so freeing the context first never leaves a dangling pointer, and nothing is tied to the creating thread.
// Bookkeeping and argument checks: capi/front.hpp (shared with the SEAL backend).
#pragma once
#include <cstdint>
#include <memory>
#include <string>

#include "capi/front.hpp"
#include "ckks/ciphertext.hpp"
#include "ckks/context.hpp"
#include "ckks/keys.hpp"
#include "ckks/plaintext.hpp"

struct he4j_context {
    he4j::ckks::ContextPtr ctx;
};
struct he4j_secret_key {
    he4j::ckks::ContextPtr ctx;
    std::unique_ptr<he4j::ckks::SecretKey> sk;  // zeroized on destruction
};
struct he4j_public_key {
    he4j::ckks::ContextPtr ctx;
    he4j::ckks::PublicKey pk;
};
struct he4j_relin_key {
    he4j::ckks::ContextPtr ctx;
    he4j::ckks::RelinKey rk;
};
struct he4j_galois_keys {
    he4j::ckks::ContextPtr ctx;
    he4j::ckks::GaloisKeys gk;
};
struct he4j_plaintext {
    he4j::ckks::ContextPtr ctx;
    he4j::ckks::Plaintext pt;
};
struct he4j_ciphertext {
    he4j::ckks::ContextPtr ctx;
    he4j::ckks::Ciphertext ct;
};
