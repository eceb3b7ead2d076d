// A small pool of reusable scratch buffers, so hot paths (key switching, rescale) neither zero-fill nor
// page-fault fresh memory on every call. Thread-safe and not tied to any thread: a buffer may be returned
// from a different thread than the one that took it.
#pragma once
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <utility>
#include <vector>

namespace he4j::ckks {

class ScratchPool {
public:
    class Buffer {
    public:
        Buffer(ScratchPool* pool, std::uint64_t* p, std::size_t cap) : pool_(pool), p_(p), cap_(cap) {}
        Buffer(Buffer&& o) noexcept : pool_(o.pool_), p_(std::exchange(o.p_, nullptr)), cap_(o.cap_) {}
        Buffer(const Buffer&) = delete;
        Buffer& operator=(const Buffer&) = delete;
        Buffer& operator=(Buffer&&) = delete;
        ~Buffer() {
            if (p_) pool_->release(p_, cap_);
        }
        void swap(Buffer& o) noexcept {
            std::swap(pool_, o.pool_);
            std::swap(p_, o.p_);
            std::swap(cap_, o.cap_);
        }
        std::uint64_t* get() const { return p_; }
        std::uint64_t& operator[](std::size_t i) const { return p_[i]; }

    private:
        ScratchPool* pool_;
        std::uint64_t* p_;
        std::size_t cap_;
    };

    ScratchPool() = default;
    ScratchPool(const ScratchPool&) = delete;
    ScratchPool& operator=(const ScratchPool&) = delete;
    ~ScratchPool() {
        for (auto& [cap, p] : free_) delete[] p;
    }

    // Uninitialized buffer of at least `words` words.
    Buffer acquire(std::size_t words) {
        if (words == 0) words = 1;
        {
            std::lock_guard<std::mutex> lock(mutex_);
            std::size_t best = free_.size();
            for (std::size_t i = 0; i < free_.size(); ++i)
                if (free_[i].first >= words && (best == free_.size() || free_[i].first < free_[best].first)) best = i;
            if (best != free_.size()) {
                auto e = free_[best];
                free_[best] = free_.back();
                free_.pop_back();
                return Buffer(this, e.second, e.first);
            }
        }
        return Buffer(this, new std::uint64_t[words], words);
    }

private:
    void release(std::uint64_t* p, std::size_t cap) noexcept {
        std::lock_guard<std::mutex> lock(mutex_);
        if (free_.size() < kMaxBuffers) {
            try {
                free_.emplace_back(cap, p);
                return;
            } catch (...) {
            }
        }
        delete[] p;
    }
    static constexpr std::size_t kMaxBuffers = 24;
    std::mutex mutex_;
    std::vector<std::pair<std::size_t, std::uint64_t*>> free_;
};

}  // namespace he4j::ckks
