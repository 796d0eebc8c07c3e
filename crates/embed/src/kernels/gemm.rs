//! Int8 matrix products: `Y[t, n] = sa[t]·sw[n]·Σk a[t,k]·w[n,k] + bias[n]`.
//!
//! Weights are re-quantised at load from the file's 4-bit blocks to one int8
//! scale per output row, and stored as `w + 128` (unsigned) in panels of 64
//! output columns: `[n/64][k/4][64 columns][4 bytes]`, the layout that
//! `vpdpbusd` consumes with one broadcast of four activation bytes. The
//! activations are quantised per token (one scale per row); the `+128` is
//! removed with the per-token sum of the activations.
//!
//! Low level: [`crate::e5`] is the place to start.

use super::math::{ROUND, ROUND_BITS};

/// Output columns per panel.
pub(crate) const PANEL: usize = 64;

/// A weight matrix `[n, k]` ready for the int8 kernels.
#[derive(Debug, Clone)]
pub(crate) struct PackedWeights {
    pub(crate) n: usize,
    pub(crate) k: usize,
    /// `w + 128` in panel layout.
    pub(crate) data: Vec<u8>,
    /// One scale per output row.
    pub(crate) scale: Vec<f32>,
    /// Bias per output row.
    pub(crate) bias: Vec<f32>,
}

impl PackedWeights {
    /// Pack a row-major float matrix `[n, k]` (`n % 64 == 0`, `k % 4 == 0`).
    pub(crate) fn pack(w: &[f32], n: usize, k: usize, bias: Vec<f32>) -> Self {
        assert!(
            n.is_multiple_of(PANEL) && k.is_multiple_of(4) && w.len() == n * k && bias.len() == n
        );
        let mut scale = vec![0f32; n];
        let mut data = vec![128u8; n * k];
        for row in 0..n {
            let wr = &w[row * k..(row + 1) * k];
            let amax = wr.iter().fold(0f32, |m, &x| m.max(x.abs()));
            let s = if amax > 0.0 { amax / 127.0 } else { 1.0 };
            scale[row] = s;
            let (p, c) = (row / PANEL, row % PANEL);
            for (kk, &x) in wr.iter().enumerate() {
                let q = (x / s).round().clamp(-127.0, 127.0) as i32;
                let at = p * PANEL * k + (kk / 4) * PANEL * 4 + c * 4 + kk % 4;
                data[at] = (q + 128) as u8;
            }
        }
        PackedWeights {
            n,
            k,
            data,
            scale,
            bias,
        }
    }

    /// Bytes held.
    pub(crate) fn bytes(&self) -> usize {
        self.data.len() + 4 * (self.scale.len() + self.bias.len())
    }
}

/// Activations `[t, k]` quantised to int8, one scale per row.
#[derive(Debug, Default)]
pub(crate) struct QuantActs {
    pub(crate) t: usize,
    pub(crate) k: usize,
    pub(crate) data: Vec<i8>,
    pub(crate) scale: Vec<f32>,
    /// Sum of each row's int8 values (to remove the weights' +128).
    pub(crate) sum: Vec<i32>,
}

impl QuantActs {
    /// Quantise `x` (`[t, k]`, row-major) symmetrically per row.
    #[inline(always)]
    pub(crate) fn quantize(&mut self, x: &[f32], t: usize, k: usize) {
        self.t = t;
        self.k = k;
        self.data.resize(t * k, 0);
        self.scale.resize(t, 0.0);
        self.sum.resize(t, 0);
        for r in 0..t {
            let xr = &x[r * k..(r + 1) * k];
            let mut lanes = [0f32; super::math::LANES];
            for c in xr.chunks_exact(super::math::LANES) {
                for u in 0..super::math::LANES {
                    let a = c[u].abs();
                    lanes[u] = if a > lanes[u] { a } else { lanes[u] };
                }
            }
            let rest = xr.chunks_exact(super::math::LANES).remainder();
            let amax = lanes.iter().chain(rest).fold(0f32, |m, &v| m.max(v.abs()));
            let (s, inv) = if amax > 0.0 {
                (amax / 127.0, 127.0 / amax)
            } else {
                (1.0, 0.0)
            };
            let qr = &mut self.data[r * k..(r + 1) * k];
            let mut sum = 0i32;
            for (q, &v) in qr.iter_mut().zip(xr) {
                // Round to nearest even by adding 1.5·2^23 and reading the
                // low mantissa bits (branch-free, so it vectorises); |v·inv|
                // ≤ 127 (clamped against rounding of inv).
                let y = (v * inv).clamp(-127.0, 127.0) + ROUND;
                let y = y.to_bits() as i32 - ROUND_BITS;
                *q = y as i8;
                sum += y;
            }
            self.scale[r] = s;
            self.sum[r] = sum;
        }
    }
}

