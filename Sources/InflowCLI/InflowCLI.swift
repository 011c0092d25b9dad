/// The command line: parses arguments, runs a command, prints its document, exits.
public enum InflowCommandLine {
    /// Runs the command named by the process arguments and exits with its code.
    public static func main() {
    }
}
