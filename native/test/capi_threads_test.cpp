// Contexts and keys are shared across threads; objects may be freed from a thread other than their creator
// (Java's Cleaner does exactly that).
#include <thread>

#include "capi_test_util.hpp"

namespace he4j::capi_testing {
namespace {

TEST(CapiThreads, SharedKeysConcurrentOperationsAndForeignThreadFree) {
    const uint64_t baseline = he4j_live_objects();
    {
        Keys k;
        const std::size_t n = k.slots;
        auto x = ramp(n);
        std::vector<he4j_ciphertext*> results(2, nullptr);
        std::vector<std::thread> threads;
        std::vector<double> errors(2, 1.0);
        for (int t = 0; t < 2; ++t) {
            threads.emplace_back([&, t] {
                he4j_ciphertext* a = k.encrypt(x);
                EXPECT_HE4J_OK(he4j_eval_rotate(k.ctx, k.gk, a, 1 + t, a));  // shared Galois keys, permutation cache
                EXPECT_HE4J_OK(he4j_eval_square_relin(k.ctx, k.rk, a, a));    // shared relin key, scratch pool
                EXPECT_HE4J_OK(he4j_eval_rescale(k.ctx, a, a));
                results[t] = a;
            });
        }
        for (auto& th : threads) th.join();
        for (int t = 0; t < 2; ++t) {
            std::vector<double> e(n);
            for (std::size_t i = 0; i < n; ++i) e[i] = x[(i + 1 + t) % n] * x[(i + 1 + t) % n];
            errors[t] = max_err(k.decrypt(results[t]), e);
            EXPECT_LT(errors[t], std::ldexp(1.0, -20)) << "thread " << t;
        }
        // Free from a different thread than the creator.
        std::thread([&] {
            for (auto* c : results) he4j_ciphertext_free(c);
        }).join();
    }
    EXPECT_EQ(he4j_live_objects(), baseline);
}

}  // namespace
}  // namespace he4j::capi_testing
