/// One workspace's pipeline definition, read from `pipelines/<workspace>.json` (SPEC section 3).
public struct Pipeline: Sendable, Equatable {
    /// One connected source: its input folders and the zone of its zone-less timestamps.
    public struct Source: Sendable, Equatable {
        /// Absolute input folders, resolved against the pipeline file's folder.
        public var inputs: [String]
        /// The IANA zone of zone-less timestamps; nil means UTC.
        public var timezone: String?

        /// Creates a source definition.
        public init(inputs: [String], timezone: String? = nil) {
            self.inputs = inputs
            self.timezone = timezone
        }
    }

    public var workspace: WorkspaceID
    /// The workspace's own domains, lowercased; they decide inbound versus outbound.
    public var ownDomains: [String]
    public var sources: [SourceName: Source]
    /// The client list CSV, resolved to an absolute path, or nil.
    public var clients: String?
    public var keepRuns: Int
    public var keepSnapshots: Int

    /// The connected sources in name order.
    public var connectedSources: [SourceName] {
        sources.keys.sorted()
    }
}

/// Why a pipeline definition cannot be used; each message names the file and the field.
public struct PipelineError: Error, CustomStringConvertible, Equatable {
    public let file: String
    public let reason: String

    /// Creates an error naming the pipeline file and what is wrong in it.
    public init(file: String, reason: String) {
        self.file = file
        self.reason = reason
    }

    public var description: String {
        "\(file): \(reason)"
    }
}

extension Pipeline {
    private static let topKeys: Set = [
        "workspace", "ownDomains", "sources", "clients", "keepRuns", "keepSnapshots",
    ]
    private static let sourceKeys: Set = ["inputs", "timezone"]

    /// Reads and checks a pipeline definition.
    ///
    /// - Parameters:
    ///   - bytes: The file's contents.
    ///   - file: The file's path, for messages and for resolving relative paths.
    ///   - expected: The workspace id the caller asked for; the file must name the same one.
    /// - Throws: `PipelineError` naming the first unknown key, missing field or bad value.
    public static func decode(_ bytes: [UInt8], file: String, expected: WorkspaceID? = nil)
        throws(PipelineError) -> Pipeline
    {
        let fail = { (reason: String) in PipelineError(file: file, reason: reason) }
        let json: JSON
        do {
            json = try JSON.parse(bytes, rejectingDuplicateKeys: true)
        } catch {
            throw fail("not valid JSON (\(error.description))")
        }
        guard let object = json.objectValue else { throw fail("the top level must be an object") }
        if let unknown = object.keys.first(where: { !topKeys.contains($0) }) {
            throw fail("unknown key '\(unknown.debugEscaped)'")
        }

        guard let name = object.string("workspace") else {
            throw fail("'workspace' is missing or not a string")
        }
        let workspace: WorkspaceID
        do {
            workspace = try WorkspaceID(name)
        } catch {
            throw fail(error.description)
        }
        if let expected, expected != workspace {
            throw fail("it defines workspace '\(workspace)', not '\(expected)'")
        }

        let folder = Path.directory(of: file)
        let ownDomains = try readOwnDomains(object["ownDomains"], fail: fail)
        let sources = try readSources(object["sources"], folder: folder, fail: fail)
        var clients: String?
        if let value = object["clients"], !value.isNull {
            guard let path = value.stringValue, !path.isEmpty else {
                throw fail("'clients' must be a file path")
            }
            clients = Path.resolve(path, against: folder)
        }
        let keepRuns = try readCount(object["keepRuns"], key: "keepRuns", default: 14, fail: fail)
        let keepSnapshots = try readCount(
            object["keepSnapshots"], key: "keepSnapshots", default: 7, fail: fail)

        return Pipeline(
            workspace: workspace, ownDomains: ownDomains, sources: sources, clients: clients,
            keepRuns: keepRuns, keepSnapshots: keepSnapshots)
    }

    private static func readOwnDomains(_ value: JSON?, fail: (String) -> PipelineError)
        throws(PipelineError) -> [String]
    {
        guard let list = value?.arrayValue, !list.isEmpty else {
            throw fail("'ownDomains' must be a non-empty list of domain names")
        }
        var domains: [String] = []
        for item in list {
            guard let domain = item.stringValue, !domain.isEmpty, !domain.contains("@") else {
                throw fail("'ownDomains' holds a value that is not a domain name")
            }
            domains.append(domain.lowercased())
        }
        return domains
    }

    private static func readSources(
        _ value: JSON?, folder: String, fail: (String) -> PipelineError
    ) throws(PipelineError) -> [SourceName: Source] {
        guard let object = value?.objectValue else {
            throw fail("'sources' must be an object of connected sources")
        }
        var sources: [SourceName: Source] = [:]
        for (key, value) in object.pairs {
            guard let name = SourceName(rawValue: key) else {
                let known = SourceName.allCases.map(\.rawValue).joined(separator: ", ")
                throw fail("unknown source '\(key.debugEscaped)' (known: \(known))")
            }
            guard let definition = value.objectValue else {
                throw fail("sources.\(key) must be an object")
            }
            if let unknown = definition.keys.first(where: { !sourceKeys.contains($0) }) {
                throw fail("unknown key 'sources.\(key).\(unknown.debugEscaped)'")
            }
            let paths: [String]
            switch definition["inputs"] {
            case .string(let path)?: paths = [path]
            case .array(let list)?:
                let strings = list.compactMap(\.stringValue)
                guard strings.count == list.count else {
                    throw fail("sources.\(key).inputs must hold folder paths")
                }
                paths = strings
            default:
                throw fail("sources.\(key).inputs must be a folder or a list of folders")
            }
            guard !paths.isEmpty, paths.allSatisfy({ !$0.isEmpty }) else {
                throw fail("sources.\(key).inputs is empty")
            }
            var timezone: String?
            if let zone = definition["timezone"], !zone.isNull {
                guard let text = zone.stringValue, !text.isEmpty else {
                    throw fail("sources.\(key).timezone must be an IANA zone name")
                }
                timezone = text
            }
            sources[name] = Source(
                inputs: paths.map { Path.resolve($0, against: folder) }, timezone: timezone)
        }
        return sources
    }

    private static func readCount(
        _ value: JSON?, key: String, default fallback: Int, fail: (String) -> PipelineError
    ) throws(PipelineError) -> Int {
        guard let value, !value.isNull else { return fallback }
        guard let count = value.intValue, count >= 1, count <= 10_000 else {
            throw fail("'\(key)' must be a whole number from 1 to 10000")
        }
        return Int(count)
    }
}
