// The SEAL backend reports compact coefficient replies as unsupported, with a message.
#include <gtest/gtest.h>

#include <string>

#include "he4j/he4j.h"

TEST(SealCompactReply, EveryEntryPointIsUnsupported) {
    size_t n = 0;
    uint8_t byte = 0;
    uint32_t position = 0;
    double value = 0;
    EXPECT_EQ(he4j_ciphertext_compact_reply_size(nullptr, nullptr, 1, 36, &n), HE4J_ERR_UNSUPPORTED);
    EXPECT_NE(std::string(he4j_last_error_message()).find("SEAL"), std::string::npos);
    EXPECT_EQ(he4j_ciphertext_compact_reply(nullptr, nullptr, &position, 1, 36, &byte, 1, &n), HE4J_ERR_UNSUPPORTED);
    EXPECT_EQ(he4j_compact_reply_positions(nullptr, &byte, 1, &position, 1, &n), HE4J_ERR_UNSUPPORTED);
    EXPECT_EQ(he4j_decrypt_compact_reply(nullptr, nullptr, &byte, 1, &value, 1), HE4J_ERR_UNSUPPORTED);
}
