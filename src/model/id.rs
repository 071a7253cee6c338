//! Stable, human-readable element ids (`db-cluster`, `public-subnet`).

use std::borrow::Borrow;
use std::fmt;

use serde::{Deserialize, Serialize};

/// Longest id accepted. 63 characters keeps every id usable as a DNS label, a Kubernetes object
/// name and a Terraform resource name.
pub const MAX_ID_LEN: usize = 63;

/// The id of an element of a topology: a region, zone, environment, container, component or
/// connection. Ids are unique across the whole topology and restricted to `[a-z0-9][a-z0-9-]*`.
///
/// The restriction is enforced on construction and while reading a file, so every `Id` in memory
/// is valid.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Id(String);

/// Why a string is not a valid [`Id`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    /// The string is empty.
    #[error("an id cannot be empty")]
    Empty,
    /// The string is longer than [`MAX_ID_LEN`].
    #[error("id \"{0}\" is longer than {MAX_ID_LEN} characters")]
    TooLong(String),
    /// The string contains a character outside `[a-z0-9-]` or starts with `-`.
    #[error(
        "invalid id \"{0}\": ids use lowercase letters, digits and '-', and start with a letter or digit"
    )]
    BadCharacter(String),
}

impl Id {
    /// Validates `s` and makes an id of it.
    pub fn new(s: impl Into<String>) -> Result<Self, IdError> {
        let s = s.into();
        let Some(first) = s.bytes().next() else {
            return Err(IdError::Empty);
        };
        if s.len() > MAX_ID_LEN {
            return Err(IdError::TooLong(s));
        }
        let allowed = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-';
        if first == b'-' || !s.bytes().all(allowed) {
            return Err(IdError::BadCharacter(s));
        }
        Ok(Self(s))
    }

    /// Turns free text (a diagram node name, a title) into a valid id: `DBCluster` becomes
    /// `db-cluster`, `Private Subnet - Database` becomes `private-subnet-database`.
    /// Returns `None` when nothing usable remains (e.g. only punctuation or emoji).
    pub fn slugify(text: &str) -> Option<Self> {
        let chars: Vec<char> = text.chars().collect();
        let mut out = String::new();
        for (i, &c) in chars.iter().enumerate() {
            if c.is_ascii_alphanumeric() {
                let prev = i.checked_sub(1).map(|j| chars[j]);
                let next = chars.get(i + 1).copied();
                let boundary = c.is_ascii_uppercase()
                    && match prev {
                        Some(p) if p.is_ascii_lowercase() || p.is_ascii_digit() => true,
                        Some(p) if p.is_ascii_uppercase() => {
                            next.is_some_and(|n| n.is_ascii_lowercase())
                        }
                        _ => false,
                    };
                if boundary && !out.is_empty() && !out.ends_with('-') {
                    out.push('-');
                }
                out.push(c.to_ascii_lowercase());
            } else if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
        }
        let trimmed: String = out.trim_matches('-').chars().take(MAX_ID_LEN).collect();
        Self::new(trimmed.trim_end_matches('-')).ok()
    }

    /// The id `element`: a fallback when no id can be derived from a text.
    pub fn fallback() -> Self {
        Self("element".to_owned())
    }

    /// This id for `n` ≤ 1, else the id with `-n` appended (shortened to stay within
    /// [`MAX_ID_LEN`]): `web`, `web-2`, `web-3`, …
    pub fn numbered(&self, n: usize) -> Self {
        if n <= 1 {
            return self.clone();
        }
        let suffix = format!("-{n}");
        let keep = MAX_ID_LEN.saturating_sub(suffix.len());
        // A prefix of a valid id followed by `-<digits>` is a valid id.
        Self(self.0.chars().take(keep).chain(suffix.chars()).collect())
    }

    /// The id as a string slice.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Id {
    type Error = IdError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::new(s)
    }
}

impl TryFrom<&str> for Id {
    type Error = IdError;
    fn try_from(s: &str) -> Result<Self, Self::Error> {
        Self::new(s)
    }
}

impl From<Id> for String {
    fn from(id: Id) -> Self {
        id.0
    }
}

impl Borrow<str> for Id {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Id {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl PartialEq<str> for Id {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for Id {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_kebab_case() {
        for ok in ["db-cluster", "a", "0", "web-1", "x--y", "abc-"] {
            assert!(Id::new(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn rejects_bad_ids() {
        assert_eq!(Id::new(""), Err(IdError::Empty));
        for bad in ["-a", "A", "db_cluster", "db cluster", "é", "a.b"] {
            assert!(
                matches!(Id::new(bad), Err(IdError::BadCharacter(_))),
                "{bad}"
            );
        }
        assert!(matches!(Id::new("a".repeat(64)), Err(IdError::TooLong(_))));
        assert!(Id::new("a".repeat(63)).is_ok());
    }

    #[test]
    fn numbered_ids_stay_valid() {
        let long = Id::new("a".repeat(MAX_ID_LEN)).expect("valid");
        for n in [1, 2, 10, 12345] {
            let id = long.numbered(n);
            assert!(
                Id::new(id.as_str()).is_ok() && id.as_str().len() <= MAX_ID_LEN,
                "{id}"
            );
        }
        assert_eq!(Id::new("web").expect("valid").numbered(3).as_str(), "web-3");
    }

    #[test]
    fn slugify_splits_words_and_acronyms() {
        let s = |t: &str| Id::slugify(t).map(String::from);
        assert_eq!(s("DBCluster").as_deref(), Some("db-cluster"));
        assert_eq!(s("APIGateway").as_deref(), Some("api-gateway"));
        assert_eq!(s("WAF").as_deref(), Some("waf"));
        assert_eq!(s("VPCDev").as_deref(), Some("vpc-dev"));
        assert_eq!(s("PrivateSubnetDB").as_deref(), Some("private-subnet-db"));
        assert_eq!(
            s("Private Subnet - Database").as_deref(),
            Some("private-subnet-database")
        );
        assert_eq!(s("üåê Internet").as_deref(), Some("internet"));
        assert_eq!(s("🌐"), None);
        assert!(s(&"Ab".repeat(80)).is_some_and(|x| x.len() <= MAX_ID_LEN));
    }
}
