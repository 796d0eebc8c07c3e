//! Alignment quality on the reference alignments (`cargo bench --bench alignment`).
//!
//! For every reference of `tests/fixtures/gold` (see its `PROTOCOL.md`):
//! both documents are loaded as the CLI reads them (the bundled corpus cut by
//! the importer, or the fixture file), compared with
//! [`policydiff_engine::compare`] (wording only) and again with
//! [`policydiff_engine::compare_with`] and the units' sentence vectors from
//! the static encoder of `policydiff-embed` (`crates/embed/data`), and the
//! pairs scored by the reference scorer's rules (`tests/support/gold.rs`).
//! Prints precision, recall and F1 per reference, the recall per relation,
//! the one-sided units kept apart, the related pairs, and the mean F1 over all
//! references, the independently written pairs and the copies/versions, and
//! how many of the missed reference pairs a one-sided row offers as a
//! possible counterpart (`Pair::suggestions`) and where a missed pair's partner stands in the list
//! to pair the clause by hand, in reading order and ranked by relatedness
//! (`policydiff_engine::counterpart_strengths`); then the agreement of two readers: each second reading of
//! `tests/fixtures/gold/second-reading` scored against its reference by the
//! same rules. Asserts nothing; the floors are in `tests/align_references.rs`.
//!
//! Options after `--`: `-v` lists each reference's missed gold pairs and
//! wrong predicted pairs (by their keys); `--e5 FILE` adds a run with
//! multilingual-e5-small vectors (the model file `crates/embed/scripts`
//! fetches; also `$POLICYDIFF_E5_MODEL`); other words name the references to score.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::time::Instant;

use policydiff_embed::{E5Encoder, Encoder, StaticEncoder};
use policydiff_engine::{compare_with, Semantic};
use policydiff_model::{CompareOptions, Comparison, Doc, PairKind, UnitView};
use policydiff_segment::Segmenter;

#[path = "../tests/support/mod.rs"]
mod support;

use support::gold::{references, second_readings, squash, Reference, Score};

fn short(s: &str) -> String {
    let t: String = s.chars().take(14).collect();
    if t.len() < s.len() {
        format!("{t}…")
    } else {
        t
    }
}

/// Vectors of a document's units by clause index.
fn vectors(enc: &dyn Encoder, doc: &Doc) -> HashMap<usize, Vec<f32>> {
    let units = doc.tree.units();
    let texts: Vec<&str> = units.iter().map(|(_, t)| t.as_str()).collect();
    let v = enc.encode(&texts);
    units.iter().map(|(i, _)| *i).zip(v.into_vecs()).collect()
}

/// Print one reference's line (and with `verbose` its misses and wrong pairs).
fn report(r: &Reference, c: &Comparison, s: &Score, ms: f64, verbose: bool) {
    let rel = s
        .by_relation
        .iter()
        .map(|(k, (h, g))| format!("{k} {h}/{g}"))
        .collect::<Vec<_>>()
        .join(", ");
    let related = c
        .pairs
        .iter()
        .filter(|p| p.kind == PairKind::Related)
        .count();
    println!(
        "{:<26} {:>5.2} {:>5.2} {:>5.3}  {:>4}/{:<4} {:>3}/{:<3}  {:<38} {:>3}/{:<3} {:>3}/{:<3} {:>7}  {:>6.1} ms",
        r.id,
        s.precision,
        s.recall,
        s.f1,
        s.correct,
        s.scored,
        s.gold - s.missed.len(),
        s.gold,
        rel,
        s.one_sided[0].0,
        s.one_sided[0].1,
        s.one_sided[1].0,
        s.one_sided[1].1,
        related,
        ms,
    );
    if !verbose {
        return;
    }
    for m in &s.missed {
        println!(
            "    missed [{}] {} ↔ {}",
            m.relation,
            short(&m.left),
            short(&m.right)
        );
    }
    let unit = |u: &Option<UnitView>| u.as_ref().map_or("∅".to_string(), |u| short(&u.text));
    let keys = |ks: &[String], u: &Option<UnitView>| {
        if ks.is_empty() {
            format!("({})", unit(u))
        } else {
            ks.iter().map(|k| short(k)).collect::<Vec<_>>().join("+")
        }
    };
    for (i, l, rk) in &s.wrong {
        let p = &c.pairs[*i];
        println!(
            "    wrong  [{:?} {:.2}] {} ↔ {}",
            p.kind,
            p.similarity,
            keys(l, &p.left),
            keys(rk, &p.right)
        );
    }
    let mut by_kind = BTreeMap::<String, usize>::new();
    for &i in &s.right {
        *by_kind.entry(format!("{:?}", c.pairs[i].kind)).or_default() += 1;
    }
    println!("    correct by kind: {by_kind:?}");
}

