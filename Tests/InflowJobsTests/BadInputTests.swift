import Foundation
import InflowCore
import InflowStore
import Testing

/// Bad input gets one line and the right exit code, and leaves earlier tables as they were.
@Suite struct BadInputTests {
    @Test func unknownWorkspaceIsBadInput() throws {
        let fixture = try WorkspaceFixture.loaded()
        #expect(fixture.inflow("run", "--workspace", "other.com").code == 2)
        #expect(fixture.inflow("run", "--workspace", "../etc").code == 2)
        #expect(fixture.inflow("status", "--workspace", "Nope.com").code == 2)
    }

    @Test func malformedPipelineIsBadInputAndTablesStay() throws {
        let fixture = try WorkspaceFixture.loaded()
        try fixture.writePipeline(#"{"workspace": "example.com", "ownDomains": ["example.com"], "sorces": {}}"#)
        #expect(fixture.inflow("run", "--workspace", "example.com").code == 2)
        try fixture.writePipeline("{not json")
        #expect(fixture.inflow("run", "--workspace", "example.com").code == 2)
        #expect(try fixture.table() == ["a@acme.test": "Kept"])
    }

    @Test func missingInputFolderIsBadInputAndTablesStay() throws {
        let fixture = try WorkspaceFixture.loaded()
        try FileManager.default.removeItem(atPath: fixture.inputs)
        #expect(fixture.inflow("run", "--workspace", "example.com").code == 2)
        #expect(try fixture.table() == ["a@acme.test": "Kept"])
    }

    @Test func aSourceWithOnlyUnreadableInputsFailsTheJob() throws {
        let fixture = try WorkspaceFixture.loaded()
        try FileManager.default.removeItem(atPath: fixture.inputs + "/all.mbox")
        try fixture.writeInput("broken.mbox", "this is not a mailbox at all\n")
        let run = fixture.inflow("run", "--workspace", "example.com", "--sync-type", "full")
        #expect(run.code == 1)
        #expect(run.document?.string("status") == "failed")
        let errors = run.document?.array("syncHistory").first?.objectValue?.array("errors") ?? []
        #expect(errors.contains { $0.objectValue?.string("severity") == "error" })
        #expect(try fixture.table() == ["a@acme.test": "Kept"])
    }

    @Test func aBadFileBesideGoodOnesIsRejectedAndTheRestLoads() throws {
        let fixture = try WorkspaceFixture.loaded()
        try fixture.writeInput("z-broken.mbox", "this is not a mailbox at all\n")
        try fixture.writeInput("new.eml", Mail.message(
            id: "n@acme.test", from: "p@acme.test", to: "alice@example.com", subject: "New",
            date: "Mon, 5 Jan 2026 10:00:00 +0000"))
        let run = fixture.inflow("run", "--workspace", "example.com")
        #expect(run.code == 0)
        #expect(try fixture.table() == ["a@acme.test": "Kept", "n@acme.test": "New"])
        let runDir = try #require(run.document?.object("outputs")?.string("runDir"))
        let rejects = try fixture.stageRows(runDir, "extract/google/emails.rejects.jsonl.zst")
        #expect(rejects.first?.object("origin")?.string("file")?.hasSuffix("z-broken.mbox") == true)
    }

    @Test func busyWorkspaceExitsThree() throws {
        let fixture = try WorkspaceFixture.loaded()
        let lock = try WorkspaceLock(path: fixture.data + "/example.com/.lock", wait: false)
        #expect(fixture.inflow("run", "--workspace", "example.com").code == 3)
        lock.release()
        #expect(fixture.inflow("run", "--workspace", "example.com").code == 0)
    }

    @Test(arguments: [
        ["run", "--workspace", "example.com", "--sync-type", "fast"],
        ["run", "--workspace", "example.com", "--sources", "gmail"],
        ["run", "--workspace", "example.com", "--sources", "hubspot"],
        ["run", "--workspace", "example.com", "--bogus", "1"],
        ["history", "--workspace", "example.com", "--limit", "101"],
        ["history", "--workspace", "example.com", "--limit", "0"],
        ["status", "--workspace", "example.com", "--job-id", "ingest_job_000000000000"],
        ["frobnicate"],
        ["run"],
    ])
    func badUsageExitsTwo(words: [String]) throws {
        let fixture = try WorkspaceFixture.loaded()
        var output = ""
        let arguments = words + ["--data-dir", fixture.data, "--pipelines-dir", fixture.pipelines,
                                 "--reports-dir", fixture.reports]
        #expect(InflowCommandLineProbe.run(arguments, output: &output) == 2)
        #expect(output.isEmpty)
    }
}

/// Usage mistakes that once slipped through: each is now exit 2 and runs nothing.
@Suite struct StrictUsageTests {
    @Test(arguments: [
        ["run", "--workspace", "example.com", "extra"],
        ["run", "--workspace", "example.com", "full"],
        ["run", "--workspace", "example.com", "--wait", "yes"],
        ["run", "--workspace", "example.com", "--log-format", "xml"],
        ["run", "--workspace", "example.com", "--sources", ""],
        ["run", "--workspace", "example.com", "--sources", "google,"],
        ["run", "--workspace", "example.com", "--bogus"],
        ["run", "--workspace"],
        ["status", "--workspace", "example.com", "now"],
    ])
    func isRefusedBeforeAnyJob(words: [String]) throws {
        let fixture = try WorkspaceFixture()
        try fixture.writeInput("a.eml", Mail.message(
            id: "a@acme.test", from: "p@acme.test", to: "alice@example.com", subject: "A",
            date: "Mon, 5 Jan 2026 09:00:00 +0000"))
        var output = ""
        let arguments = words + ["--data-dir", fixture.data, "--pipelines-dir", fixture.pipelines,
                                 "--reports-dir", fixture.reports]
        #expect(InflowCommandLineProbe.run(arguments, output: &output) == 2)
        #expect(!FileSystem.exists(fixture.data + "/example.com/catalog.sqlite"))
    }

