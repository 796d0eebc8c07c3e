//! Where a document comes from: the places named at the start of its issuer
//! or title, and the administrative level they give.
//!
//! The table is `assets/dict/places.tsv` (compiled in): China's 34
//! provincial-level divisions and their prefecture-level divisions (see the
//! file's header for its source and how to check it). The engine reads the same
//! file for counterparts (`广东省` ↔ `佛山市`).
//!
//! Reading a name ([`place_of`]), after an organisation prefix (`中共`,
//! `国家税务总局` …):
//! - a province (`广东省`, `广西壮族自治区`, `上海市`, or its short name
//!   `广东`) → that province, level province; a city of that province may
//!   follow (`广东省佛山市`);
//! - a prefecture-level city of the table (`杭州市`, `恩施土家族苗族自治州` or
//!   `恩施州`, `阿拉善盟`, `阿里地区`) → its province and city, level city.
//!   `X市场` is a word, not the city X;
//! - a district or county after either (`佛山市顺德区`, `上海市浦东新区`,
//!   `重庆市石柱土家族自治县`, a county-level city `苏州市昆山市`) → level
//!   district, in that province and city;
//! - a district or county with no known place before it (`余杭区…`,
//!   `桐庐县…`, `峨边彝族自治县…`, `达拉特旗…`), or a county-level city of
//!   the county table named alone (`义乌市…`) → level district, and its
//!   province and city when the county table (`assets/dict/counties.tsv`,
//!   compiled in) has one division of that name (`余杭区` → 浙江 / 杭州), or
//!   one within the province named before it, or else within the province
//!   the document is known to be in (a compilation's region heading, the
//!   `within` of [`place_of`]); a name several provinces have (`南山区`:
//!   Shenzhen's, Hegang's) and no province to settle it gets no region;
//! - a city that is in neither table (`测试市…`) → no place at all: no region
//!   is made up from the name, and since a bare `X市` may be a county-level
//!   city, no level either.
//!
//! District names are recognised by their ending (`区`, `县`, `旗`, `自治县`,
//! `自治旗`, and `市` after a prefecture-level city), at most four characters
//! before it (twelve before `自治县`/`自治旗`), at least two when nothing
//! precedes them; words that end the same way but are not districts (`社区`,
//! `开发区`, `合作区`, `湾区`, `县域`, `区块链`, `旗舰` …) are not, unless
//! the county table has the name (`南山区`, `石景山区` end like `山区`).

use std::collections::HashMap;
use std::sync::LazyLock;

use policydiff_model::Level;

const PLACES_TSV: &str = include_str!("../../../assets/dict/places.tsv");
const COUNTIES_TSV: &str = include_str!("../../../assets/dict/counties.tsv");

/// Places named at the start of an issuer or title (short names: `广东`, `佛山`).
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct Place {
    /// The province's short name.
    pub province: Option<String>,
    /// The prefecture-level city's short name.
    pub city: Option<String>,
    /// The level of the most local place named.
    pub level: Level,
}

/// One name of the table: a province (no city) or one of its cities.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Division {
    province: &'static str,
    city: Option<&'static str>,
}

/// Every name of the table (full names, short names of provinces, `X州` of
/// autonomous prefectures) → its division; and the longest name's length.
struct Table {
    names: HashMap<String, Division>,
    longest: usize,
}

