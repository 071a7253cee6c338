//! `values.schema.json`: the shape of the values, so that `helm install` rejects a typo or a
//! wrong type before rendering anything.

use serde_json::{Value, json};

fn peer() -> Value {
    json!({
        "type": "object",
        "additionalProperties": false,
        "properties": {
            "workload": {"type": "string", "pattern": "^[a-z]([-a-z0-9]*[a-z0-9])?$"},
            "ipBlocks": {"type": "array", "items": {"type": "string"}}
        }
    })
}

fn rule(side: &str) -> Value {
    json!({
        "type": "object",
        "additionalProperties": false,
        "required": ["connection", side, "port", "protocol"],
        "properties": {
            "connection": {"type": "string"},
            side: peer(),
            "port": {"type": "integer", "minimum": 1, "maximum": 65535},
            "protocol": {"enum": ["TCP", "UDP"]}
        }
    })
}

/// The JSON schema of `values.yaml`.
pub fn schema() -> Value {
    let quantity = json!({"type": ["string", "integer"]});
    let workload = json!({
        "type": "object",
        "additionalProperties": false,
        "required": ["enabled", "image", "replicas", "containerPort", "resources", "autoscaling",
                     "podDisruptionBudget", "probes", "zones", "servicePorts", "externalSecret",
                     "securityGroupIds", "networkPolicy"],
        "properties": {
            "enabled": {"type": "boolean"},
            "role": {"enum": ["WebApp", "Service", "Worker"]},
            "image": {
                "type": "object",
                "additionalProperties": false,
                "required": ["repository", "tag", "digest"],
                "properties": {
                    "repository": {"type": "string", "minLength": 1},
                    "tag": {"type": "string"},
                    "digest": {"type": "string", "pattern": "^(sha256:[a-f0-9]{64})?$"}
                }
            },
            "replicas": {"type": "integer", "minimum": 1},
            "containerPort": {"type": "integer", "minimum": 1, "maximum": 65535},
            "env": {"type": "object", "additionalProperties": {"type": "string"}},
            "resources": {
                "type": "object",
                "properties": {
                    "requests": {"type": "object", "properties": {"cpu": quantity, "memory": quantity}},
                    "limits": {"type": "object", "properties": {"cpu": quantity, "memory": quantity}}
                }
            },
            "autoscaling": {
                "type": "object",
                "additionalProperties": false,
                "required": ["enabled"],
                "properties": {
                    "enabled": {"type": "boolean"},
                    "minReplicas": {"type": "integer", "minimum": 1},
                    "maxReplicas": {"type": "integer", "minimum": 1},
                    "targetCPUUtilizationPercentage": {"type": "integer", "minimum": 1, "maximum": 100}
                }
            },
            "podDisruptionBudget": {
                "type": "object",
                "additionalProperties": false,
                "required": ["enabled"],
                "properties": {
                    "enabled": {"type": "boolean"},
                    "maxUnavailable": {"type": ["integer", "string"]}
                }
            },
            "probes": {
                "type": "object",
                "additionalProperties": false,
                "required": ["enabled"],
                "properties": {
                    "enabled": {"type": "boolean"},
                    "livenessPath": {"type": "string"},
                    "readinessPath": {"type": "string"},
                    "periodSeconds": {"type": "integer", "minimum": 1},
                    "failureThreshold": {"type": "integer", "minimum": 1}
                }
            },
            "zones": {"type": "array", "items": {"type": "string"}},
            "servicePorts": {"type": "array", "minItems": 1, "items": {"type": "integer", "minimum": 1, "maximum": 65535}},
            "externalSecret": {
                "type": "object",
                "additionalProperties": false,
                "required": ["enabled"],
                "properties": {
                    "enabled": {"type": "boolean"},
                    "store": {"type": "string"},
                    "keys": {"type": "array", "items": {
                        "type": "object",
                        "additionalProperties": false,
                        "required": ["secretKey", "remoteKey"],
                        "properties": {"secretKey": {"type": "string"}, "remoteKey": {"type": "string"}}
                    }}
                }
            },
            "securityGroupIds": {"type": "array", "items": {"type": "string"}},
            "networkPolicy": {
                "type": "object",
                "additionalProperties": false,
                "required": ["ingress", "egress"],
                "properties": {
                    "ingress": {"type": "array", "items": rule("from")},
                    "egress": {"type": "array", "items": rule("to")}
                }
            }
        }
    });
    json!({
        "$schema": "https://json-schema.org/draft-07/schema#",
        "title": "Values of a chart generated by Daedalus",
        "type": "object",
        "required": ["global", "workloads"],
        "properties": {
            "global": {
                "type": "object",
                "additionalProperties": false,
                "required": ["imagePullPolicy", "runAsUser", "networkPolicy", "externalSecrets"],
                "properties": {
                    "imagePullPolicy": {"enum": ["Always", "IfNotPresent", "Never"]},
                    "runAsUser": {"type": "integer", "minimum": 1},
                    "networkPolicy": {
                        "type": "object",
                        "additionalProperties": false,
                        "properties": {"enabled": {"type": "boolean"}, "allowDns": {"type": "boolean"}}
                    },
                    "externalSecrets": {
                        "type": "object",
                        "additionalProperties": false,
                        "properties": {
                            "storeKind": {"enum": ["SecretStore", "ClusterSecretStore"]},
                            "refreshInterval": {"type": "string"}
                        }
                    }
                }
            },
            "workloads": {"type": "object", "additionalProperties": workload}
        }
    })
}
