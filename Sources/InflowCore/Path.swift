/// Plain string path arithmetic, so that Core needs no file system access.
public enum Path {
    /// The folder part of a path: everything before the last `/`, `.` when there is none.
    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The last component of a path.
    public static func basename(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// `path` itself when absolute, else `path` under `folder`, with `.` and `..` folded.
    public static func resolve(_ path: String, against folder: String) -> String {
        normalize(path.hasPrefix("/") ? path : folder + "/" + path)
    }

    /// Folds `.` and `..` components and repeated slashes.
    public static func normalize(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            switch part {
            case ".": continue
            case "..":
                if let last = parts.last, last != ".." {
                    parts.removeLast()
                } else if !path.hasPrefix("/") {
                    parts.append(part)
                }
            default: parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        if path.hasPrefix("/") { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    /// Joins components with `/`.
    public static func join(_ components: String...) -> String {
        components.filter { !$0.isEmpty }.joined(separator: "/")
    }
}
