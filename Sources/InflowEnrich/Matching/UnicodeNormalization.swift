@_spi(_Unicode) import Swift

/// Canonical Unicode normalisation from the standard library's own tables.
///
/// FoundationEssentials has no normalisation API on Linux and full Foundation would pull in ICU
/// for two functions, so this reads the standard library's NFC and NFD iterators, which it
/// exposes to clients through the `_Unicode` SPI. Only this file depends on that SPI.
enum UnicodeNormalization {
    /// The scalars of `text` in Normalization Form C.
    static func nfc(_ text: String) -> [Unicode.Scalar] {
        Array(text._nfc)
    }

    /// The scalars of `text` in Normalization Form D.
    static func nfd(_ text: String) -> [Unicode.Scalar] {
        Array(text._nfd)
    }
}
