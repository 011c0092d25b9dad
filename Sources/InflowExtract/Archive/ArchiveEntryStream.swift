internal import InflowCore

/// The data of the current archive entry as a byte stream, with the archive's safety limits
/// checked on every read.
///
/// Bytes read ahead for `peek` (the first few KiB to classify the entry, a mailbox's
/// `Content-Length` window) are kept and handed out again by `read`.
final class ArchiveEntryStream: ByteSource {
    /// The entry's name, for errors.
    let entry: String
    private let reader: ArchiveReader
    private let limits: ArchiveLimits
    /// The most bytes the entry may decompress to; nil for a mailbox or an entry only hashed.
    var maxBytes: Int64?
    /// Whether the entry is a mailbox, which is streamed and has its own ratio limit.
    var isMailbox = false
    private let compressedAtStart: Int64
    private var ahead: [UInt8] = []
    private var aheadStart = 0
    private var delivered: Int64 = 0
    private var decompressed: Int64 = 0
    private var ended = false
    /// The bytes the archive decompressed before this entry; updated as this one is read.
    private(set) var archiveTotal: Int64

    /// Starts streaming the reader's current entry.
    ///
    /// - Parameters:
    /// `maxBytes` and `isMailbox` are set once the first bytes have told what the entry is.
    ///
    /// - Parameter archiveTotal: What the archive decompressed before this entry.
    init(reader: ArchiveReader, entry: String, limits: ArchiveLimits, archiveTotal: Int64) {
        self.reader = reader
        self.entry = entry
        self.limits = limits
        self.archiveTotal = archiveTotal
        compressedAtStart = reader.compressedBytes
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(ExtractError) -> Int {
        guard aheadStart == ahead.count else { return drainAhead(into: buffer) }
        let count = try pull(into: buffer)
        delivered += Int64(count)
        return count
    }

    func peek(count: Int, at offset: Int64) throws(ExtractError) -> [UInt8]? {
        let skip = Int(offset - delivered)
        let wanted = skip + count
        guard wanted <= limits.maxLookahead else { return nil }
        try fillAhead(to: wanted)

        let from = min(ahead.count, aheadStart + skip)
        return Array(ahead[from..<min(ahead.count, aheadStart + wanted)])
    }

    /// Reads the whole entry into memory (it is known to be within `maxBytes`).
    func readAll() throws(ExtractError) -> [UInt8] {
        try fillAhead(to: Int.max)
        let bytes = Array(ahead[aheadStart...])
        delivered += Int64(bytes.count)
        ahead = []
        aheadStart = 0
        return bytes
    }

    /// Reads from the archive until `count` bytes wait ahead or the entry ends.
    private func fillAhead(to count: Int) throws(ExtractError) {
        // Drop what was handed out once it is most of the buffer, so that repeated peeks
        // copy little and memory stays within the look-ahead limit.
        if aheadStart > 0, aheadStart * 2 >= ahead.count {
            ahead.removeSubrange(..<aheadStart)
            aheadStart = 0
        }
        let chunk = UnsafeMutableRawBufferPointer.allocate(
            byteCount: ArchiveReader.blockSize, alignment: 1)
        defer { chunk.deallocate() }
        while !ended, ahead.count - aheadStart < count {
            let got = try pull(into: chunk)
            ahead.append(contentsOf: chunk[..<got])
        }
    }

    private func drainAhead(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        let count = min(buffer.count, ahead.count - aheadStart)
        ahead[aheadStart..<(aheadStart + count)].withUnsafeBytes {
            buffer.copyMemory(from: $0)
        }
        aheadStart += count
        delivered += Int64(count)
        return count
    }

    /// Reads from the archive and checks the limits on what came out.
    private func pull(into buffer: UnsafeMutableRawBufferPointer) throws(ExtractError) -> Int {
        guard !ended else { return 0 }
        let count = try reader.read(into: buffer, entry: entry)
        if count == 0 { ended = true }
        decompressed += Int64(count)
        archiveTotal += Int64(count)
        try checkLimits()
        return count
    }

    private func checkLimits() throws(ExtractError) {
        if let maxBytes, decompressed > maxBytes {
            throw refuse("it decompresses to more than \(maxBytes) bytes")
        }
        if archiveTotal > limits.maxTotalBytes {
            throw .archiveRefused(
                reader.path,
                reason: "it decompresses to more than \(limits.maxTotalBytes) bytes in all")
        }
        guard decompressed > limits.ratioFloor else { return }

        // The compressed count moves in whole blocks: adding one block keeps the estimate on
        // the generous side, so only a real bomb is refused.
        let compressed = reader.compressedBytes - compressedAtStart + Int64(ArchiveReader.blockSize)
        let maxRatio = isMailbox ? limits.maxMailboxRatio : limits.maxRatio
        if decompressed / compressed > maxRatio {
            throw refuse(
                "it expands more than \(maxRatio) times (\(decompressed) bytes from at most "
                    + "\(compressed)), a decompression bomb")
        }
    }

    private func refuse(_ reason: String) -> ExtractError {
        .archiveRefused(reader.path, reason: "entry '\(entry.debugEscaped)': \(reason)")
    }
}
