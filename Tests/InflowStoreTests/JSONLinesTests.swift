import Foundation
import InflowCore
import InflowStore
import Testing

@Suite struct JSONLinesTests {
    let folder = TemporaryDirectory()

    @Test func writesAFileThatZstdcatReads() throws {
        let path = folder.path + "/out/emails.jsonl.zst"
        let writer = try JSONLinesWriter(path: path)
        for index in 0..<3 {
            try writer.write(.object(JSONObject([("id", .string("k\(index)")), ("n", .int(Int64(index)))])))
        }
        #expect(!FileManager.default.fileExists(atPath: path))
        try writer.commit()

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/zstdcat")
        process.arguments = [path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(String(decoding: data, as: UTF8.self) == """
            {"id":"k0","n":0}
            {"id":"k1","n":1}
            {"id":"k2","n":2}

            """)
    }

    @Test func readsBackManyLinesAcrossChunks() throws {
        let path = folder.path + "/many.jsonl.zst"
        let writer = try JSONLinesWriter(path: path)
        let long = String(repeating: "x", count: 300_000)
        for index in 0..<2_000 {
            try writer.write(.object(JSONObject([("i", .int(Int64(index))), ("s", .string(index == 7 ? long : "y"))])))
        }
        try writer.commit()

        let reader = try JSONLinesReader(path: path)
        var count = 0
        while let value = try reader.next() {
            #expect(value.objectValue?.int("i") == count)
            if count == 7 { #expect(value.objectValue?.string("s")?.count == 300_000) }
            count += 1
        }
        #expect(count == 2_000)
    }

    @Test func discardedWriterLeavesNoFile() throws {
        let path = folder.path + "/gone.jsonl.zst"
        let writer = try JSONLinesWriter(path: path)
        try writer.write(.int(1))
        writer.discard()
        #expect(try FileSystem.list(folder.path).isEmpty)
    }

    @Test func namesTheFileAndLineOfCorruptJSON() throws {
        let path = folder.path + "/bad.jsonl.zst"
        let writer = try JSONLinesWriter(path: path)
        try writer.writeLine(Array("{\"a\":1}".utf8)[...])
        try writer.writeLine(Array("{oops".utf8)[...])
        try writer.commit()
        let reader = try JSONLinesReader(path: path)
        _ = try reader.next()
        #expect(throws: StoreError.self) { try reader.next() }
        #expect(reader.lineNumber == 2)
    }

    @Test func refusesAFileThatIsNotZstd() throws {
        let path = folder.path + "/plain.jsonl.zst"
        try FileSystem.writeAtomically(Array("{\"a\":1}\n".utf8), to: path)
        let reader = try JSONLinesReader(path: path)
        #expect(throws: StoreError.self) { try reader.next() }
    }
}
