//! Properties of data stores: databases, caches, queues and object storage.

use serde::{Deserialize, Serialize};

use super::Size;
use crate::model::Id;

/// Properties of a database cluster. The first replica of its capacity is the primary, the others
/// are standbys or read replicas; multi-AZ means its capacity spans at least two zones.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DatabaseProps {
    /// Database engine.
    pub engine: DatabaseEngine,
    /// Engine major version, e.g. `16`.
    pub version: String,
    /// Machine size of each instance.
    pub size: Size,
    /// Allocated storage per instance in GiB.
    pub storage_gib: u32,
    /// How the replicas follow the primary.
    pub replication: Replication,
    /// Replicas serve read traffic (read scaling).
    pub replicas_serve_reads: bool,
    /// A replica is promoted automatically when the primary fails.
    pub automatic_failover: bool,
    /// Storage is encrypted at rest.
    pub encryption_at_rest: bool,
    /// Automated backups; `None` means none are taken.
    pub backups: Option<Backups>,
    /// The database cannot be deleted without first turning this off.
    pub deletion_protection: bool,
}

impl Default for DatabaseProps {
    fn default() -> Self {
        Self {
            engine: DatabaseEngine::Postgresql,
            version: "16".into(),
            size: Size::Large,
            storage_gib: 100,
            replication: Replication::Synchronous,
            replicas_serve_reads: false,
            automatic_failover: true,
            encryption_at_rest: true,
            backups: Some(Backups::default()),
            deletion_protection: true,
        }
    }
}

/// A relational database engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum DatabaseEngine {
    /// PostgreSQL.
    #[default]
    Postgresql,
    /// MySQL.
    Mysql,
}

/// How replicas follow their primary.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub enum Replication {
    /// A write is acknowledged once a standby has it: no data lost on failover.
    #[default]
    Synchronous,
    /// Replicas lag behind the primary: the lag is lost on failover.
    Asynchronous {
        /// Typical replication lag in milliseconds.
        lag_ms: f64,
    },
}

/// Automated backups of a data store.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Backups {
    /// Hours between two full backups.
    pub interval_hours: u32,
    /// Days a backup is kept.
    pub retention_days: u32,
    /// The transaction log is archived for point-in-time recovery.
    pub point_in_time_recovery: bool,
    /// Backups are copied to this region (a [`crate::model::Region`] id), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub copy_to_region: Option<Id>,
    /// Backups are encrypted.
    pub encrypted: bool,
}

impl Default for Backups {
    fn default() -> Self {
        Self {
            interval_hours: 24,
            retention_days: 7,
            point_in_time_recovery: true,
            copy_to_region: None,
            encrypted: true,
        }
    }
}

/// Properties of a cache cluster. Primary and replicas are the replicas of its capacity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CacheProps {
    /// Cache engine.
    pub engine: CacheEngine,
    /// Engine version, e.g. `7.1`.
    pub version: String,
    /// Machine size of each node.
    pub size: Size,
    /// Fraction of lookups that hit, 0–1. Misses continue along the cache's outgoing request
    /// connections, or to connections marked `on_miss_of` this cache.
    pub hit_ratio: f64,
    /// Whether and how data survives a restart.
    pub persistence: CachePersistence,
    /// Clients must use TLS.
    pub encryption_in_transit: bool,
    /// Snapshots and swap are encrypted.
    pub encryption_at_rest: bool,
    /// Clients authenticate with a token.
    pub auth_token: bool,
    /// A replica is promoted automatically when the primary fails.
    pub automatic_failover: bool,
}

impl Default for CacheProps {
    fn default() -> Self {
        Self {
            engine: CacheEngine::Redis,
            version: "7.1".into(),
            size: Size::Medium,
            hit_ratio: 0.9,
            persistence: CachePersistence::None,
            encryption_in_transit: true,
            encryption_at_rest: true,
            auth_token: true,
            automatic_failover: true,
        }
    }
}

/// A cache engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum CacheEngine {
    /// Redis.
    #[default]
    Redis,
    /// Valkey (Redis-compatible).
    Valkey,
    /// Memcached (no replication, no persistence).
    Memcached,
}

/// How a cache keeps data across restarts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum CachePersistence {
    /// In memory only.
    #[default]
    None,
    /// Periodic snapshots.
    Snapshot,
    /// Append-only file.
    AppendOnly,
}

/// Properties of a message queue cluster. The cluster size is the replica count of its capacity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct QueueProps {
    /// Broker engine.
    pub engine: QueueEngine,
    /// Engine version, e.g. `3.13`.
    pub version: String,
    /// Machine size of each broker.
    pub size: Size,
    /// Messages are persisted to disk.
    pub persistence: bool,
    /// Messages that cannot be processed go to a dead-letter queue.
    pub dead_letter_queue: bool,
    /// Storage is encrypted at rest.
    pub encryption_at_rest: bool,
}

impl Default for QueueProps {
    fn default() -> Self {
        Self {
            engine: QueueEngine::Rabbitmq,
            version: "3.13".into(),
            size: Size::Medium,
            persistence: true,
            dead_letter_queue: true,
            encryption_at_rest: true,
        }
    }
}

/// A message broker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum QueueEngine {
    /// RabbitMQ.
    #[default]
    Rabbitmq,
    /// Apache Kafka.
    Kafka,
}

/// Properties of an object storage bucket.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ObjectStorageProps {
    /// What the bucket holds.
    pub purpose: StoragePurpose,
    /// Object versioning is on.
    pub versioning: bool,
    /// Public access is blocked.
    pub public_access_blocked: bool,
    /// Objects are encrypted at rest.
    pub encryption_at_rest: bool,
    /// Lifecycle rules, if any.
    pub lifecycle: Option<Lifecycle>,
    /// Objects are replicated to this region (a [`crate::model::Region`] id), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replicate_to_region: Option<Id>,
    /// Access to the bucket is logged.
    pub access_logging: bool,
}

impl Default for ObjectStorageProps {
    fn default() -> Self {
        Self {
            purpose: StoragePurpose::Documents,
            versioning: true,
            public_access_blocked: true,
            encryption_at_rest: true,
            lifecycle: Some(Lifecycle::default()),
            replicate_to_region: None,
            access_logging: true,
        }
    }
}

/// What a bucket holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum StoragePurpose {
    /// User documents.
    #[default]
    Documents,
    /// Backups of other components.
    Backups,
    /// Static web assets.
    StaticAssets,
    /// Logs.
    Logs,
    /// Anything else.
    Other,
}

/// Lifecycle rules of a bucket.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Lifecycle {
    /// Objects move to archive storage after this many days, if set.
    pub archive_after_days: Option<u32>,
    /// Objects are deleted after this many days, if set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expire_after_days: Option<u32>,
}

impl Default for Lifecycle {
    fn default() -> Self {
        Self {
            archive_after_days: Some(90),
            expire_after_days: None,
        }
    }
}
