import Foundation
import InflowCore
import InflowJobs
import InflowStore
import Synchronization
import Testing

/// A job asked to stop ends `cancelled` and loads nothing; one left running by a dead process
/// is marked failed with the reason.
@Suite struct CancellationTests {
    private func environment(_ fixture: WorkspaceFixture) -> Environment {
        Environment(dataDir: fixture.data, reportsDir: fixture.reports, pipelinesDir: fixture.pipelines)
    }

    private func loaded() throws -> WorkspaceFixture {
        let fixture = try WorkspaceFixture()
        try fixture.writeInput("a.mbox", Mail.mbox([
            Mail.message(id: "a@acme.test", from: "p@acme.test", to: "alice@example.com", subject: "Kept",
                         date: "Mon, 5 Jan 2026 09:00:00 +0000"),
        ]))
        #expect(fixture.inflow("run", "--workspace", "example.com").code == 0)
        return fixture
    }

    @Test func anInterruptedJobEndsCancelledAndLoadsNothing() throws {
        let fixture = try loaded()
        try fixture.writeInput("b.mbox", Mail.mbox((0..<5).map { index in
            Mail.message(id: "n\(index)@acme.test", from: "p@acme.test", to: "alice@example.com",
                         subject: "New \(index)", date: "Mon, 5 Jan 2026 10:00:00 +0000")
        }))
        // Interrupt after the third item boundary.
        let polls = Atomic<Int>(0)
        let runner = JobRunner(environment: environment(fixture), isInterrupted: {
            polls.add(1, ordering: .relaxed).newValue > 3
        })
        #expect(throws: JobError.self) { try runner.runSync(SyncRequest(workspace: "example.com")) }

        #expect(try fixture.table() == ["a@acme.test": "Kept"])
        let history = try #require(fixture.inflow("history", "--workspace", "example.com").document)
        let newest = try #require(history.array("syncHistory").first?.objectValue)
        #expect(newest.string("status") == "cancelled")
        #expect(fixture.inflow("run", "--workspace", "example.com").code == 0)
        #expect(try fixture.table().count == 6)
    }

    @Test func aJobLeftRunningByADeadProcessIsMarkedFailedWithTheReason() throws {
        let fixture = try loaded()
        let catalog = try Catalog(path: fixture.data + "/example.com/catalog.sqlite")
        var ghost = JobRecord(
            jobId: "ingest_job_deadbeef0001", kind: .sync, syncType: .quick, status: .running,
            sources: [.google], triggeredBy: "cli", startedAt: Timestamp(seconds: 1_767_600_000), pid: 999_999,
            fence: 99, runDir: fixture.data + "/gone")
        try catalog.save(ghost)
        var source = JobSourceRecord(jobId: ghost.jobId, source: .google)
        source.status = "running"
        try catalog.save(source)

        let status = try #require(fixture.inflow("status", "--workspace", "example.com").document)
        #expect(status["currentJob"] == .null)
        let history = try #require(fixture.inflow("history", "--workspace", "example.com",
                                                  "--status", "failed").document)
        let entry = try #require(history.array("syncHistory").first?.objectValue)
        #expect(entry.string("jobId") == ghost.jobId)
        let message = entry.array("errors").first?.objectValue?.string("message") ?? ""
        #expect(message.hasPrefix("the process running it (pid 999999) ended before the job finished"))
        ghost = try #require(try catalog.job(ghost.jobId))
        #expect(ghost.status == .failed)
    }
}
