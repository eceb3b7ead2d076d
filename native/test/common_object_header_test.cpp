// The one object header codec of every backend: exact bytes, and each defect refused with its reason.
#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "common/object_header.hpp"

using namespace he4j;
using namespace he4j::format;

namespace {

// The object bytes: a header for `payload` bytes followed by them.
std::vector<std::uint8_t> object(Kind kind, Backend backend, std::uint64_t id, std::size_t payload) {
    std::vector<std::uint8_t> b(kHeaderSize + payload, 0xAB);
    write_header(b.data(), kind, backend, id, payload);
    return b;
}

// The message of the Error a header check throws, checking its kind.
std::string refusal(const std::vector<std::uint8_t>& b, Kind kind, Backend backend, const std::uint64_t* id,
                    ErrorKind want = ErrorKind::kMalformedInput) {
    try {
        read_header(b.data(), b.size(), kind, backend, id);
    } catch (const Error& e) {
        EXPECT_EQ(static_cast<int>(e.kind()), static_cast<int>(want)) << e.what();
        return e.what();
    }
    ADD_FAILURE() << "header accepted";
    return {};
}

}  // namespace

TEST(ObjectHeader, LayoutIsLittleEndianAt24Bytes) {
    const auto b = object(Kind::kRelinKey, Backend::kSeal, 0x0102030405060708ULL, 3);
    const std::array<std::uint8_t, 24> want = {'H', 'E', '4', 'J', 1, 0, 6, 2, 8, 7, 6, 5, 4, 3, 2, 1,
                                               3, 0, 0, 0, 0, 0, 0, 0};
    ASSERT_EQ(b.size(), 27u);
    EXPECT_TRUE(std::equal(want.begin(), want.end(), b.begin()));
    const std::uint64_t id = 0x0102030405060708ULL;
    EXPECT_EQ(read_header(b.data(), b.size(), Kind::kRelinKey, Backend::kSeal, &id), id);
    EXPECT_EQ(read_header(b.data(), b.size(), Kind::kRelinKey, Backend::kSeal, nullptr), id);
}

TEST(ObjectHeader, EveryDefectIsRefusedWithItsReason) {
    const std::uint64_t id = 42;
    const auto good = object(Kind::kCiphertext, Backend::kHe4j, id, 5);
    auto b = good;
    EXPECT_NE(refusal({good.begin(), good.begin() + 23}, Kind::kCiphertext, Backend::kHe4j, &id).find("shorter"),
              std::string::npos);
    b[0] = 'X';
    EXPECT_NE(refusal(b, Kind::kCiphertext, Backend::kHe4j, &id).find("magic"), std::string::npos);
    b = good, b[4] = 2;
    EXPECT_NE(refusal(b, Kind::kCiphertext, Backend::kHe4j, &id).find("format version 2"), std::string::npos);
    EXPECT_NE(refusal(good, Kind::kPlaintext, Backend::kHe4j, &id).find("expected plaintext"), std::string::npos);
    const std::string other = refusal(good, Kind::kCiphertext, Backend::kSeal, &id);
    EXPECT_NE(other.find("backend 1 (the he4j engine)"), std::string::npos) << other;
    EXPECT_NE(other.find("backend 2 (the SEAL backend)"), std::string::npos) << other;
    const std::uint64_t wrong = 43;
    EXPECT_NE(refusal(good, Kind::kCiphertext, Backend::kHe4j, &wrong).find("parameter id"), std::string::npos);
    b = good, b.push_back(0);  // one byte more than the length field says
    EXPECT_NE(refusal(b, Kind::kCiphertext, Backend::kHe4j, &id).find("payload length"), std::string::npos);
    b = good, b[16] = 4;
    EXPECT_NE(refusal(b, Kind::kCiphertext, Backend::kHe4j, &id).find("payload length"), std::string::npos);
    EXPECT_THROW(read_header(nullptr, 24, Kind::kCiphertext, Backend::kHe4j, &id), Error);
}
