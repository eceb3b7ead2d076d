// Storage for ciphertext and plaintext polynomials: 64-byte aligned (one AVX-512 vector never straddles a
// cache line) and not zero-filled on growth (every operation writes all the words it later reads), so
// reshaping a reused output costs neither a memset nor, within capacity, an allocation.
#pragma once
#include <cstddef>
#include <cstdint>
#include <new>
#include <vector>

namespace he4j::ckks {

template <class T>
struct PolyAllocator {
    using value_type = T;
    static constexpr std::align_val_t kAlign{64};

    PolyAllocator() = default;
    template <class U>
    PolyAllocator(const PolyAllocator<U>&) noexcept {}

    T* allocate(std::size_t count) { return static_cast<T*>(::operator new(count * sizeof(T), kAlign)); }
    void deallocate(T* p, std::size_t) noexcept { ::operator delete(p, kAlign); }
    // Value-less construction default-initializes: growth leaves words uninitialized instead of zeroing.
    template <class U>
    void construct(U* p) noexcept {
        ::new (static_cast<void*>(p)) U;
    }
    template <class U, class... Args>
    void construct(U* p, Args&&... args) {
        ::new (static_cast<void*>(p)) U(static_cast<Args&&>(args)...);
    }

    template <class U>
    bool operator==(const PolyAllocator<U>&) const noexcept {
        return true;
    }
};

using PolyStorage = std::vector<std::uint64_t, PolyAllocator<std::uint64_t>>;

}  // namespace he4j::ckks
