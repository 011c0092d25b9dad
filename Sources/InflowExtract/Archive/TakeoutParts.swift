internal import InflowCore

/// Orders the numbered parts of split Takeout exports.
///
/// Takeout names parts `takeout-<YYYYMMDD>T<HHMMSS>Z-<NNN>.<ext>`; each part is a complete
/// archive rooted at `Takeout/`, and the parts of one export are one input set read in part
/// order.
enum TakeoutParts {
    /// The export a part belongs to (folder and name up to the part number) and its number,
    /// or nil when the name is not a Takeout part.
    static func part(_ path: String) -> (export: String, number: Int)? {
        let name = Path.basename(path)
        guard name.hasPrefix("takeout-"), let dash = name.lastIndex(of: "-"),
            dash > name.startIndex
        else { return nil }
        let rest = name[name.index(after: dash)...]
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        let suffix = rest.dropFirst(digits.count).lowercased()
        guard !digits.isEmpty, let number = Int(digits),
            [".zip", ".tgz", ".tar.gz", ".tar"].contains(suffix)
        else { return nil }
        return (String(path.dropLast(name.count)) + name[..<dash], number)
    }

    /// `files` (already in path order) with each export's parts in numeric part order, at the
    /// place of the first of them.
    static func ordered(_ files: [InputFile]) -> [InputFile] {
        var groups: [String: [(number: Int, file: InputFile)]] = [:]
        for file in files {
            guard let part = part(file.path) else { continue }
            groups[part.export, default: []].append((part.number, file))
        }
        var result: [InputFile] = []
        var placed: Set<String> = []
        for file in files {
            guard let part = part(file.path) else {
                result.append(file)
                continue
            }
            guard placed.insert(part.export).inserted else { continue }
            let parts = groups[part.export, default: []].sorted { $0.number < $1.number }
            result.append(contentsOf: parts.map(\.file))
        }
        return result
    }
}
