internal import Glibc

/// Standard output and error as file descriptors, written with `write` so that no shared C
/// `FILE` state is touched from Swift.
enum StandardStream: Int32 {
    case output = 1
    case error = 2

    /// Writes all of `text` (`write`, retried on partial writes and interrupts).
    func write(_ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeBytes {
                Glibc.write(rawValue, $0.baseAddress! + offset, $0.count - offset)
            }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return }
            offset += count
        }
    }
}
