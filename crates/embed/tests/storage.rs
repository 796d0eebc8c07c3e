use policydiff_embed::{cosine, cosine_i8, dequantize_i8, quantize_i8, Encoder, QuantizedVec};

use crate::util::{static_table_path, FS, GD};

#[test]
fn int8_storage_keeps_cosines() {
    let t = policydiff_embed::StaticEncoder::open(static_table_path()).unwrap();
    let v = t.encode(&[GD, FS]);
    let (a, b) = (quantize_i8(v.row(0)), quantize_i8(v.row(1)));
    let c = cosine(&dequantize_i8(&a), v.row(0));
    assert!(c > 0.9995, "cosine {c}");
    assert!((cosine_i8(&a, &b) - cosine(v.row(0), v.row(1))).abs() < 2e-3);
    let bytes = a.to_bytes();
    assert_eq!(bytes.len(), 4 + 256);
    assert_eq!(QuantizedVec::from_bytes(&bytes), Some(a));
    assert_eq!(QuantizedVec::from_bytes(&[1, 2]), None);
}

#[test]
fn zero_vectors_stay_zero() {
    let q = quantize_i8(&[0.0; 8]);
    assert_eq!(dequantize_i8(&q), vec![0.0; 8]);
    assert_eq!(cosine_i8(&q, &q), 0.0);
}
