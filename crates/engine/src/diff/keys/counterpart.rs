//! Counterparts: the same body, scope or place one level of government down
//! (or up), as a document localised from the province to a city writes it.
//!
//! Built from two data files in `assets/dict/` (compiled in):
//! - `gov-bodies.tsv`: government bodies and their names at the provincial,
//!   city and district/county level (`商务厅` / `商务局` / `商务局`);
//! - `places.tsv`: provinces and their cities (`广东省` / `佛山市`).
//!
//! Two unit names are counterparts ([`bodies`]) when their level prefixes
//! (`省`, `市`, `各区`, a province's or city's name) are one level apart and
//! what follows is the same body: the same line of `gov-bodies.tsv`, or the
//! same name once a `厅`/`局`/`委` suffix is dropped (`省财政厅` ↔ `市财政局`),
//! `人民政府` = `政府`. Level sets of scope phrases are counterparts
//! ([`levels`]) when every level moved one step the same way (`省、市` ↔
//! `市、区`, `省` ↔ `市`; `各地` stands for any level). A province and a city
//! are counterparts ([`places`]) when the city is the province's. A unit
//! name's canonical key ([`unit_key`]) is one for the names of one body at
//! one level (`市住房城乡建设局` = `市住房和城乡建设局`).
//!
//! Levels: 国 0, 省 1, 市 2, 县/区 3, 镇 4, 村 5.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

const BODIES_TSV: &str = include_str!("../../../../../assets/dict/gov-bodies.tsv");
const PLACES_TSV: &str = include_str!("../../../../../assets/dict/places.tsv");

/// The rank of a level character of a scope phrase (`'地'`: any level).
fn rank(level: char) -> Option<u8> {
    match level {
        '国' => Some(0),
        '省' => Some(1),
        '市' => Some(2),
        '县' | '区' => Some(3),
        '镇' => Some(4),
        '村' => Some(5),
        _ => None,
    }
}

/// A place of `places.tsv`: its rank (1 province, 2 city) and its province.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Place {
    rank: u8,
    province: usize,
}

/// The two dictionaries, loaded once.
struct Dict {
    /// Every body name (no prefix) → its line in `gov-bodies.tsv`.
    bodies: HashMap<String, usize>,
    /// Every place name (full names, provinces' short names) → the place.
    places: HashMap<String, Place>,
    /// Body names, longest first, as a regex alternation.
    body_alt: String,
    /// Place names, longest first, as a regex alternation.
    place_alt: String,
}

fn data_lines(tsv: &str) -> impl Iterator<Item = Vec<&str>> {
    tsv.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).collect())
}

fn alternation<'a>(names: impl Iterator<Item = &'a String>) -> String {
    let mut v: Vec<&String> = names.collect();
    v.sort_by_key(|n| (std::cmp::Reverse(n.chars().count()), n.as_str()));
    v.iter()
        .map(|n| regex::escape(n))
        .collect::<Vec<_>>()
        .join("|")
}

static DICT: LazyLock<Dict> = LazyLock::new(|| {
    let mut bodies = HashMap::new();
    for (i, cols) in data_lines(BODIES_TSV).enumerate() {
        assert_eq!(cols.len(), 3, "gov-bodies.tsv: three columns: {cols:?}");
        for name in cols.iter().flat_map(|c| c.split('|')) {
            if name != "-" && !name.is_empty() {
                bodies.insert(name.to_string(), i);
            }
        }
    }
    let mut places = HashMap::new();
    for (i, cols) in data_lines(PLACES_TSV).enumerate() {
        assert_eq!(cols.len(), 3, "places.tsv: three columns: {cols:?}");
        let province = Place {
            rank: 1,
            province: i,
        };
        places.insert(cols[0].to_string(), province);
        for short in cols[1].split('|').filter(|s| !s.is_empty()) {
            places.insert(short.to_string(), province);
        }
        // `-`: no cities; `全称=简称`: the full name is the place's name here.
        for city in cols[2].split_whitespace().filter(|c| *c != "-") {
            let full = city.split('=').next().unwrap_or(city);
            places.insert(
                full.to_string(),
                Place {
                    rank: 2,
                    province: i,
                },
            );
        }
    }
    Dict {
        body_alt: alternation(bodies.keys()),
        place_alt: alternation(places.keys()),
        bodies,
        places,
    }
});

