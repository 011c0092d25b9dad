public import InflowCore
public import InflowEnrich
import InflowParse
public import InflowStore

/// Where a command finds things: the data, reports and pipelines folders, and the clock.
public struct Environment: Sendable {
    public var dataDir: String
    public var reportsDir: String
    public var pipelinesDir: String
    /// A fixed clock for reproducible runs and tests; nil reads the system clock.
    public var fixedNow: Timestamp?
    /// The folder holding the VADER lexicon files fetched at set-up.
    public var lexiconDir: String
    /// The free-mail domain list fetched at set-up.
    public var freeMailList: String
    /// The project's own additions and removals to the free-mail list.
    public var freeMailOverrides: String?
    /// The Public Suffix List file.
    public var publicSuffixList: String

    /// Creates an environment.
    public init(dataDir: String = "data", reportsDir: String = "reports", pipelinesDir: String = "pipelines",
                fixedNow: Timestamp? = nil, lexiconDir: String = "vendor/vader",
                freeMailList: String = FreeMailDomains.defaultListPath,
                freeMailOverrides: String? = FreeMailDomains.defaultOverridesPath,
                publicSuffixList: String = PublicSuffixList.debianPath)
    {
        self.freeMailList = freeMailList
        self.freeMailOverrides = freeMailOverrides
        self.publicSuffixList = publicSuffixList
        self.dataDir = dataDir
        self.reportsDir = reportsDir
        self.pipelinesDir = pipelinesDir
        self.fixedNow = fixedNow
        self.lexiconDir = lexiconDir
    }

    /// Loads the sentiment scorer from `lexiconDir`.
    ///
    /// - Throws: `JobError.badInput` naming the missing file and saying to run `make setup`.
    public func sentimentAnalyzer() throws -> SentimentAnalyzer {
        do {
            return SentimentAnalyzer(lexicon: try SentimentLexicon(folder: lexiconDir))
        } catch {
            throw JobError.badInput(error.description)
        }
    }

    /// The current time: the fixed clock when set, else the system clock.
    public var now: Timestamp {
        fixedNow ?? SystemClock.now()
    }
}

/// A workspace opened for a command: its pipeline definition and layout.
public struct Workspace: Sendable {
    public let pipeline: Pipeline
    public let layout: Layout
    /// The pipeline file it was read from.
    public let pipelineFile: String

    /// Reads `pipelines/<workspace>.json` and checks it.
    ///
    /// - Throws: `JobError.badInput` for an invalid workspace id, a missing pipeline file or a
    ///   malformed definition, each naming the file and the fault.
    public static func open(_ name: String, environment: Environment) throws -> Workspace {
        let id: WorkspaceID
        do {
            id = try WorkspaceID(name)
        } catch {
            throw JobError.badInput(error.description)
        }
        let file = environment.pipelinesDir + "/" + id.value + ".json"
        guard FileSystem.exists(file) else {
            throw JobError.badInput(
                "unknown workspace '\(id)': no pipeline definition at \(file)")
        }
        let pipeline: Pipeline
        do {
            pipeline = try Pipeline.decode(try FileSystem.read(file), file: file, expected: id)
        } catch let error as PipelineError {
            throw JobError.badInput(error.description)
        }
        let layout = Layout(dataDir: environment.dataDir, reportsDir: environment.reportsDir, workspace: id)
        return Workspace(pipeline: pipeline, layout: layout, pipelineFile: file)
    }

    /// Builds the client matcher from the pipeline's client list and the set-up data.
    ///
    /// - Throws: `JobError.badInput` naming a missing or malformed file and what to do.
    public func clientMatcher(environment: Environment) throws -> ClientMatcher {
        do {
            let directory = try pipeline.clients.map { try ClientDirectory.load(csvPath: $0) }
                ?? ClientDirectory()
            return ClientMatcher(
                directory: directory, workspaceDomains: pipeline.ownDomains,
                publicSuffixes: try PublicSuffixList.load(path: environment.publicSuffixList),
                freeMail: try FreeMailDomains.load(
                    listPath: environment.freeMailList, overridesPath: environment.freeMailOverrides))
        } catch {
            throw JobError.badInput(String(describing: error))
        }
    }

    /// Checks that every input of the given sources exists (a folder, or a single file) and
    /// that their time zones are known.
    ///
    /// - Throws: `JobError.badInput` naming the first missing input or unknown zone and its
    ///   source.
    public func checkInputs(of sources: [SourceName]) throws {
        for source in sources {
            if let zone = pipeline.sources[source]?.timezone, !TimeZoneDatabase.system.knows(zone) {
                throw JobError.badInput(
                    "\(pipelineFile): sources.\(source.rawValue).timezone: '\(zone.debugEscaped)' is not an IANA "
                        + "time zone known to this machine (the tzdata package)")
            }
            for input in pipeline.sources[source]?.inputs ?? [] where !FileSystem.exists(input) {
                throw JobError.badInput(
                    "\(pipelineFile): sources.\(source.rawValue).inputs: \(input) does not exist")
            }
        }
    }
}
