//! The citation graph on the corpus: citations extracted at import,
//! resolved to library documents by 文号 or title in both directions, also
//! when the cited document arrives after the one citing it; on both
//! backends (a SQLite file, a team library on PostgreSQL: `support::pg`).

use policydiff_model::{CitationKind, ClauseTree, SourceDoc};
use policydiff_segment::Segmenter;

mod support;
use support::pg::Backend;

fn seg() -> &'static Segmenter {
    Segmenter::shared()
}

fn prepared(titles: &[&str]) -> Vec<(SourceDoc, ClauseTree)> {
    policydiff::import::prepare(titles.iter().map(|t| support::doc(t)).collect())
}

const GUANGDONG: &str = "广东省进一步强化市场主体诉求响应服务工作方案的通知";
const FOSHAN: &str = "佛山市进一步强化市场主体诉求响应服务工作方案的通知";

both_backends! {
fn foshans_plan_cites_guangdongs_by_number_and_title_in_its_first_sentence(backend) {
    let mut lib = backend.library();
    let ids = lib
        .add(seg(), &prepared(&[GUANGDONG, FOSHAN]))
        .unwrap()
        .added;
    let (gd, fs) = (ids[0], ids[1]);
    let links = lib.citations(fs).unwrap();
    let to_gd: Vec<_> = links.iter().filter(|l| l.to == Some(gd)).collect();
    let kinds: Vec<CitationKind> = to_gd.iter().map(|l| l.citation.kind).collect();
    assert_eq!(kinds, [CitationKind::Title, CitationKind::Number]);
    let number = &to_gd[1].citation;
    assert_eq!(number.key, "粤办函〔2023〕41号");
    assert!(number.sentence.contains(&number.cited));
    assert!(number.sentence.starts_with("为深入贯彻党的二十大精神"));
    assert!(number.sentence.contains("制定本方案"));
    // Its own title (in its issuing notice) is not a citation.
    assert!(links
        .iter()
        .all(|l| !l.citation.cited.contains("佛山市进一步强化市场主体诉求")));
    // The other direction.
    let back = lib.cited_by(gd).unwrap();
    assert_eq!(back.len(), 2);
    assert!(back.iter().all(|l| l.from == fs && l.to == Some(gd)));
    // Guangdong's plan cites nothing in this library of two.
    assert!(lib.citations(gd).unwrap().iter().all(|l| l.to.is_none()));
}
}

both_backends! {
fn a_citation_resolves_when_the_cited_document_is_imported_later_and_not_after_it_is_deleted(
    backend
) {
    let mut lib = backend.library();
    let fs = lib.add(seg(), &prepared(&[FOSHAN])).unwrap().added[0];
    let before = lib.citations(fs).unwrap();
    let number = before
        .iter()
        .find(|l| l.citation.key == "粤办函〔2023〕41号")
        .expect("the citation is stored before the cited document arrives");
    assert_eq!(number.to, None);
    let gd = lib.add(seg(), &prepared(&[GUANGDONG])).unwrap().added[0];
    let after = lib.citations(fs).unwrap();
    assert_eq!(after.len(), before.len());
    assert!(after
        .iter()
        .filter(|l| l.citation.key == "粤办函〔2023〕41号")
        .all(|l| l.to == Some(gd)));
    assert_eq!(lib.cited_by(gd).unwrap().len(), 2);
    lib.delete(gd).unwrap();
    assert!(lib.citations(fs).unwrap().iter().all(|l| l.to.is_none()));
    lib.delete(fs).unwrap();
    assert!(matches!(
        lib.citations(fs),
        Err(policydiff_store::Error::NoSuchDocument(_))
    ));
    assert!(matches!(
        lib.cited_by(fs),
        Err(policydiff_store::Error::NoSuchDocument(_))
    ));
}
}

both_backends! {
fn the_corpus_citations_resolve_only_to_other_documents(backend) {
    let mut lib = backend.library();
    let docs = policydiff::import::prepare(support::corpus_docs().to_vec());
    let ids = lib.add(seg(), &docs).unwrap().added;
    let mut resolved = 0;
    for &id in &ids {
        for l in lib.citations(id).unwrap() {
            assert_eq!(l.from, id);
            assert_ne!(l.to, Some(id));
            assert!(!l.citation.sentence.is_empty());
            assert!(l.citation.sentence.contains(&l.citation.cited), "{l:?}");
            resolved += usize::from(l.to.is_some());
        }
    }
    assert!(resolved >= 2, "{resolved}");
}
}

