//! The decision for a question that triage let through: rank every document by both
//! signals, gather the evidence for the best, and let the fitted confidence choose between
//! an answer, "did you mean" suggestions and no match.

use super::Engine;
use super::confidence::Evidence;
use super::embed;
use super::generic;
use super::int8::Probe;
use super::normalize;
use super::reading::{Candidate, MAX_SENTENCES, Reading, Segment};
use super::score::{Query, rank};
use super::sentences;
use crate::reply::{NoMatchReason, Outcome};

/// How many documents the lexical ranking passes to the decision (the semantic signal
/// adds its own).
const CANDIDATE_POOL: usize = 32;

/// Suggestions are the candidates whose blended score is within this of the best one's:
/// close enough that the patient may have meant any of them.
const SUGGESTION_WINDOW: f32 = 0.08;

/// A not-covered topic that ranks first with at least this blended score is what the
/// patient asked about, and the decline says where to look instead; below it, the
/// message is merely nearest to that topic and gets the plain decline.
const POINTER_AT: f32 = 0.5;

/// Below this semantic closeness, a candidate the question shares only everyday words with
/// (see [`Query::anchored`]) is a coincidence, not an answer: what the message means is
/// far from every phrasing of it. Right answers that rest on everyday words alone ("is it
/// all in my head") are close in meaning too.
const COINCIDENCE_SEMANTIC: f32 = 0.55;
/// A sentence of a longer message is read on its own only with at least this many of the
/// knowledge's words ("would acupuncture help?" has two).
const MIN_SENTENCE_TERMS: usize = 2;

impl Engine {
    pub(super) fn decide(&self, question: &str) -> Outcome {
        let (reading, ranked) = match self.weigh(question) {
            Ok(weighed) => weighed,
            Err(reason) => return self.no_match(reason),
        };
        let top = ranked[0];
        if let Some(topic) = self.not_covered(top.document) {
            // One sentence of several asks about something the article does not cover
            // ("does it hurt? and does it work for chronic back pain?"): answer the
            // sentence it does cover, if one is answered confidently.
            if let Some(answer) = self.other_sentence_answer(&reading, &ranked, top) {
                return answer;
            }
            if top.blended < POINTER_AT {
                return self.no_match(NoMatchReason::OutOfScope);
            }
            // Most like one of the topics the article does not cover.
            let message = topic.message.as_ref().map_or_else(
                || self.messages.out_of_scope.clone(),
                |pointer| format!("{}\n\n{pointer}", self.messages.out_of_scope),
            );
            return Outcome::NoMatch {
                reason: NoMatchReason::OutOfScope,
                message,
            };
        }
        if self.coincidental(&reading, top) {
            return self.no_match(NoMatchReason::OutOfScope);
        }
        let confidence = self
            .evidence(&reading, &ranked, top)
            .confidence(&self.confidence);
        if confidence < self.confidence.suggest_at {
            return self.no_match(NoMatchReason::OutOfScope);
        }
        let faq = &self.knowledge.faq;
        if confidence >= self.confidence.answer_at {
            return Outcome::Answer(self.to_match(&faq[top.document], confidence));
        }
        let suggestions = ranked
            .iter()
            .filter(|c| c.document < faq.len() && c.blended >= top.blended - SUGGESTION_WINDOW)
            .map(|&c| {
                let confidence = if c.document == top.document {
                    confidence
                } else {
                    self.evidence(&reading, &ranked, c)
                        .confidence(&self.confidence)
                };
                (c, confidence)
            })
            .filter(|&(_, confidence)| confidence >= self.confidence.suggest_at)
            .take(self.matching.max_suggestions)
            .map(|(c, confidence)| self.to_match(&faq[c.document], confidence))
            .collect();
        Outcome::Suggestions(suggestions)
    }

