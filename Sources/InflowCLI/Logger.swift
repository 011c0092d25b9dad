internal import Glibc
import InflowCore
import InflowJobs
import Synchronization

/// The command line's logger: one line per event on stderr, plain or JSON, written under a lock
/// so lines from several threads never interleave.
///
/// Progress events become a bar redrawn in place when stderr is a terminal, and a plain line
/// at most every `progressInterval` milliseconds otherwise.
final class Logger: Sendable {
    enum Format: String {
        case text
        case json
    }

    /// The least time between two progress lines in a log file.
    static let progressInterval: Int64 = 5_000

    private let format: Format
    private let terminal: Bool
    /// Whether a progress bar is on screen, and when the last progress line was written.
    private let state = Mutex((barShown: false, lastProgress: Int64(0)))

    init(format: Format) {
        self.format = format
        terminal = format == .text && isatty(2) == 1
    }

    /// Writes one event.
    func log(_ event: JobEvent) {
        if event.message == JobEvent.progressMessage {
            progress(event)
            return
        }
        let line = render(event)
        state.withLock { state in
            let clear = state.barShown ? "\r\u{1B}[K" : ""
            state.barShown = false
            StandardStream.error.write(clear + line + "\n")
        }
    }

    /// Writes a one-line error.
    func error(_ message: String) {
        log(JobEvent(.error, message))
    }

    private func progress(_ event: JobEvent) {
        let fields = Dictionary(event.metadata, uniquingKeysWith: { $1 })
        if terminal {
            let percent = min(100, max(0, Int(fields["percent"] ?? "") ?? 0))
            let filled = percent * 30 / 100
            let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: 30 - filled)
            let text = "\r[\(bar)] \(percent)% \(fields["source"] ?? "") \(fields["items"] ?? "0") items"
            state.withLock { state in
                state.barShown = true
                StandardStream.error.write(text + "\u{1B}[K")
            }
            return
        }
        let now = SystemClock.now().millis
        let due = state.withLock { state in
            guard now - state.lastProgress >= Logger.progressInterval else { return false }
            state.lastProgress = now
            return true
        }
        if due { StandardStream.error.write(render(event) + "\n") }
    }

    private func render(_ event: JobEvent) -> String {
        switch format {
        case .text:
            let fields = event.metadata.map { "\($0.0)=\($0.1)" }.joined(separator: " ")
            return "inflow: \(event.level.rawValue): \(event.message)" + (fields.isEmpty ? "" : " " + fields)
        case .json:
            var object = JSONObject([
                ("time", .string(SystemClock.now().iso8601)), ("level", .string(event.level.rawValue)),
                ("message", .string(event.message)),
            ])
            for (key, value) in event.metadata {
                object[key] = .string(value)
            }
            return JSON.object(object).text
        }
    }
}
