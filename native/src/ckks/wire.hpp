// The byte-level building blocks of the serialized format (serialization.hpp describes the layout): a bounded
// little-endian Writer and a validating Reader with the residue bit-packing, and the 24-byte object header's write/open (its codec is
// common/object_header).
// Shared by every object kind's serializer so that each rule has one definition.
#pragma once
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

#include "ckks/context.hpp"
#include "ckks/serialization.hpp"
#include "common/error.hpp"
#include "common/object_header.hpp"

namespace he4j::ckks::wire {

using ring::u64;

[[noreturn]] inline void malformed(const std::string& m) { fail(ErrorKind::kMalformedInput, m); }

inline std::size_t packed_bytes(std::size_t n, int bits) { return (n * static_cast<std::size_t>(bits) + 7) / 8; }

// Writes into a caller-provided buffer of exactly the serialized size (no temporary copy).
class Writer {
public:
    Writer(std::uint8_t* out, std::size_t cap) : out_(out), cap_(cap) {}
    void u8(std::uint8_t v) { le(v, 1); }
    void u16(std::uint16_t v) { le(v, 2); }
    void u32(std::uint32_t v) { le(v, 4); }
    void u64v(u64 v) { le(v, 8); }
    void f64(double d) {
        u64 v;
        std::memcpy(&v, &d, 8);
        le(v, 8);
    }
    void bytes(const std::uint8_t* p, std::size_t n) {
        room(n);
        std::memcpy(out_ + pos_, p, n);
        pos_ += n;
    }
    // Little-endian bit packing of n values of `bits` bits (each < 2^bits). The bits gather in a register
    // and leave as whole 64-bit words: overlapping read-modify-write windows in memory stall on store
    // forwarding (x86-64 is little-endian, so a word store is the bit stream's next 8 bytes).
    void packed(const u64* v, std::size_t n, int bits) {
        const std::size_t nb = packed_bytes(n, bits);
        room(nb);
        std::uint8_t* out = out_ + pos_;
        if (bits % 8 == 0) {
            // Whole-byte widths (every IFMA preset prime): each value is one 8-byte store at its own offset,
            // its zero high bytes overwritten by the next store; values whose store would pass the end go
            // byte by byte.
            const std::size_t w = static_cast<std::size_t>(bits) / 8;
            std::size_t i = 0;
            for (; i < n && i * w + 8 <= nb; ++i) std::memcpy(out + i * w, &v[i], 8);
            for (; i < n; ++i)
                for (std::size_t b = 0; b < w; ++b) out[i * w + b] = static_cast<std::uint8_t>(v[i] >> (8 * b));
            pos_ += nb;
            return;
        }
        unsigned __int128 acc = 0;
        int have = 0;
        for (std::size_t i = 0; i < n; ++i) {
            acc |= static_cast<unsigned __int128>(v[i]) << have;
            have += bits;
            if (have >= 64) {
                const u64 word = static_cast<u64>(acc);
                std::memcpy(out, &word, 8);
                out += 8;
                acc >>= 64;
                have -= 64;
            }
        }
        for (; have > 0; have -= 8, acc >>= 8) *out++ = static_cast<std::uint8_t>(acc);
        pos_ += nb;
    }
    std::size_t size() const { return pos_; }

private:
    void room(std::size_t n) {
        if (n > cap_ - pos_) fail(ErrorKind::kBufferTooSmall, "serialization: output buffer too small");
    }
    void le(u64 v, int n) {
        room(static_cast<std::size_t>(n));
        for (int i = 0; i < n; ++i) out_[pos_++] = static_cast<std::uint8_t>(v >> (8 * i));
    }
    std::uint8_t* out_;
    std::size_t cap_, pos_ = 0;
};

class Reader {
public:
    Reader(const std::uint8_t* p, std::size_t len) : p_(p), len_(len) {}
    std::size_t remaining() const { return len_ - pos_; }
    void need(std::size_t n, const char* what) {
        if (n > remaining())
            malformed(std::string("truncated input: ") + what + " needs " + std::to_string(n) + " bytes, " +
                      std::to_string(remaining()) + " left");
    }
    std::uint8_t u8(const char* w) { return static_cast<std::uint8_t>(le(1, w)); }
    std::uint16_t u16(const char* w) { return static_cast<std::uint16_t>(le(2, w)); }
    std::uint32_t u32(const char* w) { return static_cast<std::uint32_t>(le(4, w)); }
    u64 u64v(const char* w) { return le(8, w); }
    double f64(const char* w) {
        u64 v = le(8, w);
        double d;
        std::memcpy(&d, &v, 8);
        return d;
    }
    void bytes(std::uint8_t* out, std::size_t n, const char* w) {
        need(n, w);
        std::memcpy(out, p_ + pos_, n);
        pos_ += n;
    }
    // Unpacks n residues of `bits` bits, each checked < q, padding bits zero. Each value is read from its
    // own 16-byte window (independent loads, no loop-carried state), the range check is folded into one
    // flag (no branch per value), and only a defective input pays a second pass naming the first bad one.
    void packed(u64* out, std::size_t n, int bits, u64 q, const char* what) {
        const std::size_t nb = packed_bytes(n, bits);
        need(nb, what);
        const std::uint8_t* in = p_ + pos_;
        const u64 mask = bits == 64 ? ~u64{0} : (u64{1} << bits) - 1;
        const std::size_t step = static_cast<std::size_t>(bits);
        // Fast path while the window lies inside the input: an 8-byte window when a value plus its bit
        // offset fits 64 bits (every prime below 2^57), else a 16-byte one.
        const std::size_t window = bits <= 57 ? 8 : 16;
        const std::size_t fast = nb < window ? 0 : std::min(n, ((nb - window) * 8) / step + 1);
        u64 bad = 0;
        if (window == 8) {
            for (std::size_t i = 0; i < fast; ++i) {
                const std::size_t bitpos = i * step;
                u64 w;
                std::memcpy(&w, in + (bitpos >> 3), 8);
                const u64 v = (w >> (bitpos & 7)) & mask;
                bad |= static_cast<u64>(v >= q);
                out[i] = v;
            }
        } else {
            for (std::size_t i = 0; i < fast; ++i) {
                const std::size_t bitpos = i * step;
                unsigned __int128 w;
                std::memcpy(&w, in + (bitpos >> 3), 16);
                const u64 v = static_cast<u64>(w >> (bitpos & 7)) & mask;
                bad |= static_cast<u64>(v >= q);
                out[i] = v;
            }
        }
        // The last values byte by byte, then the padding check.
        std::size_t i = fast, bitpos = fast * step;
        std::size_t pos = bitpos >> 3;
        unsigned __int128 acc = 0;
        int have = 0;
        if (i < n && (bitpos & 7) != 0) {
            acc = in[pos++] >> (bitpos & 7);
            have = 8 - static_cast<int>(bitpos & 7);
        }
        for (; i < n; ++i) {
            while (have < bits) {
                acc |= static_cast<unsigned __int128>(in[pos++]) << have;
                have += 8;
            }
            const u64 v = static_cast<u64>(acc) & mask;
            acc >>= bits;
            have -= bits;
            bad |= static_cast<u64>(v >= q);
            out[i] = v;
        }
        if (bad != 0) [[unlikely]] {
            for (std::size_t k = 0; k < n; ++k)
                if (out[k] >= q)
                    malformed(std::string(what) + ": coefficient " + std::to_string(k) + " = " +
                              std::to_string(out[k]) + " is not below its prime " + std::to_string(q));
        }
        if (acc != 0) malformed(std::string(what) + ": nonzero padding bits");
        pos_ += nb;
    }
    void finish(const char* what) {
        if (pos_ != len_)
            malformed(std::string(what) + ": " + std::to_string(len_ - pos_) + " unexpected trailing bytes");
    }

private:
    u64 le(int n, const char* w) {
        need(static_cast<std::size_t>(n), w);
        u64 v = 0;
        for (int i = 0; i < n; ++i) v |= static_cast<u64>(p_[pos_ + i]) << (8 * i);
        pos_ += static_cast<std::size_t>(n);
        return v;
    }
    const std::uint8_t* p_;
    std::size_t len_, pos_ = 0;
};

// Writes the 24-byte header (common/object_header.hpp) of an object of `kind` written by this engine.
inline void header(Writer& w, Kind kind, u64 param_id, std::size_t payload) {
    std::uint8_t h[kHeaderSize];
    format::write_header(h, kind, format::Backend::kHe4j, param_id, payload);
    w.bytes(h, kHeaderSize);
}

// Validates the header of an object of `kind` for ctx's parameters; a Reader over the payload that follows it.
inline Reader open(const Context& ctx, const std::uint8_t* buf, std::size_t len, Kind kind) {
    const u64 id = ctx.param_id();
    format::read_header(buf, len, kind, format::Backend::kHe4j, &id);
    return Reader(buf + kHeaderSize, len - kHeaderSize);
}

}  // namespace he4j::ckks::wire
