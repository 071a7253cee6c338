//! Random streams and draws: ChaCha8 streams derived from (seed, replication, purpose), so every
//! replication has its own streams, identical in every scenario (common random numbers) and on
//! every thread; uniform, exponential, normal and service-time draws. Exponential and normal
//! draws use `rand_distr`'s ziggurat samplers: no logarithm on the common path.

use rand::{Rng, RngCore, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Exp1, StandardNormal};

use super::net::Service;

/// Stream of the service times.
pub(crate) const SERVICE_STREAM: u64 = 1;
/// Stream of routing draws: call counts, receivers, shards, cache hits.
pub(crate) const ROUTING_STREAM: u64 = 2;
/// Stream of the availability run.
pub(crate) const AVAILABILITY_STREAM: u64 = 3;
/// First stream of the actors' arrivals (one stream per actor).
pub(crate) const ARRIVAL_STREAM: u64 = 16;

/// SplitMix64: a bijective mixer, to turn (seed, replication) into a well-spread key, and a
/// request's key and a salt into a decision.
pub(crate) fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A uniform number in [0, 1) fixed by a request key and a salt: the same request (and its
/// retries) always makes the same choice.
#[inline]
pub(crate) fn keyed_uniform(key: u64, salt: u64) -> f64 {
    (mix(key ^ salt.wrapping_mul(0xD6E8_FEB8_6659_FD93)) >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// A number in 0..n fixed by a request key and a salt.
#[inline]
pub(crate) fn keyed_below(key: u64, salt: u64, n: u32) -> u32 {
    if n <= 1 {
        return 0;
    }
    (((mix(key ^ salt.wrapping_mul(0xD6E8_FEB8_6659_FD93)) >> 32) * u64::from(n)) >> 32) as u32
}

/// A random stream with the draws the simulator needs.
#[derive(Debug, Clone)]
pub(crate) struct Stream {
    rng: ChaCha8Rng,
}

impl Stream {
    /// Stream `purpose` of replication `replication` for `seed`.
    pub fn new(seed: u64, replication: u64, purpose: u64) -> Self {
        let mut rng = ChaCha8Rng::seed_from_u64(mix(seed ^ mix(replication)));
        rng.set_stream(purpose);
        Self { rng }
    }

    /// Uniform in [0, 1), 53 bits.
    #[inline]
    pub fn uniform(&mut self) -> f64 {
        (self.rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// 64 random bits.
    #[inline]
    pub fn bits(&mut self) -> u64 {
        self.rng.next_u64()
    }

    /// Uniform in 0..n (n ≥ 1).
    #[inline]
    pub fn below(&mut self, n: u32) -> u32 {
        if n <= 1 {
            return 0;
        }
        (((self.rng.next_u64() >> 32) * u64::from(n)) >> 32) as u32
    }

    /// Exponential with mean `mean`.
    #[inline]
    pub fn exponential(&mut self, mean: f64) -> f64 {
        let e: f64 = self.rng.sample(Exp1);
        mean * e
    }

    /// Standard normal.
    #[inline]
    pub fn normal(&mut self) -> f64 {
        self.rng.sample(StandardNormal)
    }

    /// A service time in milliseconds.
    #[inline]
    pub fn service(&mut self, s: Service) -> f64 {
        match s {
            Service::Exponential { mean_ms } => self.exponential(mean_ms),
            Service::Constant { mean_ms } => mean_ms,
            Service::LogNormal { mu, sigma } => (mu + sigma * self.normal()).exp(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_are_reproducible_and_distinct() {
        let mut a = Stream::new(7, 0, SERVICE_STREAM);
        let mut b = Stream::new(7, 0, SERVICE_STREAM);
        let mut c = Stream::new(7, 1, SERVICE_STREAM);
        let mut d = Stream::new(7, 0, ROUTING_STREAM);
        let xs: Vec<f64> = (0..4).map(|_| a.uniform()).collect();
        let ys: Vec<f64> = (0..4).map(|_| b.uniform()).collect();
        assert_eq!(xs, ys);
        assert_ne!(xs[0], c.uniform());
        assert_ne!(xs[0], d.uniform());
    }

    #[test]
    fn draws_have_their_means() {
        let mut s = Stream::new(1, 0, SERVICE_STREAM);
        let n = 200_000;
        let exp: f64 = (0..n).map(|_| s.exponential(2.0)).sum::<f64>() / n as f64;
        assert!((exp - 2.0).abs() < 0.03, "{exp}");
        let sigma = 0.6_f64;
        let ln = Service::LogNormal {
            mu: 12.0_f64.ln() - sigma * sigma / 2.0,
            sigma,
        };
        let m: f64 = (0..n).map(|_| s.service(ln)).sum::<f64>() / n as f64;
        assert!((m - 12.0).abs() / 12.0 < 0.02, "{m}");
        let below: Vec<u32> = (0..1000).map(|_| s.below(3)).collect();
        assert!(below.iter().all(|&k| k < 3) && below.contains(&0) && below.contains(&2));
    }
}
