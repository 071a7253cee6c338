//! The documented keyword tables: which words in a node label make which component kind, which
//! subgraph titles make which container, which edge labels make which protocol. Matching is on
//! whole words, case-insensitive; the first row that matches wins, so specific rows come
//! first ("Payment Gateway" is an external API, not an API gateway).

use crate::model::{GroupPurpose, KindTag, Protocol, Tier};

/// Node label keywords, in priority order.
pub const KINDS: &[(KindTag, &[&str])] = &[
    (
        KindTag::Waf,
        &["waf", "web application firewall", "firewall"],
    ),
    (KindTag::Bastion, &["bastion", "jump host", "jumpbox"]),
    (KindTag::NatGateway, &["nat gateway", "nat"]),
    (
        KindTag::LoadBalancer,
        &["load balancer", "alb", "nlb", "elb", "lb", "haproxy"],
    ),
    (
        KindTag::ExternalApi,
        &["payment", "payments", "stripe", "paypal", "adyen"],
    ),
    (
        KindTag::ApiGateway,
        &["api gateway", "kong", "apigee", "tyk", "gateway"],
    ),
    (
        KindTag::IdentityProvider,
        &[
            "identity provider",
            "identity",
            "idp",
            "sso",
            "okta",
            "auth0",
            "keycloak",
            "cognito",
            "oauth",
            "saml",
        ],
    ),
    (
        KindTag::EmailService,
        &[
            "email", "e mail", "mail", "smtp", "ses", "sendgrid", "mailgun", "postmark",
        ],
    ),
    (
        KindTag::SecretsManager,
        &["secrets manager", "secrets", "secret", "vault", "key vault"],
    ),
    (
        KindTag::CertificateManager,
        &[
            "certificate manager",
            "certificate",
            "certificates",
            "acm",
            "let s encrypt",
            "letsencrypt",
            "cert manager",
        ],
    ),
    (
        KindTag::Alerting,
        &[
            "alerting",
            "alerts",
            "alarms",
            "pagerduty",
            "opsgenie",
            "alertmanager",
        ],
    ),
    (
        KindTag::Tracing,
        &[
            "tracing",
            "traces",
            "jaeger",
            "x ray",
            "zipkin",
            "tempo",
            "opentelemetry",
        ],
    ),
    (
        KindTag::LogAggregation,
        &[
            "log aggregation",
            "logs",
            "logging",
            "elk",
            "loki",
            "splunk",
            "elasticsearch",
            "kibana",
            "fluentd",
        ],
    ),
    (
        KindTag::Metrics,
        &["metrics", "prometheus", "grafana", "datadog", "monitoring"],
    ),
    (
        KindTag::Cache,
        &["cache", "redis", "memcached", "valkey", "elasticache"],
    ),
    (
        KindTag::Queue,
        &[
            "message queue",
            "queue",
            "rabbitmq",
            "kafka",
            "sqs",
            "message broker",
            "broker",
            "amqp",
            "nats",
            "pub sub",
            "pubsub",
        ],
    ),
    (
        KindTag::Database,
        &[
            "database",
            "db",
            "postgresql",
            "postgres",
            "mysql",
            "mariadb",
            "rds",
            "aurora",
            "sql",
        ],
    ),
    (
        KindTag::ObjectStorage,
        &["object storage", "storage", "s3", "blob", "bucket", "gcs"],
    ),
    (
        KindTag::Cdn,
        &[
            "cdn",
            "cloudfront",
            "edge",
            "static assets",
            "akamai",
            "fastly",
        ],
    ),
    (KindTag::Dns, &["dns", "route 53", "route53"]),
    (
        KindTag::Workload,
        &[
            "pods",
            "pod",
            "containers",
            "container",
            "deployment",
            "microservice",
            "microservices",
            "service",
            "services",
            "web app",
            "webapp",
            "frontend",
            "backend",
            "worker",
            "app",
        ],
    ),
    (
        KindTag::KubernetesCluster,
        &[
            "kubernetes",
            "k8s",
            "eks",
            "aks",
            "gke",
            "openshift",
            "cluster",
        ],
    ),
    (
        KindTag::Admins,
        &[
            "administrators",
            "administrator",
            "admins",
            "admin",
            "operators",
            "ops",
        ],
    ),
    (
        KindTag::Users,
        &[
            "users",
            "user",
            "customers",
            "clients",
            "browser",
            "visitors",
        ],
    ),
    (
        KindTag::ExternalApi,
        &["external api", "third party", "rest api", "api"],
    ),
];

/// What a subgraph title makes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContainerGuess {
    /// A VPC.
    Vpc,
    /// A subnet tier.
    Subnet(Tier),
    /// A Kubernetes cluster box.
    Cluster,
    /// A group.
    Group(GroupPurpose),
}

/// Subgraph title keywords, in priority order.
pub const CONTAINERS: &[(&str, &[&str])] = &[
    (
        "vpc",
        &["vpc", "vnet", "virtual network", "virtual private cloud"],
    ),
    ("subnet", &["subnet", "subnets"]),
    (
        "cluster",
        &["cluster", "kubernetes", "k8s", "eks", "aks", "gke"],
    ),
    ("internet", &["internet", "public internet"]),
    ("edge", &["cdn", "edge"]),
    (
        "cloud",
        &[
            "cloud provider",
            "cloud",
            "aws",
            "azure",
            "gcp",
            "multi cloud",
        ],
    ),
    (
        "external",
        &[
            "external services",
            "external",
            "third party",
            "third parties",
        ],
    ),
    ("monitoring", &["monitoring", "observability"]),
    ("security", &["security"]),
    ("storage", &["object storage", "storage"]),
];

