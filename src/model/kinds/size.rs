//! Cloud-agnostic instance sizes, mapped to each provider's instance types by the exports.

use serde::{Deserialize, Serialize};

/// A cloud-agnostic machine size.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub enum Size {
    /// 2 vCPU, 4 GiB.
    Small,
    /// 2 vCPU, 8 GiB.
    #[default]
    Medium,
    /// 4 vCPU, 16 GiB.
    Large,
    /// 8 vCPU, 32 GiB.
    XLarge,
    /// 16 vCPU, 64 GiB.
    X2Large,
}

impl Size {
    /// Every size, smallest first.
    pub const ALL: [Size; 5] = [
        Size::Small,
        Size::Medium,
        Size::Large,
        Size::XLarge,
        Size::X2Large,
    ];

    /// Virtual CPUs of the size.
    pub fn vcpus(self) -> u32 {
        match self {
            Size::Small | Size::Medium => 2,
            Size::Large => 4,
            Size::XLarge => 8,
            Size::X2Large => 16,
        }
    }

    /// Memory of the size in GiB.
    pub fn memory_gib(self) -> u32 {
        match self {
            Size::Small => 4,
            Size::Medium => 8,
            Size::Large => 16,
            Size::XLarge => 32,
            Size::X2Large => 64,
        }
    }
}