/// Portable kernel (the compiler vectorises it for the caller's features).
#[inline(always)]
pub(crate) fn gemm_generic(a: &QuantActs, w: &PackedWeights, y: &mut [f32]) {
    let (t, k, n) = (a.t, a.k, w.n);
    debug_assert!(w.k == k && y.len() >= t * n);
    for p in 0..n / PANEL {
        let panel = &w.data[p * PANEL * k..(p + 1) * PANEL * k];
        for r in 0..t {
            let ar = &a.data[r * k..(r + 1) * k];
            let mut acc = [0i32; PANEL];
            for (k4, wq) in panel.chunks_exact(PANEL * 4).enumerate() {
                let a4 = [
                    ar[4 * k4] as i32,
                    ar[4 * k4 + 1] as i32,
                    ar[4 * k4 + 2] as i32,
                    ar[4 * k4 + 3] as i32,
                ];
                for (c, acc) in acc.iter_mut().enumerate() {
                    let wc = &wq[c * 4..c * 4 + 4];
                    *acc += wc[0] as i32 * a4[0]
                        + wc[1] as i32 * a4[1]
                        + wc[2] as i32 * a4[2]
                        + wc[3] as i32 * a4[3];
                }
            }
            let corr = 128 * a.sum[r];
            let sa = a.scale[r];
            let yr = &mut y[r * n + p * PANEL..r * n + (p + 1) * PANEL];
            for c in 0..PANEL {
                let col = p * PANEL + c;
                yr[c] = (acc[c] - corr) as f32 * (sa * w.scale[col]) + w.bias[col];
            }
        }
    }
}

#[cfg(target_arch = "x86_64")]
pub(crate) mod x86 {
    //! AVX-512 VNNI kernel: 6 tokens × 64 columns of int32 accumulators in
    //! 24 zmm registers; one `vpdpbusd` does 64 multiply-adds.
    use super::{PackedWeights, QuantActs, PANEL};
    use std::arch::x86_64::*;

    /// Tokens per tile.
    const MR: usize = 6;

    /// `Y = A·Wᵀ` with AVX-512 VNNI.
    ///
    /// # Safety
    /// The CPU must support avx512f, avx512bw and avx512vnni.
    #[target_feature(enable = "avx512f,avx512bw,avx512vnni")]
    pub(crate) unsafe fn gemm_vnni(a: &QuantActs, w: &PackedWeights, y: &mut [f32]) {
        let (t, k, n) = (a.t, a.k, w.n);
        assert!(w.k == k && y.len() >= t * n && a.data.len() >= t * k);
        for p in 0..n / PANEL {
            let panel = w.data.as_ptr().add(p * PANEL * k);
            let mut r = 0;
            while r < t {
                let rows = (t - r).min(MR);
                match rows {
                    6 => tile::<6>(a, w, panel, p, r, y),
                    5 => tile::<5>(a, w, panel, p, r, y),
                    4 => tile::<4>(a, w, panel, p, r, y),
                    3 => tile::<3>(a, w, panel, p, r, y),
                    2 => tile::<2>(a, w, panel, p, r, y),
                    _ => tile::<1>(a, w, panel, p, r, y),
                }
                r += rows;
            }
        }
    }

