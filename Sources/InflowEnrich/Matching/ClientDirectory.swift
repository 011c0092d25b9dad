import InflowCore

/// One client company as matching sees it.
public struct Client: Sendable, Equatable {
    /// The client's id, unique in the directory.
    public var id: String
    /// The display name, also matched against participants' display names.
    public var name: String
    /// Other names the client goes by (`Tailspin` for `Tailspin Toys`).
    public var aliases: [String]
    /// Cleaned domains in ASCII form (`acme.co.uk`), from domains or websites.
    public var domains: [String]
    /// Contact addresses in comparison form (`pat.owens@gmail.com`).
    public var contacts: [String]

    /// Creates a client with values already cleaned; raw CRM values go in through
    /// ``ClientDirectory/add(id:name:aliases:domains:contacts:)``.
    public init(
        id: String, name: String, aliases: [String] = [], domains: [String] = [],
        contacts: [String] = []
    ) {
        self.id = id
        self.name = name
        self.aliases = aliases
        self.domains = domains
        self.contacts = contacts
    }
}

/// A domain or contact value that could not be used, kept so that import can report it.
public struct DirectoryIssue: Sendable, Equatable {
    /// Why a value was left out.
    public enum Reason: String, Sendable, Equatable {
        /// The domain entry is not a domain once cleaned.
        case invalidDomain
        /// The contact is not an email address.
        case invalidContact
        /// The domain entry is a public suffix (`co.uk`) and would claim unrelated senders.
        case publicSuffix
        /// The domain entry is a free-mail domain; its people belong in the contacts.
        case freeMail
    }

    /// The client the value was listed under.
    public var clientId: String
    /// The value as given.
    public var value: String
    /// Why it was left out.
    public var reason: Reason

    /// Creates an issue.
    public init(clientId: String, value: String, reason: Reason) {
        self.clientId = clientId
        self.value = value
        self.reason = reason
    }
}

/// The client companies of a workspace, from its client list, HubSpot companies and contacts.
///
/// Values are cleaned as they come in: domains and websites become ASCII domains (scheme, path,
/// port and one `www.` stripped), contacts become comparison-form addresses. Values that cannot
/// be used are kept in ``issues``. A client added twice under one id is merged.
public struct ClientDirectory: Sendable {
    /// The clients in the order they were first added.
    public private(set) var clients: [Client] = []
    /// Values that were left out, in the order they were met.
    public private(set) var issues: [DirectoryIssue] = []
    private var positions: [String: Int] = [:]

    /// Creates an empty directory.
    public init() {}

    /// Adds a client from raw values, or merges them into the client with the same id.
    ///
    /// - Parameters:
    ///   - name: Replaces a merged client's name only when that one was empty.
    ///   - domains: Domains or website URLs, in any case and form.
    ///   - contacts: Email addresses.
    public mutating func add(
        id: String, name: String, aliases: [String] = [], domains: [String] = [],
        contacts: [String] = []
    ) {
        let position = position(for: id, name: name)
        for alias in aliases where !alias.isEmpty && !clients[position].aliases.contains(alias) {
            clients[position].aliases.append(alias)
        }
        for entry in domains {
            guard let domain = DomainName.cleanEntry(entry) else {
                issues.append(DirectoryIssue(clientId: id, value: entry, reason: .invalidDomain))
                continue
            }
            if !clients[position].domains.contains(domain) {
                clients[position].domains.append(domain)
            }
        }
        for contact in contacts {
            addContact(contact, at: position)
        }
    }

    /// Adds a contact address to the client with `clientId`, creating a nameless client when
    /// there is none yet (HubSpot contacts can arrive before their company).
    public mutating func addContact(_ address: String, toClient clientId: String) {
        addContact(address, at: position(for: clientId, name: ""))
    }

