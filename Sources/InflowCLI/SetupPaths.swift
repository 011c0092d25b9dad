internal import Glibc
import InflowCore
import InflowEnrich
import InflowStore

/// Finds the data fetched at set-up (`vendor/` and `data/free-email-overrides.txt` in the
/// repository) for a binary that may be run from anywhere.
enum SetupPaths {
    /// The folder holding `vendor/`: the current folder when it has one, else the nearest
    /// folder above the binary that has one (the repository the binary was built in).
    static let root: String = {
        if FileSystem.isDirectory("vendor") { return "." }
        guard let executable = FileSystem.readLink("/proc/self/exe") else { return "." }
        var folder = Path.directory(of: executable)
        while folder != "/" && folder != "." {
            if FileSystem.isDirectory(folder + "/vendor") { return folder }
            folder = Path.directory(of: folder)
        }
        return "."
    }()

    /// The lexicon folder: `INFLOW_LEXICON_DIR` when set, else `vendor/vader` under `root`.
    static func lexiconDir() -> String {
        if let value = getenv(SentimentLexicon.folderEnvironmentVariable), value.pointee != 0 {
            return String(cString: value)
        }
        return SentimentLexicon.defaultFolder(packageRoot: root)
    }

    /// The free-mail list under `root`.
    static var freeMailList: String {
        root + "/" + FreeMailDomains.defaultListPath
    }

    /// The project's free-mail override file under `root`.
    static var freeMailOverrides: String {
        root + "/" + FreeMailDomains.defaultOverridesPath
    }
}
