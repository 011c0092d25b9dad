internal import Glibc

/// Facts about the machine the job runs on.
enum SystemInfo {
    /// The cores this process may run on (`sysconf(_SC_NPROCESSORS_ONLN)`).
    static var activeProcessors: Int {
        Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
    }
}