    #[target_feature(enable = "avx512f,avx512bw,avx512vnni")]
    #[inline]
    unsafe fn tile<const R: usize>(
        a: &QuantActs,
        w: &PackedWeights,
        panel: *const u8,
        p: usize,
        r0: usize,
        y: &mut [f32],
    ) {
        let (k, n) = (a.k, w.n);
        let mut acc = [[_mm512_setzero_si512(); 4]; R];
        let abase = a.data.as_ptr().add(r0 * k);
        for k4 in 0..k / 4 {
            let wp = panel.add(k4 * PANEL * 4);
            let w0 = _mm512_loadu_si512(wp as *const _);
            let w1 = _mm512_loadu_si512(wp.add(64) as *const _);
            let w2 = _mm512_loadu_si512(wp.add(128) as *const _);
            let w3 = _mm512_loadu_si512(wp.add(192) as *const _);
            for (i, acc) in acc.iter_mut().enumerate() {
                let av =
                    _mm512_set1_epi32((abase.add(i * k + 4 * k4) as *const i32).read_unaligned());
                acc[0] = _mm512_dpbusd_epi32(acc[0], w0, av);
                acc[1] = _mm512_dpbusd_epi32(acc[1], w1, av);
                acc[2] = _mm512_dpbusd_epi32(acc[2], w2, av);
                acc[3] = _mm512_dpbusd_epi32(acc[3], w3, av);
            }
        }
        for (i, acc) in acc.iter().enumerate() {
            let r = r0 + i;
            let corr = _mm512_set1_epi32(128 * a.sum[r]);
            let sa = _mm512_set1_ps(a.scale[r]);
            for (j, &v) in acc.iter().enumerate() {
                let col = p * PANEL + 16 * j;
                let sw = _mm512_loadu_ps(w.scale.as_ptr().add(col));
                let b = _mm512_loadu_ps(w.bias.as_ptr().add(col));
                let f = _mm512_cvtepi32_ps(_mm512_sub_epi32(v, corr));
                let out = _mm512_fmadd_ps(f, _mm512_mul_ps(sa, sw), b);
                _mm512_storeu_ps(y.as_mut_ptr().add(r * n + col), out);
            }
        }
    }
}

#[cfg(target_arch = "x86_64")]
pub(crate) mod avx2 {
    //! AVX2 kernel (no VNNI): `vpmaddubsw` multiplies unsigned by signed
    //! bytes into saturating 16-bit pair sums, so the signed weight is
    //! recovered (`(w + 128) ^ 0x80`) and the sign trick keeps every pair sum
    //! within range: `|w| · (a · sign(w))`, at most 2·127·127. Exact: the same
    //! integers as the VNNI kernel. Tiles of 3 tokens × 16 columns.
    use super::{PackedWeights, QuantActs, PANEL};
    use std::arch::x86_64::*;

    /// `Y = A·Wᵀ` with AVX2.
    ///
    /// # Safety
    /// The CPU must support avx2.
    #[target_feature(enable = "avx2,fma")]
    pub(crate) unsafe fn gemm_avx2(a: &QuantActs, w: &PackedWeights, y: &mut [f32]) {
        let (t, k, n) = (a.t, a.k, w.n);
        assert!(w.k == k && y.len() >= t * n && a.data.len() >= t * k);
        for p in 0..n / PANEL {
            let panel = w.data.as_ptr().add(p * PANEL * k);
            for half in 0..PANEL / 16 {
                let mut r = 0;
                while r < t {
                    let rows = (t - r).min(3);
                    match rows {
                        3 => tile::<3>(a, w, panel, p, half, r, y),
                        2 => tile::<2>(a, w, panel, p, half, r, y),
                        _ => tile::<1>(a, w, panel, p, half, r, y),
                    }
                    r += rows;
                }
            }
        }
    }

