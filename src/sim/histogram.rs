//! A log-linear latency histogram: constant relative precision (under 0.8 %) from 1 µs to days,
//! fixed memory, O(1) recording, percentiles by a cumulative walk.

/// Sub-buckets per power of two: the relative width of a bucket is at most 1/128.
const SUB_BITS: u32 = 7;
const SUB: u64 = 1 << SUB_BITS;
/// Powers of two covered above the linear range: values up to 2^40 µs (about 12.7 days).
const OCTAVES: usize = 34;
/// Number of buckets.
pub(crate) const BUCKETS: usize = (OCTAVES + 1) * SUB as usize;

/// Counts of values (in microseconds) per bucket.
#[derive(Debug, Clone)]
pub(crate) struct Histogram {
    counts: Vec<u64>,
    total: u64,
    /// Lowest and highest bucket touched since the last reset, to clear only those.
    low: usize,
    high: usize,
}

impl Default for Histogram {
    fn default() -> Self {
        Self::new()
    }
}

impl Histogram {
    /// An empty histogram.
    pub(crate) fn new() -> Self {
        Self {
            counts: vec![0; BUCKETS],
            total: 0,
            low: BUCKETS,
            high: 0,
        }
    }

    /// Bucket of `us` microseconds.
    fn bucket(us: u64) -> usize {
        if us < SUB {
            return us as usize;
        }
        let msb = 63 - us.leading_zeros();
        let shift = msb - SUB_BITS;
        let mantissa = (us >> shift) & (SUB - 1);
        let i = (shift as usize + 1) * SUB as usize + mantissa as usize;
        i.min(BUCKETS - 1)
    }

    /// Lowest value of bucket `i` and its width, in microseconds.
    fn bounds(i: usize) -> (f64, f64) {
        let sub = SUB as usize;
        if i < sub {
            return (i as f64, 1.0);
        }
        let shift = (i / sub - 1) as i32;
        let mantissa = (i % sub) as f64;
        let width = 2f64.powi(shift);
        ((SUB as f64 + mantissa) * width, width)
    }

    /// Records a value in milliseconds (negative or non-finite values count as 0).
    pub(crate) fn record_ms(&mut self, ms: f64) {
        let us = if ms.is_finite() && ms > 0.0 {
            (ms * 1000.0) as u64
        } else {
            0
        };
        let i = Self::bucket(us);
        self.counts[i] += 1;
        self.total += 1;
        self.low = self.low.min(i);
        self.high = self.high.max(i);
    }

    /// The `q`-quantile (0–1) in milliseconds, interpolated inside its bucket; `None` when empty.
    pub(crate) fn quantile_ms(&self, q: f64) -> Option<f64> {
        if self.total == 0 {
            return None;
        }
        let rank = (q.clamp(0.0, 1.0) * self.total as f64).max(0.5);
        let mut seen = 0.0;
        for i in self.low..=self.high.min(BUCKETS - 1) {
            let c = self.counts[i] as f64;
            if c > 0.0 && seen + c >= rank {
                let (lo, width) = Self::bounds(i);
                let inside = ((rank - seen) / c).clamp(0.0, 1.0);
                return Some((lo + inside * width) / 1000.0);
            }
            seen += c;
        }
        let (lo, width) = Self::bounds(self.high);
        Some((lo + width) / 1000.0)
    }

    /// Empties the histogram, clearing only the buckets touched.
    pub(crate) fn clear(&mut self) {
        if self.total > 0 {
            self.counts[self.low..=self.high].fill(0);
        }
        self.total = 0;
        self.low = BUCKETS;
        self.high = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_cover_values_with_small_relative_error() {
        for us in [0u64, 1, 127, 128, 129, 1000, 12_345, 1 << 20, 3_600_000_000] {
            let i = Histogram::bucket(us);
            let (lo, width) = Histogram::bounds(i);
            assert!(
                lo <= us as f64 && (us as f64) < lo + width,
                "{us}: {lo} {width}"
            );
            assert!(width <= 1.0_f64.max(lo / 127.0), "{us}: width {width}");
        }
    }

    #[test]
    fn quantiles_of_a_uniform_sample() {
        let mut h = Histogram::new();
        for k in 1..=10_000 {
            h.record_ms(k as f64 / 100.0);
        }
        let p50 = h.quantile_ms(0.5).expect("p50");
        let p99 = h.quantile_ms(0.99).expect("p99");
        assert!((p50 - 50.0).abs() / 50.0 < 0.01, "{p50}");
        assert!((p99 - 99.0).abs() / 99.0 < 0.01, "{p99}");
        h.clear();
        assert_eq!(h.quantile_ms(0.5), None);
        h.record_ms(2.0);
        let only = h.quantile_ms(0.99).expect("one value");
        assert!((only - 2.0).abs() < 0.02, "{only}");
    }
}
