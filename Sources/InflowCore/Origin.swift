/// Where an item came from: the input file, the archive entry, the byte offset of the item
/// in that file or entry, and the SHA-256 of its raw bytes.
///
/// Every record carries its origin so an analyst can go from any row back to the exact bytes
/// it was read from, and so quick syncs can skip items whose raw bytes are already loaded.
public struct Origin: Sendable, Hashable {
    /// The input file's path as found under the source's input folder.
    public var file: String
    /// The entry inside an archive, or nil for a plain file.
    public var entry: String?
    /// The byte offset of the item in the file or entry, or nil when the item is the whole file.
    public var offset: Int64?
    /// The lowercase hex SHA-256 of the item's raw bytes.
    public var sha256: String

    /// Creates an origin.
    public init(file: String, entry: String? = nil, offset: Int64? = nil, sha256: String) {
        self.file = file
        self.entry = entry
        self.offset = offset
        self.sha256 = sha256
    }

    /// The origin as a JSON object with the keys `file`, `entry`, `offset`, `sha256`.
    public var json: JSON {
        .object(JSONObject([
            ("file", .string(file)), ("entry", JSON(entry)), ("offset", JSON(offset)),
            ("sha256", .string(sha256)),
        ]))
    }

    /// Reads an origin from its JSON form; nil when `file` or `sha256` is missing.
    public init?(json: JSON?) {
        guard let object = json?.objectValue, let file = object.string("file"),
            let sha256 = object.string("sha256")
        else { return nil }
        self.init(
            file: file, entry: object.string("entry"), offset: object[ "offset"]?.intValue,
            sha256: sha256)
    }
}
