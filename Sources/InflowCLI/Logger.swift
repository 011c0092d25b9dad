import InflowCore
import InflowJobs
import Synchronization

/// The command line's logger: one line per event on stderr, plain or JSON, written under a lock
/// so lines from several threads never interleave.
final class Logger: Sendable {
    enum Format: String {
        case text
        case json
    }

    private let format: Format
    private let lock = Mutex(())

    init(format: Format) {
        self.format = format
    }

    /// Writes one event.
    func log(_ event: JobEvent) {
        let line: String
        switch format {
        case .text:
            let fields = event.metadata.map { "\($0.0)=\($0.1)" }.joined(separator: " ")
            line = "inflow: \(event.level.rawValue): \(event.message)" + (fields.isEmpty ? "" : " " + fields)
        case .json:
            var object = JSONObject([
                ("time", .string(SystemClock.now().iso8601)), ("level", .string(event.level.rawValue)),
                ("message", .string(event.message)),
            ])
            for (key, value) in event.metadata {
                object[key] = .string(value)
            }
            line = JSON.object(object).text
        }
        lock.withLock { _ in StandardStream.error.write(line + "\n") }
    }

    /// Writes a one-line error.
    func error(_ message: String) {
        log(JobEvent(.error, message))
    }
}
