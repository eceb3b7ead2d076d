// Bit packing of residues at every prime width: byte-aligned widths take the one-store-per-value path,
// the others the register path; loading must give back the same residues and reject any residue >= q.
#include <gtest/gtest.h>

#include <cstring>

#include "ckks/ciphertext.hpp"
#include "ckks/context.hpp"
#include "ckks/serialization.hpp"
#include "common/error.hpp"

namespace he4j::ckks {
namespace {

TEST(CkksSerialization, ResiduesRoundTripAtEveryPrimeWidth) {
    for (std::uint32_t bits = 20; bits <= 60; ++bits) {
        SCOPED_TRACE("prime bits " + std::to_string(bits));
        const auto ctx = Context::create({10, {bits, bits}, {}, std::ldexp(1.0, 16), kAllowInsecure});
        const std::size_t n = ctx->n();
        Ciphertext ct;
        ct.reset(1, 2, n);
        ct.scale = 1 << 16;
        std::uint64_t state = 0x9E3779B97F4A7C15ull * bits;  // test data only: splitmix-style walk
        for (std::size_t k = 0; k < 2; ++k)
            for (std::size_t i = 0; i < 2; ++i) {
                const std::uint64_t q = ctx->modulus(i).value();
                std::uint64_t* row = ct.poly(k, n) + i * n;
                for (std::size_t j = 0; j < n; ++j) {
                    state += 0x9E3779B97F4A7C15ull;
                    row[j] = (state ^ (state >> 29)) % q;
                }
                row[0] = q - 1;  // extremes of the range
                row[n - 1] = q - 1;
                row[1] = 0;
            }
        const auto bytes = save(*ctx, ct);
        ASSERT_EQ(bytes.size(), serialized_size(*ctx, ct));
        const Ciphertext back = load_ciphertext(*ctx, bytes.data(), bytes.size());
        EXPECT_EQ(back.data, ct.data);
        // The last residue of the last row set to q: the width still holds it, the range check must not.
        Ciphertext bad;
        bad.reset(1, 2, n);
        bad.scale = ct.scale;
        bad.data = ct.data;
        bad.poly(1, n)[2 * n - 1] = ctx->modulus(1).value();
        const auto bad_bytes = save(*ctx, bad);
        EXPECT_THROW(load_ciphertext(*ctx, bad_bytes.data(), bad_bytes.size()), Error);
    }
}

}  // namespace
}  // namespace he4j::ckks