/// Level words that open a unit name, longest first, with their rank
/// (`None`: `各地`, any level).
const LEVEL_PREFIXES: [(&str, Option<u8>); 21] = [
    ("县(市、区)", Some(3)),
    ("镇(街道)", Some(4)),
    ("地级以上市", Some(2)),
    ("地级市", Some(2)),
    ("设区市", Some(2)),
    ("自治区", Some(1)),
    ("国家", Some(0)),
    ("地市", Some(2)),
    ("县区", Some(3)),
    ("区县", Some(3)),
    ("乡镇", Some(4)),
    ("镇街", Some(4)),
    ("街道", Some(4)),
    ("社区", Some(5)),
    ("省", Some(1)),
    ("市", Some(2)),
    ("区", Some(3)),
    ("县", Some(3)),
    ("镇", Some(4)),
    ("村", Some(5)),
    ("地", None),
];

/// A unit name taken apart: `各` or not, its level, its place, and the body.
#[derive(Debug)]
struct Name<'a> {
    each: bool,
    /// `None` for `各地` (any level).
    rank: Option<u8>,
    place: Option<Place>,
    /// Line of `gov-bodies.tsv`, when the body is listed.
    body: Option<usize>,
    /// The body's name without a `厅`/`局`/`委` suffix, `人民政府` as `政府`.
    stem: String,
    /// The body's name as written.
    rest: &'a str,
}

fn parse(name: &str) -> Option<Name<'_>> {
    let (each, s) = match name.strip_prefix('各') {
        Some(s) => (true, s),
        None => (false, name),
    };
    let dict = &*DICT;
    // A place name first (the longest that fits), then a level word.
    let place = (1..=s.chars().count().min(10))
        .rev()
        .filter_map(|n| {
            let end = s.char_indices().nth(n).map_or(s.len(), |(i, _)| i);
            dict.places.get(&s[..end]).map(|p| (end, *p))
        })
        .next();
    let (rank, place, rest) = match place {
        Some((end, p)) => (Some(p.rank), Some(p), &s[end..]),
        None => {
            let (word, rank) = LEVEL_PREFIXES
                .iter()
                .find(|(w, _)| s.starts_with(w))
                .copied()?;
            if rank.is_none() && !each {
                return None;
            }
            (rank, None, &s[word.len()..])
        }
    };
    // `市场监管局` is no city body, `区域…` no district.
    if rest.is_empty() || rest.starts_with(['场', '域', '属']) {
        return None;
    }
    let body = dict.bodies.get(rest).copied();
    let plain = rest.replace("人民政府", "政府");
    let stem = match plain.strip_suffix(['厅', '局', '委']) {
        Some(s) if s.chars().count() >= 2 => s.to_string(),
        _ => plain,
    };
    Some(Name {
        each,
        rank,
        place,
        body,
        stem,
        rest,
    })
}

/// Ranks one level apart (`None`, any level, fits every rank).
fn adjacent(a: Option<u8>, b: Option<u8>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.abs_diff(b) == 1,
        _ => true,
    }
}

/// Places one level apart; two named places must be a province and one of its cities.
fn places_fit(a: Option<Place>, b: Option<Place>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.province == b.province,
        _ => true,
    }
}

/// Whether two unit names (compact form) are counterparts: the same body one
/// level apart (`省商务厅` ↔ `市商务局`, `各地级以上市政府` ↔ `各区人民政府`).
pub(super) fn bodies(a: &str, b: &str) -> bool {
    let (Some(x), Some(y)) = (parse(a), parse(b)) else {
        return false;
    };
    let listed = matches!((x.body, y.body), (Some(i), Some(j)) if i == j);
    let same_body = listed || x.stem == y.stem;
    x.each == y.each
        && x.rest.chars().count() >= 2
        && same_body
        && adjacent(x.rank, y.rank)
        && places_fit(x.place, y.place)
        && (x.rank.is_some() || y.rank.is_some())
}

/// Whether a name without level prefix is a body of `gov-bodies.tsv` (`发展改革委`).
pub(super) fn known_body(name: &str) -> bool {
    DICT.bodies.contains_key(name)
}

/// The canonical key of a unit ([`unit_key`]): what two names of one unit
/// have in common.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(super) enum UnitKey {
    /// A body of `gov-bodies.tsv`: the level prefix as written (`市`,
    /// `广东省`, `各区`) and the body's line.
    Body { prefix: String, line: usize },
    /// Any other unit: its name, `人民政府` as `政府`.
    Name(String),
}

