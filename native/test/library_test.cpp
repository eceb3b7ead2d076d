#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <thread>

#include "he4j/he4j.h"

TEST(Library, AbiVersionMatchesHeader) { EXPECT_EQ(he4j_abi_version(), static_cast<uint32_t>(HE4J_ABI_VERSION)); }

TEST(Library, BackendAndCpuPathAreReported) {
    EXPECT_STREQ(he4j_backend_name(), "he4j");
    const std::string path = he4j_cpu_path();
    EXPECT_TRUE(path == "scalar" || path == "avx512dq" || path == "avx512ifma") << path;
    EXPECT_NE(std::string(he4j_cpu_features()).find("avx512f="), std::string::npos);
}

TEST(Library, LastErrorIsPerThreadAndStartsEmpty) {
    // Other tests may have failed calls on this thread; a new thread starts with no message.
    std::string seen = "unset";
    std::thread([&] { seen = he4j_last_error_message(); }).join();
    EXPECT_EQ(seen, "");
}
