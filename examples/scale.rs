//! The library at scale (not a test): generates N documents from the bundled
//! corpus with realistic variation, imports them through the real pipeline
//! (split and clean, parse, store) and reports, at each size:
//! import throughput, library bytes per document (and per byte of text),
//! `search` p50/p95 for single words, two-character words and phrases
//! (phrases the library has, and phrases made of common words that it does
//! not have as such, the slowest kind), pasted text of growing length,
//! `list` with filters, the library pane's pages (`list_page`) and a
//! document's place in them (`list_position`); and the
//! relations between documents: `similar` (clauses like one clause: index
//! candidates, then the engine's re-ranking) and `related` p50/p95, with the
//! size of the citation graph (the only index they add on SQLite: similar
//! clauses use the search index; a team library adds similar-clause
//! postings, whose size is printed too); and `delete` p50/p95 (each deleted
//! document is imported again afterwards).
//!
//! ```text
//! cargo run --release --example scale                  # 1,000 and 10,000 documents
//! cargo run --release --example scale -- 1000 10000 50000
//! cargo run --release --example scale -- --db /tmp/scale.sqlite3 50000   # keep (and reuse) the library
//! cargo run --release --example scale -- --db postgres://user:pw@127.0.0.1:5432/db 1000 10000
//! SCALE_ONLY_RELATIONS=1 cargo run --release --example scale -- --db … 50000   # similar/related only
//! ```
//!
//! With a `postgres://` URL the same figures are measured on a team library
//! on that server (`scripts/pg-server.sh start DIR plain` starts a
//! throwaway one over loopback); its size is the server's for the
//! library's tables and indexes.
//!
//! Each generated document is a corpus document moved to another region
//! (province and city names), another year, with numbers changed, some
//! paragraphs dropped, some borrowed from another document and some wording
//! replaced (加强/强化, …), so no two are the same text. Generation is
//! seeded: the same sizes give the same library.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use policydiff::import::prepare;
use policydiff_model::{HitKind, Level, ListFilter, SearchScope, SortBy, SourceDoc};
use policydiff_segment::Segmenter;
use policydiff_store::{SqliteStore, Store};
use policydiff_store_pg::PgStore;

#[path = "../tests/support/mod.rs"]
mod support;

/// Regions a generated document is moved to: a province and its cities.
const REGIONS: &[(&str, &[&str])] = &[
    (
        "广东省",
        &[
            "广州市",
            "深圳市",
            "珠海市",
            "汕头市",
            "佛山市",
            "韶关市",
            "河源市",
            "梅州市",
            "惠州市",
            "汕尾市",
            "东莞市",
            "中山市",
            "江门市",
            "阳江市",
            "湛江市",
            "茂名市",
            "肇庆市",
            "清远市",
            "潮州市",
            "揭阳市",
            "云浮市",
        ],
    ),
    (
        "广西壮族自治区",
        &[
            "南宁市",
            "柳州市",
            "桂林市",
            "梧州市",
            "北海市",
            "防城港市",
            "钦州市",
            "贵港市",
            "玉林市",
            "百色市",
            "贺州市",
            "河池市",
            "来宾市",
            "崇左市",
        ],
    ),
    (
        "海南省",
        &["海口市", "三亚市", "儋州市", "琼海市", "文昌市", "万宁市"],
    ),
    (
        "福建省",
        &[
            "福州市",
            "厦门市",
            "泉州市",
            "漳州市",
            "莆田市",
            "三明市",
            "南平市",
            "龙岩市",
            "宁德市",
        ],
    ),
    (
        "湖南省",
        &[
            "长沙市",
            "株洲市",
            "湘潭市",
            "衡阳市",
            "岳阳市",
            "常德市",
            "郴州市",
            "永州市",
            "怀化市",
        ],
    ),
    (
        "江西省",
        &[
            "南昌市",
            "九江市",
            "赣州市",
            "吉安市",
            "宜春市",
            "抚州市",
            "上饶市",
            "萍乡市",
        ],
    ),
];

