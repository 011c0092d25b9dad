internal import Glibc

extension Array {
    /// The transform of every element, computed by `workers` threads at once, in the order
    /// of the elements.
    ///
    /// Used for batches of independent items (parsing, scoring). The caller's thread takes
    /// part and the others are plain threads started for the batch, so they inherit the
    /// caller's CPU and IO priority (a backfill's low priority reaches all of its work) and
    /// nothing runs on Swift's cooperative thread pool.
    /// - Complexity: O(n) transforms; memory holds the results.
    public func parallelMap<Result>(workers: Int, _ transform: (Element) -> Result) -> [Result] {
        let workers = Swift.max(1, Swift.min(workers, count))
        guard workers > 1 else { return map(transform) }
        let slots = ResultSlots<Result>(count: count)
        withoutActuallyEscaping(transform) { transform in
            let box = TransformBox(elements: self, transform: transform, slots: slots, workers: workers)
            var threads: [pthread_t] = []
            for worker in 1..<workers {
                var thread = pthread_t()
                let context = Unmanaged.passRetained(WorkerContext(box: box, worker: worker)).toOpaque()
                if pthread_create(&thread, nil, { context in
                    let work = Unmanaged<AnyObject>.fromOpaque(context!).takeRetainedValue()
                    (work as! any ParallelWork).run()
                    return nil
                }, context) == 0 {
                    threads.append(thread)
                } else {
                    Unmanaged<WorkerContext<Element, Result>>.fromOpaque(context).release()
                    box.run(worker: worker)
                }
            }
            box.run(worker: 0)
            for thread in threads {
                pthread_join(thread, nil)
            }
        }
        return slots.values()
    }
}

/// Work a started thread does.
private protocol ParallelWork: AnyObject {
    func run()
}

/// One worker's share of a `parallelMap`, handed to its thread.
private final class WorkerContext<Element, Result>: ParallelWork {
    let box: TransformBox<Element, Result>
    let worker: Int

    init(box: TransformBox<Element, Result>, worker: Int) {
        self.box = box
        self.worker = worker
    }

    func run() {
        box.run(worker: worker)
    }
}

/// The elements, the transform and the result slots one `parallelMap` shares among its
/// threads.
///
/// `@unchecked Sendable`: the elements are only read, each slot is written by exactly one
/// worker (the index decides which), and the slots are read only after every thread has been
/// joined, which orders every write before the reads. The closures given to `parallelMap` are
/// called concurrently by design; its callers pass pure functions over read-only state.
private final class TransformBox<Element, Result>: @unchecked Sendable {
    let elements: [Element]
    let transform: (Element) -> Result
    let slots: ResultSlots<Result>
    let workers: Int

    init(elements: [Element], transform: @escaping (Element) -> Result, slots: ResultSlots<Result>,
         workers: Int)
    {
        self.elements = elements
        self.transform = transform
        self.slots = slots
        self.workers = workers
    }

    func run(worker: Int) {
        for index in Swift.stride(from: worker, to: elements.count, by: workers) {
            slots.set(index, transform(elements[index]))
        }
    }
}

/// Fixed slots that parallel workers fill, one slot per input, read once all workers are done.
///
/// `@unchecked Sendable`: see `TransformBox`.
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
