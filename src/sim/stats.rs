//! Means and 95 % confidence intervals across replications (Student's t).

/// Two-sided 97.5 % quantiles of Student's t for 1 to 30 degrees of freedom.
const T_975: [f64; 30] = [
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160,
    2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056,
    2.052, 2.048, 2.045, 2.042,
];

/// The 97.5 % quantile of Student's t with `df` degrees of freedom (1.96 above 120).
pub fn t_975(df: usize) -> f64 {
    match df {
        0 => f64::INFINITY,
        1..=30 => T_975[df - 1],
        31..=40 => 2.021,
        41..=60 => 2.000,
        61..=120 => 1.980,
        _ => 1.960,
    }
}

/// Mean of `xs`; `None` when empty or when a value is not finite.
pub fn mean(xs: &[f64]) -> Option<f64> {
    if xs.is_empty() || xs.iter().any(|x| !x.is_finite()) {
        return None;
    }
    Some(xs.iter().sum::<f64>() / xs.len() as f64)
}

/// Half-width of the 95 % confidence interval of the mean of `xs` (independent replications);
/// `None` with fewer than two values or a non-finite one.
pub fn ci95_half_width(xs: &[f64]) -> Option<f64> {
    let n = xs.len();
    let m = mean(xs)?;
    if n < 2 {
        return None;
    }
    let var = xs.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / (n - 1) as f64;
    Some(t_975(n - 1) * (var / n as f64).sqrt())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mean_and_interval() {
        let xs = [1.0, 2.0, 3.0, 4.0, 5.0];
        assert_eq!(mean(&xs), Some(3.0));
        // s = sqrt(2.5), t(4) = 2.776: 2.776 × sqrt(2.5 / 5).
        let h = ci95_half_width(&xs).expect("interval");
        assert!((h - 2.776 * 0.5f64.sqrt()).abs() < 1e-9, "{h}");
        assert_eq!(ci95_half_width(&[1.0]), None);
        assert_eq!(mean(&[]), None);
        assert_eq!(mean(&[f64::NAN]), None);
        assert_eq!(t_975(1000), 1.96);
    }
}