/// The graph is the same on both backends for the same documents: every
/// corpus document's citations and citers.
#[test]
fn the_corpus_graph_is_the_same_on_a_team_library() {
    let Some(server) = Backend::Postgres.place() else {
        return;
    };
    let docs = policydiff::import::prepare(support::corpus_docs().to_vec());
    let mut file = Backend::Sqlite.library();
    let mut team = server.open().unwrap();
    let ids = file.add(seg(), &docs).unwrap().added;
    assert_eq!(team.add(seg(), &docs).unwrap().added, ids);
    let mut links = 0;
    for &id in &ids {
        let out = file.citations(id).unwrap();
        assert_eq!(team.citations(id).unwrap(), out, "citations of {id}");
        assert_eq!(
            team.cited_by(id).unwrap(),
            file.cited_by(id).unwrap(),
            "cited_by {id}"
        );
        links += out.len();
    }
    assert!(links > ids.len(), "{links} links");
}

/// A team library made before the citation graph (schema version 1) gets
/// the graph of the documents it holds when a newer build opens it.
#[test]
fn a_team_library_of_version_1_gets_the_citations_of_its_documents() {
    let Some(place) = Backend::Postgres.place() else {
        return;
    };
    let (gd, fs) = {
        let mut lib = place.open().unwrap();
        let ids = lib
            .add(seg(), &prepared(&[GUANGDONG, FOSHAN]))
            .unwrap()
            .added;
        (ids[0], ids[1])
    };
    // What version 1 had: no citation tables (nor similar-clause postings).
    place.sql("DROP TABLE citations");
    place.sql("DROP TABLE citation_keys");
    place.sql("DROP TABLE similar_blocks");
    place.sql("DROP TABLE similar_words");
    // Nor title sort keys (version 6).
    place.sql("ALTER TABLE documents DROP COLUMN title_key");
    place.sql("CREATE INDEX documents_by_title ON documents (title, id)");
    place.sql("UPDATE policydiff_schema SET version = 1");
    let lib = place.open().unwrap();
    let v: i32 = place.sql("SELECT version FROM policydiff_schema")[0].get(0);
    assert_eq!(v as usize, policydiff_store_pg::SCHEMA_VERSION);
    let to_gd: Vec<_> = lib
        .citations(fs)
        .unwrap()
        .into_iter()
        .filter(|l| l.to == Some(gd))
        .map(|l| l.citation.key)
        .collect();
    assert!(
        to_gd.contains(&"粤办函〔2023〕41号".to_string()),
        "{to_gd:?}"
    );
    assert_eq!(lib.cited_by(gd).unwrap().len(), 2);
}

both_backends! {
/// The keys a document is cited by follow its edited 文号 and title: a
/// citation of its old number no longer resolves to it, one of its new
/// number does.
fn a_citation_follows_the_cited_documents_edited_number(backend) {
    let mut lib = backend.library();
    let ids = lib
        .add(seg(), &prepared(&[GUANGDONG, FOSHAN]))
        .unwrap()
        .added;
    let (gd, fs) = (ids[0], ids[1]);
    let to_gd = |lib: &support::pg::Lib, kind: CitationKind| {
        lib.citations(fs)
            .unwrap()
            .iter()
            .filter(|l| l.to == Some(gd) && l.citation.kind == kind)
            .count()
    };
    assert_eq!(to_gd(&lib, CitationKind::Number), 1);
    let title = lib.get(gd).unwrap().meta.title;
    let edit = |number: &str, title: &str| policydiff_model::MetaEdit {
        doc_number: Some(number.into()),
        title: Some(title.into()),
        ..Default::default()
    };
    lib.edit_meta(gd, &edit("粤办函〔2024〕1号", "另一个方案"))
        .unwrap();
    assert_eq!(to_gd(&lib, CitationKind::Number), 0);
    assert_eq!(to_gd(&lib, CitationKind::Title), 0);
    assert!(lib.cited_by(gd).unwrap().is_empty());
    // Written with other brackets: stored as 〔〕 and found again.
    lib.edit_meta(gd, &edit("粤办函(2023)41号", &title)).unwrap();
    assert_eq!(to_gd(&lib, CitationKind::Number), 1);
    assert_eq!(to_gd(&lib, CitationKind::Title), 1);
    // The citing document's own citations survive its edit.
    let before = lib.citations(fs).unwrap();
    lib.edit_meta(fs, &policydiff_model::MetaEdit {
        issuer: Some("佛山市人民政府".into()),
        ..Default::default()
    })
    .unwrap();
    assert_eq!(lib.citations(fs).unwrap(), before);
}
}
