import InflowCore
import InflowStore
import Testing

@Suite struct CatalogTests {
    let folder = TemporaryDirectory()

    @Test func aJobThatLostTheFenceCannotCommit() throws {
        let catalog = try Catalog(path: folder.path + "/catalog.sqlite")
        let first = try catalog.takeFence()
        let second = try catalog.takeFence()
        #expect(second == first + 1)
        #expect(throws: StoreError.self) { try catalog.checkFence(first, jobId: "ingest_job_aaaaaaaaaaaa") }
        try catalog.checkFence(second, jobId: "ingest_job_bbbbbbbbbbbb")
    }

    @Test func fingerprintsOfFilesGoneFromTheInputsAreForgotten() throws {
        let catalog = try Catalog(path: folder.path + "/catalog.sqlite")
        for path in ["/in/a.mbox", "/in/b.mbox"] {
            try catalog.recordFingerprint(source: .google, path: path, size: 3, sha256: "ab", jobId: "j")
        }
        try catalog.keepFingerprints(source: .google, paths: ["/in/b.mbox"])
        #expect(try catalog.fingerprint(source: .google, path: "/in/a.mbox") == nil)
        #expect(try catalog.fingerprint(source: .google, path: "/in/b.mbox")?.size == 3)
    }
}
