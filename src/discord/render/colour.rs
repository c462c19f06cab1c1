//! Embed colours: one meaning each, so a colour alone says what kind of message it is.

/// Answers and topics: a calm blue.
pub const ANSWER: u32 = 0x2E86C1;
/// "Did you mean…".
pub const SUGGESTIONS: u32 = 0xF1C40F;
/// Not in the FAQ.
pub const NO_MATCH: u32 = 0x95A5A6;
/// Urgent care: red, and only for that.
pub const URGENT: u32 = 0xE02B2B;
/// Moderator tools: something was refused or is broken.
pub const PROBLEM: u32 = 0xE67E22;
/// Moderator tools: about to remove something.
pub const DANGER: u32 = 0xE02B2B;
/// Moderator tools: lists (unanswered questions, history).
pub const INFO: u32 = 0x8E44AD;