/// Wording a drafter changes between versions (either direction).
const WORDING: &[(&str, &str)] = &[
    ("加强", "强化"),
    ("推进", "推动"),
    ("进一步", "持续"),
    ("优化", "改善"),
    ("落实", "贯彻"),
    ("建立", "健全"),
    ("提升", "提高"),
    ("积极", "主动"),
    ("全面", "全力"),
    ("完善", "健全"),
];

/// SplitMix64: a small seeded generator (no dependency for a benchmark).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// The file text of generated document `n`: a corpus document varied.
fn generate(base: &[SourceDoc], n: u64) -> String {
    let mut rng = Rng(n.wrapping_mul(0x2545_F491_4F6C_DD1D) ^ 0x5EED);
    let doc = &base[rng.below(base.len())];
    let (province, cities) = REGIONS[rng.below(REGIONS.len())];
    let city = cities[rng.below(cities.len())];
    let year = 2016 + rng.below(10);
    let mut text = doc.original.clone();
    if let Some(p) = &doc.meta.province {
        text = text.replace(p.as_str(), province);
    }
    if let Some(c) = &doc.meta.city {
        text = text.replace(c.as_str(), city);
    }
    text = text.replace("2023", &year.to_string());
    let lines: Vec<&str> = text.lines().collect();
    let mut out = String::with_capacity(text.len() + 256);
    for (i, line) in lines.iter().enumerate() {
        // The head (title, 文号, salutation) stays; the body varies.
        let body = i > 4 && !line.trim().is_empty();
        if body && rng.chance(6) {
            continue;
        }
        let mut line = line.to_string();
        if body && rng.chance(25) {
            let (a, b) = WORDING[rng.below(WORDING.len())];
            line = if rng.chance(50) {
                line.replacen(a, b, 1)
            } else {
                line.replacen(b, a, 1)
            };
        }
        if body && rng.chance(15) {
            line = change_a_number(&line, &mut rng);
        }
        out.push_str(&line);
        out.push('\n');
        if body && rng.chance(3) {
            // A paragraph borrowed from another document, without its numbering.
            let other = &base[rng.below(base.len())];
            let paras: Vec<&str> = other.text.lines().filter(|l| l.len() > 60).collect();
            if !paras.is_empty() {
                let p = paras[rng.below(paras.len())];
                let p = p.trim_start_matches(|c: char| {
                    c.is_ascii_digit() || "一二三四五六七八九十（）()、.．".contains(c)
                });
                out.push_str(p);
                out.push('\n');
            }
        }
    }
    out
}

/// Replace the first run of ASCII digits after a random point with another number.
fn change_a_number(line: &str, rng: &mut Rng) -> String {
    let Some(start) = line.find(|c: char| c.is_ascii_digit()) else {
        return line.to_string();
    };
    let end = line[start..]
        .find(|c: char| !c.is_ascii_digit())
        .map_or(line.len(), |e| start + e);
    let n: u64 = line[start..end].parse().unwrap_or(1);
    let m = n + 1 + rng.below(9) as u64;
    format!("{}{m}{}", &line[..start], &line[end..])
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

/// p50 and p95 of running `f` `runs` times for each item of `items`.
fn time_each<T>(items: &[T], runs: usize, mut f: impl FnMut(&T)) -> (Duration, Duration, Duration) {
    let mut times = Vec::new();
    for item in items {
        f(item); // warm
        for _ in 0..runs {
            let t = Instant::now();
            f(item);
            times.push(t.elapsed());
        }
    }
    times.sort();
    (
        percentile(&times, 0.5),
        percentile(&times, 0.95),
        *times.last().expect("timed"),
    )
}

fn library_bytes(path: &Path) -> u64 {
    ["", "-wal", "-shm"]
        .iter()
        .map(|s| {
            let mut p = path.as_os_str().to_owned();
            p.push(s);
            std::fs::metadata(PathBuf::from(p)).map_or(0, |m| m.len())
        })
        .sum()
}

/// Bytes of the library's tables with their indexes on the server
/// (after `VACUUM ANALYZE`, as SQLite's size is after a checkpoint).
fn server_bytes(url: &str) -> u64 {
    let tls = native_tls::TlsConnector::builder()
        .danger_accept_invalid_certs(true)
        .build()
        .expect("TLS");
    let Ok(mut c) = postgres::Client::connect(url, postgres_native_tls::MakeTlsConnector::new(tls))
    else {
        return 0;
    };
    let _ = c.batch_execute("VACUUM ANALYZE");
    c.query_one(
        "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint FROM pg_class c
         JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = current_schema() AND c.relkind = 'r'",
        &[],
    )
    .map_or(0, |r| r.get::<_, i64>(0) as u64)
}

struct Args {
    sizes: Vec<usize>,
    db: Option<String>,
}

fn args() -> Args {
    let mut sizes = Vec::new();
    let mut db = None;
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        if a == "--db" {
            db = it.next();
        } else if a == "--bench" {
            // `cargo bench` passes this; ignore.
        } else {
            sizes.push(
                a.replace(['_', ','], "")
                    .parse()
                    .expect("a size: a number of documents"),
            );
        }
    }
    if sizes.is_empty() {
        sizes = vec![1_000, 10_000];
    }
    sizes.sort_unstable();
    Args { sizes, db }
}

