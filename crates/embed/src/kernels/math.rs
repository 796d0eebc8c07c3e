//! Element-wise float functions of the encoder, written branch-free so that
//! the compiler vectorises them for the features of the caller (see
//! [`crate::kernels`]). Low level.

/// Lanes of the partial sums in reductions: float additions are not
/// reassociated by the compiler, so reductions are written over 16 lanes
/// explicitly to let them vectorise.
pub(crate) const LANES: usize = 16;

/// Sum of a slice, in 16 lanes.
#[inline(always)]
pub(crate) fn sum(x: &[f32]) -> f32 {
    let mut acc = [0f32; LANES];
    let chunks = x.chunks_exact(LANES);
    let rest = chunks.remainder();
    for c in chunks {
        for u in 0..LANES {
            acc[u] += c[u];
        }
    }
    acc.iter().sum::<f32>() + rest.iter().sum::<f32>()
}

/// Largest value of a slice (−∞ when empty), in 16 lanes.
#[inline(always)]
pub(crate) fn max(x: &[f32]) -> f32 {
    let mut acc = [f32::NEG_INFINITY; LANES];
    let chunks = x.chunks_exact(LANES);
    let rest = chunks.remainder();
    for c in chunks {
        for u in 0..LANES {
            acc[u] = if c[u] > acc[u] { c[u] } else { acc[u] };
        }
    }
    acc.iter()
        .chain(rest)
        .fold(f32::NEG_INFINITY, |m, &v| if v > m { v } else { m })
}

/// 1.5·2^23: adding it to |x| < 2^22 rounds x to an integer held in the low
/// mantissa bits (branch-free, vectorisable rounding).
pub(crate) const ROUND: f32 = 12_582_912.0;
/// The bits of [`ROUND`].
pub(crate) const ROUND_BITS: i32 = 0x4B40_0000;

/// `e^x` with relative error < 3e-7 for x in [-87, 88] (clamped outside).
#[inline(always)]
pub(crate) fn exp(x: f32) -> f32 {
    const LOG2E: f32 = std::f32::consts::LOG2_E;
    const LN2_HI: f32 = 0.693_359_4;
    const LN2_LO: f32 = -2.121_944_4e-4;
    let x = x.clamp(-87.0, 88.0);
    let r = x * LOG2E + ROUND;
    let ni = r.to_bits() as i32 - ROUND_BITS;
    let n = r - ROUND;
    let f = x - n * LN2_HI - n * LN2_LO;
    let p = 1.0
        + f * (1.0
            + f * (0.5
                + f * (1.0 / 6.0 + f * (1.0 / 24.0 + f * (1.0 / 120.0 + f * (1.0 / 720.0))))));
    p * f32::from_bits(((ni + 127) << 23) as u32)
}

/// `erf(x)`, absolute error < 3e-7 (Abramowitz & Stegun 7.1.26).
#[inline(always)]
pub(crate) fn erf(x: f32) -> f32 {
    let ax = x.abs();
    let t = 1.0 / (1.0 + 0.327_591_1 * ax);
    let poly = t
        * (0.254_829_6
            + t * (-0.284_496_74 + t * (1.421_413_7 + t * (-1.453_152 + t * 1.061_405_4))));
    let y = 1.0 - poly * exp(-ax * ax);
    y.copysign(x)
}

/// GELU (the exact, erf form BERT uses), in place.
#[inline(always)]
pub(crate) fn gelu_inplace(x: &mut [f32]) {
    for v in x.iter_mut() {
        *v = 0.5 * *v * (1.0 + erf(*v * std::f32::consts::FRAC_1_SQRT_2));
    }
}

/// `x = LayerNorm(x + y)` row by row (`y` absent: `LayerNorm(x)`).
#[inline(always)]
pub(crate) fn add_layernorm(
    x: &mut [f32],
    y: Option<&[f32]>,
    w: &[f32],
    b: &[f32],
    h: usize,
    eps: f32,
) {
    for (r, xr) in x.chunks_exact_mut(h).enumerate() {
        if let Some(y) = y {
            for (a, &c) in xr.iter_mut().zip(&y[r * h..(r + 1) * h]) {
                *a += c;
            }
        }
        let mean = sum(xr) / h as f32;
        let mut acc = [0f32; LANES];
        for c in xr.chunks_exact(LANES) {
            for u in 0..LANES {
                let d = c[u] - mean;
                acc[u] += d * d;
            }
        }
        let rest: f32 = xr
            .chunks_exact(LANES)
            .remainder()
            .iter()
            .map(|&v| (v - mean) * (v - mean))
            .sum();
        let var = (acc.iter().sum::<f32>() + rest) / h as f32;
        let inv = 1.0 / (var + eps).sqrt();
        for ((a, &wi), &bi) in xr.iter_mut().zip(w).zip(b) {
            *a = (*a - mean) * inv * wi + bi;
        }
    }
}

/// Softmax of a row in place.
#[inline(always)]
pub(crate) fn softmax_inplace(s: &mut [f32]) {
    let mx = max(s);
    for v in s.iter_mut() {
        *v = exp(*v - mx);
    }
    let inv = 1.0 / sum(s);
    for v in s.iter_mut() {
        *v *= inv;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exp_and_erf_are_accurate() {
        for i in -2000..2000 {
            let x = i as f32 / 50.0;
            let (e, want) = (exp(x), x.exp());
            assert!(
                ((e - want) / want).abs() < 3e-7,
                "exp({x}) = {e}, want {want}"
            );
            let want = erf_ref(x as f64) as f32;
            assert!(
                (erf(x) - want).abs() < 3e-7,
                "erf({x}) = {}, want {want}",
                erf(x)
            );
        }
    }

    /// erf by its Taylor series (|x| < 3) or 1 (beyond, to f32 precision).
    fn erf_ref(x: f64) -> f64 {
        if x.abs() > 4.0 {
            return x.signum();
        }
        let (mut term, mut sum) = (x, x);
        for n in 1..200 {
            term *= -x * x / n as f64;
            sum += term / (2 * n + 1) as f64;
        }
        sum * 2.0 / std::f64::consts::PI.sqrt()
    }
}
