import InflowCore
import Testing

@Suite struct PipelineTests {
    private func decode(_ text: String) throws(PipelineError) -> Pipeline {
        try Pipeline.decode(Array(text.utf8), file: "/work/pipelines/example.com.json")
    }

    @Test func readsAFullDefinitionAndResolvesPaths() throws {
        let pipeline = try decode("""
            {"workspace": "example.com", "ownDomains": ["Example.com"],
             "sources": {"google": {"inputs": ["../data/g1", "/abs/g2"]},
                         "hubspot": {"inputs": "../data/hs", "timezone": "America/New_York"}},
             "clients": "example.com.clients.csv", "keepRuns": 3}
            """)
        #expect(pipeline.workspace.value == "example.com")
        #expect(pipeline.ownDomains == ["example.com"])
        #expect(pipeline.sources[.google]?.inputs == ["/work/data/g1", "/abs/g2"])
        #expect(pipeline.sources[.hubspot] == Pipeline.Source(inputs: ["/work/data/hs"], timezone: "America/New_York"))
        #expect(pipeline.clients == "/work/pipelines/example.com.clients.csv")
        #expect(pipeline.keepRuns == 3)
        #expect(pipeline.keepSnapshots == 7)
        #expect(pipeline.connectedSources == [.google, .hubspot])
    }

    @Test(arguments: [
        (#"{"workspace":"example.com","ownDomains":["example.com"],"sources":{},"keepruns":3}"#,
         "unknown key 'keepruns'"),
        (#"{"workspace":"example.com","ownDomains":["example.com"],"sources":{"gmail":{"inputs":"x"}}}"#,
         "unknown source 'gmail' (known: google, hubspot, intercom)"),
        (#"{"workspace":"example.com","ownDomains":["example.com"],"sources":{"google":{"input":"x"}}}"#,
         "unknown key 'sources.google.input'"),
        (#"{"workspace":"example.com","ownDomains":[],"sources":{}}"#,
         "'ownDomains' must be a non-empty list of domain names"),
        (#"{"workspace":"example.com","ownDomains":["example.com"],"sources":{"google":{"inputs":[]}}}"#,
         "sources.google.inputs is empty"),
        (#"{"workspace":"other.com","ownDomains":["example.com"],"sources":{}}"#,
         "it defines workspace 'other.com', not 'example.com'"),
        (#"{"workspace":"example.com""#, "not valid JSON (invalid JSON at byte 26: unexpected end of text)"),
    ])
    func refusesBadDefinitionsNamingTheFault(text: String, reason: String) throws {
        let expected = try WorkspaceID("example.com")
        #expect(throws: PipelineError(file: "p.json", reason: reason)) {
            try Pipeline.decode(Array(text.utf8), file: "p.json", expected: expected)
        }
    }

    @Test(arguments: ["Example.com", "../etc", "a/b", "a b", "a..b", "-a.com", "", "a\u{0}b", ".com"])
    func refusesUnsafeWorkspaceIDs(text: String) {
        #expect(throws: WorkspaceID.Invalid.self) { try WorkspaceID(text) }
    }

    @Test(arguments: ["example.com", "acme-corp.co.uk", "x1.io", "localhost"])
    func acceptsDomainNames(text: String) throws {
        #expect(try WorkspaceID(text).value == text)
    }

    @Test func normalisesPaths() {
        #expect(Path.resolve("../data/x", against: "/a/pipelines") == "/a/data/x")
        #expect(Path.resolve("/abs", against: "/a") == "/abs")
        #expect(Path.normalize("a/./b//c/../d") == "a/b/d")
        #expect(Path.resolve("../x", against: "pipelines") == "x")
        #expect(Path.directory(of: "/a/b.json") == "/a")
        #expect(Path.directory(of: "b.json") == ".")
    }
}