    /// Loads a client list CSV with the header `id,name,aliases,domains,emails`.
    ///
    /// Columns are found by header name, in any order; the last three hold several values
    /// separated by `;`. Rows without an id are an error.
    ///
    /// - Throws: ``MatchingDataError`` naming the file and the row or column at fault.
    public static func load(csvPath path: String) throws(MatchingDataError) -> Self {
        let bytes = try MatchingDataFile.read(path, remedy: "check the pipeline's clients path")
        do {
            return try Self(csv: bytes)
        } catch {
            throw MatchingDataError(.malformed, path: path, message: error.description)
        }
    }

    /// Reads a client list CSV from its bytes; see ``load(csvPath:)``.
    ///
    /// - Throws: ``ClientListError`` for a missing column, a row without an id or bad CSV.
    public init(csv bytes: [UInt8]) throws(ClientListError) {
        var reader = CSVReader(bytes: bytes)
        let columns = try ClientListColumns(header: Self.record(from: &reader) ?? [])
        while let row = try Self.record(from: &reader) {
            let line = reader.recordLine
            let id = DomainName.trimmed(columns.value(.id, in: row))
            guard !id.isEmpty else { throw ClientListError(reason: "row has no id", line: line) }
            add(
                id: String(id), name: String(DomainName.trimmed(columns.value(.name, in: row))),
                aliases: columns.list(.aliases, in: row), domains: columns.list(.domains, in: row),
                contacts: columns.list(.emails, in: row))
        }
    }

    /// The next CSV record, with syntax errors turned into ``ClientListError``.
    private static func record(from reader: inout CSVReader) throws(ClientListError) -> [String]? {
        do {
            return try reader.nextRecord()
        } catch {
            throw ClientListError(reason: error.reason, line: error.line)
        }
    }

    /// The index of the client with `id`, appending a new one when there is none.
    private mutating func position(for id: String, name: String) -> Int {
        if let position = positions[id] {
            if clients[position].name.isEmpty { clients[position].name = name }
            return position
        }
        positions[id] = clients.count
        clients.append(Client(id: id, name: name))
        return clients.count - 1
    }

    /// Cleans a contact address and adds it to the client at `position`.
    private mutating func addContact(_ raw: String, at position: Int) {
        guard let address = EmailAddress(raw) else {
            let issue = DirectoryIssue(
                clientId: clients[position].id, value: raw, reason: .invalidContact)
            issues.append(issue)
            return
        }
        if !clients[position].contacts.contains(address.text) {
            clients[position].contacts.append(address.text)
        }
    }
}

/// A client list that cannot be read: a missing column, a row without an id, or bad CSV.
public struct ClientListError: Error, CustomStringConvertible, Equatable {
    /// What is wrong.
    public var reason: String
    /// The 1-based line, or 1 for a header problem.
    public var line: Int

    /// `line N: reason`.
    public var description: String {
        "line \(line): \(reason)"
    }
}

/// Where each client list column sits in a row.
private struct ClientListColumns {
    enum Column: String, CaseIterable {
        case id, name, aliases, domains, emails
    }

    private var indexes: [Column: Int] = [:]

    /// Finds every column in the header row.
    init(header: [String]) throws(ClientListError) {
        let names = header.map { DomainName.trimmed($0).lowercased() }
        for column in Column.allCases {
            guard let index = names.firstIndex(of: column.rawValue) else {
                throw ClientListError(
                    reason: "header has no '\(column.rawValue)' column "
                        + "(expected id,name,aliases,domains,emails)",
                    line: 1)
            }
            indexes[column] = index
        }
    }

    /// The cell of `column` in `row`, empty when the row is short.
    func value(_ column: Column, in row: [String]) -> String {
        guard let index = indexes[column], index < row.count else { return "" }
        return row[index]
    }

    /// The `;`-separated values of `column` in `row`, trimmed, empty ones dropped.
    func list(_ column: Column, in row: [String]) -> [String] {
        value(column, in: row).split(separator: ";").map { String(DomainName.trimmed($0)) }
            .filter { !$0.isEmpty }
    }
}
