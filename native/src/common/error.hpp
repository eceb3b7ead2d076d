// The one exception type the engine throws for expected failures; the C ABI maps its kind to a status.
#pragma once
#include <stdexcept>
#include <string>

namespace he4j {

enum class ErrorKind {
    kInvalidArgument,    // HE4J_ERR_INVALID_ARGUMENT
    kInvalidParameters,  // HE4J_ERR_INVALID_PARAMETERS
    kMalformedInput,     // HE4J_ERR_MALFORMED_INPUT
    kIncompatible,       // HE4J_ERR_INCOMPATIBLE
    kBufferTooSmall,     // HE4J_ERR_BUFFER_TOO_SMALL
    kUnsupported,        // HE4J_ERR_UNSUPPORTED
};

class Error : public std::runtime_error {
public:
    Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
    ErrorKind kind() const noexcept { return kind_; }

private:
    ErrorKind kind_;
};

[[noreturn]] inline void fail(ErrorKind kind, const std::string& message) { throw Error(kind, message); }

inline void require(bool condition, ErrorKind kind, const std::string& message) {
    if (!condition) fail(kind, message);
}

}  // namespace he4j