fn main() -> policydiff_store::Result<()> {
    let args = args();
    let seg = Segmenter::new();
    let base: Vec<SourceDoc> = support::corpus_docs()
        .iter()
        .filter(|d| !d.meta.fragment)
        .cloned()
        .collect();
    let tmp = tempfile::tempdir().expect("temp dir");
    let path = args
        .db
        .clone()
        .unwrap_or_else(|| tmp.path().join("scale.sqlite3").display().to_string());
    let server = policydiff_store_pg::is_server_url(&path);
    let open = |path: &str| -> policydiff_store::Result<Box<dyn Store>> {
        Ok(if server {
            Box::new(PgStore::open(path)?)
        } else {
            Box::new(SqliteStore::open(Path::new(path))?)
        })
    };
    let mut lib = open(&path)?;
    let shown = policydiff_store_pg::redact(&path);
    let mut generated = lib.count()? as u64;
    // `SCALE_ONLY_RELATIONS=1`: an existing library's `similar` and
    // `related` figures only (no size, search or list: minutes less on a
    // large team library, where reading every text back takes a while).
    let only_relations = std::env::var_os("SCALE_ONLY_RELATIONS").is_some();
    let mut text_bytes: u64 = 0;
    if !only_relations {
        for row in lib.list(&ListFilter::default())? {
            text_bytes += lib.get(row.id)?.text.len() as u64;
        }
    }
    if generated > 0 {
        println!("reusing {shown} ({generated} documents)");
    }
    println!("library: {shown}");
    let mut import_time = Duration::ZERO;
    let mut imported = 0u64;
    for &size in &args.sizes {
        let t0 = Instant::now();
        let mut batch_docs = 0u64;
        let mut n = generated;
        while lib.count()? < size {
            // Generate a chunk (not timed), then import it one file at a time.
            let chunk: Vec<String> = (0..200.min(size - lib.count()?))
                .map(|i| generate(&base, n + i as u64))
                .collect();
            n += chunk.len() as u64;
            let t = Instant::now();
            for (i, file) in chunk.iter().enumerate() {
                let name = format!("generated/{}.txt", n + i as u64);
                let docs = policydiff_import::split(file, Some(Path::new(&name)));
                let report = lib.add(&seg, &prepare(docs.clone()))?;
                for d in &docs {
                    if !report.duplicates.iter().any(|(t, _)| *t == d.meta.title) {
                        text_bytes += d.text.len() as u64;
                    }
                }
                batch_docs += report.added.len() as u64;
            }
            import_time += t.elapsed();
        }
        generated = n;
        imported += batch_docs;
        let count = lib.count()?;
        println!("\n== {count} documents ==");
        if batch_docs > 0 {
            let per = import_time.as_secs_f64() / imported as f64;
            println!(
                "import: {imported} documents in {:.1} s ({:.0} documents/s, {:.2} ms each; {:.1} s with generation)",
                import_time.as_secs_f64(),
                1.0 / per,
                per * 1e3,
                t0.elapsed().as_secs_f64()
            );
        }
        if only_relations {
            report_relations(lib.as_ref(), &seg, &path, server)?;
            continue;
        }
        // Size after a checkpoint, so the WAL is in the main file.
        drop(lib);
        lib = open(&path)?;
        let bytes = if server {
            server_bytes(&path)
        } else {
            library_bytes(Path::new(&path))
        };
        let stats = lib.stats()?;
        println!(
            "library: {:.1} MB, {:.1} KB per document, {:.2} × the UTF-8 text ({:.1} KB of text per document); {} clauses",
            bytes as f64 / 1e6,
            bytes as f64 / count as f64 / 1e3,
            bytes as f64 / text_bytes.max(1) as f64,
            text_bytes as f64 / count as f64 / 1e3,
            stats.clauses
        );
        report_search(lib.as_ref(), &seg)?;
        report_list(lib.as_ref())?;
        report_relations(lib.as_ref(), &seg, &path, server)?;
        report_deletes(lib.as_mut(), &seg)?;
    }
    Ok(())
}

