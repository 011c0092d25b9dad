import InflowCore

/// A command line split into a command, options and positional arguments.
///
/// Options are `--name value` or `--name=value`; flags are `--name` alone. Each command says
/// which options it takes, so a typo is an error rather than a silently ignored word.
struct Arguments {
    let command: String
    private(set) var options: [String: String] = [:]
    private(set) var flags: Set<String> = []
    private(set) var positional: [String] = []

    /// Splits `words` (without the program name) using the command's known flags.
    init(_ words: [String], flagNames: (String) -> Set<String>) throws(UsageError) {
        guard let first = words.first else { throw UsageError("no command given") }
        command = first
        let flagSet = flagNames(first)
        var index = 1
        while index < words.count {
            let word = words[index]
            index += 1
            guard word.hasPrefix("--"), word.count > 2 else {
                positional.append(word)
                continue
            }
            let name = String(word.dropFirst(2))
            if let equals = name.firstIndex(of: "=") {
                let key = String(name[..<equals])
                guard options[key] == nil else { throw UsageError("--\(key) is given twice") }
                options[key] = String(name[name.index(after: equals)...])
                continue
            }
            guard options[name] == nil, !flags.contains(name) else {
                throw UsageError("--\(name) is given twice")
            }
            // A known flag, or an option with nothing after it: `check` then says whether the
            // command takes it, and `required` that it needs a value.
            if flagSet.contains(name) || index == words.count {
                flags.insert(name)
                continue
            }
            options[name] = words[index]
            index += 1
        }
    }

    /// Throws when an option or flag was given that the command does not take, or when words
    /// without an option stand where the command takes none.
    func check(allowed: Set<String>, positional allowsPositional: Bool = false) throws(UsageError) {
        for name in Set(options.keys).union(flags).sorted() where !allowed.contains(name) {
            throw UsageError("\(command) does not take --\(name); see inflow \(command) --help")
        }
        if !allowsPositional, let stray = positional.first {
            throw UsageError("unexpected argument '\(stray.debugEscaped)'; see inflow \(command) --help")
        }
    }

    /// The value of a required option.
    func required(_ name: String) throws(UsageError) -> String {
        if flags.contains(name) { throw UsageError("option --\(name) needs a value") }
        guard let value = options[name], !value.isEmpty else {
            throw UsageError("\(command) needs --\(name)")
        }
        return value
    }

    /// An integer option within `range`, or `fallback` when absent.
    func integer(_ name: String, default fallback: Int, range: ClosedRange<Int>) throws(UsageError) -> Int {
        guard let text = options[name] else { return fallback }
        guard let value = Int(text), range.contains(value) else {
            throw UsageError("--\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }
}

/// Bad usage of the command line: exit code 2 with the message.
struct UsageError: Error, CustomStringConvertible {
    let description: String

    init(_ message: String) {
        description = message
    }
}
