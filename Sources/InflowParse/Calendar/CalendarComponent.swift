/// One BEGIN/END block of an iCalendar file with its properties and nested blocks.
struct CalendarComponent {
    /// The component name, uppercased (`VEVENT`, `VTIMEZONE`, `STANDARD`).
    var name: String
    var properties: [ContentLine] = []
    var children: [CalendarComponent] = []
    /// The line number of the BEGIN line.
    var line: Int
    /// The byte range from the BEGIN line to the end of the END line.
    var start: Int
    var end: Int
    /// Why the component cannot be used (a limit, no END), or nil.
    var error: String?
    /// Lines inside the component that could not be read and were skipped.
    var skipped: [String] = []

    /// The first property called `name` (uppercase), or nil.
    func first(_ name: String) -> ContentLine? {
        properties.first { $0.name == name }
    }

    /// Every property called `name` (uppercase).
    func all(_ name: String) -> [ContentLine] {
        properties.filter { $0.name == name }
    }

    /// Every component called `name` at any depth below this one, in file order.
    func descendants(_ name: String) -> [CalendarComponent] {
        children.flatMap { ($0.name == name ? [$0] : []) + $0.descendants(name) }
    }
}

/// Why a whole calendar file was refused.
struct CalendarFileError: Error {
    var reason: String
}

/// Builds the component tree of a calendar file from its content lines.
///
/// Unbalanced input is repaired the way calendar clients do: an END that names an open
/// component closes everything opened inside it, a stray END is ignored, and a component still
/// open at the end of the file is closed with an error so its events are rejected, not lost
/// silently.
struct CalendarTreeBuilder {
    private var reader: ContentLineReader
    private var stack: [CalendarComponent] = []
    private var root = CalendarComponent(name: "", line: 0, start: 0, end: 0)
    private var events = 0

    init(_ bytes: [UInt8]) {
        reader = ContentLineReader(bytes)
        root.end = bytes.count
    }

    /// Reads every line and returns the top-level pseudo-component holding the file's blocks.
    ///
    /// - Throws: `CalendarFileError` when the file holds more events than allowed.
    mutating func build() throws(CalendarFileError) -> CalendarComponent {
        while let raw = reader.next() {
            try take(raw)
        }
        while !stack.isEmpty {
            close(error: "it is never closed by END:\(stack[stack.count - 1].name)")
        }
        return root
    }

    private mutating func take(_ raw: RawContentLine) throws(CalendarFileError) {
        guard raw.end - raw.start <= CalendarLimits.maxLineBytes else {
            fail("line \(raw.number) is longer than \(CalendarLimits.maxLineBytes) bytes")
            return
        }
        let line: ContentLine
        do {
            line = try ContentLine(parsing: reader.unfold(raw), number: raw.number)
        } catch {
            skip(error.reason)
            return
        }

        switch line.name {
        case "BEGIN": try begin(line.rawText.uppercased(), raw)
        case "END": end(line.rawText.uppercased(), raw)
        default: add(line)
        }
    }

    private mutating func begin(_ name: String, _ raw: RawContentLine) throws(CalendarFileError) {
        if name == "VEVENT" {
            events += 1
            guard events <= CalendarLimits.maxEventsPerFile else {
                throw CalendarFileError(
                    reason: "more than \(CalendarLimits.maxEventsPerFile) events in one file")
            }
        }
        guard stack.count < CalendarLimits.maxNestingDepth else {
            fail("components nest deeper than \(CalendarLimits.maxNestingDepth) levels")
            return
        }
        stack.append(CalendarComponent(name: name, line: raw.number, start: raw.start, end: raw.end))
    }

    private mutating func end(_ name: String, _ raw: RawContentLine) {
        guard let index = stack.lastIndex(where: { $0.name == name }) else { return }
        while stack.count > index + 1 {
            close(error: "it is never closed by END:\(stack[stack.count - 1].name)")
        }
        stack[index].end = raw.end
        close(error: nil)
    }

    /// Pops the innermost component into its parent.
    private mutating func close(error: String?) {
        var component = stack.removeLast()
        if component.error == nil, let error {
            component.error = "\(component.name) at line \(component.line): \(error)"
        }
        if stack.isEmpty {
            root.children.append(component)
        } else {
            stack[stack.count - 1].children.append(component)
        }
    }

    private mutating func add(_ line: ContentLine) {
        guard !stack.isEmpty else { return }
        let count = stack[stack.count - 1].properties.count
        guard count < CalendarLimits.maxPropertiesPerComponent else {
            let limit = CalendarLimits.maxPropertiesPerComponent
            fail("more than \(limit) properties (line \(line.number))")
            return
        }
        stack[stack.count - 1].properties.append(line)
    }

    /// Marks the innermost open component as unusable, keeping the first reason.
    private mutating func fail(_ reason: String) {
        guard !stack.isEmpty, stack[stack.count - 1].error == nil else { return }
        let component = stack[stack.count - 1]
        stack[stack.count - 1].error = "\(component.name) at line \(component.line): \(reason)"
    }

    private mutating func skip(_ reason: String) {
        guard !stack.isEmpty, stack[stack.count - 1].skipped.count < 20 else { return }
        stack[stack.count - 1].skipped.append(reason)
    }
}