/// The path of the one unit of the comparison's left (or right) side whose
/// text holds a reference key (whitespace ignored); `None` when none or
/// several do.
fn unit_path(c: &Comparison, left: bool, key: &str) -> Option<String> {
    let k = squash(key);
    let mut hits: Vec<&str> = c
        .pairs
        .iter()
        .filter_map(|p| {
            if left {
                p.left.as_ref()
            } else {
                p.right.as_ref()
            }
        })
        .filter(|u| squash(&u.text).contains(&k))
        .map(|u| u.path.as_str())
        .collect();
    hits.sort();
    hits.dedup();
    (hits.len() == 1).then(|| hits[0].to_string())
}

/// How far a reference's possible counterparts (可能对应, `Pair::suggestions`
/// of one-sided rows) would take a reader to the pairs the aligner missed.
#[derive(Default)]
struct Offered {
    /// Gold pairs missed by the aligner.
    missed: usize,
    /// …of which a one-sided row of one unit suggests the other.
    offered: usize,
    /// …as its first suggestion.
    first: usize,
    /// One-sided rows, and those with suggestions.
    one_sided: usize,
    with: usize,
    /// Suggestions shown, and those that are gold pairs.
    shown: usize,
    gold: usize,
}

impl Offered {
    fn of(r: &Reference, c: &Comparison, s: &Score) -> Offered {
        let gold: Vec<(Option<String>, Option<String>)> = r
            .pairs
            .iter()
            .map(|g| (unit_path(c, true, &g.left), unit_path(c, false, &g.right)))
            .collect();
        let is_gold = |l: &str, rp: &str| {
            gold.iter()
                .any(|(a, b)| a.as_deref() == Some(l) && b.as_deref() == Some(rp))
        };
        // (left path, right path) → rank of the suggestion (0 = first).
        let mut rank: HashMap<(String, String), usize> = HashMap::new();
        let mut o = Offered::default();
        for p in &c.pairs {
            let (from, left) = match (&p.left, &p.right) {
                (Some(u), None) => (u, true),
                (None, Some(u)) => (u, false),
                _ => continue,
            };
            o.one_sided += 1;
            o.with += usize::from(!p.suggestions.is_empty());
            for (k, sg) in p.suggestions.iter().enumerate() {
                let key = if left {
                    (from.path.clone(), sg.path.clone())
                } else {
                    (sg.path.clone(), from.path.clone())
                };
                o.shown += 1;
                o.gold += usize::from(is_gold(&key.0, &key.1));
                let e = rank.entry(key).or_insert(k);
                *e = (*e).min(k);
            }
        }
        o.missed = s.missed.len();
        for m in &s.missed {
            let (Some(l), Some(rp)) = (unit_path(c, true, &m.left), unit_path(c, false, &m.right))
            else {
                continue;
            };
            if let Some(&k) = rank.get(&(l, rp)) {
                o.offered += 1;
                o.first += usize::from(k == 0);
            }
        }
        o
    }
}

/// Where a missed reference pair's partner stands in the list a person
/// picks from to pair the two by hand (与…配对 / 另配…, from the pair's left
/// clause): in the list's reading order (its possible counterparts, then the
/// other side's one-sided clauses, then its paired ones, as the app lists
/// them without strengths), and with the list ranked by the strength of each
/// clause's topic match ([`policydiff_engine::counterpart_strengths`]).
#[derive(Default)]
struct Picker {
    /// 1-based positions of the partner: in reading order, and ranked.
    listed: Vec<usize>,
    ranked: Vec<usize>,
}