    /// The confident answer to another sentence of the message than the one a
    /// not-covered topic came from, judged without that topic's candidates from that
    /// sentence (they are the part of the message the FAQ declines, not a rival answer).
    fn other_sentence_answer(
        &self,
        reading: &Reading,
        ranked: &[Candidate],
        declined: Candidate,
    ) -> Option<Outcome> {
        let faq = &self.knowledge.faq;
        // Segment 0 is the whole message: a topic found there covers every sentence.
        if declined.segment == 0 {
            return None;
        }
        let rest: Vec<Candidate> = ranked
            .iter()
            .filter(|c| !(c.document >= faq.len() && c.segment == declined.segment))
            .copied()
            .collect();
        let best = *rest.first()?;
        if best.document >= faq.len()
            || best.segment == 0
            || best.segment == declined.segment
            || !reading.segments[best.segment].asks
        {
            return None;
        }
        // That sentence, read alone, may be about a topic the article does not cover too
        // ("what are the side effects? any risks I should know about?"): the answer was
        // only best once the first sentence's topic was set aside.
        let alone = self.candidates(&reading.only(best.segment));
        if alone.first().is_none_or(|c| c.document >= faq.len()) {
            return None;
        }
        let confidence = self
            .evidence(reading, &rest, best)
            .confidence(&self.confidence);
        (confidence >= self.confidence.answer_at)
            .then(|| Outcome::Answer(self.to_match(&faq[best.document], confidence)))
    }

    /// The question read and its candidates ranked, or why there is nothing to weigh.
    pub(super) fn weigh(&self, question: &str) -> Result<(Reading, Vec<Candidate>), NoMatchReason> {
        if !question.chars().any(char::is_alphanumeric) {
            return Err(NoMatchReason::Empty);
        }
        let question = &*normalize::without_handles(question);
        if self.is_small_talk(question) {
            return Err(NoMatchReason::SmallTalk);
        }
        let reading = self.read(question);
        // Not one word the knowledge uses: whatever its meaning is close to, the FAQ has
        // nothing to say about it.
        if reading.segments[0].query.known.is_empty() {
            return Err(NoMatchReason::OutOfScope);
        }
        let ranked = self.candidates(&reading);
        if ranked.is_empty() {
            return Err(NoMatchReason::OutOfScope);
        }
        Ok((reading, ranked))
    }

    /// Reads a question once for both signals: the clauses that only say what the person
    /// does not have are set aside, typos corrected, then terms for the lexical index and
    /// a sentence vector for the semantic one; for the whole message and, when it has
    /// several, for each of its sentences, since the question is often one sentence of a
    /// story ("my mum's had sciatica for years. would acupuncture help her?").
    pub(super) fn read(&self, question: &str) -> Reading {
        let mut texts = vec![(self.triage.without_negated_clauses(question), true)];
        let sentences = sentences::sentences(question, MAX_SENTENCES);
        if sentences.len() > 1 {
            texts.extend(
                sentences
                    .iter()
                    .map(|s| (self.triage.affirmed_clauses(s), asks_something(s)))
                    .filter(|(s, _)| !s.is_empty()),
            );
        }
        let segments = texts
            .iter()
            .enumerate()
            .filter_map(|(i, (text, asks))| {
                let words = self.corrected_words(text);
                let query = Query::new(&self.index, &self.analyzer.terms(&words));
                // A sentence sharing one word with the knowledge is a reaction or an
                // aside ("it seems to say both lol", "should i bother?"): read alone, that
                // one word would decide it. The whole message is always read.
                if i > 0 && query.known.len() < MIN_SENTENCE_TERMS {
                    return None;
                }
                // Numbers the knowledge never uses would only blur the sentence vector.
                let meaningful = words.iter().filter(|w| {
                    !generic::is_number(&w.surface) || self.index.term(&w.stem).is_some()
                });
                Some(Segment {
                    query,
                    vector: Probe::new(
                        &embed::MODEL.encode_words(meaningful.map(|w| w.surface.as_str())),
                    ),
                    asks: *asks,
                })
            })
            .collect();
        Reading { segments }
    }

