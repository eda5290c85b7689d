//! A small seeded random number generator whose output never changes across crate upgrades.
//!
//! SplitMix64 (Steele, Lea and Flood 2014). Sampled betweenness sources and Louvain's node order
//! come from it, so the same graph, config and seed give the same numbers on every build.

/// SplitMix64 state.
#[derive(Debug, Clone)]
pub(crate) struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    pub(crate) fn new(seed: u64) -> Self {
        Self { state: seed }
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform integer in `0..bound` (`bound > 0`), by Lemire's multiply-shift with rejection.
    pub(crate) fn below(&mut self, bound: usize) -> usize {
        let bound = bound as u64;
        let threshold = bound.wrapping_neg() % bound;
        loop {
            let product = u128::from(self.next_u64()) * u128::from(bound);
            // The low 64 bits decide rejection; truncation is intended.
            #[allow(clippy::cast_possible_truncation)]
            let low = product as u64;
            if low >= threshold {
                #[allow(clippy::cast_possible_truncation)]
                return (product >> 64) as usize;
            }
        }
    }

    /// Shuffle in place (Fisher–Yates).
    pub(crate) fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }

    /// `count` distinct values from `0..population`, in the order drawn (partial Fisher–Yates).
    pub(crate) fn sample(&mut self, population: usize, count: usize) -> Vec<usize> {
        let count = count.min(population);
        let mut pool: Vec<usize> = (0..population).collect();
        for i in 0..count {
            let j = i + self.below(population - i);
            pool.swap(i, j);
        }
        pool.truncate(count);
        pool
    }
}

#[cfg(test)]
mod tests {
    use super::SplitMix64;

    #[test]
    fn first_outputs_match_the_reference_sequence() {
        // Reference values of SplitMix64 seeded with 1234567 (from the published C code).
        let mut rng = SplitMix64::new(1_234_567);
        assert_eq!(rng.next_u64(), 6_457_827_717_110_365_317);
        assert_eq!(rng.next_u64(), 3_203_168_211_198_807_973);
        assert_eq!(rng.next_u64(), 9_817_491_932_198_370_423);
    }

    #[test]
    fn sample_draws_distinct_values_in_range() {
        let mut rng = SplitMix64::new(7);
        let mut drawn = rng.sample(50, 20);
        assert_eq!(drawn.len(), 20);
        drawn.sort_unstable();
        drawn.dedup();
        assert_eq!(drawn.len(), 20);
        assert!(drawn.iter().all(|&value| value < 50));
        assert_eq!(SplitMix64::new(7).sample(3, 10).len(), 3);
    }

    #[test]
    fn below_stays_below_its_bound_and_reaches_every_value() {
        let mut rng = SplitMix64::new(99);
        let mut seen = [false; 5];
        for _ in 0..200 {
            let value = rng.below(5);
            assert!(value < 5);
            seen[value] = true;
        }
        assert!(seen.iter().all(|&hit| hit));
    }
}
