// Library information as reported by the SEAL backend.
#include <gtest/gtest.h>

#include <string>

#include "he4j/he4j.h"

TEST(SealLibrary, AbiVersionAndBackendName) {
    EXPECT_EQ(he4j_abi_version(), static_cast<uint32_t>(HE4J_ABI_VERSION));
    EXPECT_STREQ(he4j_backend_name(), "seal");
    EXPECT_STRNE(he4j_library_version(), "");
}

TEST(SealLibrary, CpuPathNamesSealOrHexl) {
    const std::string path = he4j_cpu_path();
    EXPECT_TRUE(path == "seal-scalar" || path == "hexl-scalar" || path == "hexl-avx512dq" || path == "hexl-avx512ifma")
        << path;
    EXPECT_NE(std::string(he4j_cpu_features()).find("avx512ifma="), std::string::npos);
}

TEST(SealLibrary, PresetNamesMatchTheOwnEngine) {
    EXPECT_STREQ(he4j_preset_names(), "P8K,P16K,P2K-IFMA,P4K-IFMA,P8K-IFMA,P16K-IFMA");
}
