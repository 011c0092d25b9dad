import Foundation
@testable import InflowCLI
import InflowCore
import InflowStore

/// A throwaway workspace `example.com` with its own pipeline, input folder and data folders,
/// driven through the command line as a user would.
final class WorkspaceFixture {
    let root = TemporaryDirectory()

    var inputs: String { root.path + "/inputs" }
    var pipelines: String { root.path + "/pipelines" }
    var data: String { root.path + "/data" }
    var reports: String { root.path + "/reports" }

    init(pipeline: String? = nil) throws {
        try FileManager.default.createDirectory(atPath: inputs, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: pipelines, withIntermediateDirectories: true)
        try writePipeline(pipeline ?? """
            {"workspace": "example.com", "ownDomains": ["example.com"],
             "sources": {"google": {"inputs": "../inputs"}}}
            """)
    }

    /// A fixture that has run once, with one email (`a@acme.test`, subject `Kept`) in `file`.
    static func loaded(file: String = "all.mbox") throws -> WorkspaceFixture {
        let fixture = try WorkspaceFixture()
        try fixture.writeInput(file, Mail.mbox([
            Mail.message(id: "a@acme.test", from: "p@acme.test", to: "alice@example.com", subject: "Kept",
                         date: "Mon, 5 Jan 2026 09:00:00 +0000"),
        ]))
        guard fixture.inflow("run", "--workspace", "example.com").code == 0 else {
            throw FixtureError.firstRunFailed
        }
        return fixture
    }

    /// Why a fixture could not be set up.
    enum FixtureError: Error {
        case firstRunFailed
    }

    func writePipeline(_ text: String) throws {
        try text.write(toFile: pipelines + "/example.com.json", atomically: true, encoding: .utf8)
    }

    func writeInput(_ name: String, _ text: String) throws {
        let path = inputs + "/" + name
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// Runs `inflow` with the fixture's folders; returns the exit code and the printed document.
    func inflow(_ words: String...) -> (code: Int32, document: JSONObject?) {
        var output = ""
        let arguments = words + ["--data-dir", data, "--reports-dir", reports, "--pipelines-dir", pipelines,
                                 "--log-format", "json"]
        let code = InflowCommandLine.run(arguments) { output += $0 }
        return (code.rawValue, (try? JSON.parse(output))?.objectValue)
    }

    /// The job's completeness ledger from its manifest: source to day to counts.
    func ledger(_ document: JSONObject?) throws -> JSONObject {
        let runDir = document?.object("outputs")?.string("runDir") ?? ""
        let manifest = try JSON.parse(FileSystem.read(runDir + "/manifest.json"))
        return manifest.objectValue?.object("ledger") ?? JSONObject()
    }

    /// The first history entry of a run document.
    func counts(_ document: JSONObject?) -> [String: Int] {
        guard let entry = document?.array("syncHistory").first?.objectValue else { return [:] }
        var result: [String: Int] = [:]
        for key in ["itemsProcessed", "itemsAdded", "itemsUpdated", "itemsUnchanged", "itemsSkipped"] {
            result[key] = entry.int(key)
        }
        return result
    }

    /// Every row of a table as id to subject, read through the table link.
    func table(_ type: String = "emails") throws -> [String: String] {
        var rows: [String: String] = [:]
        let link = data + "/example.com/tables/" + type
        guard FileSystem.exists(link) else { return [:] }
        for month in try FileSystem.list(link) {
            for file in try FileSystem.list(link + "/" + month) {
                let reader = try JSONLinesReader(path: link + "/" + month + "/" + file)
                while let row = try reader.next()?.objectValue {
                    let id = row.string("id") ?? "?"
                    if rows[id] != nil { rows[id + "#duplicate"] = "" }
                    rows[id] = row.string("subject") ?? ""
                }
            }
        }
        return rows
    }

    /// Every line of a stage file as JSON objects.
    func stageRows(_ runDir: String, _ relative: String) throws -> [JSONObject] {
        let reader = try JSONLinesReader(path: runDir + "/" + relative)
        var rows: [JSONObject] = []
        while let row = try reader.next()?.objectValue {
            rows.append(row)
        }
        return rows
    }
}

/// Small mail fixtures written for these tests.
enum Mail {
    static func message(id: String, from: String, to: String, subject: String, date: String,
                        thread: String? = nil, inReplyTo: String? = nil, body: String = "Hello.") -> String
    {
        var headers = ""
        if let thread { headers += "X-GM-THRID: \(thread)\nX-Gmail-Labels: Inbox\n" }
        headers += "From: \(from)\nTo: \(to)\nSubject: \(subject)\nDate: \(date)\nMessage-ID: <\(id)>\n"
        if let inReplyTo { headers += "In-Reply-To: <\(inReplyTo)>\nReferences: <\(inReplyTo)>\n" }
        return headers + "Content-Type: text/plain; charset=utf-8\n\n" + body + "\n"
    }

    static func mbox(_ messages: [String]) -> String {
        messages.enumerated().map { index, message in
            "From 18534667124737071\(index)@xxx Mon Jan 05 09:00:00 +0000 2026\n" + message
        }.joined(separator: "\n")
    }
}