/// `delete` p50/p95 over ten documents (the five first imported, whose
/// clauses open the lists of the most common words, and five spread over
/// the library), then the same documents imported again, so the library
/// keeps its size for the next step or run.
fn report_deletes(lib: &mut dyn Store, seg: &Segmenter) -> policydiff_store::Result<()> {
    let mut ids: Vec<i64> = lib
        .list(&ListFilter::default())?
        .iter()
        .map(|r| r.id)
        .collect();
    ids.sort_unstable();
    let n = ids.len();
    let mut picks: Vec<i64> = ids.iter().take(5).copied().collect();
    picks.extend((1..=5).map(|i| ids[i * (n - 1) / 5]));
    picks.sort_unstable();
    picks.dedup();
    let mut docs = Vec::with_capacity(picks.len());
    let mut times = Vec::with_capacity(picks.len());
    for &id in &picks {
        let d = lib.get(id)?;
        docs.push(SourceDoc {
            meta: d.meta,
            original: d.original,
            text: d.text,
        });
        let t = Instant::now();
        lib.delete(id)?;
        times.push(t.elapsed());
    }
    times.sort();
    let t = Instant::now();
    for d in docs {
        lib.add(seg, &prepare(vec![d]))?;
    }
    println!(
        "delete ({} documents, 5 of them the first imported): p50 {} p95 {} max {}; imported again in {} each",
        times.len(),
        ms(percentile(&times, 0.5)),
        ms(percentile(&times, 0.95)),
        ms(*times.last().expect("timed")),
        ms(t.elapsed() / times.len() as u32)
    );
    Ok(())
}

/// The citation graph's rows (citations, keys) and size, and the search
/// index's size, in a library file (SQLite's `dbstat`, when compiled in).
fn graph_in_file(path: &Path) -> ((i64, i64), Option<i64>, Option<i64>) {
    let conn =
        rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("open read-only");
    let counts: (i64, i64) = conn
        .query_row(
            "SELECT (SELECT count(*) FROM citations), (SELECT count(*) FROM citation_keys)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("count citations");
    let bytes: Option<i64> = conn
        .query_row(
            "SELECT sum(pgsize) FROM dbstat WHERE name IN
             ('citations', 'citations_by_key', 'citation_keys', 'citation_keys_by_doc')",
            [],
            |r| r.get(0),
        )
        .ok();
    // The index similar clauses read their candidates from (the search
    // index: FTS5's shadow tables of `clause_search`), shared with search.
    let index: Option<i64> = conn
        .query_row(
            "SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'clause\\_search\\_%' ESCAPE '\\'",
            [],
            |r| r.get(0),
        )
        .ok();
    (counts, bytes, index)
}

/// A connection to the benchmark's server (a throwaway one: any certificate).
fn connect(url: &str) -> postgres::Client {
    let tls = native_tls::TlsConnector::builder()
        .danger_accept_invalid_certs(true)
        .build()
        .expect("TLS");
    postgres::Client::connect(url, postgres_native_tls::MakeTlsConnector::new(tls))
        .expect("connect")
}

/// Bytes of the team library's similar-clause postings (tables and indexes).
fn postings_on_server(url: &str) -> i64 {
    let mut c = connect(url);
    c.query_one(
        "SELECT (pg_total_relation_size('similar_blocks')
                 + pg_total_relation_size('similar_words'))::bigint",
        &[],
    )
    .expect("postings size")
    .get(0)
}