/// The canonical key of a unit name (compact form): two names of one unit
/// have one key, so that units compare as sets in one pass. A body of
/// `gov-bodies.tsv` is its level prefix and its line, whichever of the
/// line's names it is written with (`市住房城乡建设局` = `市住房和城乡建设局`,
/// `省发展改革委` = `省发展和改革委员会`, `市市场监管局` = `市市场监督管理局`);
/// the prefix stays apart (`省商务厅` ≠ `市商务厅`, `佛山市商务局` ≠
/// `广州市商务局`). Any other unit is its name, `人民政府` written `政府`
/// (`各区人民政府` = `各区政府`).
pub(super) fn unit_key(name: &str) -> UnitKey {
    let name = name.replace("人民政府", "政府");
    match parse(&name) {
        Some(Name {
            body: Some(line),
            rest,
            ..
        }) => UnitKey::Body {
            prefix: name[..name.len() - rest.len()].to_string(),
            line,
        },
        _ => UnitKey::Name(name),
    }
}

/// Whether two sets of level characters of scope phrases (`省市县`, `市区`,
/// `地` for `各地`) are counterparts: as many levels, each one step away in
/// the same direction.
pub(super) fn levels(a: &[char], b: &[char]) -> bool {
    if a.is_empty() || a.len() != b.len() {
        return false;
    }
    if a == ['地'] || b == ['地'] {
        return a.len() == 1 && a != b;
    }
    let ranks = |s: &[char]| -> Option<Vec<u8>> {
        let mut v: Vec<u8> = s.iter().map(|c| rank(*c)).collect::<Option<_>>()?;
        v.sort_unstable();
        Some(v)
    };
    let (Some(x), Some(y)) = (ranks(a), ranks(b)) else {
        return false;
    };
    let step = |d: i8| x.iter().zip(&y).all(|(p, q)| *q as i8 - *p as i8 == d);
    step(1) || step(-1)
}

/// Whether two place names are a province and one of its cities.
pub(super) fn places(a: &str, b: &str) -> bool {
    let d = &*DICT;
    match (d.places.get(a), d.places.get(b)) {
        (Some(x), Some(y)) => x.rank.abs_diff(y.rank) == 1 && x.province == y.province,
        _ => false,
    }
}

/// A body or place named in running text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Term {
    /// Byte range of the name in the text (for a name taking the prefix of
    /// the one before, `省发展改革委、[工业和信息化厅]`, without the prefix).
    pub at: std::ops::Range<usize>,
    /// The full name with its level prefix (`省工业和信息化厅`).
    pub name: String,
    /// The name without its prefix (`工业和信息化厅`; empty for a place).
    pub body: String,
    /// A place name rather than a body.
    pub place: bool,
}

/// Bodies named with a level prefix or a place name, in a compact text.
static BODY: LazyLock<Regex> = LazyLock::new(|| {
    let d = &*DICT;
    Regex::new(&format!(
        "(?:{}|国家|省|市|区|县)(?:{})",
        d.place_alt, d.body_alt
    ))
    .expect("body regex")
});

/// A body name right after a list separator, taking the prefix of the one before.
static NEXT_BODY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!("^(?:、|以及|及|和)({})", DICT.body_alt)).expect("next body regex")
});

static PLACE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!("(?:{})", DICT.place_alt)).expect("place regex"));

/// The level prefix of a matched body name (`省`, `广东省`).
fn prefix_len(name: &str) -> usize {
    let d = &*DICT;
    (1..=name.chars().count())
        .map(|n| name.char_indices().nth(n).map_or(name.len(), |(i, _)| i))
        .find(|&end| d.bodies.contains_key(&name[end..]))
        .unwrap_or(0)
}

