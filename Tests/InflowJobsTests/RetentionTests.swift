import Foundation
import InflowCore
import InflowStore
import Testing

/// Old stage files and table snapshots are removed after a successful job, as the pipeline says.
@Suite struct RetentionTests {
    @Test func keepsTheNewestRunsAndSnapshots() throws {
        let fixture = try WorkspaceFixture(pipeline: """
            {"workspace": "example.com", "ownDomains": ["example.com"], "keepRuns": 2, "keepSnapshots": 2,
             "sources": {"google": {"inputs": "../inputs"}}}
            """)
        var runDirs: [String] = []
        for round in 0..<4 {
            try fixture.writeInput("m\(round).eml", Mail.message(
                id: "m\(round)@acme.test", from: "p@acme.test", to: "alice@example.com", subject: "R\(round)",
                date: "Mon, 5 Jan 2026 09:00:00 +0000"))
            let run = fixture.inflow("run", "--workspace", "example.com")
            runDirs.append(try #require(run.document?.object("outputs")?.string("runDir")))
        }
        #expect(runDirs.map { FileSystem.exists($0) } == [false, false, true, true])
        let snapshots = try FileSystem.list(fixture.data + "/example.com/tables/.snapshots/emails")
        #expect(snapshots == ["3", "4"])
        #expect(try fixture.table().count == 4)
        let history = fixture.inflow("history", "--workspace", "example.com")
        #expect(history.document?.object("pagination")?.int("total") == 4)
    }
}

/// History pages through every job and source, newest first.
@Suite struct HistoryPaginationTests {
    @Test func pagesCarryTotalAndHasMore() throws {
        let fixture = try WorkspaceFixture()
        var jobs: [String] = []
        for round in 0..<3 {
            try fixture.writeInput("m\(round).eml", Mail.message(
                id: "m\(round)@acme.test", from: "p@acme.test", to: "alice@example.com", subject: "R\(round)",
                date: "Mon, 5 Jan 2026 09:00:00 +0000"))
            jobs.append(try #require(fixture.inflow("run", "--workspace", "example.com").document?.string("jobId")))
        }
        let page = try #require(fixture.inflow("history", "--workspace", "example.com", "--limit", "1",
                                               "--offset", "1").document)
        #expect(page.array("syncHistory").compactMap { $0.objectValue?.string("jobId") } == [jobs[1]])
        let pagination = try #require(page.object("pagination"))
        #expect(pagination.int("total") == 3)
        #expect(pagination.int("limit") == 1)
        #expect(pagination.int("offset") == 1)
        #expect(pagination.bool("hasMore") == true)
        let last = try #require(fixture.inflow("history", "--workspace", "example.com", "--offset", "2").document)
        #expect(last.array("syncHistory").count == 1)
        #expect(last.object("pagination")?.bool("hasMore") == false)
        let failed = try #require(
            fixture.inflow("history", "--workspace", "example.com", "--status", "failed").document)
        #expect(failed.object("pagination")?.int("total") == 0)
    }
}