/// The same on a server: the tables' sizes with their indexes and TOAST
/// (`clause_search`: the `tsvector`s and their GIN index).
fn graph_on_server(url: &str) -> ((i64, i64), Option<i64>, Option<i64>) {
    let mut c = connect(url);
    let r = c
        .query_one(
            "SELECT (SELECT count(*) FROM citations), (SELECT count(*) FROM citation_keys),
                    (pg_total_relation_size('citations')
                     + pg_total_relation_size('citation_keys'))::bigint,
                    pg_total_relation_size('clause_search')::bigint",
            &[],
        )
        .expect("count citations");
    ((r.get(0), r.get(1)), Some(r.get(2)), Some(r.get(3)))
}

const LIMIT: usize = 50;

fn report_search(lib: &dyn Store, seg: &Segmenter) -> policydiff_store::Result<()> {
    let sets: [(&str, &[&str]); 4] = [
        (
            "single words",
            &[
                "营商环境",
                "诉求响应",
                "政府采购",
                "知识产权",
                "一网通办",
                "市场主体",
                "信用监管",
                "数字政府",
            ],
        ),
        (
            "two-character words",
            &[
                "环境", "响应", "政府", "监管", "专班", "审批", "企业", "服务",
            ],
        ),
        (
            "phrases",
            &[
                "优化营商环境",
                "12345热线",
                "加强知识产权保护",
                "推进政务服务标准化",
                "诉求 响应",
                "市场主体诉求响应服务",
                "政务服务“一网通办”",
            ],
        ),
        (
            "phrases of common words found only apart",
            &["企业诉求响应", "建立健全市场主体诉求响应服务机制"],
        ),
    ];
    let verbose = std::env::var_os("SCALE_VERBOSE").is_some();
    for (name, queries) in sets {
        if verbose {
            for q in queries {
                let mut hits = Vec::new();
                let (p50, _, max) = time_each(&[*q], 5, |q| {
                    hits = lib.search(seg, q, LIMIT).expect("search");
                });
                let kinds: Vec<String> = [
                    HitKind::Phrase,
                    HitKind::WithinWord,
                    HitKind::Substring,
                    HitKind::AllWords,
                ]
                .iter()
                .map(|k| format!("{k:?} {}", hits.iter().filter(|h| h.kind == *k).count()))
                .collect();
                println!(
                    "  {q}: p50 {} max {} ({})",
                    ms(p50),
                    ms(max),
                    kinds.join(", ")
                );
            }
        }
        let (p50, p95, max) = time_each(queries, 5, |q| {
            lib.search(seg, q, LIMIT).expect("search");
        });
        println!(
            "search {name} (limit {LIMIT}): p50 {} p95 {} max {}",
            ms(p50),
            ms(p95),
            ms(max)
        );
    }
    // Words no clause has: looked up by their words, nothing found.
    let (p50, p95, _) = time_each(&["量子引力", "区块链溯源平台"], 3, |q| {
        lib.search(seg, q, LIMIT).expect("search");
    });
    println!(
        "search words no clause has: p50 {} p95 {}",
        ms(p50),
        ms(p95)
    );
    // Within the library pane's filters: a level (most documents), the
    // largest and the smallest city (their clauses spread through the
    // library), a region no document has.
    // By name: the region filter matches a city in whichever province.
    let mut by_name: std::collections::BTreeMap<String, usize> = Default::default();
    for r in lib.facets()?.regions {
        if let Some(c) = r.city {
            *by_name.entry(c).or_default() += r.count;
        }
    }
    let mut cities: Vec<(usize, String)> = by_name.into_iter().map(|(c, n)| (n, c)).collect();
    cities.sort();
    let city = |c: Option<&(usize, String)>| SearchScope {
        region: c.map(|(_, name)| name.clone()),
        ..SearchScope::default()
    };
    let largest = cities
        .last()
        .map(|(n, c)| format!("the largest city ({c}, {n} documents)"));
    let smallest = cities
        .first()
        .map(|(n, c)| format!("the smallest city ({c}, {n} documents)"));
    let scopes = [
        (
            "city level".to_string(),
            SearchScope {
                level: Some(Level::City),
                ..SearchScope::default()
            },
        ),
        (largest.unwrap_or_default(), city(cities.last())),
        (smallest.unwrap_or_default(), city(cities.first())),
        // The worst case of a walk through the matches: none is kept.
        (
            "a region no document has".to_string(),
            SearchScope {
                region: Some("无此地区".into()),
                ..SearchScope::default()
            },
        ),
    ];
    let words: Vec<&str> = sets[0].1.iter().chain(sets[1].1).copied().collect();
    for (name, scope) in &scopes {
        let mut hits = 0;
        let (p50, p95, max) = time_each(&words, 3, |q| {
            hits += lib.search_in(seg, q, scope, LIMIT).expect("search").len();
        });
        println!(
            "search words within {name} (limit {LIMIT}): p50 {} p95 {} max {} ({} hits a query)",
            ms(p50),
            ms(p95),
            ms(max),
            hits / (words.len() * 4).max(1) // each query: a warm-up and 3 timed runs
        );
    }
    // Pasted text: the longest clause of the corpus (found), then longer
    // stretches of the corpus (across clauses: nothing found). The time
    // must grow no faster than the query.
    let some_doc = lib.list_page(&ListFilter::default(), 7, 1)?.rows[0].id;
    let longest = lib
        .get(some_doc)?
        .tree
        .clauses
        .into_iter()
        .map(|c| c.text)
        .max_by_key(|t| t.chars().count())
        .expect("clauses");
    let mut pasted = vec![longest];
    for len in [2_500, 5_000, 10_000, 20_000] {
        pasted.push(support::CORPUS.chars().skip(3_000).take(len).collect());
    }
    for q in &pasted {
        let (p50, _, _) = time_each(&[q.as_str()], 3, |q| {
            lib.search(seg, q, LIMIT).expect("search");
        });
        let n = lib.search(seg, q, LIMIT)?.len();
        println!(
            "search pasted text of {} characters: {} ({n} hits)",
            q.chars().count(),
            ms(p50)
        );
    }
    Ok(())
}