    #[target_feature(enable = "avx2,fma")]
    #[inline]
    unsafe fn tile<const R: usize>(
        a: &QuantActs,
        w: &PackedWeights,
        panel: *const u8,
        p: usize,
        part: usize,
        r0: usize,
        y: &mut [f32],
    ) {
        let (k, n) = (a.k, w.n);
        let mut acc = [[_mm256_setzero_si256(); 2]; R];
        let ones = _mm256_set1_epi16(1);
        let flip = _mm256_set1_epi8(-128);
        let abase = a.data.as_ptr().add(r0 * k);
        for k4 in 0..k / 4 {
            let wp = panel.add(k4 * PANEL * 4 + part * 64);
            let w0 = _mm256_xor_si256(_mm256_loadu_si256(wp as *const _), flip);
            let w1 = _mm256_xor_si256(_mm256_loadu_si256(wp.add(32) as *const _), flip);
            let (u0, u1) = (_mm256_abs_epi8(w0), _mm256_abs_epi8(w1));
            for (i, acc) in acc.iter_mut().enumerate() {
                let av =
                    _mm256_set1_epi32((abase.add(i * k + 4 * k4) as *const i32).read_unaligned());
                let p0 = _mm256_maddubs_epi16(u0, _mm256_sign_epi8(av, w0));
                let p1 = _mm256_maddubs_epi16(u1, _mm256_sign_epi8(av, w1));
                acc[0] = _mm256_add_epi32(acc[0], _mm256_madd_epi16(p0, ones));
                acc[1] = _mm256_add_epi32(acc[1], _mm256_madd_epi16(p1, ones));
            }
        }
        for (i, acc) in acc.iter().enumerate() {
            let r = r0 + i;
            let sa = _mm256_set1_ps(a.scale[r]);
            for (j, &v) in acc.iter().enumerate() {
                let col = p * PANEL + part * 16 + 8 * j;
                let sw = _mm256_loadu_ps(w.scale.as_ptr().add(col));
                let b = _mm256_loadu_ps(w.bias.as_ptr().add(col));
                let out = _mm256_fmadd_ps(_mm256_cvtepi32_ps(v), _mm256_mul_ps(sa, sw), b);
                _mm256_storeu_ps(y.as_mut_ptr().add(r * n + col), out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive(x: &[f32], t: usize, k: usize, w: &[f32], n: usize, bias: &[f32]) -> Vec<f32> {
        let mut y = vec![0f32; t * n];
        for r in 0..t {
            for c in 0..n {
                y[r * n + c] = bias[c] + (0..k).map(|i| x[r * k + i] * w[c * k + i]).sum::<f32>();
            }
        }
        y
    }

    fn data(len: usize, seed: u32) -> Vec<f32> {
        let mut s = seed;
        (0..len)
            .map(|_| {
                s = s.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
                (s >> 8) as f32 / (1u32 << 24) as f32 - 0.5
            })
            .collect()
    }

    #[test]
    fn kernels_agree_with_float_product() {
        let (t, k, n) = (13, 96, 128);
        let x = data(t * k, 1);
        let w = data(n * k, 2);
        let bias = data(n, 3);
        let pw = PackedWeights::pack(&w, n, k, bias.clone());
        let mut qa = QuantActs::default();
        qa.quantize(&x, t, k);
        let want = naive(&x, t, k, &w, n, &bias);
        let mut got = vec![0f32; t * n];
        gemm_generic(&qa, &pw, &mut got);
        let err = want
            .iter()
            .zip(&got)
            .map(|(a, b)| (a - b).abs())
            .fold(0f32, f32::max);
        assert!(err < 0.05, "generic kernel error {err}");
        #[cfg(target_arch = "x86_64")]
        if is_x86_feature_detected!("avx512vnni") && is_x86_feature_detected!("avx512bw") {
            let mut v = vec![0f32; t * n];
            unsafe { x86::gemm_vnni(&qa, &pw, &mut v) };
            let d = v
                .iter()
                .zip(&got)
                .map(|(a, b)| (a - b).abs())
                .fold(0f32, f32::max);
            assert!(d < 1e-5, "VNNI and generic kernels differ by {d}");
        }
        #[cfg(target_arch = "x86_64")]
        if is_x86_feature_detected!("avx2") && is_x86_feature_detected!("fma") {
            let mut v = vec![0f32; t * n];
            unsafe { avx2::gemm_avx2(&qa, &pw, &mut v) };
            let d = v
                .iter()
                .zip(&got)
                .map(|(a, b)| (a - b).abs())
                .fold(0f32, f32::max);
            assert!(d < 1e-5, "AVX2 and generic kernels differ by {d}");
        }
    }
}
