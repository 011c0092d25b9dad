internal import Glibc
import InflowCore
import InflowEnrich
import InflowStore

/// Finds the data fetched at set-up (`vendor/` under the repository) for a binary that may be
/// run from anywhere.
enum SetupPaths {
    /// The lexicon folder: `INFLOW_LEXICON_DIR` when set, else `vendor/vader` under the current
    /// folder, else under the nearest folder above the binary that has one (the repository
    /// the binary was built in).
    static func lexiconDir() -> String {
        if let value = getenv(SentimentLexicon.folderEnvironmentVariable), value.pointee != 0 {
            return String(cString: value)
        }
        let local = SentimentLexicon.defaultFolder(packageRoot: ".")
        if FileSystem.isDirectory(local) { return local }
        guard let executable = FileSystem.readLink("/proc/self/exe") else { return local }
        var folder = Path.directory(of: executable)
        while folder != "/" && folder != "." {
            let candidate = SentimentLexicon.defaultFolder(packageRoot: folder)
            if FileSystem.isDirectory(candidate) { return candidate }
            folder = Path.directory(of: folder)
        }
        return local
    }
}
