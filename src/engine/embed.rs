//! Sentence vectors from the static embedding table in `models/minilm-m2v/` (all-MiniLM-L6-v2
//! distilled by model2vec; see its PROVENANCE.md): WordPiece tokens, mean of their rows,
//! L2-normalised, exactly as model2vec's `StaticModel.encode`.
//!
//! The table and tokenizer are compiled into the binary, so a fresh checkout answers with
//! no download, no Python and no model path to configure; they are parsed once per process.

use std::sync::LazyLock;

use half::f16;
use half::slice::HalfFloatSliceExt;
use safetensors::{Dtype, SafeTensors};
use tokenizers::{Model, Tokenizer};

const TABLE: &[u8] = include_bytes!("../../models/minilm-m2v/model.safetensors");
const TOKENIZER: &[u8] = include_bytes!("../../models/minilm-m2v/tokenizer.json");

/// model2vec's `[UNK]` id: unknown pieces carry no meaning and are dropped.
const UNKNOWN_TOKEN: u32 = 1;
/// model2vec cuts text at `max_length * median_token_length` characters before tokenising;
/// beyond that a paste adds nothing to the mean, and the cut keeps encoding linear and short.
const MAX_CHARS: usize = 3072;

/// A unit-length sentence vector (or all zeros when no token was known).
pub type Vector = Vec<f32>;

/// The shipped model, parsed on first use.
pub static MODEL: LazyLock<Embedder> = LazyLock::new(Embedder::shipped);

pub struct Embedder {
    tokenizer: Tokenizer,
    /// Row-major `[tokens, dims]`, kept as f16 (15 MB rather than 30) and widened a row at
    /// a time, which `half` does with the CPU's conversion instructions where it has them.
    rows: Vec<f16>,
    dims: usize,
}

impl Embedder {
    fn shipped() -> Embedder {
        // Both files are checked by the test vector in this module's tests; a failure here
        // is a broken build, not something an operator could cause or fix.
        let tokenizer = Tokenizer::from_bytes(TOKENIZER).expect("shipped tokenizer.json parses");
        let tensors = SafeTensors::deserialize(TABLE).expect("shipped model.safetensors parses");
        let table = tensors
            .tensor("embeddings")
            .expect("model.safetensors holds `embeddings`");
        assert_eq!(table.dtype(), Dtype::F16, "embeddings are float16");
        let [_, dims] = table.shape() else {
            panic!("embeddings are a matrix");
        };
        let rows = table
            .data()
            .chunks_exact(2)
            .map(|b| f16::from_le_bytes([b[0], b[1]]))
            .collect();
        Embedder {
            tokenizer,
            rows,
            dims: *dims,
        }
    }

    pub fn dims(&self) -> usize {
        self.dims
    }

    /// The token ids model2vec would average for `text` (unknown pieces dropped).
    pub fn token_ids(&self, text: &str) -> Vec<u32> {
        let text = match text.char_indices().nth(MAX_CHARS) {
            Some((cut, _)) => &text[..cut],
            None => text,
        };
        self.tokenizer
            .encode_fast(text, false)
            .map(|e| e.get_ids().to_vec())
            .unwrap_or_default()
            .into_iter()
            .filter(|&id| self.has_row(id))
            .collect()
    }

    /// Whether `id` is a token with meaning and a row in the table (not `[UNK]`).
    fn has_row(&self, id: u32) -> bool {
        id != UNKNOWN_TOKEN && (id as usize + 1) * self.dims <= self.rows.len()
    }

    /// The sentence vector of `text`: unit length, or zeros when nothing in it is known.
    pub fn encode(&self, text: &str) -> Vector {
        self.mean(self.token_ids(text))
    }

    /// The sentence vector of words already folded (lower case, accents stripped) and
    /// split at punctuation, as the engine's analyzer gives them: the same vector as
    /// [`Embedder::encode`] of those words, for a quarter of the time, since only the
    /// WordPiece step is left to do.
    pub fn encode_words<'a>(&self, words: impl IntoIterator<Item = &'a str>) -> Vector {
        let model = self.tokenizer.get_model();
        let mut ids = Vec::new();
        // Every word is at least one character, so this reads no more than `encode` would.
        for word in words.into_iter().take(MAX_CHARS) {
            match model.token_to_id(word) {
                // A whole-word token is what WordPiece's longest-match-first would give,
                // without building its token list: most words are one.
                Some(id) => ids.push(id),
                None => ids.extend(
                    model
                        .tokenize(word)
                        .unwrap_or_default()
                        .into_iter()
                        .map(|t| t.id),
                ),
            }
        }
        ids.retain(|&id| self.has_row(id));
        self.mean(ids)
    }

    fn mean(&self, ids: impl IntoIterator<Item = u32>) -> Vector {
        let mut sum = vec![0.0f32; self.dims];
        let mut row = vec![0.0f32; self.dims];
        for id in ids {
            self.rows[id as usize * self.dims..][..self.dims].convert_to_f32_slice(&mut row);
            for (s, r) in sum.iter_mut().zip(&row) {
                *s += r;
            }
        }
        normalise(&mut sum);
        sum
    }
}

/// Scales `v` to unit length (a zero vector stays zero).
pub fn normalise(v: &mut [f32]) {
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm > 0.0 {
        v.iter_mut().for_each(|x| *x /= norm);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cosine(a: &[f32], b: &[f32]) -> f32 {
        a.iter().zip(b).map(|(x, y)| x * y).sum()
    }

    /// `models/minilm-m2v/test-vector.json`, written by the distillation script from
    /// model2vec itself: the same token ids and the same vector, to f16 precision.
    #[test]
    fn matches_model2vec_on_the_test_vector() {
        let expected: serde_json::Value =
            serde_json::from_str(include_str!("../../models/minilm-m2v/test-vector.json")).unwrap();
        let text = expected["text"].as_str().unwrap();
        let ids: Vec<u32> = expected["token_ids"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_u64().unwrap() as u32)
            .collect();
        assert_eq!(MODEL.token_ids(text), ids);
        let vector = MODEL.encode(text);
        for (got, want) in vector
            .iter()
            .zip(expected["embedding_first8_f32"].as_array().unwrap())
        {
            let want = want.as_f64().unwrap() as f32;
            assert!((got - want).abs() < 2e-3, "{got} vs {want}");
        }
        assert!((cosine(&vector, &vector) - 1.0).abs() < 1e-5);
    }

    #[test]
    fn related_sentences_are_closer_than_unrelated_ones() {
        let a = MODEL.encode("does acupuncture help back pain");
        let b = MODEL.encode("is acupuncture effective for lower back pain");
        let c = MODEL.encode("what time is the football on");
        assert!(cosine(&a, &b) > 0.8, "{}", cosine(&a, &b));
        assert!(cosine(&a, &c) < 0.3, "{}", cosine(&a, &c));
    }

    #[test]
    fn folded_words_give_the_same_vector_as_the_text() {
        let text = "is acupuncture available on the nhs for lower back pain";
        let a = MODEL.encode(text);
        let b = MODEL.encode_words(text.split(' '));
        assert!((cosine(&a, &b) - 1.0).abs() < 1e-5);
    }

    #[test]
    fn text_with_no_known_token_is_the_zero_vector() {
        assert!(MODEL.encode("").iter().all(|&x| x == 0.0));
        assert!(MODEL.encode("\u{1F600}").iter().all(|&x| x == 0.0));
    }
}
