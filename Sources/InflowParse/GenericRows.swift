public import InflowCore

/// One row of a CSV or JSON file that matches no known layout, kept as header-to-text pairs.
///
/// Such files are still worth showing: `inflow inspect` prints them so that a user can see
/// what a new export holds before a layout for it exists.
public struct GenericRow: Sendable, Equatable {
    /// The 1-based row number: CSV rows are counted after the header, JSON values from the
    /// first one.
    public var number: Int
    /// The fields in column order under unique names; values are text, or null where a row
    /// has no value for a column.
    public var fields: JSONObject

    /// Creates a row.
    public init(number: Int, fields: JSONObject) {
        self.number = number
        self.fields = fields
    }

    /// `{"type": "row", "row": N, "fields": {...}}`.
    public var json: JSON {
        .object(JSONObject([("type", .string("row")), ("row", .int(Int64(number))), ("fields", .object(fields))]))
    }
}

/// Reads CSV, JSON and JSON Lines files as ``GenericRow`` values.
public enum GenericRowReader {
    /// Reads a CSV file whose first record is the header, calling `each` per data row.
    ///
    /// A UTF-8 byte-order mark is not part of the first header, quoted fields keep embedded
    /// line breaks verbatim, and a repeated header gets ` (2)`, ` (3)` appended. A value past
    /// the last header is named `column N` (N counted from 1); a row shorter than the header
    /// has null for the missing columns.
    ///
    /// - Parameters:
    ///   - bytes: The file's content.
    ///   - separator: The field separator, a comma unless told otherwise.
    ///   - each: Called with every row in file order.
    /// - Throws: ``CSVReader/SyntaxError`` at the first malformed record; the rows before it
    ///   have been passed to `each`.
    /// - Complexity: O(n) in the size of the file; one record is held at a time.
    public static func csv(
        _ bytes: [UInt8], separator: UInt8 = UInt8(ascii: ","), each: (GenericRow) -> Void
    ) throws(CSVReader.SyntaxError) {
        var reader = CSVReader(bytes: bytes, separator: separator)
        guard var names = try reader.nextRecord().map(uniqueNames) else { return }
        var number = 0
        while let record = try reader.nextRecord() {
            number += 1
            if record.count > names.count {
                names = uniqueNames(names + (names.count..<record.count).map { "column \($0 + 1)" })
            }
            let pairs = names.indices.map { (names[$0], JSON($0 < record.count ? record[$0] : nil)) }
            each(GenericRow(number: number, fields: JSONObject(pairs)))
        }
    }

    /// Reads a JSON file as rows: each object of a top-level array, a single top-level object,
    /// or each line of a JSON Lines file.
    ///
    /// Strings become their text, other values (numbers, booleans, nested arrays and objects)
    /// their compact JSON text, null stays null. A value that is not an object becomes a row
    /// with one field, `value`.
    ///
    /// - Parameters:
    ///   - bytes: The file's content.
    ///   - each: Called with every row in file order.
    /// - Throws: `JSON.SyntaxError` when the file is neither one JSON value nor JSON Lines
    ///   (where the whole document stopped being JSON); for JSON Lines, at the first line that
    ///   is not JSON, naming that line, after the rows before it have been passed to `each`.
    public static func json(_ bytes: [UInt8], each: (GenericRow) -> Void) throws(JSON.SyntaxError) {
        let document: JSON
        do {
            document = try JSON.parse(bytes)
        } catch {
            guard lineCount(bytes) > 1 else { throw error }

            // A file whose first line is not JSON either is one broken document, not JSON Lines.
            var rows = 0
            do {
                try jsonLines(bytes) { row in
                    rows += 1
                    each(row)
                }
            } catch let lineError {
                throw rows == 0 ? error : lineError
            }
            return
        }
        let values = document.arrayValue ?? [document]
        for (index, value) in values.enumerated() {
            each(row(number: index + 1, value: value))
        }
    }

    /// `headers` with a repeated name made unique by appending ` (2)`, ` (3)`, and so on.
    public static func uniqueNames(_ headers: [String]) -> [String] {
        var seen: Set<String> = []
        var names: [String] = []
        names.reserveCapacity(headers.count)
        for header in headers {
            var name = header
            var copy = 1
            while seen.contains(name) {
                copy += 1
                name = "\(header) (\(copy))"
            }
            seen.insert(name)
            names.append(name)
        }
        return names
    }

    /// Reads one JSON value per non-blank line.
    private static func jsonLines(_ bytes: [UInt8], each: (GenericRow) -> Void) throws(JSON.SyntaxError) {
        var number = 0
        var lineNumber = 0
        var start = 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            lineNumber += 1
            let line = bytes[start..<end]
            if line.contains(where: { !ASCII.isWhitespace($0) }) {
                let value: JSON
                do {
                    value = try JSON.parse(line)
                } catch {
                    throw JSON.SyntaxError(
                        reason: "line \(lineNumber): \(error.reason)", offset: start + error.offset)
                }
                number += 1
                each(row(number: number, value: value))
            }
            start = end + 1
        }
    }

    /// The row for one JSON value.
    private static func row(number: Int, value: JSON) -> GenericRow {
        guard let object = value.objectValue else {
            return GenericRow(number: number, fields: JSONObject([("value", text(of: value))]))
        }
        return GenericRow(number: number, fields: JSONObject(object.pairs.map { ($0.key, text(of: $0.value)) }))
    }

    /// A value as a field: strings as they are, null as null, anything else as JSON text.
    private static func text(of value: JSON) -> JSON {
        switch value {
        case .null, .string: value
        default: .string(value.text)
        }
    }

    /// How many lines hold something other than blank space.
    private static func lineCount(_ bytes: [UInt8]) -> Int {
        bytes.split(separator: UInt8(ascii: "\n")).count { $0.contains { !ASCII.isWhitespace($0) } }
    }
}
