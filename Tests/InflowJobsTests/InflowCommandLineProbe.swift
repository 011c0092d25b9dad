@testable import InflowCLI

/// Runs the command line in-process and captures what it prints on stdout.
enum InflowCommandLineProbe {
    static func run(_ words: [String], output: inout String) -> Int32 {
        var text = ""
        let code = InflowCommandLine.run(words) { text += $0 }
        output = text
        return code.rawValue
    }
}