static TABLE: LazyLock<Table> = LazyLock::new(|| {
    let mut names = HashMap::new();
    let lines = PLACES_TSV
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'));
    for line in lines {
        let cols: Vec<&'static str> = line.split('\t').map(str::trim).collect();
        assert_eq!(cols.len(), 3, "places.tsv: three columns: {cols:?}");
        let shorts: Vec<&'static str> = cols[1].split('|').filter(|s| !s.is_empty()).collect();
        let province = Division {
            province: shorts[0],
            city: None,
        };
        names.insert(cols[0].to_string(), province);
        for s in &shorts {
            names.insert((*s).to_string(), province);
        }
        for city in cols[2].split_whitespace().filter(|c| *c != "-") {
            let (full, short) = match city.split_once('=') {
                Some((full, short)) => (full, short),
                None => {
                    let short = ["市", "地区", "盟"]
                        .iter()
                        .find_map(|end| city.strip_suffix(end))
                        .unwrap_or(city);
                    (city, short)
                }
            };
            let d = Division {
                province: shorts[0],
                city: Some(short),
            };
            names.insert(full.to_string(), d);
            if full.ends_with("自治州") {
                // `恩施州`, and `海南州` whose short name already is that
                let alias = if short.ends_with('州') {
                    short.to_string()
                } else {
                    format!("{short}州")
                };
                names.insert(alias, d);
            }
        }
    }
    let longest = names.keys().map(|n| n.chars().count()).max().unwrap_or(0);
    Table { names, longest }
});

/// The byte ends of the first `longest` characters of `s`, longest first:
/// where a name at the start of `s` may end, to look the longest up first.
fn name_ends(s: &str, longest: usize) -> impl Iterator<Item = usize> {
    let ends: Vec<usize> = s
        .char_indices()
        .map(|(i, c)| i + c.len_utf8())
        .take(longest)
        .collect();
    ends.into_iter().rev()
}

/// The longest name of the table at the start of `s`, and its length in bytes.
fn division_at(s: &str) -> Option<(Division, usize)> {
    let t = &*TABLE;
    name_ends(s, t.longest).find_map(|end| t.names.get(&s[..end]).map(|d| (*d, end)))
}

/// County-level divisions by full name: every division of that name (a
/// province, and its city unless the province administers it directly or is
/// a municipality); and the longest name's length.
struct Counties {
    names: HashMap<&'static str, Vec<Division>>,
    longest: usize,
}

static COUNTIES: LazyLock<Counties> = LazyLock::new(|| {
    let t = &*TABLE;
    let mut names: HashMap<&'static str, Vec<Division>> = HashMap::new();
    let lines = COUNTIES_TSV
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'));
    for line in lines {
        let cols: Vec<&'static str> = line.split('\t').map(str::trim).collect();
        assert_eq!(cols.len(), 4, "counties.tsv: four columns: {cols:?}");
        let province = t.names.get(cols[1]).map(|d| d.province);
        let province =
            province.unwrap_or_else(|| panic!("counties.tsv: unknown province {cols:?}"));
        let city = match cols[2] {
            "-" => None,
            full => Some(
                t.names
                    .get(full)
                    .filter(|d| d.province == province)
                    .and_then(|d| d.city)
                    .unwrap_or_else(|| panic!("counties.tsv: unknown city {cols:?}")),
            ),
        };
        let d = Division { province, city };
        let entry = names.entry(cols[0]).or_default();
        if !entry.contains(&d) {
            entry.push(d);
        }
    }
    let longest = names.keys().map(|n| n.chars().count()).max().unwrap_or(0);
    Counties { names, longest }
});

/// The county-level division named `name`: the only one of that name, or the
/// only one within `province` (a short name, `广东`) when that is given.
/// `None` for a name no division has, or several have.
pub(crate) fn county(name: &str, province: Option<&str>) -> Option<(String, Option<String>)> {
    let all = COUNTIES.names.get(name)?;
    let mut found = all
        .iter()
        .filter(|d| province.is_none_or(|p| d.province == p));
    match (found.next(), found.next()) {
        (Some(d), None) => Some((d.province.to_string(), d.city.map(str::to_string))),
        _ => None,
    }
}

/// A county-level city of the county table named at the start of `s`
/// (`义乌市…`), not followed by `场` (`X市场` is a word): its length in bytes.
fn county_city_at(s: &str) -> Option<usize> {
    name_ends(s, COUNTIES.longest)
        .find(|&end| s[..end].ends_with('市') && COUNTIES.names.contains_key(&s[..end]))
        .filter(|&end| !s[end..].starts_with('场'))
}

