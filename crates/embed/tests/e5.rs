use policydiff_embed::{cosine, Encoder};

use crate::util::{e5, FS, GD, PARA, UNRELATED};

fn fixture() -> serde_json::Value {
    serde_json::from_str(include_str!("fixtures/reference.json")).unwrap()
}

#[test]
fn tokens_equal_the_reference_tokenizer() {
    let Some(m) = e5() else { return };
    for t in fixture()["tokens"].as_array().unwrap() {
        let text = t["text"].as_str().unwrap();
        let want: Vec<u32> = t["ids"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_u64().unwrap() as u32)
            .collect();
        assert_eq!(m.tokenize(text), want, "tokens of {text:?}");
    }
}

#[test]
fn vectors_match_the_reference_implementation() {
    let Some(m) = e5() else { return };
    let fx = fixture();
    let cases = fx["vectors"].as_array().unwrap();
    let texts: Vec<&str> = cases.iter().map(|c| c["text"].as_str().unwrap()).collect();
    let got = m.encode(&texts);
    for (i, c) in cases.iter().enumerate() {
        let want: Vec<f32> = c["vector"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_f64().unwrap() as f32)
            .collect();
        let cos = cosine(got.row(i), &want);
        assert!(
            cos >= 0.995,
            "cosine {cos} with the reference for {:?}",
            texts[i]
        );
    }
}

#[test]
fn identical_text_has_cosine_one_and_unit_length() {
    let Some(m) = e5() else { return };
    let v = m.encode(&[GD, GD]);
    assert_eq!(v.len(), 2);
    assert_eq!(v.dims(), 384);
    assert!((cosine(v.row(0), v.row(1)) - 1.0).abs() < 1e-6);
    let n: f32 = v.row(0).iter().map(|x| x * x).sum();
    assert!((n - 1.0).abs() < 1e-5);
}

#[test]
fn a_rewording_scores_higher_than_an_unrelated_clause() {
    let Some(m) = e5() else { return };
    let v = m.encode(&[GD, FS, UNRELATED, PARA[0], PARA[1], PARA[2]]);
    assert!(cosine(v.row(0), v.row(1)) > cosine(v.row(0), v.row(2)) + 0.05);
    assert!(cosine(v.row(3), v.row(4)) > cosine(v.row(3), v.row(5)));
}

#[test]
fn batching_and_threads_do_not_change_vectors() {
    let Some(m) = e5() else { return };
    let texts = [GD, FS, UNRELATED, PARA[0], PARA[1], PARA[2], ""];
    let together = m.encode(&texts);
    for (i, t) in texts.iter().enumerate() {
        let alone = m.encode(&[t]);
        assert_eq!(alone.row(0), together.row(i), "text {i}");
    }
    assert!(m.encode(&[]).is_empty());
}

#[test]
fn long_texts_are_truncated_and_the_id_says_so() {
    let Some(m) = e5() else { return };
    let long = GD.repeat(20); // ~2,700 tokens
    let v = m.encode(&[&long, &GD.repeat(5)]);
    let n: f32 = v.row(0).iter().map(|x| x * x).sum();
    assert!((n - 1.0).abs() < 1e-5);
    assert!(m.model_id().contains("max510"));
    assert!(m.model_id().contains(&m.sha256()[..12]));
}