/// Subnet tier keywords in a subnet title, in priority order; `private` alone is the app tier.
pub const TIERS: &[(Tier, &[&str])] = &[
    (Tier::Public, &["public", "dmz"]),
    (Tier::PrivateData, &["database", "databases", "data", "db"]),
    (
        Tier::PrivateMessaging,
        &["messaging", "message", "queue", "queues"],
    ),
    (
        Tier::PrivateApp,
        &["application", "applications", "app", "apps", "private"],
    ),
];

/// Environment keywords in a VPC title.
pub const ENVIRONMENTS: &[(&str, &str, &[&str])] = &[
    ("prod", "Production", &["production", "prod"]),
    ("staging", "Staging", &["staging", "stage", "preprod"]),
    ("dev", "Development", &["development", "dev"]),
    ("test", "Test", &["test", "testing", "qa"]),
];

/// Edge label keywords naming a protocol.
pub const PROTOCOLS: &[(Protocol, &[&str])] = &[
    (Protocol::Https, &["https"]),
    (Protocol::Http, &["http"]),
    (Protocol::Grpc, &["grpc"]),
    (Protocol::Mysql, &["mysql"]),
    (
        Protocol::Postgresql,
        &["sql", "postgresql", "postgres", "psql"],
    ),
    (Protocol::Redis, &["redis", "redis protocol", "resp"]),
    (Protocol::Amqp, &["amqp", "amqps", "rabbitmq"]),
    (Protocol::Kafka, &["kafka"]),
    (Protocol::Ssh, &["ssh"]),
    (Protocol::Smtp, &["smtp", "smtps"]),
    (Protocol::OAuthSaml, &["oauth", "saml", "oidc", "openid"]),
    (Protocol::Logs, &["logs", "logging"]),
    (Protocol::Metrics, &["metrics"]),
    (Protocol::Traces, &["traces", "tracing", "spans"]),
    (Protocol::Dns, &["dns"]),
];

/// Lower-case words of `text` with single spaces, padded: ` let s encrypt acm `.
pub fn words(text: &str) -> String {
    let mut out = String::from(" ");
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    if !out.ends_with(' ') {
        out.push(' ');
    }
    out
}

/// The keyword of `keywords` found in `text` as whole words, if any.
pub fn find<'a>(text: &str, keywords: &[&'a str]) -> Option<&'a str> {
    let haystack = words(text);
    keywords
        .iter()
        .find(|k| haystack.contains(&format!(" {k} ")))
        .copied()
}

/// The first row of `table` one of whose keywords is in `text`, with the keyword.
pub fn first_match<'t, T>(table: &'t [(T, &[&'t str])], text: &str) -> Option<(&'t T, &'t str)> {
    table
        .iter()
        .find_map(|(value, keywords)| find(text, keywords).map(|k| (value, k)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(label: &str) -> Option<KindTag> {
        first_match(KINDS, label).map(|(k, _)| *k)
    }

    #[test]
    fn the_icarus_labels_map_as_documented() {
        let cases = [
            ("Users", KindTag::Users),
            ("Administrators", KindTag::Admins),
            ("Static Assets\nWeb App, Admin Portal", KindTag::Cdn),
            (
                "Load Balancer\nApplication Load Balancer",
                KindTag::LoadBalancer,
            ),
            ("API Gateway\nKong / Managed Service", KindTag::ApiGateway),
            ("Bastion Host\nSSH Access", KindTag::Bastion),
            ("Web App Containers\nKubernetes Pods", KindTag::Workload),
            ("Service Containers\nKubernetes Pods", KindTag::Workload),
            (
                "Database Cluster\nPostgreSQL\nPrimary + Replicas",
                KindTag::Database,
            ),
            ("Cache Cluster\nRedis\nPrimary + Replicas", KindTag::Cache),
            ("Message Queue\nRabbitMQ / Managed Service", KindTag::Queue),
            (
                "Development Cluster\nKubernetes",
                KindTag::KubernetesCluster,
            ),
            ("Development Database\nPostgreSQL", KindTag::Database),
            (
                "Document Storage\nS3 / Blob Storage",
                KindTag::ObjectStorage,
            ),
            (
                "Log Aggregation\nELK / CloudWatch Logs",
                KindTag::LogAggregation,
            ),
            (
                "Metrics Collection\nPrometheus / CloudWatch",
                KindTag::Metrics,
            ),
            ("Tracing Backend\nJaeger / X-Ray", KindTag::Tracing),
            (
                "Alerting System\nPagerDuty / CloudWatch Alarms",
                KindTag::Alerting,
            ),
            (
                "Secrets Manager\nVault / AWS Secrets Manager",
                KindTag::SecretsManager,
            ),
            (
                "Certificate Manager\nLet's Encrypt / ACM",
                KindTag::CertificateManager,
            ),
            ("Web Application Firewall\nCloud WAF", KindTag::Waf),
            ("Identity Provider\nSSO Service", KindTag::IdentityProvider),
            ("Payment Gateway\nExternal API", KindTag::ExternalApi),
            ("Email Service\nSMTP / API", KindTag::EmailService),
        ];
        for (label, want) in cases {
            assert_eq!(kind(label), Some(want), "{label:?}");
        }
        assert_eq!(kind("Flux capacitor"), None);
    }

    #[test]
    fn words_are_whole() {
        assert_eq!(find("Blobfish farm", &["blob"]), None);
        assert_eq!(find("LB-1", &["lb"]), Some("lb"));
        assert_eq!(
            find("Let's Encrypt", &["let s encrypt"]),
            Some("let s encrypt")
        );
    }
}
