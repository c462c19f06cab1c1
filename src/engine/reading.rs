//! A question as the decision sees it: its segments (the whole message, then each
//! sentence), each read as lexical terms and a sentence vector, and the candidates ranked
//! from them.

use super::int8::Probe;
use super::score::Query;

/// A message's question is rarely past its fifth sentence; a paste's later sentences add
/// nothing but time.
pub const MAX_SENTENCES: usize = 6;

/// A document (FAQ entry, or a not-covered topic after them) with its blended score, from
/// the segment of the message that fits it best.
#[derive(Debug, Clone, Copy)]
pub struct Candidate {
    pub document: usize,
    pub segment: usize,
    pub lexical: f32,
    pub semantic: f32,
    pub blended: f32,
}

/// A question as both signals read it: the whole message first, then its sentences.
pub struct Reading {
    pub segments: Vec<Segment>,
}

impl Reading {
    /// One segment read as if it were the whole message.
    pub fn only(&self, segment: usize) -> Reading {
        Reading {
            segments: vec![self.segments[segment].clone()],
        }
    }
}

/// Some text of the message, as terms and as a sentence vector.
#[derive(Clone)]
pub struct Segment {
    pub query: Query,
    pub vector: Probe,
    /// Whether it asks something (the whole message always counts as asking): only a
    /// sentence that asks may be answered on its own.
    pub asks: bool,
}
