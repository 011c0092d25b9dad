/// Fixed slots that parallel workers fill, one slot per input, read once all workers are done.
///
/// `@unchecked Sendable`: no lock is needed because each slot is written by exactly one worker
/// (the slot's index decides which) and read only after `DispatchQueue.concurrentPerform`
/// has returned, which orders every write before the reads.
final class ResultSlots<Value>: @unchecked Sendable {
    private var slots: [Value?]

    init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    /// Stores the value of slot `index`; call once per index.
    func set(_ index: Int, _ value: Value) {
        slots.withUnsafeMutableBufferPointer { $0[index] = value }
    }

    /// Every slot's value, in index order.
    func values() -> [Value] {
        slots.map { $0! }
    }
}
