internal import Glibc
internal import InflowCore

/// Why extract could not read an input: each case names the path and says what is wrong.
///
/// A missing input folder fails the source; the other cases fail one file, which the
/// extractor records in that file's result and goes on.
public enum ExtractError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An input folder of the source does not exist.
    case missingInput(String)
    /// A file was read as a mailbox, but its first non-empty line is not a `From ` separator.
    case notAMailbox(String)
    /// A file or folder could not be opened (`errno` from `open`, `opendir` or `stat`).
    case openFailed(String, errno: Int32)
    /// Reading a file failed part way (`errno` from `read` or `pread`).
    case readFailed(String, errno: Int32)
    /// libarchive could not read an archive: the path, the C function that failed and
    /// libarchive's own message (`archive_error_string`). Reading the archive stops here.
    case archiveFailed(String, call: String, message: String)
    /// One entry of an archive could not be read (an unsupported compression method, say);
    /// the other entries still are.
    case entryFailed(String, entry: String, message: String)
    /// An archive broke a safety limit (too many entries, too many bytes, a compression
    /// ratio only a decompression bomb has); reading it stops.
    case archiveRefused(String, reason: String)

    public var description: String {
        switch self {
        case .missingInput(let path):
            "input folder '\(path.debugEscaped)' does not exist; check the source's inputs "
                + "in the pipeline definition"
        case .notAMailbox(let path):
            "'\(path.debugEscaped)' is not a mailbox: its first non-empty line is not a "
                + "'From ' separator line"
        case .openFailed(let path, let code):
            "cannot open '\(path.debugEscaped)': \(ExtractError.message(code))"
        case .readFailed(let path, let code):
            "cannot read '\(path.debugEscaped)': \(ExtractError.message(code))"
        case .archiveFailed(let path, let call, let message):
            "cannot read archive '\(path.debugEscaped)': \(call) failed: \(message)"
        case .entryFailed(let path, let entry, let message):
            "cannot read entry '\(entry.debugEscaped)' of '\(path.debugEscaped)': \(message)"
        case .archiveRefused(let path, let reason):
            "archive '\(path.debugEscaped)' refused: \(reason)"
        }
    }

    /// The C library's text for an `errno` value (`strerror`).
    private static func message(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}
