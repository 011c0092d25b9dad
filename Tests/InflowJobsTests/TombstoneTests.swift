import Foundation
import InflowCore
import InflowStore
import Testing

/// A full sync tombstones what is gone from a source's inputs; seeing it again clears it.
@Suite struct TombstoneTests {
    private let kept = Mail.message(id: "kept@acme.test", from: "p@acme.test", to: "alice@example.com",
                                    subject: "Kept", date: "Mon, 5 Jan 2026 09:00:00 +0000")
    private let gone = Mail.message(id: "gone@acme.test", from: "p@acme.test", to: "alice@example.com",
                                    subject: "Gone", date: "Tue, 6 Jan 2026 09:00:00 +0000")

    private func deletedAt(_ fixture: WorkspaceFixture) throws -> [String: JSON] {
        var result: [String: JSON] = [:]
        let link = fixture.data + "/example.com/tables/emails"
        for month in try FileSystem.list(link) {
            for file in try FileSystem.list(link + "/" + month) {
                let reader = try JSONLinesReader(path: link + "/" + month + "/" + file)
                while let row = try reader.next()?.objectValue {
                    result[row.string("id") ?? "?"] = row["deletedAt"]
                }
            }
        }
        return result
    }

    @Test func fullSyncTombstonesWhatIsGoneAndAQuickSyncBringsItBack() throws {
        let fixture = try WorkspaceFixture()
        try fixture.writeInput("a.mbox", Mail.mbox([kept]))
        try fixture.writeInput("b.eml", gone)
        #expect(fixture.inflow("run", "--workspace", "example.com").code == 0)

        try FileManager.default.removeItem(atPath: fixture.inputs + "/b.eml")
        let quick = fixture.inflow("run", "--workspace", "example.com")
        #expect(quick.document?.array("syncHistory").first?.objectValue?.int("itemsDeleted") == 0)
        #expect(try deletedAt(fixture) == ["kept@acme.test": .null, "gone@acme.test": .null])

        let full = fixture.inflow("run", "--workspace", "example.com", "--sync-type", "full",
                                  "--now", "2026-02-01T10:00:00Z")
        let entry = try #require(full.document?.array("syncHistory").first?.objectValue)
        #expect(entry.int("itemsDeleted") == 1)
        #expect(entry.int("itemsProcessed") == 1)
        #expect(entry.int("itemsUnchanged") == 1)
        #expect(try deletedAt(fixture) == [
            "kept@acme.test": .null, "gone@acme.test": .string("2026-02-01T10:00:00Z"),
        ])
        let stats = fixture.inflow("email-stats", "--workspace", "example.com", "--now", "2026-01-31")
        #expect(stats.document?.int("emailsProcessed") == 1)

        try fixture.writeInput("b.eml", gone)
        let back = fixture.inflow("run", "--workspace", "example.com")
        #expect(fixture.counts(back.document)["itemsUpdated"] == 1)
        #expect(try deletedAt(fixture) == ["kept@acme.test": .null, "gone@acme.test": .null])
    }

    @Test func aFullSyncWithAnUnreadableInputTombstonesNothing() throws {
        let fixture = try WorkspaceFixture()
        try fixture.writeInput("a.mbox", Mail.mbox([kept]))
        try fixture.writeInput("b.eml", gone)
        #expect(fixture.inflow("run", "--workspace", "example.com").code == 0)

        try FileManager.default.removeItem(atPath: fixture.inputs + "/b.eml")
        try fixture.writeInput("broken.mbox", "not a mailbox\n")
        let full = fixture.inflow("run", "--workspace", "example.com", "--sync-type", "full")
        #expect(full.document?.array("syncHistory").first?.objectValue?.int("itemsDeleted") == 0)
        #expect(try deletedAt(fixture)["gone@acme.test"] == .null)
    }
}
