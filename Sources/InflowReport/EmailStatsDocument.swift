public import InflowCore
public import InflowStore

/// Email statistics: daily rollups kept in `email-stats.json`, and any window cut from them.
///
/// Rollups come from the catalog's per-email facts, so a report never rescans the tables.
public enum EmailStatsDocument {
    /// The window when none is asked for.
    public static let defaultWindowDays = 30
    /// The widest window a caller may ask for.
    public static let maxWindowDays = 90
    /// How many clients `topClients` lists.
    public static let topClientCount = 10

    /// One client's totals on one day.
    struct ClientDay {
        var name: String
        var emails = 0
        var sentimentSum = 0.0
        var sentimentCount = 0
        var outboundTracked = 0
        var opened = 0

        /// Adds another day's totals of the same client.
        static func += (lhs: inout ClientDay, rhs: ClientDay) {
            lhs.emails += rhs.emails
            lhs.sentimentSum += rhs.sentimentSum
            lhs.sentimentCount += rhs.sentimentCount
            lhs.outboundTracked += rhs.outboundTracked
            lhs.opened += rhs.opened
        }
    }

    /// One UTC day's totals.
    struct Day {
        var emails = 0
        var inbound = 0
        var outbound = 0
        var internalCount = 0
        var outboundTracked = 0
        var opened = 0
        var responded = 0
        var sentimentSum = 0.0
        var sentimentCount = 0
        var parseErrors = 0
        var attachmentErrors = 0
        var sentimentErrors = 0
        var clients: [String: ClientDay] = [:]

        /// Adds another day's totals, client by client.
        static func += (lhs: inout Day, rhs: Day) {
            lhs.emails += rhs.emails
            lhs.inbound += rhs.inbound
            lhs.outbound += rhs.outbound
            lhs.internalCount += rhs.internalCount
            lhs.outboundTracked += rhs.outboundTracked
            lhs.opened += rhs.opened
            lhs.responded += rhs.responded
            lhs.sentimentSum += rhs.sentimentSum
            lhs.sentimentCount += rhs.sentimentCount
            lhs.parseErrors += rhs.parseErrors
            lhs.attachmentErrors += rhs.attachmentErrors
            lhs.sentimentErrors += rhs.sentimentErrors
            for (id, client) in rhs.clients {
                lhs.clients[id, default: ClientDay(name: client.name)] += client
            }
        }
    }

    /// The daily rollups as the `email-stats.json` document: one entry per day, oldest first.
    public static func rollups(catalog: Catalog) throws -> JSON {
        let days = try dailyTotals(catalog: catalog)
        return .object(JSONObject([("days", .array(days.keys.sorted().map { rollupJSON($0, days[$0]!) }))]))
    }

    /// The email stats document for the `windowDays` UTC days ending with the day of `now`.
    public static func window(catalog: Catalog, windowDays: Int, now: Timestamp) throws -> JSON {
        let days = try dailyTotals(catalog: catalog)
        let last = now.startOfDay
        let first = last.adding(seconds: -Int64(windowDays - 1) * 86_400).dayString
        var total = Day()
        for (day, value) in days.sorted(by: { $0.key < $1.key }) where day >= first && day <= last.dayString {
            total += value
        }
        let top = total.clients.values.sorted {
            $0.emails != $1.emails ? $0.emails > $1.emails : $0.name.utf8.lexicographicallyPrecedes($1.name.utf8)
        }.prefix(topClientCount)
        return .object(JSONObject([
            ("windowDays", .int(Int64(windowDays))),
            ("emailsProcessed", .int(Int64(total.emails))),
            ("emailsInbound", .int(Int64(total.inbound))),
            ("emailsOutbound", .int(Int64(total.outbound))),
            ("openTrackingEnabled", .bool(total.outboundTracked > 0)),
            ("openRate", rate(total.opened, total.outboundTracked)),
            ("responseRate", rate(total.responded, total.inbound)),
            ("avgSentimentScore", average(total.sentimentSum, total.sentimentCount)),
            ("topClients", .array(top.map { client in
                .object(JSONObject([
                    ("clientName", .string(client.name)), ("emailCount", .int(Int64(client.emails))),
                    ("avgSentiment", average(client.sentimentSum, client.sentimentCount)),
                    ("openRate", rate(client.opened, client.outboundTracked)),
                ]))
            })),
            ("processingErrors", .object(JSONObject([
                ("parseErrors", .int(Int64(total.parseErrors))),
                ("attachmentErrors", .int(Int64(total.attachmentErrors))),
                ("sentimentErrors", .int(Int64(total.sentimentErrors))),
            ]))),
        ]))
    }

