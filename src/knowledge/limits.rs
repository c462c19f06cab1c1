//! Length limits that knowledge must respect so every reply renders on Discord without
//! being cut at send time. They are checked when knowledge is loaded or edited (and the
//! disclaimer when the config is read), and counted as Discord counts: in UTF-16 units.

/// An embed title holds 256; the FAQ question is the title.
pub const ENTRY_QUESTION: usize = 256;
/// An embed description holds 4096; a quoted passage adds "> " per line.
pub const PASSAGE: usize = 3800;
/// An embed field value holds 1024; the evidence note is a field.
pub const EVIDENCE_NOTE: usize = 1024;
/// An embed footer holds 2048; the disclaimer is the footer.
pub const DISCLAIMER: usize = 2048;

/// A section's topic label is listed in embeds and may be a button or menu label (80).
pub const SECTION_LABEL: usize = 80;

/// The length of `text` as Discord counts it (UTF-16 units), which is never less than its
/// number of characters.
pub fn len(text: &str) -> usize {
    text.encode_utf16().count()
}
