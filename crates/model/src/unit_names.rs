//! The names the parser gives units without a number of their own, as they
//! appear in a unit's path (`标题`, `落款`, `二/段3`, `第三条/款2`). The parser
//! writes them, the outline shows them, and the English report translates
//! them; the UI's `unitPath` (`ui/src/lib/i18n`) knows the same names.

/// The title clause(s): `标题`, `标题#2`.
pub const TITLE: &str = "标题";
/// The cover letter.
pub const COVER: &str = "印发通知";
/// The signature clause(s).
pub const SIGNATURE: &str = "落款";
/// The preamble clause(s).
pub const PREAMBLE: &str = "序言";
/// The prefix of a free-standing paragraph: `段1`, `段2`, ….
pub const PARAGRAPH: &str = "段";
/// The prefix of an article's paragraph (款): `第三条/款2`.
pub const KUAN: &str = "款";
