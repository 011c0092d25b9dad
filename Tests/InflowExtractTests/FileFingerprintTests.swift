import InflowExtract
import Testing

@Suite struct FileFingerprintTests {
    // Digests computed with `printf ... | sha256sum`.
    @Test(arguments: [
        ("Inflow fingerprint test\n", 24, "a6c1092885522200f30637c373f491602dd2531d852f3957b84aaa061d9ed884"),
        ("", 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    ])
    func sizeAndDigestOfAKnownFile(content: String, size: Int64, sha256: String) throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("input.txt", content)
        #expect(try FileFingerprint.of(path: path) == FileFingerprint(size: size, sha256: sha256))
    }

    @Test func largerThanOneReadStillHashesTheWholeFile() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("big.bin", [UInt8](repeating: 0x61, count: 3 << 20))
        let fingerprint = try FileFingerprint.of(path: path)
        #expect(fingerprint.size == 3 << 20)
        // `head -c 3145728 /dev/zero | tr '\0' a | sha256sum`
        #expect(fingerprint.sha256 == "6f850bc94ae6f7de14297c01616c36d712d22864497b28a63b81d776b035e656")
    }

    @Test func missingFileNamesThePath() {
        #expect(throws: ExtractError.openFailed("/nonexistent/input.mbox", errno: 2)) {
            try FileFingerprint.of(path: "/nonexistent/input.mbox")
        }
    }
}
