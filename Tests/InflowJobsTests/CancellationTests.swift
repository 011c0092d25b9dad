import Foundation
import InflowCore
import InflowJobs
import InflowStore
import Synchronization
import Glibc
import Testing

/// A job asked to stop ends `cancelled` and loads nothing; one left running by a dead process
/// is marked failed with the reason.
@Suite struct CancellationTests {
    private func environment(_ fixture: WorkspaceFixture) -> Environment {
        Environment(dataDir: fixture.data, reportsDir: fixture.reports, pipelinesDir: fixture.pipelines)
    }

    @Test func anInterruptedJobEndsCancelledAndLoadsNothing() throws {
        let fixture = try WorkspaceFixture.loaded(file: "a.mbox")
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
        let fixture = try WorkspaceFixture.loaded(file: "a.mbox")
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

/// The two halves of `run --detach`: a job queued by one process and run by another.
@Suite struct QueuedJobTests {
    private func fixture() throws -> WorkspaceFixture {
        let fixture = try WorkspaceFixture()
        try fixture.writeInput("a.eml", Mail.message(
            id: "a@acme.test", from: "p@acme.test", to: "alice@example.com", subject: "A",
            date: "Mon, 5 Jan 2026 09:00:00 +0000"))
        return fixture
    }

    private func runner(_ fixture: WorkspaceFixture) -> JobRunner {
        JobRunner(environment: Environment(dataDir: fixture.data, reportsDir: fixture.reports,
                                           pipelinesDir: fixture.pipelines))
    }

    @Test func aQueuedJobShowsAsQueuedThenRunsUnderItsId() throws {
        let fixture = try fixture()
        let runner = runner(fixture)
        let queued = try runner.queueSync(SyncRequest(workspace: "example.com", triggeredBy: "key:k1"))
        #expect(queued.busy == false)
        #expect(queued.job.status == .queued)
        try runner.assign(queued.job.jobId, to: getpid(), workspace: "example.com")
        let status = try #require(fixture.inflow("status", "--workspace", "example.com").document)
        #expect(status.object("currentJob")?.string("status") == "queued")

        var request = SyncRequest(workspace: "example.com", triggeredBy: "key:k1", wait: true)
        request.queuedJobId = queued.job.jobId
        let outcome = try runner.runSync(request)
        #expect(outcome.job.jobId == queued.job.jobId)
        #expect(outcome.job.status == .completed)
        let history = try #require(fixture.inflow("history", "--workspace", "example.com").document)
        #expect(history.array("syncHistory").first?.objectValue?.string("triggeredBy") == "key:k1")
        #expect(try fixture.table() == ["a@acme.test": "A"])
    }

    @Test func aQueuedJobWhoseProcessDiedIsMarkedFailed() throws {
        let fixture = try fixture()
        let runner = runner(fixture)
        let queued = try runner.queueSync(SyncRequest(workspace: "example.com"))
        try runner.assign(queued.job.jobId, to: 999_999, workspace: "example.com")
        let history = try #require(fixture.inflow("history", "--workspace", "example.com").document)
        let entry = try #require(history.array("syncHistory").first?.objectValue)
        #expect(entry.string("status") == "failed")
        #expect(entry.array("errors").first?.objectValue?.string("message")
            == "the background process for it (pid 999999) ended before the job started")
        let status = try #require(fixture.inflow("status", "--workspace", "example.com").document)
        #expect(status["currentJob"] == .null)
        let recent = status.array("recentJobs").first?.objectValue
        #expect(recent?.string("jobId") == queued.job.jobId)
        #expect(recent?.string("status") == "failed")
    }

    @Test func aJobCancelledWhileQueuedNeverRuns() throws {
        let fixture = try fixture()
        let runner = runner(fixture)
        let queued = try runner.queueSync(SyncRequest(workspace: "example.com"))
        try Catalog(path: fixture.data + "/example.com/catalog.sqlite").requestCancel(queued.job.jobId)
        var request = SyncRequest(workspace: "example.com")
        request.queuedJobId = queued.job.jobId
        #expect(throws: JobError.cancelled(jobId: queued.job.jobId)) { try runner.runSync(request) }
        #expect(try fixture.table().isEmpty)
    }
}
