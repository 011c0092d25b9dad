import InflowCore
import InflowDigest

/// Where one unfolded content line lies in the input: the bytes from its first physical line to
/// the end of its last continuation, without the final line break.
struct RawContentLine {
    /// The index of the line's first byte.
    var start: Int
    /// The index past the line's last byte, before its line break.
    var end: Int
    /// The 1-based number of the line's first physical line, for messages.
    var number: Int
    /// True when continuation lines were joined, so the range still holds fold breaks.
    var folded: Bool
}

/// Splits iCalendar and vCard text into unfolded content lines (RFC 5545 and RFC 6350 folding).
///
/// Line breaks may be CRLF, LF or a lone CR. A physical line that starts with a space or a tab
/// continues the one before it. Lines are handed out as ranges so that a caller can skip a large
/// value (a vCard PHOTO) without copying it; `unfold` copies the bytes of the lines it keeps.
/// Blank lines and a leading UTF-8 byte order mark are skipped.
struct ContentLineReader {
    let bytes: [UInt8]
    private var index: Int
    private var lineNumber = 0

    /// Starts reading `bytes` from the beginning.
    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        self.index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    }

    /// The next non-blank content line, or nil at the end of the input.
    ///
    /// - Complexity: O(length of the line and its continuations).
    mutating func next() -> RawContentLine? {
        while index < bytes.count {
            let start = index
            lineNumber += 1
            let number = lineNumber
            var end = physicalLineEnd(from: start)
            index = afterBreak(end)
            var folded = false

            while index < bytes.count, ASCII.isBlank(bytes[index]) {
                folded = true
                lineNumber += 1
                end = physicalLineEnd(from: index)
                index = afterBreak(end)
            }
            if end > start {
                return RawContentLine(start: start, end: end, number: number, folded: folded)
            }
        }
        return nil
    }

    /// The line's bytes with every fold break (a line break and one space or tab) removed, so a
    /// multi-byte character split across lines is whole again.
    ///
    /// - Parameter softBreaks: Whether the value is quoted-printable, where a `=` right before a
    ///   fold break is a soft line break and goes with it.
    func unfold(_ line: RawContentLine, softBreaks: Bool = false) -> [UInt8] {
        guard line.folded else { return Array(bytes[line.start..<line.end]) }
        var out: [UInt8] = []
        out.reserveCapacity(line.end - line.start)
        var position = line.start
        while position < line.end {
            let byte = bytes[position]
            guard byte == ASCII.cr || byte == ASCII.lf else {
                out.append(byte)
                position += 1
                continue
            }
            if softBreaks, out.last == ASCII.equals { out.removeLast() }
            position = afterBreak(position) + 1
        }
        return out
    }

    /// The line's bytes up to its first `:` or `;`, uppercased: the property name with any
    /// group, read without unfolding the whole line.
    func name(_ line: RawContentLine) -> [UInt8] {
        var out: [UInt8] = []
        var position = line.start
        while position < line.end, out.count < 64 {
            let byte = bytes[position]
            if byte == ASCII.colon || byte == ASCII.semicolon { break }
            if byte == ASCII.cr || byte == ASCII.lf {
                position = afterBreak(position) + 1
                continue
            }
            out.append(byte >= 0x61 && byte <= 0x7A ? byte - 0x20 : byte)
            position += 1
        }
        return out
    }

    /// The index of the CR or LF that ends the physical line starting at `start`, or the end.
    private func physicalLineEnd(from start: Int) -> Int {
        var position = start
        while position < bytes.count, bytes[position] != ASCII.lf, bytes[position] != ASCII.cr {
            position += 1
        }
        return position
    }

    /// The index after the line break at `position` (CRLF, LF or CR).
    private func afterBreak(_ position: Int) -> Int {
        guard position < bytes.count else { return position }
        if bytes[position] == ASCII.cr, position + 1 < bytes.count, bytes[position + 1] == ASCII.lf {
            return position + 2
        }
        return position + 1
    }
}

extension RawItem {
    /// The item's origin narrowed to the component in `start..<end`: its own offset and the
    /// SHA-256 of its own bytes, so each event or card can be traced and compared alone.
    func origin(start: Int, end: Int) -> Origin {
        let bytes = self.bytes[start..<max(start, min(end, self.bytes.count))]
        return Origin(
            file: origin.file, entry: origin.entry, offset: (origin.offset ?? 0) + Int64(start),
            sha256: SHA256.hex(bytes))
    }
}
