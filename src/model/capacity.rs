//! Capacity and failover behaviour of a component, as the simulator sees it.

use serde::{Deserialize, Serialize};

use super::{Id, Reliability};

/// How much work a component can do, where its replicas are, and how it fails over.
///
/// A component is a multi-server queue with `replicas × concurrency_per_replica` servers. With an
/// exponential service time and non-blocking calls, a topology is exactly an open Jackson
/// queueing network.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Capacity {
    /// Number of instances (pods, nodes, brokers). For a database the first is the primary.
    pub replicas: u32,
    /// Zones the replicas are placed in: replica `i` runs in `zones[i % zones.len()]`.
    /// Empty for global or unplaced services (CDN, external APIs).
    pub zones: Vec<Id>,
    /// Requests one replica serves at the same time.
    pub concurrency_per_replica: u32,
    /// Time one request takes on one server, excluding the calls it makes.
    pub service_time: ServiceTime,
    /// What a server does while this component waits for a synchronous call it made.
    #[serde(skip_serializing_if = "CallMode::is_default")]
    pub call_mode: CallMode,
    /// How failures are detected and recovered from.
    #[serde(skip_serializing_if = "Failover::is_default")]
    pub failover: Failover,
    /// How often one replica fails and how long its repair takes, for the Monte-Carlo
    /// availability run; unset when unknown (the replica is then taken never to fail).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reliability: Option<Reliability>,
}

impl Default for Capacity {
    fn default() -> Self {
        Self {
            replicas: 1,
            zones: Vec::new(),
            concurrency_per_replica: 1,
            service_time: ServiceTime::default(),
            call_mode: CallMode::NonBlocking,
            failover: Failover::default(),
            reliability: None,
        }
    }
}

impl Capacity {
    /// Number of servers of the queue: replicas × concurrency per replica.
    pub fn servers(&self) -> u64 {
        u64::from(self.replicas) * u64::from(self.concurrency_per_replica)
    }

    /// The zone replica `replica` runs in, if the component is placed in zones.
    pub fn zone_of_replica(&self, replica: u32) -> Option<&Id> {
        let n = self.zones.len();
        if n == 0 {
            return None;
        }
        self.zones.get(replica as usize % n)
    }

    /// Distinct zones that hold at least one replica.
    pub fn occupied_zones(&self) -> Vec<&Id> {
        let mut zones: Vec<&Id> = (0..self.replicas.min(self.zones.len() as u32))
            .filter_map(|r| self.zone_of_replica(r))
            .collect();
        zones.sort();
        zones.dedup();
        zones
    }

    /// Whether replicas run in at least two zones.
    pub fn is_multi_zone(&self) -> bool {
        self.occupied_zones().len() >= 2
    }
}

/// Service time of one request on one server.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceTime {
    /// Shape of the distribution.
    pub distribution: Distribution,
    /// Mean in milliseconds.
    pub mean_ms: f64,
}

impl Default for ServiceTime {
    fn default() -> Self {
        Self {
            distribution: Distribution::Exponential,
            mean_ms: 1.0,
        }
    }
}

/// Shape of a service-time distribution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Distribution {
    /// Exponential (memoryless): the M in M/M/c.
    Exponential,
    /// Always exactly the mean.
    Constant,
    /// Log-normal with the given mean; `sigma` is the standard deviation of the logarithm.
    LogNormal {
        /// Standard deviation of ln(service time); 0.5 is a moderate tail, 1.0 a heavy one.
        sigma: f64,
    },
}

/// What a caller's server does while one of its synchronous calls is out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum CallMode {
    /// Released while the call is out (async I/O).
    #[default]
    NonBlocking,
    /// Held until the reply comes back (thread per request).
    Blocking,
}

impl CallMode {
    /// Whether this is the default, which files leave out.
    pub fn is_default(&self) -> bool {
        *self == CallMode::default()
    }
}

/// Failure detection and recovery.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Failover {
    /// Seconds between two health checks.
    pub health_check_interval_s: f64,
    /// Failed checks in a row before a replica is taken out of rotation.
    pub unhealthy_threshold: u32,
    /// Seconds to promote a replica to primary after detection (stateful components; 0 for
    /// stateless ones).
    pub promotion_time_s: f64,
}

impl Default for Failover {
    fn default() -> Self {
        Self {
            health_check_interval_s: 10.0,
            unhealthy_threshold: 3,
            promotion_time_s: 0.0,
        }
    }
}

impl Failover {
    /// Whether this is the default, which files leave out.
    pub fn is_default(&self) -> bool {
        *self == Failover::default()
    }

    /// Seconds from a failure until it is detected: interval × threshold.
    pub fn detection_delay_s(&self) -> f64 {
        self.health_check_interval_s * f64::from(self.unhealthy_threshold)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zones(n: usize) -> Vec<Id> {
        (0..n)
            .map(|i| Id::new(format!("z{i}")).expect("valid id"))
            .collect()
    }

    #[test]
    fn replicas_round_robin_over_zones() {
        let c = Capacity {
            replicas: 5,
            zones: zones(2),
            ..Capacity::default()
        };
        assert_eq!(c.zone_of_replica(0).map(Id::as_str), Some("z0"));
        assert_eq!(c.zone_of_replica(3).map(Id::as_str), Some("z1"));
        assert_eq!(c.occupied_zones().len(), 2);
        assert!(c.is_multi_zone());
    }

    #[test]
    fn one_replica_is_never_multi_zone() {
        let c = Capacity {
            replicas: 1,
            zones: zones(3),
            ..Capacity::default()
        };
        assert_eq!(c.occupied_zones().len(), 1);
        assert!(!c.is_multi_zone());
        assert_eq!(Capacity::default().zone_of_replica(0), None);
    }

    #[test]
    fn servers_and_detection_delay() {
        let c = Capacity {
            replicas: 3,
            concurrency_per_replica: 64,
            ..Capacity::default()
        };
        assert_eq!(c.servers(), 192);
        let f = Failover {
            health_check_interval_s: 30.0,
            unhealthy_threshold: 2,
            promotion_time_s: 0.0,
        };
        assert_eq!(f.detection_delay_s(), 60.0);
    }
}
