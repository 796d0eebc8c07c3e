use policydiff_embed::{cosine, Encoder, Pooling, StaticEncoder, E5_SMALL_Q4_SHA256};

use crate::util::{static_table_path, FS, GD, PARA, UNRELATED};

fn table() -> StaticEncoder {
    StaticEncoder::open(static_table_path()).expect("committed table loads")
}

#[test]
fn the_table_records_its_source_and_recipe() {
    let t = table();
    assert_eq!(t.source_sha256(), E5_SMALL_Q4_SHA256);
    assert!(t.recipe().contains("examples/distill.rs"));
    assert_eq!(t.dims(), 256);
    assert!(t.model_id().starts_with("e5static-"));
    assert_ne!(
        t.clone().with_pooling(Pooling::Mean).model_id(),
        t.model_id()
    );
}

#[test]
fn identical_text_has_cosine_one() {
    let v = table().encode(&[GD, GD]);
    assert!((cosine(v.row(0), v.row(1)) - 1.0).abs() < 1e-6);
}

#[test]
fn a_rewording_scores_higher_than_an_unrelated_clause() {
    let v = table().encode(&[GD, FS, UNRELATED, PARA[0], PARA[1], PARA[2]]);
    assert!(cosine(v.row(0), v.row(1)) > cosine(v.row(0), v.row(2)) + 0.05);
    assert!(cosine(v.row(3), v.row(4)) > cosine(v.row(3), v.row(5)));
}

#[test]
fn text_without_known_pieces_gives_a_zero_vector() {
    let v = table().encode(&["", "😀"]);
    assert!(v
        .row(0)
        .iter()
        .chain(v.row(1))
        .all(|&x| x == 0.0 || x.is_finite()));
}

#[test]
fn the_static_tokenizer_agrees_with_e5_on_chinese() {
    let Some(m) = crate::util::e5() else { return };
    let t = table();
    let tok = t.tokenizer();
    for text in [GD, FS, UNRELATED] {
        let full: Vec<Vec<u8>> = m
            .tokenizer()
            .encode(text)
            .iter()
            .map(|&i| m.tokenizer().piece(i).to_vec())
            .collect();
        let small: Vec<Vec<u8>> = tok
            .encode(text)
            .iter()
            .map(|&i| tok.piece(i).to_vec())
            .collect();
        assert_eq!(full, small, "pieces of {text}");
    }
}
