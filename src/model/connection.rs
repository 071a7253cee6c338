//! Connections: the drawn edges between components and containers.

use serde::{Deserialize, Serialize};

use super::Id;

/// A directed edge: `from` calls, sends to, or administers `to`.
///
/// Either end may be a component or a container ("bastion → application cluster"). Exports turn
/// every connection into a firewall rule and a NetworkPolicy; nothing else is opened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Connection {
    /// Unique id, e.g. `api-gateway-to-service-containers`.
    pub id: Id,
    /// The caller (component or container id).
    pub from: Id,
    /// The callee (component or container id).
    pub to: Id,
    /// Application protocol.
    pub protocol: Protocol,
    /// Destination port; `None` means the protocol's default (see [`Protocol::default_port`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<u16>,
    /// Encrypted in transit: TLS, or SSH's own encryption.
    pub tls: bool,
    /// What flows over it.
    pub kind: ConnectionKind,
    /// Label drawn on the edge, e.g. `Retrieve Secrets`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
    /// How much request traffic it carries, and its timeout and retries.
    #[serde(default, skip_serializing_if = "Traffic::is_default")]
    pub traffic: Traffic,
}

impl Connection {
    /// The destination port: the explicit one or the protocol's default.
    pub fn effective_port(&self) -> Option<u16> {
        self.port.or_else(|| self.protocol.default_port(self.tls))
    }
}

/// What flows over a connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum ConnectionKind {
    /// Synchronous request/response on the path of a user request.
    #[default]
    Request,
    /// Messages sent without waiting for a reply (queues, background jobs): no added latency.
    Async,
    /// Logs, metrics and traces shipped to observability backends.
    Observability,
    /// Administrative access (SSH, consoles).
    Admin,
    /// Control plane: certificates, secrets fetched at start-up, policy attachment.
    Control,
}

/// Request traffic over a connection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Traffic {
    /// Calls made per request the caller serves. Fractional values are probabilities: 0.1 means
    /// one request in ten makes the call; 2.5 means two calls, and a third half of the time.
    pub calls_per_request: f64,
    /// Only made when the caller's lookup in this cache (a cache component id) missed: the
    /// cache-aside pattern. Losing the cache makes every lookup miss.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub on_miss_of: Option<Id>,
    /// The caller gives up after this many milliseconds, if set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timeout_ms: Option<f64>,
    /// Attempts after the first one when a call fails or times out.
    pub retries: u32,
}

impl Traffic {
    /// Whether this is the default (one call per request, no timeout, no retries), which files
    /// leave out.
    pub fn is_default(&self) -> bool {
        *self == Traffic::default()
    }
}

impl Default for Traffic {
    fn default() -> Self {
        Self {
            calls_per_request: 1.0,
            on_miss_of: None,
            timeout_ms: None,
            retries: 0,
        }
    }
}

/// Application protocol of a connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[allow(missing_docs)]
pub enum Protocol {
    Https,
    Http,
    Grpc,
    Postgresql,
    Mysql,
    Redis,
    Amqp,
    Kafka,
    Ssh,
    Smtp,
    /// OAuth 2.0 / OIDC / SAML federation, over HTTPS.
    OAuthSaml,
    /// Log shipping.
    Logs,
    /// Metrics shipping or scraping.
    Metrics,
    /// Trace shipping.
    Traces,
    Dns,
    /// Any other TCP protocol: give the port.
    Tcp,
    /// Any other UDP protocol: give the port.
    Udp,
}

impl Protocol {
    /// Every protocol, in menu order.
    pub const ALL: [Protocol; 17] = [
        Protocol::Https,
        Protocol::Http,
        Protocol::Grpc,
        Protocol::Postgresql,
        Protocol::Mysql,
        Protocol::Redis,
        Protocol::Amqp,
        Protocol::Kafka,
        Protocol::Ssh,
        Protocol::Smtp,
        Protocol::OAuthSaml,
        Protocol::Logs,
        Protocol::Metrics,
        Protocol::Traces,
        Protocol::Dns,
        Protocol::Tcp,
        Protocol::Udp,
    ];

    /// Name as drawn on an edge.
    pub fn label(self) -> &'static str {
        match self {
            Protocol::Https => "HTTPS",
            Protocol::Http => "HTTP",
            Protocol::Grpc => "gRPC",
            Protocol::Postgresql => "PostgreSQL",
            Protocol::Mysql => "MySQL",
            Protocol::Redis => "Redis",
            Protocol::Amqp => "AMQP",
            Protocol::Kafka => "Kafka",
            Protocol::Ssh => "SSH",
            Protocol::Smtp => "SMTP",
            Protocol::OAuthSaml => "OAuth/SAML",
            Protocol::Logs => "Logs",
            Protocol::Metrics => "Metrics",
            Protocol::Traces => "Traces",
            Protocol::Dns => "DNS",
            Protocol::Tcp => "TCP",
            Protocol::Udp => "UDP",
        }
    }

    /// The well-known port, which may depend on whether TLS is used (AMQP 5672 / AMQPS 5671).
    /// `None` for `Tcp` and `Udp`, which need an explicit port.
    pub fn default_port(self, tls: bool) -> Option<u16> {
        Some(match self {
            Protocol::Https | Protocol::OAuthSaml => 443,
            Protocol::Http => 80,
            Protocol::Grpc => 50051,
            Protocol::Postgresql => 5432,
            Protocol::Mysql => 3306,
            Protocol::Redis => 6379,
            Protocol::Amqp if tls => 5671,
            Protocol::Amqp => 5672,
            Protocol::Kafka if tls => 9094,
            Protocol::Kafka => 9092,
            Protocol::Ssh => 22,
            Protocol::Smtp if tls => 587,
            Protocol::Smtp => 25,
            Protocol::Logs | Protocol::Metrics | Protocol::Traces => 4317,
            Protocol::Dns => 53,
            Protocol::Tcp | Protocol::Udp => return None,
        })
    }

    /// Whether the transport is UDP.
    pub fn is_udp(self) -> bool {
        matches!(self, Protocol::Udp | Protocol::Dns)
    }

    /// `Some(true)` when the protocol is always encrypted (HTTPS, SSH), `Some(false)` when it
    /// never is (HTTP), `None` when either is possible.
    pub fn inherent_tls(self) -> Option<bool> {
        match self {
            Protocol::Https | Protocol::Ssh | Protocol::OAuthSaml => Some(true),
            Protocol::Http => Some(false),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_protocol_has_a_port_but_raw_transports() {
        for p in Protocol::ALL {
            let raw = matches!(p, Protocol::Tcp | Protocol::Udp);
            assert_eq!(p.default_port(true).is_none(), raw, "{p:?}");
        }
        assert_eq!(Protocol::Amqp.default_port(true), Some(5671));
        assert_eq!(Protocol::Amqp.default_port(false), Some(5672));
    }
}
