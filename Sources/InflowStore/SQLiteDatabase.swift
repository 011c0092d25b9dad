internal import CSQLite

/// A SQLite connection: the one place the catalog's C calls go through, each failure turned
/// into a `StoreError` carrying `sqlite3_errmsg`.
public final class SQLiteDatabase {
    /// The database file.
    public let path: String
    private let handle: OpaquePointer
    private var statements: [String: OpaquePointer] = [:]

    /// A value bound to or read from a statement column.
    public enum Value: Equatable, Sendable {
        case null
        case integer(Int64)
        case real(Double)
        case text(String)
        case blob([UInt8])

        /// The text payload, or nil.
        public var text: String? {
            if case .text(let value) = self { return value }
            return nil
        }

        /// The integer payload, or nil.
        public var integer: Int64? {
            if case .integer(let value) = self { return value }
            return nil
        }

        /// The blob payload (text counts as its UTF-8 bytes), or nil.
        public var blob: [UInt8]? {
            switch self {
            case .blob(let value): value
            case .text(let value): Array(value.utf8)
            default: nil
            }
        }
    }

    /// Opens or creates the database (`sqlite3_open_v2`), in WAL mode with a busy timeout so
    /// that a reader and the loader do not fail on each other.
    public init(path: String) throws {
        self.path = path
        var db: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        guard sqlite3_open_v2(path, &db, flags, nil) == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close(db)
            throw StoreError(.catalog, path: path, "sqlite3_open_v2 failed: \(message)")
        }
        handle = db
        sqlite3_busy_timeout(db, 30_000)
        try execute("PRAGMA journal_mode=WAL")
        try execute("PRAGMA synchronous=NORMAL")
        try execute("PRAGMA temp_store=FILE")
    }

    deinit {
        for statement in statements.values {
            sqlite3_finalize(statement)
        }
        sqlite3_close(handle)
    }

    /// Runs one or more statements without results (`sqlite3_exec`).
    public func execute(_ sql: String) throws {
        var error: UnsafeMutablePointer<CChar>?
        guard sqlite3_exec(handle, sql, nil, nil, &error) == SQLITE_OK else {
            let message = error.map { String(cString: $0) } ?? "unknown error"
            sqlite3_free(error)
            throw StoreError(.catalog, path: path, "sqlite3_exec failed: \(message)")
        }
    }

    /// Runs a statement with bound parameters and returns its rows (`sqlite3_prepare_v2`,
    /// `sqlite3_step`); statements are cached by their text.
    @discardableResult
    public func query(_ sql: String, _ parameters: [Value] = []) throws -> [[Value]] {
        var rows: [[Value]] = []
        try each(sql, parameters) { rows.append($0) }
        return rows
    }

    /// Runs a statement and calls `body` with each row as it is stepped, without collecting
    /// them, so large results stream.
    public func each(_ sql: String, _ parameters: [Value], _ body: ([Value]) throws -> Void) throws {
        let statement = try prepare(sql)
        defer {
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
        }
        for (index, value) in parameters.enumerated() {
            try bind(value, at: Int32(index + 1), in: statement)
        }
        while true {
            let code = sqlite3_step(statement)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else { throw failure("sqlite3_step") }
            let columns = sqlite3_column_count(statement)
            try body((0..<columns).map { column(statement, $0) })
        }
    }

    /// Runs `body` inside one transaction, committing when it returns and rolling back when it
    /// throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// The number of rows the last statement changed (`sqlite3_changes`).
    public var changes: Int {
        Int(sqlite3_changes(handle))
    }

    private func prepare(_ sql: String) throws -> OpaquePointer {
        if let cached = statements[sql] { return cached }
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
            throw failure("sqlite3_prepare_v2")
        }
        statements[sql] = statement
        return statement
    }

    private func bind(_ value: Value, at index: Int32, in statement: OpaquePointer) throws {
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        let code: Int32
        switch value {
        case .null: code = sqlite3_bind_null(statement, index)
        case .integer(let number): code = sqlite3_bind_int64(statement, index, number)
        case .real(let number): code = sqlite3_bind_double(statement, index, number)
        case .text(let text): code = sqlite3_bind_text(statement, index, text, -1, transient)
        case .blob(let bytes):
            code = bytes.withUnsafeBytes {
                sqlite3_bind_blob(statement, index, $0.baseAddress, Int32($0.count), transient)
            }
        }
        guard code == SQLITE_OK else { throw failure("sqlite3_bind") }
    }

    private func column(_ statement: OpaquePointer, _ index: Int32) -> Value {
        switch sqlite3_column_type(statement, index) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(statement, index))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(statement, index))
        case SQLITE_TEXT: return .text(String(cString: sqlite3_column_text(statement, index)))
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(statement, index))
            guard count > 0, let base = sqlite3_column_blob(statement, index) else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: base, count: count)))
        default: return .null
        }
    }

    private func failure(_ call: String) -> StoreError {
        StoreError(.catalog, path: path, "\(call) failed: \(String(cString: sqlite3_errmsg(handle)))")
    }
}