/// Organisations whose name goes before the place (`国家税务总局广东省税务局`).
const ORG_PREFIXES: &[&str] = &[
    "中国共产党",
    "中共",
    "共青团",
    "国家税务总局",
    "中国人民银行",
    "国家金融监督管理总局",
];

/// Read the leading place names of an issuer or title (see the module doc).
/// `within`: the province the document is known to be in (a compilation's
/// region heading), which settles a district or county named alone whose name
/// several provinces have (`南山区` within 广东: 深圳), or that is none of its
/// own (no city then). `None` when it names no place this can tell.
pub(crate) fn place_of(name: &str, within: Option<&str>) -> Option<Place> {
    let name = name.trim();
    let s = ORG_PREFIXES
        .iter()
        .find_map(|p| name.strip_prefix(p))
        .unwrap_or(name);
    let mut place = Place::default();
    let mut rest = s;
    let mut after_city = false;
    if let Some((d, end)) = division_at(rest).filter(|(d, end)| !is_word(d, &rest[*end..])) {
        place.province = Some(d.province.to_string());
        place.level = Level::Province;
        rest = &rest[end..];
        if let Some(city) = d.city {
            place.city = Some(city.to_string());
            place.level = Level::City;
            after_city = true;
        } else {
            // `广西自治区`: a short name with the kind after it
            rest = ["自治区", "省"]
                .iter()
                .find_map(|k| rest.strip_prefix(k))
                .unwrap_or(rest);
            if let Some((c, end)) =
                division_at(rest).filter(|(c, end)| c.city.is_some() && !is_word(c, &rest[*end..]))
            {
                if c.province == d.province {
                    place.city = c.city.map(str::to_string);
                    place.level = Level::City;
                    after_city = true;
                    rest = &rest[end..];
                }
            }
        }
    }
    let prefixed = place.level != Level::Other;
    // A county-level city named alone, or after its province (`浙江省义乌市`).
    let county_city = || {
        county_city_at(rest).filter(|&end| {
            !after_city && (!prefixed || county(&rest[..end], place.province.as_deref()).is_some())
        })
    };
    let district = district_at(rest, prefixed, after_city).or_else(county_city);
    if let Some(end) = district {
        place.level = Level::District;
        if place.city.is_none() {
            let province = place.province.as_deref().or(within);
            if let Some((province, city)) = county(&rest[..end], province) {
                place.province = Some(province);
                place.city = city;
            }
        }
    }
    (place.level != Level::Other).then_some(place)
}

/// A city's name followed by `场` is the word `X市场` (`中山市场`), not the city.
fn is_word(d: &Division, after: &str) -> bool {
    d.city.is_some() && after.starts_with('场')
}

/// Endings of words that end like a district or county but are not one.
const NOT_DISTRICTS: &[&str] = &[
    "社区",
    "园区",
    "城区",
    "市区",
    "景区",
    "片区",
    "辖区",
    "街区",
    "厂区",
    "校区",
    "山区",
    "地区",
    "灾区",
    "老区",
    "牧区",
    "库区",
    "湾区",
    "特区",
    "开发区",
    "高新区",
    "经开区",
    "保税区",
    "综保区",
    "自贸区",
    "试验区",
    "示范区",
    "合作区",
    "功能区",
    "集聚区",
    "先行区",
    "各区",
    "各县",
    "全区",
    "全县",
    "城市",
    "都市",
    "省市",
    "红旗",
    "国旗",
    "党旗",
    "彩旗",
    "锦旗",
    "战旗",
];

/// Words no district's name holds (a title's verbs and function words).
const NOT_IN_NAMES: &[&str] = &[
    "关于",
    "印发",
    "推进",
    "推动",
    "加快",
    "进一步",
    "全面",
    "深化",
    "支持",
    "促进",
    "开展",
    "做好",
    "加强",
    "实施",
    "建设",
    "的",
    "与",
    "及",
    "、",
];

