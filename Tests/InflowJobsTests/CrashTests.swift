import Foundation
import InflowCore
import InflowStore
import Testing

/// A job killed with SIGKILL at any point leaves the tables as they were before it or after
/// it, and the next run ends with the tables of an uninterrupted run, key by key.
@Suite(.serialized) struct CrashTests {
    /// The `inflow` binary this test run was built with.
    private static let binary: String = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        return root + "/.build/debug/inflow"
    }()

    private func batch(_ range: Range<Int>, subject: String) -> String {
        Mail.mbox(range.map { index in
            Mail.message(id: "m\(index)@acme.test", from: "p\(index % 5)@acme.test", to: "alice@example.com",
                         subject: "\(subject) \(index)", date: "Mon, \(1 + index % 28) Dec 2025 09:00:00 +0000",
                         thread: "\(index % 40)", body: "Message \(index) is great.")
        })
    }

    /// Runs the binary; returns whether it was killed by SIGKILL.
    @discardableResult
    private func inflow(_ fixture: WorkspaceFixture, data: String, failpoint: String? = nil) throws -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CrashTests.binary)
        process.arguments = ["run", "--workspace", "example.com", "--data-dir", data,
                             "--pipelines-dir", fixture.pipelines, "--reports-dir", data + "-reports"]
        var environment = ProcessInfo.processInfo.environment
        environment["INFLOW_FAILPOINT"] = failpoint
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL
    }

    /// Every row of every table, by type and key, without lineage (which names the job).
    private func tables(_ data: String) throws -> [String: String] {
        var rows: [String: String] = [:]
        let folder = data + "/example.com/tables"
        guard FileSystem.exists(folder) else { return rows }
        for type in try FileSystem.list(folder) where !type.hasPrefix(".") {
            for month in try FileSystem.list(folder + "/" + type) {
                for file in try FileSystem.list(folder + "/" + type + "/" + month) {
                    let reader = try JSONLinesReader(path: "\(folder)/\(type)/\(month)/\(file)")
                    while var row = try reader.next()?.objectValue {
                        row["lineage"] = nil
                        let key = type + "/" + (row.string("id") ?? "?")
                        #expect(rows[key] == nil, "\(key) is in its table twice")
                        rows[key] = JSON.object(row).text
                    }
                }
            }
        }
        return rows
    }

    @Test(arguments: ["mid-batch", "after-stages", "before-commit", "after-commit", "after-first-link",
                      "before-reports"])
    func aKilledJobLeavesTablesBeforeOrAfterAndTheNextRunFinishesThem(failpoint: String) throws {
        try #require(FileManager.default.fileExists(atPath: CrashTests.binary), "build inflow first")
        let fixture = try WorkspaceFixture()
        let reference = fixture.root.path + "/reference"
        let crashed = fixture.root.path + "/crashed"

        // The state before: 300 emails. The second job adds 300 and changes 50.
        try fixture.writeInput("a.mbox", batch(0..<300, subject: "First"))
        try inflow(fixture, data: reference)
        try inflow(fixture, data: crashed)
        let before = try tables(crashed)
        try fixture.writeInput("a.mbox", batch(0..<50, subject: "Changed") + "\n" + batch(50..<300, subject: "First"))
        try fixture.writeInput("b.mbox", batch(300..<600, subject: "Second"))
        try inflow(fixture, data: reference)
        let after = try tables(reference)
        #expect(before.count == 300)
        #expect(after.count == 600)

        #expect(try inflow(fixture, data: crashed, failpoint: failpoint), "the job was not killed")
        let atCrash = try tables(crashed)
        #expect(atCrash == before || atCrash == after, "tables after a kill \(failpoint) are half-loaded")

        try inflow(fixture, data: crashed)
        #expect(try tables(crashed) == after)
    }
}
