import Dispatch

extension Array {
    /// The transform of every element, computed by `workers` threads at once, in the order
    /// of the elements.
    ///
    /// Used for batches of independent items (parsing, scoring); the caller's thread takes
    /// part, so nothing runs on Swift's cooperative thread pool.
    /// - Complexity: O(n) transforms; memory holds the results.
    public func parallelMap<Result>(workers: Int, _ transform: (Element) -> Result) -> [Result] {
        let workers = Swift.max(1, Swift.min(workers, count))
        guard workers > 1 else { return map(transform) }
        let slots = ResultSlots<Result>(count: count)
        let count = self.count
        withoutActuallyEscaping(transform) { transform in
            let box = TransformBox(elements: self, transform: transform)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                for index in Swift.stride(from: worker, to: count, by: workers) {
                    slots.set(index, box.transform(box.elements[index]))
                }
            }
        }
        return slots.values()
    }
}

/// Carries the elements and a non-`Sendable` closure into `concurrentPerform`.
///
/// `@unchecked Sendable`: the elements are only read, and the closures given to
/// `parallelMap` are called concurrently by design; its callers pass pure functions of their
/// argument over read-only state.
private final class TransformBox<Element, Result>: @unchecked Sendable {
    let elements: [Element]
    let transform: (Element) -> Result

    init(elements: [Element], transform: @escaping (Element) -> Result) {
        self.elements = elements
        self.transform = transform
    }
}

/// Fixed slots that parallel workers fill, one slot per input, read once all workers are done.
///
/// `@unchecked Sendable`: no lock is needed because each slot is written by exactly one worker
/// (the slot's index decides which) and read only after `DispatchQueue.concurrentPerform`
/// has returned, which orders every write before the reads.
private final class ResultSlots<Value>: @unchecked Sendable {
    private var slots: [Value?]

    init(count: Int) {
        slots = Array<Value?>(repeating: nil, count: count)
    }

    func set(_ index: Int, _ value: Value) {
        slots.withUnsafeMutableBufferPointer { $0[index] = value }
    }

    func values() -> [Value] {
        slots.map { $0! }
    }
}