    /// A value rounded to two places, halves away from zero.
    static func rounded(_ value: Double) -> Double {
        (value * 100).rounded(.toNearestOrAwayFromZero) / 100
    }

    private static func rate(_ part: Int, _ whole: Int) -> JSON {
        whole == 0 ? .null : .double(rounded(Double(part) / Double(whole)))
    }

    private static func average(_ sum: Double, _ count: Int) -> JSON {
        count == 0 ? .null : .double(rounded(sum / Double(count)))
    }

    // MARK: Reading the catalog

    static func dailyTotals(catalog: Catalog) throws -> [String: Day] {
        var days: [String: Day] = [:]
        let database = catalog.database
        for row in try database.query(
            """
            SELECT day, COUNT(*), SUM(direction = 'inbound'), SUM(direction = 'outbound'),
                SUM(direction = 'internal'), SUM(direction = 'outbound' AND opened IS NOT NULL),
                SUM(direction = 'outbound' AND opened = 1), SUM(direction = 'inbound' AND responded = 1),
                TOTAL(score), COUNT(score)
            FROM email_facts WHERE day IS NOT NULL GROUP BY day ORDER BY day
            """)
        {
            guard let day = row[0].text else { continue }
            var value = Day()
            value.emails = int(row[1])
            value.inbound = int(row[2])
            value.outbound = int(row[3])
            value.internalCount = int(row[4])
            value.outboundTracked = int(row[5])
            value.opened = int(row[6])
            value.responded = int(row[7])
            value.sentimentSum = real(row[8])
            value.sentimentCount = int(row[9])
            days[day] = value
        }
        for row in try database.query(
            """
            SELECT day, client_id, MAX(client_name), COUNT(*), TOTAL(score), COUNT(score),
                SUM(direction = 'outbound' AND opened IS NOT NULL),
                SUM(direction = 'outbound' AND opened = 1)
            FROM email_facts WHERE day IS NOT NULL AND client_id IS NOT NULL
            GROUP BY day, client_id ORDER BY day, client_id
            """)
        {
            guard let day = row[0].text, let id = row[1].text else { continue }
            days[day, default: Day()].clients[id] = ClientDay(
                name: row[2].text ?? id, emails: int(row[3]), sentimentSum: real(row[4]),
                sentimentCount: int(row[5]), outboundTracked: int(row[6]), opened: int(row[7]))
        }
        try addErrors(to: &days, catalog: catalog)
        return days
    }

    /// Counts parse, attachment and sentiment errors by the UTC day their job started.
    private static func addErrors(to days: inout [String: Day], catalog: Catalog) throws {
        for job in try catalog.jobs(limit: 1_000_000) {
            let day = job.startedAt.dayString
            for source in try catalog.sources(ofJob: job.jobId) {
                for issue in source.errors {
                    switch issue.kind {
                    case "parse": days[day, default: Day()].parseErrors += issue.count
                    case "attachment": days[day, default: Day()].attachmentErrors += issue.count
                    case "sentiment": days[day, default: Day()].sentimentErrors += issue.count
                    default: continue
                    }
                }
            }
        }
    }

    private static func rollupJSON(_ day: String, _ value: Day) -> JSON {
        .object(JSONObject([
            ("day", .string(day)), ("emails", .int(Int64(value.emails))),
            ("inbound", .int(Int64(value.inbound))), ("outbound", .int(Int64(value.outbound))),
            ("internal", .int(Int64(value.internalCount))),
            ("outboundTracked", .int(Int64(value.outboundTracked))), ("opened", .int(Int64(value.opened))),
            ("responded", .int(Int64(value.responded))), ("sentimentSum", .double(value.sentimentSum)),
            ("sentimentCount", .int(Int64(value.sentimentCount))),
            ("parseErrors", .int(Int64(value.parseErrors))),
            ("attachmentErrors", .int(Int64(value.attachmentErrors))),
            ("sentimentErrors", .int(Int64(value.sentimentErrors))),
            ("clients", .array(value.clients.keys.sorted().map { id in
                let client = value.clients[id]!
                return .object(JSONObject([
                    ("id", .string(id)), ("name", .string(client.name)), ("emails", .int(Int64(client.emails))),
                    ("sentimentSum", .double(client.sentimentSum)),
                    ("sentimentCount", .int(Int64(client.sentimentCount))),
                    ("outboundTracked", .int(Int64(client.outboundTracked))),
                    ("opened", .int(Int64(client.opened))),
                ]))
            })),
        ]))
    }

    private static func int(_ value: SQLiteDatabase.Value) -> Int {
        Int(value.integer ?? 0)
    }

    private static func real(_ value: SQLiteDatabase.Value) -> Double {
        if case .real(let number) = value { return number }
        return Double(value.integer ?? 0)
    }
}
