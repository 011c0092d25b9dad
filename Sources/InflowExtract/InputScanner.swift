internal import Glibc
internal import InflowCore

/// What an input file holds, as `InputScanner.scan` classifies it.
public enum InputKind: Sendable, Equatable {
    /// A mailbox of many messages (`.mbox`, or content starting with a `From ` separator).
    case mailbox
    /// One message (`.eml`, or content starting with mail header fields).
    case message
    /// A calendar (`.ics`, or content starting `BEGIN:VCALENDAR`): one meetings item.
    case calendar
    /// An address book (`.vcf`, or content starting `BEGIN:VCARD`): one contacts item.
    case contacts
    /// A zip or tar archive (plain, gzip, bzip2 or xz), recognised by its first bytes.
    case archive
    /// Not mail; the reason says what it was taken for.
    case ignored(reason: String)
}

/// One file found under a source's input folders.
public struct InputFile: Sendable, Equatable {
    /// The file's absolute path.
    public var path: String
    /// The size in bytes when it was listed.
    public var size: Int64
    /// What the file holds.
    public var kind: InputKind

    /// Creates an input file entry.
    public init(path: String, size: Int64, kind: InputKind) {
        self.path = path
        self.size = size
        self.kind = kind
    }
}

/// Lists and classifies the files of a source's input folders.
///
/// Files are found recursively and sorted by path in byte order, so that every run sees them
/// in the same order; names starting with `.` are skipped, files and folders alike.
public enum InputScanner {
    /// Lists the files under `folders` with every kind a source's export can hold: mail,
    /// calendars, contacts, and archives of them.
    ///
    /// Files are in path order, except that the numbered parts of one split Takeout export
    /// (`takeout-20220106T172751Z-001.zip`, `-002.zip`, ...) in one folder follow each other in
    /// part order: each part is a complete archive, and together they are one input set. A
    /// single file spanning two parts is not supported: each part is read on its own.
    ///
    /// - Throws: `ExtractError.missingInput` for a folder that does not exist,
    ///   `ExtractError.openFailed` for one that cannot be listed.
    public static func scan(_ folders: [String]) throws(ExtractError) -> [InputFile] {
        let files = try list(folders).map {
            InputFile(path: $0.path, size: $0.size, kind: classify($0.path))
        }
        return TakeoutParts.ordered(files)
    }

    /// Classifies one file among every kind a source's export can hold, by its first 4 KiB
    /// and its name.
    public static func classify(_ path: String) -> InputKind {
        let head = (try? ReadableFile(path: path).read(count: MailSniffer.sniffLength, at: 0)) ?? []
        if ArchiveSniffer.isArchive(name: Path.basename(path), head: head) { return .archive }
        return SourceSniffer.kind(name: Path.basename(path), head: head)
    }

    /// The regular files under `folders`, sorted by path in byte order.
    private static func list(_ folders: [String]) throws(ExtractError)
        -> [(path: String, size: Int64)]
    {
        var found: [(path: String, size: Int64)] = []
        var visited: Set<FileIdentity> = []
        for folder in folders {
            let path = absolute(folder)
            var info = stat()
            guard stat(path, &info) == 0 else {
                throw errno == ENOENT ? .missingInput(path) : .openFailed(path, errno: errno)
            }
            if isFolder(info) {
                try walk(path, into: &found, visited: &visited)
            } else {
                found.append((path, Int64(info.st_size)))
            }
        }
        found.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        return found
    }

    /// Adds the files below `folder`, skipping dot-names and folders already seen through a
    /// symbolic link.
    private static func walk(
        _ folder: String, into found: inout [(path: String, size: Int64)],
        visited: inout Set<FileIdentity>
    ) throws(ExtractError) {
        var info = stat()
        guard stat(folder, &info) == 0 else { throw .openFailed(folder, errno: errno) }
        guard visited.insert(FileIdentity(info)).inserted else { return }

        for name in try entries(of: folder) where !name.hasPrefix(".") {
            let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
            // A link whose target is gone is still listed, so that reading it reports why
            // instead of the file vanishing from the counts.
            guard stat(path, &info) == 0 else {
                found.append((path, 0))
                continue
            }
            if isFolder(info) {
                try walk(path, into: &found, visited: &visited)
            } else if (info.st_mode & S_IFMT) == S_IFREG {
                found.append((path, Int64(info.st_size)))
            }
        }
    }

    /// The names in a folder (`opendir`, `readdir`).
    private static func entries(of folder: String) throws(ExtractError) -> [String] {
        guard let handle = opendir(folder) else { throw .openFailed(folder, errno: errno) }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) {
                String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self))
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    private static func isFolder(_ info: stat) -> Bool {
        (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// `path` made absolute against the working directory (`getcwd`).
    private static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return Path.normalize(path) }
        guard let cwd = getcwd(nil, 0) else { return Path.normalize(path) }
        defer { free(cwd) }
        return Path.resolve(path, against: String(cString: cwd))
    }
}

/// A folder's device and inode, to notice a folder reached twice.
private struct FileIdentity: Hashable {
    var device: UInt64
    var inode: UInt64

    init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }
}

/// Recognises mail by its first bytes.
enum MailSniffer {
    /// How many bytes of a file are read to recognise it.
    static let sniffLength = 4096

    private static let mailHeaders: Set<String> = [
        "from", "to", "cc", "subject", "date", "received", "return-path", "message-id",
        "mime-version", "delivered-to", "reply-to", "in-reply-to", "references", "x-gm-thrid",
    ]

    /// `.mailbox` when the first non-blank line is a separator, `.message` when the text
    /// opens with header fields among which at least one is a mail header, else nil.
    static func kind(of head: [UInt8]) -> InputKind? {
        var bytes = head[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        var lines = bytes.split(separator: 10, omittingEmptySubsequences: false)
            .map { $0.last == 13 ? $0.dropLast() : $0 }
        if head.count == sniffLength, lines.count > 1 { lines.removeLast() }

        let firstText = lines.first { line in line.contains { $0 != 32 && $0 != 9 } }
        if let firstText, MboxSeparator.parse(firstText) != nil { return .mailbox }

        var sawMailHeader = false
        for (index, line) in lines.enumerated() {
            if line.isEmpty { break }
            if index > 0, line.first == 32 || line.first == 9 { continue }
            guard let name = fieldName(line) else { return nil }
            sawMailHeader = sawMailHeader || mailHeaders.contains(name)
        }
        return sawMailHeader ? .message : nil
    }

    /// The lowercased field name of a `Name: value` line, or nil when the line is not one.
    private static func fieldName(_ line: ArraySlice<UInt8>) -> String? {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex else {
            return nil
        }
        let name = line[..<colon]
        guard name.allSatisfy({ $0 > 32 && $0 < 127 }) else { return nil }
        return String(decoding: name, as: UTF8.self).lowercased()
    }
}