    /// Every document either signal finds, best blended score first, one per answer:
    /// entries that quote the same passage give the same answer, so only the best counts.
    /// A document's score is its best over the reading's segments.
    pub(super) fn candidates(&self, reading: &Reading) -> Vec<Candidate> {
        let n = self.semantic.document_count();
        let blend = self.confidence.blend;
        let mut best: Vec<Option<Candidate>> = vec![None; n];
        for (index, segment) in reading.segments.iter().enumerate() {
            if segment.query.known.is_empty() {
                continue;
            }
            let mut lexical = vec![0.0f32; n];
            for (d, s) in rank(&self.index, &segment.query, CANDIDATE_POOL) {
                lexical[d] = s;
            }
            let mut semantic = self.semantic.closeness(&segment.vector);
            for (d, &l) in lexical.iter().enumerate() {
                if l > 0.0 && semantic[d] == 0.0 {
                    semantic[d] = self.semantic.best_phrasing(d, &segment.vector);
                }
            }
            for (document, (lexical, semantic)) in lexical.into_iter().zip(semantic).enumerate() {
                if lexical <= 0.0 && semantic <= 0.0 {
                    continue;
                }
                let candidate = Candidate {
                    document,
                    segment: index,
                    lexical,
                    semantic,
                    blended: blend * lexical + (1.0 - blend) * semantic,
                };
                let slot = &mut best[document];
                if slot.is_none_or(|b| candidate.blended > b.blended) {
                    *slot = Some(candidate);
                }
            }
        }
        let mut ranked: Vec<Candidate> = best.into_iter().flatten().collect();
        ranked.sort_by(|a, b| {
            b.blended
                .total_cmp(&a.blended)
                .then(a.document.cmp(&b.document))
        });
        let mut seen = vec![false; n];
        ranked.retain(|c| !std::mem::replace(&mut seen[self.answer_key(c.document)], true));
        ranked
    }

    /// Whether `candidate` was found only through a coincidence of everyday words.
    pub(super) fn coincidental(&self, reading: &Reading, candidate: Candidate) -> bool {
        !reading.segments[candidate.segment].query.anchored
            && candidate.semantic < COINCIDENCE_SEMANTIC
    }

    /// The evidence that `candidate` answers the question, against the other `ranked`
    /// candidates (one per answer, as [`Engine::candidates`] returns them).
    pub(super) fn evidence(
        &self,
        reading: &Reading,
        ranked: &[Candidate],
        candidate: Candidate,
    ) -> Evidence {
        let others = ranked.iter().filter(|c| c.document != candidate.document);
        // The margin is over the best answer from another section: a close runner-up on
        // the same part of the article is usually another wording of the same answer
        // (cross-validated: leave-one-out +16 right for +4 wrong, chatty +1.4).
        let own_section = self.section_of(candidate.document);
        let best_other = others
            .clone()
            .filter(|c| own_section.is_none() || self.section_of(c.document) != own_section)
            .map(|c| c.blended)
            .fold(0.0f32, f32::max);
        let best_other_semantic = others.map(|c| c.semantic).fold(0.0f32, f32::max);
        let faq_len = self.knowledge.faq.len();
        let segment = &reading.segments[candidate.segment];
        // Measured on the text the candidate was found in: a sentence about a topic the
        // article does not cover says nothing against the answer to another sentence
        // ("is it safe? and what does NICE say about it").
        let not_covered = (faq_len..self.semantic.document_count())
            .map(|d| self.semantic.best_phrasing(d, &segment.vector))
            .fold(0.0f32, f32::max);
        let words = segment.query.known.len() as f32 + segment.query.unknown;
        Evidence {
            lexical: candidate.lexical,
            semantic: candidate.semantic,
            passage: self
                .passages
                .best_phrasing(candidate.document, &segment.vector),
            margin: candidate.blended - best_other,
            semantic_lead: candidate.semantic - best_other_semantic,
            unknown_share: segment.query.unknown / words.max(1.0),
            not_covered,
        }
    }
}

/// Words a question starts with ("does it hurt", "and is it safe", "whats sham").
const QUESTION_OPENERS: &[&str] = &[
    "does", "do", "did", "is", "are", "was", "were", "can", "could", "will", "would", "should",
    "may", "might", "has", "have", "what", "whats", "how", "hows", "why", "where", "who", "when",
    "which", "any", "isnt", "doesnt", "wont",
];

/// Whether a sentence of a message asks something, rather than tells ("28 weeks and my
/// lower back is killing me"): it ends in a question mark or opens like a question.
fn asks_something(sentence: &str) -> bool {
    if sentence.trim_end().ends_with('?') {
        return true;
    }
    super::normalize::words(sentence)
        .iter()
        .find(|w| !["and", "also", "but", "so", "ok", "okay", "then"].contains(&w.as_str()))
        .is_some_and(|w| QUESTION_OPENERS.contains(&w.as_str()))
}