impl Picker {
    fn of(c: &Comparison, s: &Score, a: &Doc, b: &Doc, semantic: Option<Semantic<'_>>) -> Picker {
        let seg = Segmenter::shared();
        let mut out = Picker::default();
        for m in &s.missed {
            let (Some(l), Some(rp)) = (unit_path(c, true, &m.left), unit_path(c, false, &m.right))
            else {
                continue;
            };
            // The left clause's partners now: not listed.
            let partners: Vec<&str> = c
                .pairs
                .iter()
                .filter(|p| p.left.as_ref().is_some_and(|u| u.path == l))
                .filter_map(|p| p.right.as_ref().map(|u| u.path.as_str()))
                .collect();
            let role = |u: &UnitView| u.kind.is_role();
            let mut listed: Vec<String> = Vec::new();
            let mut add = |path: &str| {
                if !listed.iter().any(|x| x == path) && !partners.contains(&path) {
                    listed.push(path.to_string());
                }
            };
            for p in c
                .pairs
                .iter()
                .filter(|p| p.left.as_ref().is_some_and(|u| u.path == l) && p.right.is_none())
            {
                p.suggestions.iter().for_each(|x| add(&x.path));
            }
            for p in c.pairs.iter().filter(|p| p.left.is_none()) {
                add(&p.right.as_ref().unwrap().path);
            }
            for p in c.pairs.iter().filter(|p| p.left.is_some()) {
                if let Some(u) = p.right.as_ref().filter(|u| !role(u)) {
                    add(&u.path);
                }
            }
            for p in c.pairs.iter().filter(|p| p.left.is_some()) {
                if let Some(u) = &p.right {
                    add(&u.path);
                }
            }
            let Some(at) = listed.iter().position(|x| *x == rp) else {
                continue;
            };
            let strengths = policydiff_engine::counterpart_strengths(seg, a, b, semantic, true, &l)
                .expect("a unit of the comparison");
            let of = |path: &str| {
                strengths
                    .iter()
                    .find(|(x, _)| x == path)
                    .map_or(0.0, |x| x.1)
            };
            // As the app ranks them: the possible counterparts stay first, the role units
            // (title, cover letter, signature) last; stable, so equal strengths keep their order.
            let roles: Vec<&str> = c
                .pairs
                .iter()
                .filter_map(|p| p.right.as_ref().filter(|u| role(u)))
                .map(|u| u.path.as_str())
                .collect();
            let offered: Vec<&str> = c
                .pairs
                .iter()
                .filter(|p| p.left.as_ref().is_some_and(|u| u.path == l) && p.right.is_none())
                .flat_map(|p| p.suggestions.iter().map(|x| x.path.as_str()))
                .collect();
            let suggested = listed
                .iter()
                .take_while(|x| offered.contains(&x.as_str()))
                .count();
            let mut ranked = listed.clone();
            ranked[suggested..].sort_by(|x, y| {
                let r = |p: &str| roles.contains(&p);
                r(x).cmp(&r(y)).then(of(y).total_cmp(&of(x)))
            });
            out.listed.push(at + 1);
            out.ranked
                .push(ranked.iter().position(|x| *x == rp).unwrap() + 1);
        }
        out
    }
}

/// Median and share at or above position 5 of 1-based positions.
fn positions(xs: &[usize]) -> String {
    if xs.is_empty() {
        return "-".into();
    }
    let mut v = xs.to_vec();
    v.sort_unstable();
    let top = v.iter().filter(|&&x| x <= 5).count();
    format!(
        "median {:>3} · top 5 {:>2}/{:<2}",
        v[v.len() / 2],
        top,
        v.len()
    )
}

/// Score every reference with one kind of vectors (none: wording only).
fn run(title: &str, refs: &[(Reference, Doc, Doc)], enc: Option<&dyn Encoder>, verbose: bool) {
    let seg = Segmenter::shared();
    let opts = CompareOptions::default();
    println!("\n## {title}");
    println!(
        "{:<26} {:>5} {:>5} {:>5}  {:>9} {:>7}  {:<38} {:>7} {:>7} {:>7}  {:>9}",
        "reference",
        "P",
        "R",
        "F1",
        "correct",
        "hit",
        "recall by relation",
        "L-only",
        "R-only",
        "related",
        "compare"
    );
    let mut all: Vec<(bool, f64)> = Vec::new();
    let mut offered: Vec<(&str, Offered)> = Vec::new();
    let mut pickers: Vec<(&str, Picker)> = Vec::new();
    for (r, a, b) in refs {
        let vs = enc.map(|e| (vectors(e, a), vectors(e, b)));
        let semantic = vs.as_ref().map(|(l, r)| Semantic { left: l, right: r });
        let t = Instant::now();
        let c = compare_with(seg, a, b, &opts, semantic);
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        let s = r.score(&c);
        report(r, &c, &s, ms, verbose);
        all.push((r.independent(), s.f1));
        offered.push((&r.id, Offered::of(r, &c, &s)));
        pickers.push((&r.id, Picker::of(&c, &s, a, b, semantic)));
    }
    let mean = |keep: &dyn Fn(bool) -> bool| {
        let xs: Vec<f64> = all
            .iter()
            .filter(|(i, _)| keep(*i))
            .map(|(_, f)| *f)
            .collect();
        (xs.iter().sum::<f64>() / xs.len().max(1) as f64, xs.len())
    };
    for (what, keep) in [
        ("references", &(|_| true) as &dyn Fn(bool) -> bool),
        ("independently written pairs", &|i| i),
        ("copies and versions", &|i| !i),
    ] {
        let (m, n) = mean(keep);
        if n > 0 {
            println!("mean F1 {m:.3} over {n} {what}");
        }
    }
    println!(
        "possible counterparts (可能对应) of one-sided rows, at most {} each:",
        policydiff_engine::align::MAX_SUGGESTIONS
    );
    println!(
        "{:<26} {:>14} {:>8} {:>18} {:>16}",
        "reference", "missed offered", "first", "rows with some", "gold / shown"
    );
    let mut sum = Offered::default();
    for (id, o) in &offered {
        println!(
            "{:<26} {:>9}/{:<4} {:>8} {:>12}/{:<5} {:>10}/{:<5}",
            id, o.offered, o.missed, o.first, o.with, o.one_sided, o.gold, o.shown
        );
        sum.missed += o.missed;
        sum.offered += o.offered;
        sum.first += o.first;
        sum.one_sided += o.one_sided;
        sum.with += o.with;
        sum.shown += o.shown;
        sum.gold += o.gold;
    }
    println!(
        "{:<26} {:>9}/{:<4} {:>8} {:>12}/{:<5} {:>10}/{:<5}",
        "all", sum.offered, sum.missed, sum.first, sum.with, sum.one_sided, sum.gold, sum.shown
    );
    println!("a missed pair's partner in the list to pair its left clause by hand (1 = first):");
    println!(
        "{:<26} {:<28} {:<28}",
        "reference", "in reading order", "ranked by strength"
    );
    let mut all = Picker::default();
    for (id, p) in &pickers {
        if p.listed.is_empty() {
            continue;
        }
        println!(
            "{:<26} {:<28} {:<28}",
            id,
            positions(&p.listed),
            positions(&p.ranked)
        );
        all.listed.extend(&p.listed);
        all.ranked.extend(&p.ranked);
    }
    println!(
        "{:<26} {:<28} {:<28}",
        "all",
        positions(&all.listed),
        positions(&all.ranked)
    );
}

