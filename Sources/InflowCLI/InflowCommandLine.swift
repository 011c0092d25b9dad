internal import Glibc
import InflowCore
import InflowJobs

/// The command line: parses arguments, runs a command, prints its document on stdout and
/// turns errors into one line on stderr and an exit code.
public enum InflowCommandLine {
    /// Exit codes of the command line contract.
    enum ExitCode: Int32 {
        case done = 0
        case jobFailed = 1
        case badInput = 2
        case busy = 3
        case cancelled = 130
    }

    /// Runs the command named by the process arguments and exits with its code.
    public static func main() -> Never {
        Signals.install()
        let words = Array(CommandLine.arguments.dropFirst())
        exit(run(words, print: { StandardStream.output.write($0) }).rawValue)
    }

    /// Runs a command line and returns its exit code; `print` receives stdout text.
    static func run(_ words: [String], print: (String) -> Void) -> ExitCode {
        let requestedFormat = logFormatOption(words) ?? "text"
        let logger = Logger(format: Logger.Format(rawValue: requestedFormat) ?? .text)
        do {
            guard Logger.Format(rawValue: requestedFormat) != nil else {
                throw UsageError("--log-format must be text or json, not '\(requestedFormat.debugEscaped)'")
            }
            if words.isEmpty || words == ["--help"] || words == ["help"] || words == ["-h"] {
                print(Help.overview)
                return .done
            }
            let arguments = try Arguments(words) { Commands.flags(of: $0) }
            if arguments.flags.contains("help") {
                print(try Help.text(for: arguments.command))
                return .done
            }
            if arguments.command == "inspect" {
                return try InspectCommand.run(arguments, print: print) ? .done : .badInput
            }
            let document = try Commands.execute(arguments, logger: logger)
            if arguments.command == "sentiment", case .array(let lines) = document {
                print(lines.map { $0.text + "\n" }.joined())
                return .done
            }
            print(document.prettyText() + "\n")
            if let status = document.objectValue?.string("status") {
                if status == JobStatus.failed.rawValue { return .jobFailed }
                if status == JobStatus.cancelled.rawValue { return .cancelled }
            }
            return .done
        } catch let error as UsageError {
            logger.error(error.description)
            return .badInput
        } catch let error as JobError {
            logger.error(error.description)
            switch error {
            case .badInput: return .badInput
            case .busy: return .busy
            case .failed: return .jobFailed
            case .cancelled: return .cancelled
            }
        } catch {
            logger.error(String(describing: error))
            return .jobFailed
        }
    }

    private static func logFormatOption(_ words: [String]) -> String? {
        if let index = words.firstIndex(of: "--log-format"), index + 1 < words.count { return words[index + 1] }
        return words.first { $0.hasPrefix("--log-format=") }.map { String($0.dropFirst(13)) }
    }
}
