#if canImport(Glibc)
import Glibc
#endif

/// Asks the kernel for 2 MB pages over a large fresh buffer, before it is first written:
/// writing hundreds of megabytes into 4 KB pages costs a page fault each (a quarter of a
/// million for the national preset). Only for memory that will be written whole (a huge page
/// is cleared whole on its first touch).
func adviseHugePages(_ raw: UnsafeMutableRawBufferPointer) {
    #if os(Linux)
    guard raw.count >= 4 << 20, let base = raw.baseAddress else { return }
    let page = 2 << 20, start = (Int(bitPattern: base) + page - 1) & ~(page - 1)
    let end = (Int(bitPattern: base) + raw.count) & ~(page - 1)
    if end > start { _ = madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, 14 /* MADV_HUGEPAGE */) }
    #endif
}

/// Memory for `count` plain values, allocated and initialised once, with one owner that frees
/// it when it ends: non-copyable, so no copy can free it twice or outlive it (as
/// swift-collections' `_Unsafe…` storage types do).
///
/// The engine's inner loops read and write it without bounds checks, through ``pointer``: valid
/// while the buffer is borrowed (in a method of its owner, or while the owner is still used
/// after the pointer's last use), never to be kept beyond.
struct UniqueBuffer<Element: BitwiseCopyable>: ~Copyable, @unchecked Sendable {
    private let base: UnsafeMutablePointer<Element>
    let count: Int

    /// `count` copies of `value`.
    init(repeating value: Element, count: Int) {
        base = .allocate(capacity: count)
        base.initialize(repeating: value, count: count)
        self.count = count
    }

    /// A copy of `values`.
    init(_ values: [Element]) {
        count = values.count
        base = .allocate(capacity: count)
        values.withUnsafeBufferPointer { base.initialize(from: $0.baseAddress!, count: count) }
    }

    deinit { base.deallocate() }

    /// The memory: valid only while this buffer is borrowed.
    @inline(__always) var pointer: UnsafeMutablePointer<Element> { base }

    @inline(__always) subscript(_ i: Int) -> Element {
        get { base[i] }
        nonmutating set { base[i] = newValue }
    }

    /// Sets every value to `value`.
    func reset(to value: Element) { base.update(repeating: value, count: count) }
}
