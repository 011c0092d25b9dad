import Testing

@testable import InflowEnrich

@Suite struct MatchingClientDirectoryTests {
    @Test func readsTheClientListCSV() throws {
        let csv = """
            \u{FEFF}id,name,aliases,domains,emails\r
            acme,"Acme Widgets, Ltd",Acme;AW,"acme.co.uk; https://www.Acme-Widgets.example/en",\
            Pat.Owens@gmail.com\r
            globex,Globex Corporation,,globex.example,\r

            """
        let directory = try ClientDirectory(csv: Array(csv.utf8))
        #expect(directory.clients == [
            Client(
                id: "acme", name: "Acme Widgets, Ltd", aliases: ["Acme", "AW"],
                domains: ["acme.co.uk", "acme-widgets.example"], contacts: ["pat.owens@gmail.com"]),
            Client(id: "globex", name: "Globex Corporation", domains: ["globex.example"]),
        ])
        #expect(directory.issues.isEmpty)
    }

    @Test func findsColumnsByName() throws {
        let csv = """
            emails,domains,name,id,aliases,extra
            jo@acme.example,acme.example,Acme,acme,,x

            """
        let directory = try ClientDirectory(csv: Array(csv.utf8))
        #expect(directory.clients == [
            Client(id: "acme", name: "Acme", domains: ["acme.example"],
                   contacts: ["jo@acme.example"]),
        ])
    }

    @Test func missingColumnIsAnError() {
        #expect(throws: ClientListError(
            reason: "header has no 'emails' column (expected id,name,aliases,domains,emails)",
            line: 1)
        ) {
            try ClientDirectory(csv: Array("id,name,aliases,domains\n".utf8))
        }
    }

    @Test func rowWithoutIdNamesItsLine() {
        let csv = "id,name,aliases,domains,emails\nacme,Acme,,,\n\n  ,Nameless,,,\n"
        #expect(throws: ClientListError(reason: "row has no id", line: 4)) {
            try ClientDirectory(csv: Array(csv.utf8))
        }
    }

    @Test func badCSVNamesItsLine() {
        let csv = "id,name,aliases,domains,emails\nacme,\"Acme,,,\n"
        #expect(throws: ClientListError(reason: "quoted field is not closed", line: 2)) {
            try ClientDirectory(csv: Array(csv.utf8))
        }
    }

    @Test func loadNamesTheMissingFile() {
        let error = #expect(throws: MatchingDataError.self) {
            try ClientDirectory.load(csvPath: "/nonexistent/clients.csv")
        }
        #expect(error?.code == .missing)
        #expect(error?.path == "/nonexistent/clients.csv")
    }

    @Test func mergesClientsAddedUnderOneId() {
        var directory = ClientDirectory()
        directory.addContact("Jo@Acme.Example", toClient: "acme")
        directory.add(id: "acme", name: "Acme", aliases: ["AW"], domains: ["acme.example"])
        directory.add(
            id: "acme", name: "Other Name", aliases: ["AW", "Acme Widgets"],
            domains: ["ACME.example", "acme.co.uk"], contacts: ["jo@acme.example"])
        #expect(directory.clients == [
            Client(
                id: "acme", name: "Acme", aliases: ["AW", "Acme Widgets"],
                domains: ["acme.example", "acme.co.uk"], contacts: ["jo@acme.example"]),
        ])
    }

    @Test func keepsUnusableValuesAsIssues() {
        var directory = ClientDirectory()
        directory.add(
            id: "acme", name: "Acme", domains: ["acme..example", "acme.example"],
            contacts: ["not an address", "jo@acme.example"])
        #expect(directory.clients[0].domains == ["acme.example"])
        #expect(directory.clients[0].contacts == ["jo@acme.example"])
        #expect(directory.issues == [
            DirectoryIssue(clientId: "acme", value: "acme..example", reason: .invalidDomain),
            DirectoryIssue(clientId: "acme", value: "not an address", reason: .invalidContact),
        ])
    }
}
