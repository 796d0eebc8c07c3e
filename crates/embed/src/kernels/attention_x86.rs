//! AVX-512 inner loops of attention (the float part of the encoder that the
//! compiler does not vectorise well by itself). Low level.

use std::arch::x86_64::*;

/// `scores[j] = Σe q[e]·kt[e·lp + j]`, 64 keys (4 registers) at a time.
///
/// # Safety
/// avx512f; `lp % 16 == 0`, `kt.len() ≥ q.len()·lp`, `scores.len() ≥ lp`.
#[target_feature(enable = "avx512f")]
pub(crate) unsafe fn scores(q: &[f32], kt: &[f32], lp: usize, scores: &mut [f32]) {
    assert!(lp.is_multiple_of(16) && kt.len() >= q.len() * lp && scores.len() >= lp);
    let kp = kt.as_ptr();
    let sp = scores.as_mut_ptr();
    let mut jb = 0;
    while jb + 64 <= lp {
        let (mut a0, mut a1, mut a2, mut a3) = (
            _mm512_setzero_ps(),
            _mm512_setzero_ps(),
            _mm512_setzero_ps(),
            _mm512_setzero_ps(),
        );
        for (e, &qe) in q.iter().enumerate() {
            let qv = _mm512_set1_ps(qe);
            let k = kp.add(e * lp + jb);
            a0 = _mm512_fmadd_ps(qv, _mm512_loadu_ps(k), a0);
            a1 = _mm512_fmadd_ps(qv, _mm512_loadu_ps(k.add(16)), a1);
            a2 = _mm512_fmadd_ps(qv, _mm512_loadu_ps(k.add(32)), a2);
            a3 = _mm512_fmadd_ps(qv, _mm512_loadu_ps(k.add(48)), a3);
        }
        _mm512_storeu_ps(sp.add(jb), a0);
        _mm512_storeu_ps(sp.add(jb + 16), a1);
        _mm512_storeu_ps(sp.add(jb + 32), a2);
        _mm512_storeu_ps(sp.add(jb + 48), a3);
        jb += 64;
    }
    while jb < lp {
        let (mut a0, mut a1) = (_mm512_setzero_ps(), _mm512_setzero_ps());
        let mut e = 0;
        // two chains over e for the last blocks
        while e + 1 < q.len() {
            a0 = _mm512_fmadd_ps(
                _mm512_set1_ps(q[e]),
                _mm512_loadu_ps(kp.add(e * lp + jb)),
                a0,
            );
            a1 = _mm512_fmadd_ps(
                _mm512_set1_ps(q[e + 1]),
                _mm512_loadu_ps(kp.add((e + 1) * lp + jb)),
                a1,
            );
            e += 2;
        }
        if e < q.len() {
            a0 = _mm512_fmadd_ps(
                _mm512_set1_ps(q[e]),
                _mm512_loadu_ps(kp.add(e * lp + jb)),
                a0,
            );
        }
        _mm512_storeu_ps(sp.add(jb), _mm512_add_ps(a0, a1));
        jb += 16;
    }
}

/// `out[0..32] = Σj p[j]·rows[j·stride ..][..32]`, four chains.
///
/// # Safety
/// avx512f; `out.len() == 32`, `rows.len() ≥ (p.len()−1)·stride + 32`.
#[target_feature(enable = "avx512f")]
pub(crate) unsafe fn weighted_sum32(p: &[f32], rows: &[f32], stride: usize, out: &mut [f32]) {
    assert!(out.len() == 32 && (p.is_empty() || rows.len() >= (p.len() - 1) * stride + 32));
    let r = rows.as_ptr();
    let (mut a0, mut a1, mut b0, mut b1) = (
        _mm512_setzero_ps(),
        _mm512_setzero_ps(),
        _mm512_setzero_ps(),
        _mm512_setzero_ps(),
    );
    let mut j = 0;
    while j + 1 < p.len() {
        let (pa, pb) = (_mm512_set1_ps(p[j]), _mm512_set1_ps(p[j + 1]));
        let (ra, rb) = (r.add(j * stride), r.add((j + 1) * stride));
        a0 = _mm512_fmadd_ps(pa, _mm512_loadu_ps(ra), a0);
        a1 = _mm512_fmadd_ps(pa, _mm512_loadu_ps(ra.add(16)), a1);
        b0 = _mm512_fmadd_ps(pb, _mm512_loadu_ps(rb), b0);
        b1 = _mm512_fmadd_ps(pb, _mm512_loadu_ps(rb.add(16)), b1);
        j += 2;
    }
    if j < p.len() {
        let pa = _mm512_set1_ps(p[j]);
        let ra = r.add(j * stride);
        a0 = _mm512_fmadd_ps(pa, _mm512_loadu_ps(ra), a0);
        a1 = _mm512_fmadd_ps(pa, _mm512_loadu_ps(ra.add(16)), a1);
    }
    _mm512_storeu_ps(out.as_mut_ptr(), _mm512_add_ps(a0, b0));
    _mm512_storeu_ps(out.as_mut_ptr().add(16), _mm512_add_ps(a1, b1));
}
