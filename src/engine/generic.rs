//! How generic an English word is: the tell between personal context and filler ("dad",
//! "week", "together"), which should not count against an answer, and a topic word the
//! FAQ never uses ("migraine", "warfarin"), which should.
//!
//! The measure is the word's Zipf frequency in everyday English (wordfreq's data, committed
//! as `models/wordfreq/en-zipf.txt`, see its PROVENANCE.md). Words are looked up by stem,
//! as the index sees them, taking the most common surface form of each stem.

use std::collections::HashMap;
use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};

const FREQUENCIES: &str = include_str!("../../models/wordfreq/en-zipf.txt");

/// At or above this Zipf frequency a word is everyday English and carries no topic.
const GENERIC_ZIPF: f32 = 5.0;
/// At or below this one (and for every word not in the list) a word is fully topical.
const TOPIC_ZIPF: f32 = 3.5;
/// What even the most everyday word the knowledge never uses weighs against an answer.
/// Next to a topic word it is nothing; but when all a question shares with the FAQ is
/// "acupuncture", which every entry uses, the rest decides: "is it ok to have acupuncture
/// if I have a cold" is not "what is acupuncture". Chosen by cross-validation (0.08 to 0.15
/// measure alike; 0.2 and up cost right answers).
const EVERYDAY_FLOOR: f32 = 0.1;

/// The index's stemmer, for the list's words and for [`zipf`]'s lookups alike.
static STEMMER: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

static ZIPF_BY_STEM: LazyLock<HashMap<String, f32>> = LazyLock::new(|| {
    let mut map: HashMap<String, f32> = HashMap::with_capacity(16_384);
    for line in FREQUENCIES.lines() {
        let Some((word, zipf)) = line.split_once(' ') else {
            continue;
        };
        let Ok(zipf) = zipf.parse::<f32>() else {
            continue;
        };
        let slot = map.entry(STEMMER.stem(word).into_owned()).or_insert(zipf);
        *slot = slot.max(zipf);
    }
    map
});

/// Whether a word is everyday English (in the list at all): a word people use, so never
/// "corrected" as a typo of a knowledge word ("stuff" is not "stiff", "pan" is not "pain").
pub fn is_everyday(stem: &str) -> bool {
    ZIPF_BY_STEM.contains_key(stem)
}

/// A word's Zipf frequency in everyday English, by its stem (0 when not in the list): which
/// of two equally near corrections people more likely meant ("realy" is "really", not
/// "real"; "offen" is "often", not "offer").
pub fn zipf(word: &str) -> f32 {
    ZIPF_BY_STEM
        .get(STEMMER.stem(word).as_ref())
        .copied()
        .unwrap_or(0.0)
}

/// Whether a word is a number, also as a decade or an ordinal ("1000s", "40s", "3rd"). One
/// the knowledge never uses (an age, a date, a user id in a pasted mention) sets the scene:
/// it never names a topic, nor means anything to the sentence vector.
pub fn is_number(word: &str) -> bool {
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && ["", "s", "st", "nd", "rd", "th"].contains(&&word[digits..])
}

/// How much a word the knowledge never uses says about the topic of a question, from 0
/// (everyday English: it only sets the scene) to 1 (a rare word: a topic of its own).
pub fn topicality(stem: &str) -> f32 {
    if is_number(stem) {
        return 0.0;
    }
    match ZIPF_BY_STEM.get(stem) {
        Some(&zipf) => ((GENERIC_ZIPF - zipf) / (GENERIC_ZIPF - TOPIC_ZIPF)).clamp(0.0, 1.0),
        None => 1.0,
    }
}

/// How much a word the knowledge never uses counts against every entry: its topicality,
/// but never less than [`EVERYDAY_FLOOR`], except for a number, which only sets the scene.
pub fn unknown_weight(stem: &str) -> f32 {
    if is_number(stem) {
        0.0
    } else {
        topicality(stem).max(EVERYDAY_FLOOR)
    }
}

#[cfg(test)]
mod tests {
    use super::{is_everyday, topicality, unknown_weight};

    #[test]
    fn everyday_words_carry_no_topic_and_rare_ones_do() {
        for generic in [
            "week",
            "togeth",
            "everyth",
            "dad",
            "68",
            "1000s",
            "3rd",
            "123456789012345678",
        ] {
            assert!(
                topicality(generic) < 0.1,
                "{generic}: {}",
                topicality(generic)
            );
        }
        for topical in ["migrain", "warfarin", "electroacupunctur", "zzqx"] {
            assert_eq!(topicality(topical), 1.0, "{topical}");
        }
        assert!(is_everyday("stuff") && is_everyday("pan"));
        assert!(!is_everyday("acupunctur") && !is_everyday("bak") && !is_everyday("pian"));
        assert_eq!(unknown_weight("dad"), super::EVERYDAY_FLOOR);
        assert_eq!(unknown_weight("68"), 0.0);
        assert!(!super::is_number("") && !super::is_number("2nite") && !super::is_number("mp3"));
        assert_eq!(unknown_weight("migrain"), 1.0);
        let yoga = topicality("yoga");
        assert!(yoga > 0.3 && yoga < 1.0, "yoga: {yoga}");
    }
}