fn report_list(lib: &dyn Store) -> policydiff_store::Result<()> {
    let filters = [
        ("all, by id", ListFilter::default()),
        (
            "region 广东, by date",
            ListFilter {
                region: Some("广东".into()),
                sort: SortBy::DateDesc,
                ..Default::default()
            },
        ),
        (
            "city level, 2020",
            ListFilter {
                level: Some(Level::City),
                year: Some(2020),
                ..Default::default()
            },
        ),
        (
            "all, by title",
            ListFilter {
                sort: SortBy::Title,
                ..Default::default()
            },
        ),
    ];
    for (name, f) in &filters {
        let mut n = 0;
        let (p50, p95, _) = time_each(&[()], 5, |_| {
            n = lib.list(f).expect("list").len();
        });
        println!(
            "list (all rows) {name}: {n} rows, p50 {} p95 {}",
            ms(p50),
            ms(p95)
        );
    }
    // The library pane: a screenful (100 rows) at the top, in the middle
    // and at the end of the list, with the total.
    for (name, f) in &filters {
        let total = lib.list_page(f, 0, 0)?.total;
        let offsets = [0, total / 2, total.saturating_sub(100)];
        let (p50, p95, _) = time_each(&offsets, 5, |&offset| {
            lib.list_page(f, offset, 100).expect("page");
        });
        println!(
            "list_page {name}: 100 rows of {total} at the top, middle and end: p50 {} p95 {}",
            ms(p50),
            ms(p95)
        );
    }
    // Where a document stands in the pane's list (the row a document just
    // imported scrolls to): documents at the top, middle and end of the library.
    let ids: Vec<i64> = {
        let all = lib.list_page(&ListFilter::default(), 0, 0)?.total;
        [0, all / 2, all.saturating_sub(1)]
            .iter()
            .map(|&k| {
                lib.list_page(&ListFilter::default(), k, 1)
                    .map(|p| p.rows[0].id)
            })
            .collect::<policydiff_store::Result<_>>()?
    };
    for (name, f) in &filters {
        let (p50, p95, _) = time_each(&ids, 5, |&id| {
            lib.list_position(f, id).expect("position");
        });
        println!(
            "list_position {name}: documents at the top, middle and end of the library: p50 {} p95 {}",
            ms(p50),
            ms(p95)
        );
    }
    Ok(())
}

