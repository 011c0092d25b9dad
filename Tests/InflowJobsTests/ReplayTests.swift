import Foundation
import InflowCore
import Testing

/// A replay reruns the later stages of a past job from its stage files, as a job of its own.
@Suite struct ReplayTests {
    @Test func replayFromEnrichAppliesANewClientListWithoutReadingTheInputs() throws {
        let fixture = try WorkspaceFixture(pipeline: """
            {"workspace": "example.com", "ownDomains": ["example.com"], "clients": "clients.csv",
             "sources": {"google": {"inputs": "../inputs"}}}
            """)
        let clients = fixture.pipelines + "/clients.csv"
        try "id,name,aliases,domains,emails\n".write(toFile: clients, atomically: true, encoding: .utf8)
        try fixture.writeInput("a.mbox", Mail.mbox([
            Mail.message(id: "a@acme.test", from: "p@acme.test", to: "alice@example.com", subject: "A",
                         date: "Mon, 5 Jan 2026 09:00:00 +0000", thread: "1"),
            Mail.message(id: "b@other.test", from: "q@other.test", to: "alice@example.com", subject: "B",
                         date: "Mon, 5 Jan 2026 10:00:00 +0000", thread: "2"),
        ]))
        let first = try #require(fixture.inflow("run", "--workspace", "example.com").document)
        let jobId = try #require(first.string("jobId"))

        // The inputs are gone; the new client list matches one of the two emails.
        try FileManager.default.removeItem(atPath: fixture.inputs + "/a.mbox")
        try "id,name,aliases,domains,emails\nacme,Acme Inc,,acme.test,\n"
            .write(toFile: clients, atomically: true, encoding: .utf8)
        let replay = fixture.inflow("replay", "--workspace", "example.com", "--job-id", jobId, "--from", "enrich")
        #expect(replay.code == 0)
        #expect(fixture.counts(replay.document) == [
            "itemsProcessed": 2, "itemsAdded": 0, "itemsUpdated": 1, "itemsUnchanged": 1, "itemsSkipped": 0,
        ])
        let runDir = try #require(replay.document?.object("outputs")?.string("runDir"))
        let rows = try fixture.stageRows(runDir, "load/google/emails.jsonl.zst")
        #expect(rows.map { $0.string("id") } == ["a@acme.test"])
        #expect(rows.first?.object("client")?.string("id") == "acme")
        #expect(replay.document?.string("jobId") != jobId)
    }

    @Test func replayFromParseGivesTheSameTables() throws {
        let fixture = try WorkspaceFixture()
        try fixture.writeInput("a.mbox", Mail.mbox([
            Mail.message(id: "a@acme.test", from: "p@acme.test", to: "alice@example.com", subject: "A",
                         date: "Mon, 5 Jan 2026 09:00:00 +0000"),
        ]))
        let first = try #require(fixture.inflow("run", "--workspace", "example.com").document)
        let before = try fixture.table()
        let replay = fixture.inflow("replay", "--workspace", "example.com", "--job-id",
                                    try #require(first.string("jobId")), "--from", "parse")
        #expect(fixture.counts(replay.document)["itemsUnchanged"] == 1)
        #expect(try fixture.table() == before)
    }

    @Test(arguments: [
        ["replay", "--workspace", "example.com", "--job-id", "ingest_job_000000000000", "--from", "parse"],
        ["replay", "--workspace", "example.com", "--job-id", "nonsense", "--from", "parse"],
        ["replay", "--workspace", "example.com", "--job-id", "ingest_job_000000000000", "--from", "load"],
        ["replay", "--workspace", "example.com", "--from", "parse"],
    ])
    func badReplaysAreRefused(words: [String]) throws {
        let fixture = try WorkspaceFixture()
        #expect(fixture.inflow("run", "--workspace", "example.com").code == 0)
        var output = ""
        let code = InflowCommandLineProbe.run(
            words + ["--data-dir", fixture.data, "--pipelines-dir", fixture.pipelines,
                     "--reports-dir", fixture.reports],
            output: &output)
        #expect(code == 2)
    }
}

/// Two jobs over the same inputs write the same bytes in every stage file.
@Suite struct DeterminismTests {
    @Test func stageFilesAreByteIdenticalBetweenRuns() throws {
        let fixture = try WorkspaceFixture()
        try fixture.writeInput("a.mbox", Mail.mbox((0..<40).map { index in
            Mail.message(id: "m\(index)@acme.test", from: "p\(index % 3)@acme.test", to: "alice@example.com",
                         subject: "Subject \(index)", date: "Mon, \(1 + index % 28) Dec 2025 09:00:00 +0000",
                         thread: "\(index % 7)", body: index % 2 == 0 ? "Great news!" : "This is bad.")
        } + ["not a header\n"]))
        var trees: [[String: [UInt8]]] = []
        for name in ["first", "second"] {
            let words = ["run", "--workspace", "example.com", "--data-dir", fixture.root.path + "/" + name,
                         "--pipelines-dir", fixture.pipelines, "--reports-dir", fixture.reports]
            var output = ""
            #expect(InflowCommandLineProbe.run(words, output: &output) == 0)
            let runDir = try #require(try JSON.parse(output).objectValue?.object("outputs")?.string("runDir"))
            var files: [String: [UInt8]] = [:]
            for stage in ["extract", "parse", "enrich", "load"] {
                for name in try FileManager.default.contentsOfDirectory(atPath: runDir + "/\(stage)/google") {
                    let path = runDir + "/\(stage)/google/\(name)"
                    files["\(stage)/\(name)"] = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
                }
            }
            trees.append(files)
        }
        #expect(trees[0].keys.sorted() == [
            "enrich/emails.jsonl.zst", "extract/emails.jsonl.zst", "load/emails.jsonl.zst",
            "parse/emails.jsonl.zst", "parse/emails.rejects.jsonl.zst",
        ])
        #expect(trees[0] == trees[1])
    }
}
