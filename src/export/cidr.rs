//! Address plans: each subnet tier split into one block per zone, and free blocks carved from a
//! VPC for tiers drawn without a CIDR.

use ipnet::Ipv4Net;

/// Bits needed to give `n` zones a block each (`ceil(log2 n)`).
fn bits_for(n: usize) -> u8 {
    let mut bits = 0u8;
    while (1usize << bits) < n.max(1) {
        bits += 1;
    }
    bits
}

/// The first `zones` equal blocks of `tier`, one per zone, or `None` if they would be smaller
/// than /28.
///
/// # Complexity
/// O(zones).
pub fn per_zone(tier: Ipv4Net, zones: usize) -> Option<Vec<Ipv4Net>> {
    let prefix = tier.prefix_len().checked_add(bits_for(zones))?;
    if prefix > 28 {
        return None;
    }
    let blocks: Vec<Ipv4Net> = tier.subnets(prefix).ok()?.take(zones.max(1)).collect();
    Some(blocks)
}

/// A block of `vpc` that overlaps none of `used`, large enough for `zones` per-zone /28s:
/// preferably a sixteenth of the VPC, else the largest that fits. Lowest address first.
///
/// # Complexity
/// O(b · u) for b candidate blocks of a size and u used blocks, over at most 28 sizes.
pub fn free_block(vpc: Ipv4Net, used: &[Ipv4Net], zones: usize) -> Option<Ipv4Net> {
    let smallest = 28u8.checked_sub(bits_for(zones))?;
    let first = (vpc.prefix_len() + 4).min(smallest).max(vpc.prefix_len());
    for prefix in first..=smallest {
        let Ok(mut candidates) = vpc.subnets(prefix) else {
            continue;
        };
        if let Some(b) = candidates.find(|b| !used.iter().any(|u| u.contains(b) || b.contains(u))) {
            return Some(b);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn net(s: &str) -> Ipv4Net {
        s.parse().expect("valid net")
    }

    #[test]
    fn tiers_split_per_zone() {
        let z = per_zone(net("10.0.32.0/19"), 3).expect("fits");
        assert_eq!(
            z,
            vec![
                net("10.0.32.0/21"),
                net("10.0.40.0/21"),
                net("10.0.48.0/21")
            ]
        );
        assert_eq!(per_zone(net("10.0.0.0/27"), 3), None);
        assert_eq!(
            per_zone(net("10.0.0.0/24"), 1),
            Some(vec![net("10.0.0.0/24")])
        );
    }

    #[test]
    fn free_blocks_avoid_used_ones() {
        let used = [net("10.1.0.0/20"), net("10.1.16.0/20")];
        assert_eq!(
            free_block(net("10.1.0.0/16"), &used, 3),
            Some(net("10.1.32.0/20"))
        );
        let full = [net("10.2.0.0/24")];
        assert_eq!(free_block(net("10.2.0.0/24"), &full, 2), None);
    }
}