/// How far two readers agree: each second reading (`gold/second-reading`)
/// scored as a prediction against its reference by the same rules, and the
/// reference against the second reading.
fn agreement(refs: &[(Reference, Doc, Doc)]) {
    println!(
        "\n## reader agreement (a second, blind reading of the pair scored against the reference)"
    );
    println!(
        "{:<26} {:>5} {:>5} {:>5}  {:>9} {:>7}  {:>11}",
        "reference", "P", "R", "F1", "correct", "hit", "F1 reversed"
    );
    let seconds = second_readings();
    let mut f1s = Vec::new();
    for (r, a, b) in refs {
        let Some(second) = seconds.iter().find(|s| s.id == r.id) else {
            continue;
        };
        let keys = |x: &Reference| x.as_entries(a, b).unwrap_or_else(|e| panic!("{e:#?}"));
        let s = r.score_texts(&keys(second));
        let back = second.score_texts(&keys(r));
        println!(
            "{:<26} {:>5.2} {:>5.2} {:>5.3}  {:>4}/{:<4} {:>3}/{:<3}  {:>11.3}",
            r.id, s.precision, s.recall, s.f1, s.correct, s.scored, s.correct, s.gold, back.f1
        );
        f1s.push(s.f1);
    }
    if !f1s.is_empty() {
        println!(
            "mean F1 {:.3} over {} second readings",
            f1s.iter().sum::<f64>() / f1s.len() as f64,
            f1s.len()
        );
    }
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let verbose = args.iter().any(|a| a == "-v");
    let e5 = args
        .iter()
        .position(|a| a == "--e5")
        .and_then(|k| args.get(k + 1))
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("POLICYDIFF_E5_MODEL").map(PathBuf::from));
    let only: Vec<&String> = args
        .iter()
        .enumerate()
        .filter(|(k, a)| !a.starts_with('-') && (*k == 0 || args[k - 1] != "--e5"))
        .map(|(_, a)| a)
        .collect();
    println!("PolicyDiff alignment quality on the reference alignments (tests/fixtures/gold)");
    let refs: Vec<(Reference, Doc, Doc)> = references()
        .into_iter()
        .filter(|r| only.is_empty() || only.iter().any(|o| **o == r.id))
        .map(|r| {
            let (a, b) = r.docs();
            (r, a, b)
        })
        .collect();
    run("wording only (compare)", &refs, None, verbose);

    let table =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("crates/embed/data/e5-static-zh.bin");
    let t = Instant::now();
    match StaticEncoder::open(&table) {
        Ok(enc) => {
            let title = format!(
                "with static-table vectors (compare_with; {}, loaded in {:.0} ms)",
                enc.model_id(),
                t.elapsed().as_secs_f64() * 1000.0
            );
            run(&title, &refs, Some(&enc), verbose);
        }
        Err(e) => println!("\n(no static-table run: {e})"),
    }
    agreement(&refs);
    if let Some(path) = e5 {
        match E5Encoder::builder().threads(2).open(&path) {
            Ok(enc) => run(
                &format!("with e5 vectors ({})", enc.model_id()),
                &refs,
                Some(&enc),
                verbose,
            ),
            Err(e) => println!("\n(no e5 run: {e})"),
        }
    }
}