/// Does `s` start with a district or county name (see the module doc)? Its
/// length in bytes if so. `prefixed`: a province or city comes before it;
/// `after_city`: a prefecture-level city does (so a county-level `X市` can
/// follow).
fn district_at(s: &str, prefixed: bool, after_city: bool) -> Option<usize> {
    let min = if prefixed { 1 } else { 2 };
    // `n` characters of name, ending at byte `at`
    for (n, (at, _)) in s.char_indices().enumerate().take(13).skip(min) {
        let name = &s[..at];
        if !name.chars().all(policydiff_model::text::is_han)
            || NOT_IN_NAMES.iter().any(|w| name.contains(w))
        {
            return None;
        }
        let tail = &s[at..];
        let kinds: &[&str] = match (n <= 4, after_city) {
            (true, true) => &["自治县", "自治旗", "区", "县", "旗", "市"],
            (true, false) => &["自治县", "自治旗", "区", "县", "旗"],
            (false, _) => &["自治县", "自治旗"],
        };
        if let Some(kind) = kinds.iter().find(|k| tail.starts_with(*k)) {
            let next = tail[kind.len()..].chars().next();
            let whole = &s[..at + kind.len()];
            // `南山区`, `石景山区`: a division of the county table, though it ends like `山区`
            let listed = n >= 2 && COUNTIES.names.contains_key(whole);
            let word = (!listed && NOT_DISTRICTS.iter().any(|w| whole.ends_with(w)))
                || next.is_some_and(|c| "域块间别级城舰帜下场".contains(c) && *kind != "自治县")
                || (*kind == "市" && (n < 2 || division_at(whole).is_some()));
            return (!word).then_some(whole.len());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(name: &str) -> (Option<String>, Option<String>, Level) {
        place_of(name, None).map_or((None, None, Level::Other), |p| {
            (p.province, p.city, p.level)
        })
    }

    fn some(s: &str) -> Option<String> {
        Some(s.to_string())
    }

    #[test]
    fn the_table_holds_every_prefecture_level_division() {
        let t = &*TABLE;
        let cities: std::collections::HashSet<Division> = t
            .names
            .values()
            .filter(|d| d.city.is_some())
            .copied()
            .collect();
        // 333 prefecture-level divisions and 9 administered by their province
        assert_eq!(cities.len(), 342);
        let provinces: std::collections::HashSet<&str> =
            t.names.values().map(|d| d.province).collect();
        assert_eq!(provinces.len(), 34);
    }

    #[test]
    fn issuers_of_the_bundled_corpus() {
        for (issuer, want) in [
            (
                "广东省人民政府办公厅",
                (some("广东"), None, Level::Province),
            ),
            (
                "国家税务总局广东省税务局",
                (some("广东"), None, Level::Province),
            ),
            (
                "广西壮族自治区机关事务管理局",
                (some("广西"), None, Level::Province),
            ),
            (
                "海南省人力资源和社会保障厅等十九部门",
                (some("海南"), None, Level::Province),
            ),
            ("上海市人民政府", (some("上海"), None, Level::Province)),
            (
                "佛山市人民政府办公室",
                (some("广东"), some("佛山"), Level::City),
            ),
            (
                "佛山市南海区人民政府",
                (some("广东"), some("佛山"), Level::District),
            ),
            ("汕尾市住建局", (some("广东"), some("汕尾"), Level::City)),
            (
                "北海市行政审批局",
                (some("广西"), some("北海"), Level::City),
            ),
            (
                "三亚市人民政府办公室",
                (some("海南"), some("三亚"), Level::City),
            ),
            (
                "深圳市前海深港现代服务业合作区管理局 国家税务总局深圳市税务局",
                (some("广东"), some("深圳"), Level::City),
            ),
        ] {
            assert_eq!(read(issuer), want, "{issuer}");
        }
    }

    #[test]
    fn known_cities_get_their_province() {
        assert_eq!(
            read("杭州市人民政府办公厅关于印发某方案的通知"),
            (some("浙江"), some("杭州"), Level::City)
        );
        assert_eq!(
            read("恩施土家族苗族自治州人民政府"),
            (some("湖北"), some("恩施"), Level::City)
        );
        assert_eq!(
            read("恩施州财政局"),
            (some("湖北"), some("恩施"), Level::City)
        );
        assert_eq!(
            read("海南藏族自治州人民政府"),
            (some("青海"), some("海南州"), Level::City)
        );
        assert_eq!(
            read("锡林郭勒盟行政公署"),
            (some("内蒙古"), some("锡林郭勒"), Level::City)
        );
        assert_eq!(
            read("阿里地区行政公署"),
            (some("西藏"), some("阿里"), Level::City)
        );
        assert_eq!(
            read("吉林市人民政府"),
            (some("吉林"), some("吉林"), Level::City)
        );
        assert_eq!(
            read("吉林省人民政府"),
            (some("吉林"), None, Level::Province)
        );
        assert_eq!(
            read("浙江省杭州市人民政府"),
            (some("浙江"), some("杭州"), Level::City)
        );
        assert_eq!(
            read("中共杭州市委办公厅"),
            (some("浙江"), some("杭州"), Level::City)
        );
    }

    #[test]
    fn an_unknown_city_makes_up_no_region() {
        assert_eq!(read("测试市人民政府办公室"), (None, None, Level::Other));
        assert_eq!(
            read("测试市优化营商环境若干措施"),
            (None, None, Level::Other)
        );
        // under a known province, the province only
        assert_eq!(
            read("浙江省测试市人民政府"),
            (some("浙江"), None, Level::Province)
        );
        // a city of another province is not this province's
        assert_eq!(
            read("浙江省佛山市人民政府"),
            (some("浙江"), None, Level::Province)
        );
    }

    #[test]
    fn the_county_table_holds_every_county_level_division() {
        let c = &*COUNTIES;
        let divisions: usize = c.names.values().map(Vec::len).sum();
        assert_eq!(divisions, 2846, "the 2021-01 codes");
        // every province has some; municipalities' districts have no city
        let provinces: std::collections::HashSet<&str> =
            c.names.values().flatten().map(|d| d.province).collect();
        assert_eq!(provinces.len(), 31, "not Hong Kong, Macao or Taiwan");
        assert!(c.names["浦东新区"].iter().all(|d| d.city.is_none()));
    }

    #[test]
    fn districts_and_counties() {
        assert_eq!(
            read("余杭区人民政府办公室"),
            (some("浙江"), some("杭州"), Level::District)
        );
        assert_eq!(
            read("桐庐县优化营商环境实施方案"),
            (some("浙江"), some("杭州"), Level::District)
        );
        assert_eq!(
            read("达拉特旗人民政府"),
            (some("内蒙古"), some("鄂尔多斯"), Level::District)
        );
        assert_eq!(
            read("峨边彝族自治县人民政府"),
            (some("四川"), some("乐山"), Level::District)
        );
        // a county-level city named alone, and a province's own county
        assert_eq!(
            read("义乌市人民政府"),
            (some("浙江"), some("金华"), Level::District)
        );
        assert_eq!(
            read("定安县人民政府"),
            (some("海南"), None, Level::District)
        );
        assert_eq!(
            read("浦东新区人民政府"),
            (some("上海"), None, Level::District)
        );
        assert_eq!(
            read("佛山市顺德区人民政府"),
            (some("广东"), some("佛山"), Level::District)
        );
        assert_eq!(
            read("杭州市余杭区人民政府"),
            (some("浙江"), some("杭州"), Level::District)
        );
        assert_eq!(
            read("苏州市昆山市人民政府"),
            (some("江苏"), some("苏州"), Level::District)
        );
        assert_eq!(
            read("上海市浦东新区人民政府"),
            (some("上海"), None, Level::District)
        );
        assert_eq!(
            read("重庆市石柱土家族自治县人民政府"),
            (some("重庆"), None, Level::District)
        );
        assert_eq!(
            read("鄂尔多斯市达拉特旗人民政府"),
            (some("内蒙古"), some("鄂尔多斯"), Level::District)
        );
    }

    #[test]
    fn a_name_several_provinces_have_needs_the_province() {
        // 南山区: Shenzhen's (广东) and Hegang's (黑龙江)
        assert_eq!(read("南山区人民政府"), (None, None, Level::District));
        let within = |name: &str, province: &str| {
            place_of(name, Some(province)).map(|p| (p.province, p.city, p.level))
        };
        assert_eq!(
            within("南山区人民政府", "广东"),
            Some((some("广东"), some("深圳"), Level::District))
        );
        assert_eq!(
            within("南山区人民政府", "黑龙江"),
            Some((some("黑龙江"), some("鹤岗"), Level::District))
        );
        // a district that is none of the province's: no city, and the province is not made up
        assert_eq!(
            within("余杭区人民政府", "广东"),
            Some((None, None, Level::District))
        );
        assert_eq!(
            county("南山区", Some("广东")),
            Some(("广东".to_string(), some("深圳")))
        );
        assert_eq!(
            county("南山区", Some("黑龙江")),
            Some(("黑龙江".to_string(), some("鹤岗")))
        );
        assert_eq!(county("南山区", Some("海南")), None);
        assert_eq!(county("南山区", None), None);
        // named after its province, the province settles it
        assert_eq!(
            read("广东省南山区人民政府"),
            (some("广东"), some("深圳"), Level::District)
        );
        assert_eq!(
            read("浙江省义乌市人民政府"),
            (some("浙江"), some("金华"), Level::District)
        );
        // a county-level city of another province is none of this one's
        assert_eq!(
            read("浙江省东方市人民政府"),
            (some("浙江"), None, Level::Province)
        );
        // after a city, the city stands: no other city's district is looked up
        assert_eq!(
            read("鹤岗市南山区人民政府"),
            (some("黑龙江"), some("鹤岗"), Level::District)
        );
        assert_eq!(
            within("鹤岗市南山区人民政府", "广东"),
            Some((some("黑龙江"), some("鹤岗"), Level::District))
        );
        // `X市场` is a word, not a county-level city
        assert_eq!(read("义乌市场发展报告"), (None, None, Level::Other));
    }

    #[test]
    fn words_that_end_like_districts_are_not() {
        assert_eq!(
            read("江门市城市管理和综合执法局"),
            (some("广东"), some("江门"), Level::City)
        );
        assert_eq!(
            read("佛山市社区治理办法"),
            (some("广东"), some("佛山"), Level::City)
        );
        assert_eq!(
            read("佛山市区块链产业措施"),
            (some("广东"), some("佛山"), Level::City)
        );
        assert_eq!(
            read("深圳市前海合作区管理局"),
            (some("广东"), some("深圳"), Level::City)
        );
        assert_eq!(
            read("深圳市前海深港现代服务业合作区管理局"),
            (some("广东"), some("深圳"), Level::City)
        );
        assert_eq!(
            read("广东省市场监督管理局"),
            (some("广东"), None, Level::Province)
        );
        assert_eq!(read("中山市场监管"), (None, None, Level::Other));
        for title in [
            "推进县域商业体系建设的通知",
            "关于推进县城建设的意见",
            "粤港澳大湾区建设方案",
            "自贸区改革措施",
            "经济开发区管理办法",
            "城乡社区治理",
            "打造旗舰店",
            "推动区块链发展",
            "全区优化营商环境",
            "中山区域协调发展",
            "南山区块链产业",
        ] {
            assert_eq!(read(title), (None, None, Level::Other), "{title}");
        }
    }
}