/// `similar` and `related` over documents spread through the library, and
/// the citation graph's size (SQLite's `dbstat`; on a server, its tables'
/// and indexes' size).
fn report_relations(
    lib: &dyn Store,
    seg: &Segmenter,
    path: &str,
    server: bool,
) -> policydiff_store::Result<()> {
    let rows = lib.list(&ListFilter::default())?;
    let picks: Vec<i64> = (0..20).map(|i| rows[i * rows.len() / 20].id).collect();
    // Each picked document's longest unit (what a user would ask about).
    let mut units: Vec<(i64, String, String)> = Vec::new();
    for &id in &picks {
        let d = lib.get(id)?;
        if let Some((i, text)) = d
            .tree
            .units()
            .into_iter()
            .max_by_key(|(_, t)| t.chars().count())
        {
            units.push((id, d.tree.clauses[i].path.clone(), text));
        }
    }
    let mut found = 0usize;
    let (p50, p95, max) = time_each(&units, 3, |(id, path, _)| {
        found = policydiff::similar::similar(lib, seg, *id, path, 10)
            .expect("similar")
            .len();
    });
    println!(
        "similar (10 of {} index candidates, word diffs): p50 {} p95 {} max {}",
        policydiff::similar::CANDIDATES,
        ms(p50),
        ms(p95),
        ms(max)
    );
    let (p50, p95, max) = time_each(&units, 3, |(id, _, text)| {
        lib.clauses_like(seg, text, Some(*id), policydiff::similar::CANDIDATES)
            .expect("candidates");
    });
    println!(
        "  of which the index candidates: p50 {} p95 {} max {}",
        ms(p50),
        ms(p95),
        ms(max)
    );
    let (p50, p95, max) = time_each(&picks[..10], 1, |id| {
        policydiff::related::related(lib, seg, *id, 10).expect("related");
    });
    println!(
        "related (10 documents): p50 {} p95 {} max {}",
        ms(p50),
        ms(p95),
        ms(max)
    );
    let ((cites, keys), bytes, index) = if server {
        graph_on_server(path)
    } else {
        graph_in_file(Path::new(path))
    };
    println!(
        "search index (similar clauses' candidates, shared with search): {}",
        index.map_or("size unknown (no dbstat)".to_string(), |b| format!(
            "{:.1} MB ({:.2} KB per document)",
            b as f64 / 1e6,
            b as f64 / rows.len() as f64 / 1e3
        ))
    );
    if server {
        let b = postings_on_server(path);
        println!(
            "similar-clause postings (team library only): {:.1} MB ({:.2} KB per document)",
            b as f64 / 1e6,
            b as f64 / rows.len() as f64 / 1e3
        );
    }
    println!(
        "citation graph: {cites} citations, {keys} keys, {}",
        bytes.map_or("size unknown (no dbstat)".to_string(), |b| format!(
            "{:.1} MB ({:.2} KB per document)",
            b as f64 / 1e6,
            b as f64 / rows.len() as f64 / 1e3
        ))
    );
    Ok(())
}
