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
        }
    }

    /// The C library's text for an `errno` value (`strerror`).
    private static func message(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}
