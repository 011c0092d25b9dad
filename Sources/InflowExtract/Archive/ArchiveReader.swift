internal import CArchive
internal import Glibc

/// One entry of an archive as its header describes it.
struct ArchiveEntry {
    /// What an entry is; only regular files hold data.
    enum Kind: Equatable {
        case file
        case directory
        case symbolicLink
        case hardLink
        /// A device, a FIFO, a socket: named by what it is.
        case special(String)
    }

    /// The name decoded for display: UTF-8 when the stored bytes are, else CP437 (zip) or
    /// Latin-1 (tar).
    var name: String
    /// Why the stored name needed a fallback decoding, or nil when it was UTF-8.
    var nameNote: String?
    var kind: Kind
    /// The uncompressed size the header declares, or nil when it declares none.
    var size: Int64?
    var encrypted: Bool
}

/// Reads an archive (zip, ZIP64 included, or tar, plain or compressed with gzip, bzip2 or xz)
/// entry by entry, streaming each entry's data; nothing is ever written to disk.
///
/// The format is recognised by content, not by name. Every libarchive call goes through
/// `check`, which turns a failure into `ExtractError.archiveFailed` with the function's name
/// and `archive_error_string`. The handle is freed in `deinit`.
final class ArchiveReader {
    /// The archive's path, for error messages.
    let path: String
    private let handle: OpaquePointer
    /// Set once libarchive reports a fatal error: the archive can not be read further.
    private(set) var broken = false

    /// The block size asked of `archive_read_open_filename`.
    static let blockSize = 64 << 10

    /// Opens an archive (`archive_read_new`, `archive_read_support_*`,
    /// `archive_read_open_filename`).
    ///
    /// - Throws: `ExtractError.archiveFailed` when the file is missing or not an archive
    ///   of a supported kind.
    init(path: String) throws(ExtractError) {
        guard let handle = archive_read_new() else {
            throw .archiveFailed(path, call: "archive_read_new", message: "out of memory")
        }
        self.path = path
        self.handle = handle
        // The formats and filters a Takeout or CRM export comes in, and no others.
        try check("archive_read_support_format_zip") { archive_read_support_format_zip(handle) }
        try check("archive_read_support_format_tar") { archive_read_support_format_tar(handle) }
        try check("archive_read_support_format_gnutar") {
            archive_read_support_format_gnutar(handle)
        }
        try check("archive_read_support_filter_gzip") { archive_read_support_filter_gzip(handle) }
        try check("archive_read_support_filter_bzip2") {
            archive_read_support_filter_bzip2(handle)
        }
        try check("archive_read_support_filter_xz") { archive_read_support_filter_xz(handle) }
        try check("archive_read_open_filename") {
            archive_read_open_filename(handle, path, ArchiveReader.blockSize)
        }
    }

    deinit {
        archive_read_free(handle)
    }

    /// The next entry's header, or nil after the last (`archive_read_next_header`).
    ///
    /// The unread rest of the previous entry is skipped.
    ///
    /// - Throws: `ExtractError.archiveFailed` for a truncated or corrupt archive.
    func nextEntry() throws(ExtractError) -> ArchiveEntry? {
        var entry: OpaquePointer?
        let status = try check("archive_read_next_header") {
            archive_read_next_header(handle, &entry)
        }
        guard status != ARCHIVE_EOF, let entry else { return nil }
        return describe(entry)
    }

    /// Reads the current entry's next bytes (`archive_read_data`); 0 at its end.
    ///
    /// - Throws: `ExtractError.entryFailed` when only this entry cannot be read (encrypted,
    ///   an unsupported method), `.archiveFailed` when the archive is broken from here on.
    func read(into buffer: UnsafeMutableRawBufferPointer, entry: String) throws(ExtractError)
        -> Int
    {
        let count = withUTF8Locale { archive_read_data(handle, buffer.baseAddress, buffer.count) }
        guard count < 0 else { return count }
        if Int32(count) == ARCHIVE_FATAL { broken = true }
        let message = errorText()
        if broken { throw .archiveFailed(path, call: "archive_read_data", message: message) }
        throw .entryFailed(path, entry: entry, message: message)
    }

