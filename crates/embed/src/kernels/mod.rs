//! Compute kernels and the choice of instruction set, made once at load.
//!
//! The encoder's forward pass is one generic function instantiated for each
//! instruction set inside a `#[target_feature]` wrapper (see
//! [`crate::e5`]'s model module), so the float loops of [`math`] are vectorised
//! for that set and the int8 products use the matching [`Gemm`] kernel.
//! Low level.

#[cfg(target_arch = "x86_64")]
mod attention_x86;
pub(crate) mod gemm;
pub(crate) mod math;

pub(crate) use gemm::{PackedWeights, QuantActs};

/// The instruction set the encoder runs with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Isa {
    /// x86-64 with AVX-512 VNNI (`vpdpbusd`): the fast path.
    Avx512Vnni,
    /// x86-64 with AVX2 and FMA: `vpmaddubsw` kernel.
    Avx2,
    /// Anything else: the same portable kernel, baseline instructions.
    Generic,
}

impl Isa {
    /// The best set this CPU supports.
    pub fn detect() -> Isa {
        #[cfg(target_arch = "x86_64")]
        {
            if is_x86_feature_detected!("avx512f")
                && is_x86_feature_detected!("avx512bw")
                && is_x86_feature_detected!("avx512vl")
                && is_x86_feature_detected!("avx512vnni")
                && is_x86_feature_detected!("avx2")
                && is_x86_feature_detected!("fma")
            {
                return Isa::Avx512Vnni;
            }
            if is_x86_feature_detected!("avx2") && is_x86_feature_detected!("fma") {
                return Isa::Avx2;
            }
        }
        Isa::Generic
    }

    /// Short name for logs and measurements.
    pub fn name(self) -> &'static str {
        match self {
            Isa::Avx512Vnni => "avx512-vnni",
            Isa::Avx2 => "avx2",
            Isa::Generic => "generic",
        }
    }
}

/// An int8 matrix product `Y = A·Wᵀ` (see [`gemm`]).
pub(crate) trait Gemm {
    /// Whether float code may use fused multiply-add.
    const FMA: bool;
    fn gemm(a: &QuantActs, w: &PackedWeights, y: &mut [f32]);
    /// `scores[j] = Σe q[e]·kt[e·lp + j]` for `j < lp` (`lp` a multiple of 16).
    #[inline(always)]
    fn scores(q: &[f32], kt: &[f32], lp: usize, scores: &mut [f32]) {
        scores[..lp].fill(0.0);
        for (e, &qe) in q.iter().enumerate() {
            for (s, &k) in scores[..lp].iter_mut().zip(&kt[e * lp..(e + 1) * lp]) {
                *s = Self::madd(qe, k, *s);
            }
        }
    }
    /// `out = Σj p[j]·rows[j·stride ..][..out.len()]`.
    #[inline(always)]
    fn weighted_sum(p: &[f32], rows: &[f32], stride: usize, out: &mut [f32]) {
        out.fill(0.0);
        let n = out.len();
        for (j, &pj) in p.iter().enumerate() {
            for (o, &v) in out.iter_mut().zip(&rows[j * stride..j * stride + n]) {
                *o = Self::madd(pj, v, *o);
            }
        }
    }
    /// `a·b + c`, fused when [`Gemm::FMA`].
    #[inline(always)]
    fn madd(a: f32, b: f32, c: f32) -> f32 {
        if Self::FMA {
            a.mul_add(b, c)
        } else {
            a * b + c
        }
    }
}

/// The portable kernel.
pub(crate) struct Portable;

impl Gemm for Portable {
    const FMA: bool = false;
    #[inline(always)]
    fn gemm(a: &QuantActs, w: &PackedWeights, y: &mut [f32]) {
        gemm::gemm_generic(a, w, y)
    }
}

/// The AVX2 kernel, float code with FMA. Only used inside code that runs
/// after [`Isa::detect`] found avx2 and fma.
#[cfg(target_arch = "x86_64")]
pub(crate) struct Avx2;

#[cfg(target_arch = "x86_64")]
impl Gemm for Avx2 {
    const FMA: bool = true;
    #[inline(always)]
    fn gemm(a: &QuantActs, w: &PackedWeights, y: &mut [f32]) {
        // SAFETY: `Avx2` is only instantiated in the forward pass chosen for
        // `Isa::Avx2` or `Isa::Avx512Vnni`, both detected with avx2 and fma.
        unsafe { gemm::avx2::gemm_avx2(a, w, y) }
    }
}

/// The AVX-512 VNNI kernel. Only used inside code that runs after
/// [`Isa::detect`] returned [`Isa::Avx512Vnni`].
#[cfg(target_arch = "x86_64")]
pub(crate) struct Vnni;

#[cfg(target_arch = "x86_64")]
impl Gemm for Vnni {
    const FMA: bool = true;
    #[inline(always)]
    fn gemm(a: &QuantActs, w: &PackedWeights, y: &mut [f32]) {
        // SAFETY: `Vnni` is only instantiated in the forward pass chosen for
        // `Isa::Avx512Vnni`, which `Isa::detect` returns only when the CPU
        // has avx512f, avx512bw and avx512vnni.
        unsafe { gemm::x86::gemm_vnni(a, w, y) }
    }
    #[inline(always)]
    fn scores(q: &[f32], kt: &[f32], lp: usize, scores: &mut [f32]) {
        // SAFETY: as above (avx512f).
        unsafe { attention_x86::scores(q, kt, lp, scores) }
    }
    #[inline(always)]
    fn weighted_sum(p: &[f32], rows: &[f32], stride: usize, out: &mut [f32]) {
        if out.len() == 32 {
            // SAFETY: as above (avx512f).
            unsafe { attention_x86::weighted_sum32(p, rows, stride, out) }
        } else {
            out.fill(0.0);
            let n = out.len();
            for (j, &pj) in p.iter().enumerate() {
                for (o, &v) in out.iter_mut().zip(&rows[j * stride..j * stride + n]) {
                    *o = pj.mul_add(v, *o);
                }
            }
        }
    }
}
