//! The arrival-rate factor of a load profile at a time, and its maximum over a run (the rate
//! that arrivals are drawn at before thinning).

use crate::model::LoadProfile;

/// The factor of `profile` at `t_s` seconds (never negative).
pub fn factor_at(profile: &LoadProfile, t_s: f64) -> f64 {
    let f = match *profile {
        LoadProfile::Constant => 1.0,
        LoadProfile::Ramp {
            from_factor,
            to_factor,
            start_s,
            end_s,
        } => {
            if t_s <= start_s {
                from_factor
            } else if t_s >= end_s || end_s <= start_s {
                to_factor
            } else {
                from_factor + (to_factor - from_factor) * (t_s - start_s) / (end_s - start_s)
            }
        }
        LoadProfile::Step { at_s, factor } => {
            if t_s >= at_s {
                factor
            } else {
                1.0
            }
        }
        LoadProfile::Spike {
            at_s,
            duration_s,
            factor,
        } => {
            if t_s >= at_s && t_s < at_s + duration_s {
                factor
            } else {
                1.0
            }
        }
        LoadProfile::Diurnal {
            period_s,
            trough_factor,
            peak_factor,
            peak_at_s,
        } => {
            if period_s > 0.0 {
                let phase = 2.0 * std::f64::consts::PI * (t_s - peak_at_s) / period_s;
                let mid = (peak_factor + trough_factor) / 2.0;
                mid + (peak_factor - trough_factor) / 2.0 * phase.cos()
            } else {
                peak_factor
            }
        }
    };
    if f.is_finite() { f.max(0.0) } else { 0.0 }
}

/// An upper bound of the factor of `profile` over a run (exact for every profile).
pub fn max_factor(profile: &LoadProfile) -> f64 {
    let f = match *profile {
        LoadProfile::Constant => 1.0,
        LoadProfile::Ramp {
            from_factor,
            to_factor,
            ..
        } => from_factor.max(to_factor),
        LoadProfile::Step { factor, .. } | LoadProfile::Spike { factor, .. } => factor.max(1.0),
        LoadProfile::Diurnal {
            trough_factor,
            peak_factor,
            ..
        } => peak_factor.max(trough_factor),
    };
    if f.is_finite() { f.max(0.0) } else { 0.0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profiles_at_their_landmarks() {
        let ramp = LoadProfile::Ramp {
            from_factor: 1.0,
            to_factor: 3.0,
            start_s: 10.0,
            end_s: 20.0,
        };
        assert_eq!(factor_at(&ramp, 0.0), 1.0);
        assert_eq!(factor_at(&ramp, 15.0), 2.0);
        assert_eq!(factor_at(&ramp, 30.0), 3.0);
        assert_eq!(max_factor(&ramp), 3.0);
        let spike = LoadProfile::Spike {
            at_s: 5.0,
            duration_s: 2.0,
            factor: 4.0,
        };
        assert_eq!(factor_at(&spike, 4.9), 1.0);
        assert_eq!(factor_at(&spike, 6.0), 4.0);
        assert_eq!(factor_at(&spike, 7.0), 1.0);
        let step = LoadProfile::Step {
            at_s: 5.0,
            factor: 0.5,
        };
        assert_eq!(factor_at(&step, 6.0), 0.5);
        assert_eq!(max_factor(&step), 1.0);
        let day = LoadProfile::Diurnal {
            period_s: 100.0,
            trough_factor: 0.2,
            peak_factor: 1.0,
            peak_at_s: 25.0,
        };
        assert!((factor_at(&day, 25.0) - 1.0).abs() < 1e-12);
        assert!((factor_at(&day, 75.0) - 0.2).abs() < 1e-12);
        assert!((factor_at(&day, 125.0) - 1.0).abs() < 1e-12);
    }
}
