internal import CLinuxShim
internal import Glibc

/// The scheduling priority of this process.
public enum ProcessPriority {
    /// Lowers this process's CPU priority (`setpriority`, nice 10) and IO priority (`ioprio_set`,
    /// the idle class), so that a long backfill yields to the nightly sync and to the rest of
    /// the machine. Failures are ignored: a backfill at normal priority is still correct.
    public static func lower() {
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
        _ = inflow_ioprio_set_idle()
    }
}
