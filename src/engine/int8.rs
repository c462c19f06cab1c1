//! Sentence vectors kept as 8-bit integers for the semantic scan: a quarter of the bytes
//! of `f32`, since comparing a question with every phrasing is bound by reading them from
//! memory, and an integer dot product the CPU does 16 lanes at a time.
//!
//! Each vector is scaled so its largest component is ±127 and keeps the inverse of its
//! quantised length, so the cosine of two quantised vectors is exact for the integers and
//! within about 0.002 of the `f32` cosine (a vector's cosine with itself is 1).

/// The largest magnitude a component is scaled to (−128 is left out, so products of two
/// components fit the 16-bit lanes the dot product multiplies in).
const MAX: f32 = 127.0;

/// A question's vector, quantised once and compared with many rows.
#[derive(Clone)]
pub struct Probe {
    values: Vec<i8>,
    inverse_norm: f32,
}

impl Probe {
    pub fn new(vector: &[f32]) -> Probe {
        let mut values = Vec::with_capacity(vector.len());
        let inverse_norm = quantise_into(vector, &mut values);
        Probe {
            values,
            inverse_norm,
        }
    }

    /// Whether the vector had no direction (no known token): it is close to nothing.
    pub fn is_zero(&self) -> bool {
        self.inverse_norm == 0.0
    }
}

/// Vectors of one length, row after row.
pub struct Rows {
    dims: usize,
    values: Vec<i8>,
    inverse_norms: Vec<f32>,
}

impl Rows {
    pub fn new(dims: usize) -> Rows {
        Rows {
            dims,
            values: Vec::new(),
            inverse_norms: Vec::new(),
        }
    }

    pub fn push(&mut self, vector: &[f32]) {
        debug_assert_eq!(vector.len(), self.dims);
        let inverse_norm = quantise_into(vector, &mut self.values);
        self.inverse_norms.push(inverse_norm);
    }

    pub fn len(&self) -> usize {
        self.inverse_norms.len()
    }

    /// The cosine of row `row` and `probe` (0 when either has no direction).
    pub fn cosine(&self, row: usize, probe: &Probe) -> f32 {
        let values = &self.values[row * self.dims..][..self.dims];
        dot(values, &probe.values) as f32 * self.inverse_norms[row] * probe.inverse_norm
    }
}

/// Appends `vector` scaled to ±[`MAX`] and rounded; returns one over the rounded vector's
/// length, or 0 for a zero vector.
fn quantise_into(vector: &[f32], out: &mut Vec<i8>) -> f32 {
    let largest = vector.iter().fold(0.0f32, |m, x| m.max(x.abs()));
    if largest == 0.0 || !largest.is_finite() {
        out.extend(std::iter::repeat_n(0, vector.len()));
        return 0.0;
    }
    let scale = MAX / largest;
    let start = out.len();
    out.extend(vector.iter().map(|x| (x * scale).round() as i8));
    let squares: i32 = out[start..]
        .iter()
        .map(|&q| i32::from(q) * i32::from(q))
        .sum();
    1.0 / (squares as f32).sqrt()
}

/// The integer dot product; on x86-64 CPUs with AVX2 the same loop is compiled for 256-bit
/// registers too and chosen at run time.
fn dot(a: &[i8], b: &[i8]) -> i32 {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU was just found to support AVX2, all the function requires.
            return unsafe { dot_avx2(a, b) };
        }
    }
    dot_lanes(a, b)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn dot_avx2(a: &[i8], b: &[i8]) -> i32 {
    dot_lanes(a, b)
}

/// Products summed in 16-bit pairs into 32-bit lanes, a shape the compiler turns into
/// multiply-add instructions.
#[inline(always)]
fn dot_lanes(a: &[i8], b: &[i8]) -> i32 {
    const LANES: usize = 32;
    let mut lanes = [0i32; LANES];
    let whole = a.len().min(b.len()) / LANES * LANES;
    for (x, y) in a[..whole]
        .chunks_exact(LANES)
        .zip(b[..whole].chunks_exact(LANES))
    {
        for i in 0..LANES {
            lanes[i] += i32::from(i16::from(x[i]) * i16::from(y[i]));
        }
    }
    let tail: i32 = a[whole..]
        .iter()
        .zip(&b[whole..])
        .map(|(&x, &y)| i32::from(x) * i32::from(y))
        .sum();
    lanes.iter().sum::<i32>() + tail
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(v: &[f32]) -> Vec<f32> {
        let n = v.iter().map(|x| x * x).sum::<f32>().sqrt();
        v.iter().map(|x| x / n).collect()
    }

    fn f32_cosine(a: &[f32], b: &[f32]) -> f32 {
        a.iter().zip(b).map(|(x, y)| x * y).sum()
    }

    /// Deterministic pseudo-random unit vectors, like sentence vectors in spread.
    fn vectors(count: usize, dims: usize) -> Vec<Vec<f32>> {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        (0..count)
            .map(|_| {
                let raw: Vec<f32> = (0..dims)
                    .map(|_| {
                        state ^= state << 13;
                        state ^= state >> 7;
                        state ^= state << 17;
                        (state % 2001) as f32 / 1000.0 - 1.0
                    })
                    .collect();
                unit(&raw)
            })
            .collect()
    }

    #[test]
    fn cosines_are_within_a_few_thousandths_of_f32() {
        let vs = vectors(40, 256);
        let mut rows = Rows::new(256);
        vs.iter().for_each(|v| rows.push(v));
        for (i, a) in vs.iter().enumerate() {
            let probe = Probe::new(a);
            assert!((rows.cosine(i, &probe) - 1.0).abs() < 1e-5);
            for (j, b) in vs.iter().enumerate() {
                let error = (rows.cosine(j, &probe) - f32_cosine(a, b)).abs();
                assert!(error < 3e-3, "rows {i} and {j}: off by {error}");
            }
        }
    }

    #[test]
    fn a_zero_vector_is_close_to_nothing() {
        let mut rows = Rows::new(3);
        rows.push(&[0.0, 0.0, 0.0]);
        rows.push(&[1.0, 0.0, 0.0]);
        let zero = Probe::new(&[0.0, 0.0, 0.0]);
        assert!(zero.is_zero());
        assert_eq!(rows.cosine(1, &zero), 0.0);
        assert_eq!(rows.cosine(0, &Probe::new(&[1.0, 0.0, 0.0])), 0.0);
    }

    #[test]
    fn lengths_that_are_not_a_multiple_of_the_lanes_count_every_component() {
        let a: Vec<i8> = (0..70).map(|i| (i % 11) as i8 - 5).collect();
        let b: Vec<i8> = (0..70).map(|i| (i % 7) as i8 - 3).collect();
        let want: i32 = a.iter().zip(&b).map(|(&x, &y)| x as i32 * y as i32).sum();
        assert_eq!(dot(&a, &b), want);
        assert_eq!(dot_lanes(&a, &b), want);
    }
}
