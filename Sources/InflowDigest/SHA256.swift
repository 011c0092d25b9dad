internal import CCrypto

/// SHA-256 through libcrypto, the one digest Inflow uses for origins, fingerprints and content
/// hashes.
///
/// Streaming inputs hash incrementally with `update`, so a file of any size is fingerprinted in
/// constant memory.
public final class SHA256 {
    private let context: OpaquePointer

    /// Starts a digest (`EVP_MD_CTX_new`, `EVP_DigestInit_ex` with `EVP_sha256`).
    public init() {
        guard let context = EVP_MD_CTX_new(), EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1
        else {
            preconditionFailure("libcrypto could not start a SHA-256 digest")
        }
        self.context = context
    }

    deinit {
        EVP_MD_CTX_free(context)
    }

    /// Feeds bytes to the digest (`EVP_DigestUpdate`).
    public func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        EVP_DigestUpdate(context, base, bytes.count)
    }

    /// Feeds bytes to the digest.
    public func update(_ bytes: ArraySlice<UInt8>) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// Ends the digest (`EVP_DigestFinal_ex`) and returns it as lowercase hex.
    public func finalizeHex() -> String {
        var digest = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        EVP_DigestFinal_ex(context, &digest, &length)
        return SHA256.hexDigits(digest)
    }

    /// The lowercase hex SHA-256 of `bytes` (`SHA256` one-shot).
    public static func hex(_ bytes: UnsafeRawBufferPointer) -> String {
        var digest = [UInt8](repeating: 0, count: 32)
        let empty: [UInt8] = [0]
        if let base = bytes.baseAddress {
            CCrypto.SHA256(base.assumingMemoryBound(to: UInt8.self), bytes.count, &digest)
        } else {
            CCrypto.SHA256(empty, 0, &digest)
        }
        return hexDigits(digest)
    }

    /// The lowercase hex SHA-256 of `bytes`.
    public static func hex(_ bytes: ArraySlice<UInt8>) -> String {
        bytes.withUnsafeBytes { hex($0) }
    }

    /// The lowercase hex SHA-256 of `bytes`.
    public static func hex(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBytes { hex($0) }
    }

    /// The lowercase hex SHA-256 of a string's UTF-8 bytes.
    public static func hex(_ text: String) -> String {
        hex(Array(text.utf8)[...])
    }

    private static let digits = Array("0123456789abcdef".utf8)

    private static func hexDigits(_ digest: [UInt8]) -> String {
        var out = [UInt8]()
        out.reserveCapacity(64)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
