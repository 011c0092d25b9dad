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