/// Bodies (`省商务厅`, `佛山市政务服务数据管理局`, `工业和信息化厅` after
/// `省发展改革委、`) and places (`广东省`) named in a compact text, outside
/// the byte ranges `skip`, in order.
pub(super) fn terms(text: &str, skip: &[std::ops::Range<usize>]) -> Vec<Term> {
    let outside =
        |at: &std::ops::Range<usize>| !skip.iter().any(|s| at.start < s.end && s.start < at.end);
    let mut out: Vec<Term> = Vec::new();
    let mut covered = Vec::new();
    let mut from = 0;
    while let Some(m) = BODY.find_at(text, from) {
        let p = prefix_len(m.as_str());
        let prefix = &m.as_str()[..p];
        let mut end = m.end();
        if outside(&m.range()) && !text[m.end()..].starts_with(['场', '域']) {
            out.push(Term {
                at: m.range(),
                name: m.as_str().to_string(),
                body: m.as_str()[p..].to_string(),
                place: false,
            });
            while let Some(c) = NEXT_BODY.captures(&text[end..]) {
                let g = c.get(1).expect("group");
                // With the prefix it takes, the name must be outside `skip` too.
                if !outside(&(m.start()..end + g.end())) {
                    break;
                }
                out.push(Term {
                    at: end + g.start()..end + g.end(),
                    name: format!("{prefix}{}", g.as_str()),
                    body: g.as_str().to_string(),
                    place: false,
                });
                end += g.end();
            }
        }
        covered.push(m.start()..end);
        from = end;
    }
    for m in PLACE.find_iter(text) {
        let at = m.range();
        if outside(&at) && !covered.iter().any(|c| c.start < at.end && at.start < c.end) {
            out.push(Term {
                at,
                name: m.as_str().to_string(),
                body: String::new(),
                place: true,
            });
        }
    }
    out.sort_by_key(|t| t.at.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_one_level_apart_are_counterparts() {
        assert!(bodies("省商务厅", "市商务局"));
        assert!(bodies("省发展改革委", "市发展改革局"));
        assert!(bodies("省政府办公厅", "市政府办公室"));
        assert!(bodies("省有关单位", "市有关单位"));
        assert!(bodies("各地级以上市政府", "各区人民政府"));
        assert!(bodies("各县(市、区)人民政府", "各镇(街道)政府"));
        assert!(bodies(
            "广东省政务服务数据管理局",
            "佛山市政务服务数据管理局"
        ));
        // A body not in the dictionary: the rule.
        assert!(bodies("省档案厅", "市档案局"));
        // Not counterparts: another body, the same level, two levels, another province.
        assert!(!bodies("省政务服务数据管理局", "市行政服务中心"));
        assert!(!bodies("市商务局", "市商务局"));
        assert!(!bodies("省商务厅", "区商务局"));
        assert!(!bodies("广西壮族自治区商务厅", "佛山市商务局"));
        assert!(!bodies("省商务厅", "各区商务局"));
        assert!(!bodies("市场监管局", "区场监管局"));
    }

    #[test]
    fn a_body_written_two_ways_has_one_key() {
        for (a, b) in [
            ("市住房城乡建设局", "市住房和城乡建设局"),
            ("省发展改革委", "省发展和改革委员会"),
            ("市市场监管局", "市市场监督管理局"),
            ("市政府办公室", "市人民政府办公室"),
            ("佛山市住房城乡建设局", "佛山市住房和城乡建设局"),
            ("各区人民政府", "各区政府"),
            // Not in the dictionary: the name, `人民政府` as `政府`.
            ("县人民政府(管委会)", "县政府(管委会)"),
        ] {
            assert_eq!(unit_key(a), unit_key(b), "{a} = {b}");
        }
        let key = unit_key("市住房和城乡建设局");
        assert!(
            matches!(&key, UnitKey::Body { prefix, .. } if prefix == "市"),
            "{key:?}"
        );
    }

    #[test]
    fn other_bodies_and_levels_have_other_keys() {
        for (a, b) in [
            // Another department.
            ("市商务局", "市财政局"),
            ("市住房城乡建设局", "市自然资源局"),
            // The same department at another level, or of another place.
            ("省商务厅", "市商务厅"),
            ("省商务厅", "市商务局"),
            ("省住房城乡建设厅", "市住房城乡建设厅"),
            ("佛山市商务局", "广州市商务局"),
            ("市商务局", "各市商务局"),
            // Not in the dictionary.
            ("市行政服务中心", "市投资促进局"),
            ("省档案厅", "市档案厅"),
        ] {
            assert_ne!(unit_key(a), unit_key(b), "{a} ≠ {b}");
        }
    }

    #[test]
    fn level_sets_and_places() {
        assert!(levels(&['省'], &['市']));
        assert!(levels(&['省', '市'], &['市', '区']));
        assert!(levels(&['地'], &['区']));
        assert!(!levels(&['省', '市', '县'], &['市', '区']));
        assert!(!levels(&['省', '市', '县'], &['省', '市', '区']));
        assert!(!levels(&['县'], &['区']));
        assert!(places("广东省", "佛山市"));
        assert!(places("广东", "佛山市"));
        assert!(!places("广东省", "南宁市"));
    }

    #[test]
    fn terms_carry_the_prefix_over_a_list() {
        let t = "省政务服务数据管理局会同省发展改革委、工业和信息化厅、市场监管局建立机制,报广东省人民政府";
        let names: Vec<String> = terms(t, &[]).into_iter().map(|t| t.name).collect();
        assert_eq!(
            names,
            [
                "省政务服务数据管理局",
                "省发展改革委",
                "省工业和信息化厅",
                "省市场监管局",
                "广东省人民政府"
            ]
        );
        let t = "推进全省市场主体在广东省内办理";
        let got: Vec<(String, bool)> = terms(t, &[])
            .into_iter()
            .map(|t| (t.name, t.place))
            .collect();
        assert_eq!(got, [("广东省".to_string(), true)]);
    }
}