    /// The compressed bytes read from the file so far (`archive_filter_bytes`).
    var compressedBytes: Int64 {
        archive_filter_bytes(handle, -1)
    }

    /// Whether the archive is a zip, whose names fall back to CP437 rather than Latin-1.
    private var isZip: Bool {
        (archive_format(handle) & ARCHIVE_FORMAT_BASE_MASK) == ARCHIVE_FORMAT_ZIP
    }

    private func describe(_ entry: OpaquePointer) -> ArchiveEntry {
        let decoded = EntryName.decode(rawName(entry), zip: isZip)
        return ArchiveEntry(
            name: decoded.name, nameNote: decoded.note, kind: kind(entry),
            size: archive_entry_size_is_set(entry) != 0 ? archive_entry_size(entry) : nil,
            encrypted: archive_entry_is_encrypted(entry) != 0)
    }

    /// The name's bytes as stored (`archive_entry_pathname`, else the UTF-8 form).
    private func rawName(_ entry: OpaquePointer) -> [UInt8] {
        let pointer = withUTF8Locale {
            archive_entry_pathname(entry) ?? archive_entry_pathname_utf8(entry)
        }
        guard let pointer else { return [] }
        return Array(UnsafeBufferPointer(start: pointer, count: strlen(pointer)))
            .map { UInt8(bitPattern: $0) }
    }

    private func kind(_ entry: OpaquePointer) -> ArchiveEntry.Kind {
        if archive_entry_hardlink(entry) != nil { return .hardLink }
        switch archive_entry_filetype(entry) & 0o170000 {
        case 0o100000: return .file
        case 0o040000: return .directory
        case 0o120000: return .symbolicLink
        case 0o020000, 0o060000: return .special("a device")
        case 0o010000: return .special("a named pipe")
        case 0o140000: return .special("a socket")
        default: return .special("of an unknown file type")
        }
    }

    /// Runs one libarchive call and turns a failure into an error naming it.
    ///
    /// `ARCHIVE_WARN` passes (the entry is still usable); anything else below `ARCHIVE_OK`
    /// throws, and `ARCHIVE_FATAL` also marks the archive broken.
    @discardableResult
    private func check(_ call: String, _ body: () -> Int32) throws(ExtractError) -> Int32 {
        let status = withUTF8Locale(body)
        guard status != ARCHIVE_OK, status != ARCHIVE_EOF, status != ARCHIVE_WARN else {
            return status
        }
        if status == ARCHIVE_FATAL { broken = true }
        throw .archiveFailed(path, call: call, message: errorText())
    }

    /// `archive_error_string`, or a stand-in when libarchive gives none.
    private func errorText() -> String {
        guard let text = archive_error_string(handle) else { return "no reason given" }
        return String(decoding: UnsafeRawBufferPointer(start: text, count: strlen(text)),
                      as: UTF8.self)
    }

    /// Runs `body` with this thread's character type set to UTF-8 (`uselocale`), so that
    /// libarchive hands over names flagged UTF-8 instead of failing to convert them to the
    /// process's "C" locale; the process-wide locale is left alone.
    private func withUTF8Locale<T>(_ body: () -> T) -> T {
        guard let locale = ArchiveReader.utf8Locale else { return body() }
        let previous = uselocale(locale)
        defer { uselocale(previous) }
        return body()
    }

    /// The C.UTF-8 locale, made once and never freed (`newlocale`). Unsafe only in name: it
    /// is never changed after it is made, and `uselocale` only reads it.
    private nonisolated(unsafe) static let utf8Locale: locale_t? =
        newlocale(LC_CTYPE_MASK, "C.UTF-8", nil)
}
