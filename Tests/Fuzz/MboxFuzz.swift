@testable import InflowExtract

/// A byte source over memory, so the splitter can be fed fuzz input without a file.
final class MemorySource: ByteSource {
    private let bytes: [UInt8]
    private var position = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(ExtractError) -> Int {
        let count = min(buffer.count, bytes.count - position)
        bytes.withUnsafeBytes { source in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[position..<position + count]))
        }
        position += count
        return count
    }

    func peek(count: Int, at offset: Int64) throws(ExtractError) -> [UInt8]? {
        let start = min(Int(offset), bytes.count)
        return Array(bytes[start..<min(start + count, bytes.count)])
    }
}

/// libFuzzer entry point: one input is one mailbox for the mbox splitter, read in small
/// chunks so that separators and `Content-Length` bodies straddle buffer refills.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMbox(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let splitter = MboxSplitter(
        source: MemorySource(bytes), name: "fuzz.mbox", limits: ExtractLimits(maxMessageBytes: 4096), chunkSize: 16)
    while let entry = try? splitter.next() {
        _ = entry
    }
    return 0
}
