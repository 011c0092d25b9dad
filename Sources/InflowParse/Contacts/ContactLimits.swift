/// The bounds the contact parser enforces, so that one hostile or broken file costs bounded
/// time and memory.
///
/// A card over a per-card limit is rejected with the limit named in the reason; a file with
/// too many cards is rejected whole. Binary properties (PHOTO, LOGO, SOUND, KEY) are skipped
/// without being copied, so their size is bounded only by the file.
public enum ContactLimits {
    /// The most bytes one unfolded text property may have, quoted-printable lines included.
    public static let maxLineBytes = 1 << 20

    /// The most properties one card may have.
    public static let maxPropertiesPerCard = 10_000

    /// The most cards one file may hold.
    public static let maxCardsPerFile = 200_000
}