    @Test func aRepeatedKeyInThePipelineIsAnError() throws {
        let fixture = try WorkspaceFixture(pipeline: """
            {"workspace": "example.com", "ownDomains": ["example.com"], "keepRuns": 14, "keepRuns": 1,
             "sources": {"google": {"inputs": "../inputs"}}}
            """)
        #expect(fixture.inflow("run", "--workspace", "example.com").code == 2)
    }

    @Test func readingAWorkspaceThatNeverRanCreatesNothing() throws {
        let fixture = try WorkspaceFixture()
        let status = fixture.inflow("status", "--workspace", "example.com")
        #expect(status.code == 0)
        #expect(status.document?["currentJob"] == .null)
        #expect(fixture.inflow("history", "--workspace", "example.com").document?
            .object("pagination")?.int("total") == 0)
        #expect(!FileSystem.exists(fixture.data))
    }

    @Test func anUnusableReportsFolderIsBadInputBeforeAnyJob() throws {
        let fixture = try WorkspaceFixture()
        try "x".write(toFile: fixture.root.path + "/afile", atomically: true, encoding: .utf8)
        var output = ""
        let code = InflowCommandLineProbe.run(
            ["run", "--workspace", "example.com", "--data-dir", fixture.data, "--pipelines-dir", fixture.pipelines,
             "--reports-dir", fixture.root.path + "/afile"], output: &output)
        #expect(code == 2)
        #expect(fixture.inflow("history", "--workspace", "example.com").document?
            .object("pagination")?.int("total") == 0)
    }

    @Test func anEmlFileThatHoldsAMailboxIsSplit() throws {
        let fixture = try WorkspaceFixture()
        try fixture.writeInput("export.eml", Mail.mbox([
            Mail.message(id: "a@acme.test", from: "p@acme.test", to: "alice@example.com", subject: "A",
                         date: "Mon, 5 Jan 2026 09:00:00 +0000"),
            Mail.message(id: "b@acme.test", from: "p@acme.test", to: "alice@example.com", subject: "B",
                         date: "Mon, 5 Jan 2026 10:00:00 +0000"),
        ]))
        #expect(fixture.inflow("run", "--workspace", "example.com").code == 0)
        #expect(try fixture.table() == ["a@acme.test": "A", "b@acme.test": "B"])
    }
}
