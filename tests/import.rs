//! Import on the real corpus: splitting, metadata, cleaning, decoding.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use policydiff_import::{self as import, Error};
use policydiff_model::{Level, SourceDoc};

mod support;

fn corpus_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/corpus/south-china-2023-business-environment.txt")
}

fn corpus_text() -> String {
    std::fs::read_to_string(corpus_path()).expect("corpus is readable")
}

fn corpus() -> &'static [SourceDoc] {
    static DOCS: OnceLock<Vec<SourceDoc>> = OnceLock::new();
    DOCS.get_or_init(|| import::read_path(&corpus_path()).expect("corpus imports"))
}

/// The one document whose title contains `needle` (panics with the titles otherwise).
fn doc(needle: &str) -> &'static SourceDoc {
    let found: Vec<&SourceDoc> = corpus()
        .iter()
        .filter(|d| d.meta.title.contains(needle))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "{needle}: {:?}",
        corpus().iter().map(|d| &d.meta.title).collect::<Vec<_>>()
    );
    found[0]
}

fn write_temp(name: &str, bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("write temp file");
    (dir, path)
}

// ---- splitting ------------------------------------------------------------

#[test]
fn every_document_of_the_corpus_is_found() {
    let docs = corpus();
    // 37 titled documents (python3 /work/shared/tools/seeddocs.py --list) + the leading fragment
    assert_eq!(docs.len(), 38);
    assert!(docs[0].meta.fragment);
    for d in &docs[1..] {
        let m = &d.meta;
        assert!(!m.fragment, "{}", m.title);
        assert!(!m.title.is_empty());
        assert!(
            !m.title.contains('（') || !m.title.ends_with("日）"),
            "date left in title: {}",
            m.title
        );
        assert!(
            m.date.as_deref().is_some_and(|d| d.starts_with("2023-")),
            "{}",
            m.title
        );
        assert!(
            m.source_url
                .as_deref()
                .is_some_and(|u| u.starts_with("http")),
            "{}",
            m.title
        );
        assert!(m.province.is_some(), "{}", m.title);
        // first text line is the title, no URL or region heading in the text
        assert_eq!(d.text.lines().next(), Some(m.title.as_str()));
        let url = m.source_url.as_deref().unwrap_or_default();
        assert!(!d.text.contains(url), "{}", m.title);
        for heading in [
            "四、华南",
            "（一）广东",
            "（二）广西",
            "（三）海南",
            "五、华中",
            "（一）湖北",
        ] {
            assert!(
                !d.text.lines().any(|l| l == heading),
                "{heading} in {}",
                m.title
            );
        }
    }
    // a section heading of the Shenzhen measures (六、附则) is not a region heading
    assert!(doc("深圳市打造一流质量品牌")
        .text
        .lines()
        .any(|l| l == "六、附则"));
    // titles with the date in half-width brackets, and 文号 found for most documents
    assert_eq!(
        doc("广东省财政厅关于进一步加强政府采购需求管理")
            .meta
            .date
            .as_deref(),
        Some("2023-04-19")
    );
    assert_eq!(doc("惠州市财政局").meta.date.as_deref(), Some("2023-04-13"));
    let numbered = docs.iter().filter(|d| d.meta.doc_number.is_some()).count();
    assert_eq!(numbered, 28, "documents with a 文号");
}

#[test]
fn guangdong_complaint_plan() {
    let d = doc("广东省进一步强化市场主体诉求响应服务工作方案的通知");
    let m = &d.meta;
    assert_eq!(
        m.title,
        "广东省人民政府办公厅关于印发广东省进一步强化市场主体诉求响应服务工作方案的通知"
    );
    assert_eq!(m.doc_number.as_deref(), Some("粤办函〔2023〕41号"));
    assert_eq!(m.date.as_deref(), Some("2023-03-11"));
    assert_eq!(m.issuer.as_deref(), Some("广东省人民政府办公厅"));
    assert_eq!(m.level, Level::Province);
    assert_eq!(m.province.as_deref(), Some("广东"));
    assert_eq!(m.city, None);
    assert_eq!(
        m.source_url.as_deref(),
        Some("http://www.gd.gov.cn/zwgk/wjk/qbwj/ybh/content/post_4136388.html")
    );
    let lines: Vec<&str> = d.text.lines().collect();
    assert_eq!(lines[1], "粤办函（2023）41号");
    assert_eq!(lines[2], "各地级以上市人民政府，省有关单位：");
    assert!(lines.contains(&"省政府办公厅"));
    assert!(lines.contains(&"2023年3月11日"));
    assert!(lines.contains(&"广东省进一步强化市场主体诉求响应服务工作方案"));
    // page break in item 3 joined: one paragraph from "3." to its responsible units
    assert!(d.text.contains("积极做好涉企政策梳理"));
    let item3 = lines
        .iter()
        .find(|l| l.starts_with("3.强化涉企服务互融互通"))
        .expect("item 3");
    assert!(
        item3.ends_with("（省政务服务数据管理局牵头，省有关单位及各地级以上市政府按职责分工负责）")
    );
    assert!(!lines.iter().any(|l| l.starts_with("做好涉企政策梳理")));
    // the original keeps the file's lines
    assert!(d.original.starts_with("4. 广东省人民政府办公厅"));
    assert!(d.original.contains("http://www.gd.gov.cn"));
    assert!(d.original.contains("积极\n\n做好涉企政策梳理"));
}

#[test]
fn foshan_plan() {
    let d = doc("佛山市进一步强化市场主体诉求响应服务工作方案的通知");
    let m = &d.meta;
    assert_eq!(m.doc_number.as_deref(), Some("佛府办函〔2023〕75号"));
    assert_eq!(m.date.as_deref(), Some("2023-06-15"));
    assert_eq!(m.level, Level::City);
    assert_eq!(m.city.as_deref(), Some("佛山"));
    assert_eq!(m.province.as_deref(), Some("广东"));
    assert_eq!(m.issuer.as_deref(), Some("佛山市人民政府办公室"));
    // "诉求 响应" in the inner title is joined
    assert!(d
        .text
        .lines()
        .any(|l| l == "佛山市进一步强化市场主体诉求响应服务工作方案"));
    assert!(!d.text.contains("诉求 响应"));
    assert!(d.original.contains("诉求 响应"));
}

/// Every city of the corpus is a real prefecture-level city, under its province
/// (the region filter nests it there); no document's region is made up.
#[test]
fn corpus_regions_are_provinces_and_their_cities() {
    let mut regions: Vec<(String, String)> = corpus()
        .iter()
        .filter_map(|d| {
            let m = &d.meta;
            let city = m.city.clone()?;
            Some((m.province.clone().unwrap_or_default(), city))
        })
        .collect();
    regions.sort();
    regions.dedup();
    let want = [
        ("广东", "东莞"),
        ("广东", "云浮"),
        ("广东", "佛山"),
        ("广东", "广州"),
        ("广东", "惠州"),
        ("广东", "汕头"),
        ("广东", "汕尾"),
        ("广东", "江门"),
        ("广东", "深圳"),
        ("广西", "北海"),
        ("海南", "三亚"),
        ("海南", "海口"),
    ];
    let want: Vec<(String, String)> = want
        .iter()
        .map(|(p, c)| (p.to_string(), c.to_string()))
        .collect();
    assert_eq!(regions, want);
}

/// A single file's region and level come from its title (or issuer) read against
/// the tables of provinces and prefecture-level cities and of county-level
/// divisions: a known city is put under its province, a district or county is
/// level district under its city and province, and an unknown `X市` gets no
/// region.
#[test]
fn imported_files_get_real_regions_and_levels() {
    let body = "\n一、总体要求\n坚持问题导向，持续优化营商环境。\n二、工作措施\n（一）提升政务服务水平。\n";
    for (title, province, city, level) in [
        (
            "杭州市人民政府办公厅关于印发杭州市优化营商环境实施方案的通知",
            Some("浙江"),
            Some("杭州"),
            Level::City,
        ),
        (
            "杭州市优化营商环境实施方案",
            Some("浙江"),
            Some("杭州"),
            Level::City,
        ),
        (
            "余杭区人民政府办公室关于印发余杭区优化营商环境实施方案的通知",
            Some("浙江"),
            Some("杭州"),
            Level::District,
        ),
        (
            "桐庐县优化营商环境实施方案",
            Some("浙江"),
            Some("杭州"),
            Level::District,
        ),
        (
            "义乌市人民政府关于印发义乌市优化营商环境实施方案的通知",
            Some("浙江"),
            Some("金华"),
            Level::District,
        ),
        // Shenzhen's and Hegang's: no region made up
        ("南山区优化营商环境实施方案", None, None, Level::District),
        ("测试市优化营商环境实施方案", None, None, Level::Other),
        (
            "测试市人民政府办公室关于印发测试市优化营商环境实施方案的通知",
            None,
            None,
            Level::Other,
        ),
        (
            "佛山市顺德区人民政府办公室关于印发顺德区优化营商环境实施方案的通知",
            Some("广东"),
            Some("佛山"),
            Level::District,
        ),
        (
            "广西壮族自治区人民政府办公厅关于印发广西优化营商环境实施方案的通知",
            Some("广西"),
            None,
            Level::Province,
        ),
        (
            "恩施土家族苗族自治州人民政府关于印发恩施州优化营商环境实施方案的通知",
            Some("湖北"),
            Some("恩施"),
            Level::City,
        ),
        (
            "阿拉善盟行政公署关于印发阿拉善盟优化营商环境实施方案的通知",
            Some("内蒙古"),
            Some("阿拉善"),
            Level::City,
        ),
        (
            "长阳土家族自治县人民政府关于印发优化营商环境实施方案的通知",
            Some("湖北"),
            Some("宜昌"),
            Level::District,
        ),
    ] {
        let (_dir, path) = write_temp(&format!("{title}.txt"), format!("{title}{body}").as_bytes());
        let docs = import::read_path(&path).expect("imports");
        assert_eq!(docs.len(), 1, "{title}");
        let m = &docs[0].meta;
        assert_eq!(
            (m.province.as_deref(), m.city.as_deref(), m.level),
            (province, city, level),
            "{title}"
        );
    }
}

/// A district named alone in the title whose name several provinces have
/// (`南山区`: Shenzhen's, Hegang's) takes its city and province from a
/// signature that names them (`深圳市南山区人民政府办公室`); a signature of
/// another level leaves it alone.
#[test]
fn a_district_takes_its_region_from_a_full_signature() {
    let read = |title: &str, signature: &str| {
        let text = format!(
            "{title}\n\n各镇人民政府：\n\n一、总体要求\n\n（一）提高办事效率。\n\n{signature}\n2023年5月1日\n"
        );
        let (_dir, path) = write_temp("区县.txt", text.as_bytes());
        let docs = import::read_path(&path).expect("imports");
        let m = docs[0].meta.clone();
        (m.province, m.city, m.level)
    };
    let title = "南山区人民政府办公室关于印发南山区优化营商环境若干措施的通知";
    assert_eq!(
        read(title, "深圳市南山区人民政府办公室"),
        (Some("广东".into()), Some("深圳".into()), Level::District)
    );
    assert_eq!(
        read(title, "南山区人民政府办公室"),
        (None, None, Level::District)
    );
    // A city's signature under a district's title is no district of that city.
    assert_eq!(
        read(title, "深圳市人民政府办公厅"),
        (None, None, Level::District)
    );
}

/// In a compilation, the region heading's province says which district a
/// name several provinces have is; a district the heading's province does not
/// have gets that province and no city.
#[test]
fn a_region_heading_settles_a_district_named_alone() {
    let text = "四、华南\n\n（一）广东\n\n\
        1. 南山区人民政府办公室关于印发南山区优化营商环境若干措施的通知（2023年5月1日）\n\n\
        各街道办事处：\n\n一、总体要求\n\n（一）提高办事效率。\n\n\
        2. 余杭区人民政府办公室关于印发余杭区优化营商环境若干措施的通知（2023年5月2日）\n\n\
        各街道办事处：\n\n一、总体要求\n\n（一）压减审批时间。\n\n\
        五、东北\n\n（一）黑龙江\n\n\
        1. 南山区人民政府办公室关于印发南山区优化营商环境若干措施的通知（2023年6月1日）\n\n\
        各街道办事处：\n\n一、总体要求\n\n（一）降低办事成本。\n";
    let (_dir, path) = write_temp("汇编.txt", text.as_bytes());
    let docs = import::read_path(&path).expect("imports");
    let regions: Vec<(Option<&str>, Option<&str>, Level)> = docs
        .iter()
        .map(|d| {
            (
                d.meta.province.as_deref(),
                d.meta.city.as_deref(),
                d.meta.level,
            )
        })
        .collect();
    assert_eq!(
        regions,
        [
            (Some("广东"), Some("深圳"), Level::District),
            (Some("广东"), None, Level::District),
            (Some("黑龙江"), Some("鹤岗"), Level::District),
        ]
    );
}

#[test]
fn guangxi_title_line_disagreeing_with_body() {
    // corpus line 2889: the title line repeats the next document's title
    let d = doc("广西贯彻落实");
    let m = &d.meta;
    assert_eq!(
        m.title,
        "广西贯彻落实《“十四五”市场监管现代化规划》实施方案"
    );
    assert_eq!(m.warnings.len(), 1);
    assert!(m.warnings[0].contains("整合共享工作要点"));
    assert_eq!(m.doc_number.as_deref(), Some("桂政办发〔2023〕27号"));
    assert_eq!(m.date.as_deref(), Some("2023-05-26"));
    assert_eq!(m.province.as_deref(), Some("广西"));
    assert_ne!(m.issuer.as_deref(), Some("广西壮族自治区机关事务管理局"));
    assert!(d.original.starts_with("1. 广西壮族自治区机关事务管理局"));
    // the real 工作要点 (corpus line 3121) keeps its title and has no warning
    let real = doc("整合共享工作要点");
    assert!(real.meta.warnings.is_empty());
    assert_eq!(
        real.meta.doc_number.as_deref(),
        Some("桂事管发〔2023〕23号")
    );
    assert_eq!(
        real.meta.issuer.as_deref(),
        Some("广西壮族自治区机关事务管理局")
    );
    // no other document is flagged
    assert_eq!(
        corpus()
            .iter()
            .filter(|d| !d.meta.warnings.is_empty())
            .count(),
        1
    );
}

#[test]
fn wrapped_title_of_guangdong_individual_business_measures() {
    // corpus lines 315-317: the title line wraps onto the next line
    let d = doc("培育扶持个体工商户若干措施的通知");
    assert_eq!(
        d.meta.title,
        "广东省人民政府办公厅关于印发广东省培育扶持个体工商户若干措施的通知"
    );
    assert_eq!(d.meta.date.as_deref(), Some("2023-01-12"));
    assert_eq!(d.meta.doc_number.as_deref(), Some("粤办函〔2023〕12号"));
    assert_eq!(d.text.lines().nth(1), Some("粤办函（2023）12号"));
    assert!(!d.text.contains("若干措施的通知（2023"));
}

#[test]
fn leading_fragment_is_kept_with_excerpt_flag() {
    let d = &corpus()[0];
    assert!(d.meta.fragment);
    assert!(d.meta.excerpt);
    assert_eq!(d.meta.title, import::FRAGMENT_TITLE);
    assert!(d
        .text
        .starts_with("（无标题片段）\n面落实行政处罚裁量基准制度"));
    assert!(d.text.contains("（十三）加强法制队伍自身建设"));
    // markdown link reduced to its text
    assert!(d.text.contains("可点击链接查看"));
    assert!(!d.text.contains("](#)"));
    // region headings after it belong to nobody
    assert!(!d.original.contains("四、华南"));
    // only the fragment carries the excerpt mark in this corpus
    assert_eq!(corpus().iter().filter(|d| d.meta.excerpt).count(), 1);
}

#[test]
fn markdown_bold_is_stripped() {
    let d = doc("广东省财政厅关于进一步加强政府采购需求管理");
    assert!(d.original.contains("**提高思想认识。**"));
    assert!(d.text.contains("（一）提高思想认识。加强政府采购需求管理"));
    assert!(!d.text.contains("**"));
}

#[test]
fn split_of_a_standalone_document() {
    let text = "广东省进一步强化市场主体诉求 响应服务工作方案\n\n粤办函（2023）41号\n\n各地级以上市人民政府：\n\n现印发给你们。\n\n省政府办公厅\n\n2023 年 3 月 11 日\n\n一、工作目标\n\n聚焦建立线上线下融合，\n\n着力提升市场主体信心。\n";
    let docs = import::split(text, None);
    assert_eq!(docs.len(), 1);
    let m = &docs[0].meta;
    assert_eq!(m.title, "广东省进一步强化市场主体诉求响应服务工作方案");
    assert_eq!(m.doc_number.as_deref(), Some("粤办函〔2023〕41号"));
    assert_eq!(m.date.as_deref(), Some("2023-03-11"));
    assert_eq!(m.issuer.as_deref(), Some("省政府办公厅"));
    assert_eq!(m.level, Level::Province);
    assert_eq!(m.province.as_deref(), Some("广东"));
    assert!(!m.fragment);
    assert_eq!(
        docs[0].text,
        "广东省进一步强化市场主体诉求响应服务工作方案\n粤办函（2023）41号\n各地级以上市人民政府：\n现印发给你们。\n省政府办公厅\n2023年3月11日\n一、工作目标\n聚焦建立线上线下融合，着力提升市场主体信心。"
    );
}

// ---- decoding ---------------------------------------------------------------

#[test]
fn gbk_file_imports_like_utf8() {
    let d = doc("佛山市进一步强化市场主体诉求响应服务工作方案的通知");
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&d.original);
    assert!(!unmappable);
    let (_dir, path) = write_temp("foshan-gbk.txt", &gbk);
    let docs = import::read_path(&path).expect("GBK imports");
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].original, d.original);
    assert_eq!(
        docs[0].meta.doc_number.as_deref(),
        Some("佛府办函〔2023〕75号")
    );
    assert_eq!(
        docs[0].meta.source_file.as_deref(),
        Some(path.display().to_string().as_str())
    );
}

#[test]
fn utf16le_and_utf8_with_bom() {
    let d = doc("佛山市进一步强化市场主体诉求响应服务工作方案的通知");
    let mut le = vec![0xFF, 0xFE];
    le.extend(d.original.encode_utf16().flat_map(|u| u.to_le_bytes()));
    let mut u8bom = vec![0xEF, 0xBB, 0xBF];
    u8bom.extend_from_slice(d.original.as_bytes());
    for (name, bytes) in [("le.txt", le), ("bom.md", u8bom)] {
        let (_dir, path) = write_temp(name, &bytes);
        let docs = import::read_path(&path).expect(name);
        assert_eq!(docs.len(), 1, "{name}");
        assert_eq!(docs[0].original, d.original, "{name}");
        assert_eq!(docs[0].meta.title, d.meta.title, "{name}");
    }
}

#[test]
fn empty_and_binary_files_are_refused_naming_the_file() {
    let (_d1, empty) = write_temp("empty.txt", b"");
    let (_d2, binary) = write_temp(
        "picture.txt",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x02\x00\0\0\x01\xe0\x08\x06",
    );
    for (path, reason) in [(&empty, "the file is empty"), (&binary, "binary content")] {
        let err = import::read_path(path).unwrap_err();
        assert!(matches!(err, Error::Unsupported { .. }), "{err}");
        let msg = err.to_string();
        assert!(msg.contains(&path.display().to_string()), "{msg}");
        assert!(msg.contains(reason), "{msg}");
    }
    let missing = Path::new("/nonexistent/policy.txt");
    let err = import::read_path(missing).unwrap_err();
    assert!(matches!(err, Error::Io { .. }));
    assert!(err.to_string().contains("/nonexistent/policy.txt"));
}

/// Bytes that look random (a fixed linear congruential sequence): no format, no text.
fn random_bytes(n: usize) -> Vec<u8> {
    let mut x: u32 = 0x2545_f491;
    (0..n)
        .map(|_| {
            x = x.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            (x >> 24) as u8
        })
        .collect()
}

/// Each kind of unusable file is refused with its own problem (what the app
/// words in Chinese), and the message names the file and says what is wrong.
#[test]
fn each_unusable_file_is_refused_for_its_own_problem() {
    use import::Problem;
    let zip_without_document = {
        let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        z.start_file("hello.txt", zip::write::SimpleFileOptions::default())
            .unwrap();
        z.finish().unwrap().into_inner()
    };
    let mut cut_docx = b"PK\x03\x04".to_vec();
    cut_docx.extend(random_bytes(2048));
    let cases: Vec<(&str, Vec<u8>, Problem, &str)> = vec![
        (
            "空文件.txt",
            Vec::new(),
            Problem::Empty,
            "the file is empty",
        ),
        (
            "空白.txt",
            b"  \r\n\t\n   \n".to_vec(),
            Problem::NoText,
            "nothing but whitespace",
        ),
        (
            "乱码.txt",
            random_bytes(4096),
            Problem::Binary,
            "binary content",
        ),
        (
            "乱码.docx",
            random_bytes(4096),
            Problem::Corrupt,
            "named .docx but cannot be opened as a Word document",
        ),
        (
            "乱码.pdf",
            random_bytes(4096),
            Problem::Corrupt,
            "named .pdf but cannot be opened as a PDF",
        ),
        (
            "截断.docx",
            cut_docx,
            Problem::Corrupt,
            "not a readable DOCX",
        ),
        (
            "英文.txt",
            b"Just an English sentence here.".to_vec(),
            Problem::NoChinese,
            "no Chinese text",
        ),
        (
            "表格.docx",
            zip_without_document,
            Problem::Unsupported,
            "not a Word document",
        ),
        (
            "扫描件.png",
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x02\x00".to_vec(),
            Problem::Unsupported,
            "a .png file of binary content is not a kind PolicyDiff reads",
        ),
        (
            "乱码",
            random_bytes(4096),
            Problem::Binary,
            "binary content",
        ),
    ];
    for (name, bytes, problem, reason) in cases {
        let (_d, path) = write_temp(name, &bytes);
        let err = import::read_path(&path).unwrap_err();
        assert_eq!(err.problem(), Some(problem), "{name}: {err}");
        let msg = err.to_string();
        assert!(
            msg.starts_with(&format!("cannot use {}: ", path.display())) && msg.contains(reason),
            "{name}: {msg}"
        );
    }
}

#[test]
fn twenty_megabyte_file_splits() {
    let text = corpus_text();
    let copies = (20 << 20) / text.len() + 1;
    let mut big = String::with_capacity(text.len() * copies + copies);
    for _ in 0..copies {
        big.push_str(&text);
        big.push('\n');
    }
    assert!(big.len() >= 20 << 20);
    let (_dir, path) = write_temp("big.txt", big.as_bytes());
    let docs = import::read_path(&path).expect("20 MB imports");
    // each copy: the fragment (now after the previous copy's last document,
    // so part of it) + 37 titled documents
    assert_eq!(
        docs.iter().filter(|d| !d.meta.fragment).count(),
        37 * copies
    );
}

#[test]
fn markdown_headings_and_comments_are_cleaned() {
    // The Shanghai regulations are Markdown: `# title`, `<!-- INFO END -->`,
    // `## 第一章  总则`. Titles lose the `#` and get their region and level
    // as plain text does; the comment is not document text.
    let dir = support::fixtures_dir().join("external");
    for (file, title) in [
        (
            "sh-school-injury-2011.md",
            "上海市中小学校学生伤害事故处理条例",
        ),
        (
            "sh-school-injury-2024.md",
            "上海市中小学校学生伤害事故处理条例",
        ),
        (
            "sh-construction-materials-1999.md",
            "上海市建设工程材料管理条例",
        ),
        (
            "sh-construction-materials-2024.md",
            "上海市建设工程材料管理条例",
        ),
        (
            "sh-filing-review-2021.md",
            "上海市人民代表大会常务委员会规范性文件备案审查条例",
        ),
        (
            "sh-filing-review-2024.md",
            "上海市人民代表大会常务委员会规范性文件备案审查条例",
        ),
    ] {
        let docs = import::read_path(&dir.join(file)).expect(file);
        assert_eq!(docs.len(), 1, "{file}");
        let d = &docs[0];
        assert_eq!(d.meta.title, title, "{file}");
        assert_eq!(d.meta.province.as_deref(), Some("上海"), "{file}");
        assert_eq!(d.meta.level, Level::Province, "{file}");
        assert!(!d.text.contains("<!--") && !d.text.contains('#'), "{file}");
        assert!(d.text.lines().any(|l| l.starts_with("第一条")), "{file}");
    }
    // The same heading in a .txt is cleaned alike; `#标签` is text.
    let md =
        "# 上海市测试管理办法\n\n<!-- INFO END -->\n\n第一条 为了规范管理，制定本办法。#标签\n";
    for name in ["t.md", "t.txt"] {
        let (_dir, path) = write_temp(name, md.as_bytes());
        let d = &import::read_path(&path).expect(name)[0];
        assert_eq!(d.meta.title, "上海市测试管理办法", "{name}");
        assert_eq!(d.meta.province.as_deref(), Some("上海"), "{name}");
        assert_eq!(d.meta.level, Level::Province, "{name}");
        assert_eq!(
            d.text, "上海市测试管理办法\n第一条为了规范管理，制定本办法。#标签",
            "{name}"
        );
    }
}

#[test]
fn a_docx_bomb_under_the_inflate_limit_is_refused_by_its_text() {
    // A small DOCX whose document.xml inflates to ~100 MB of short
    // paragraphs (under the 256 MB part limit, ~60 MB of text): refused,
    // naming the file, instead of becoming a document of millions of clauses:
    // its 1.27 million paragraphs are over the file's limit, before it is split.
    use std::io::Write;
    let rep = "<w:p><w:r><w:t>第一条 为了规范管理，制定本办法。</w:t></w:r></w:p>";
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("word/document.xml", opts).unwrap();
    zip.write_all(br#"<w:document xmlns:w="x"><w:body>"#)
        .unwrap();
    let chunk = rep.repeat(10_000);
    for _ in 0..(100 << 20) / chunk.len() {
        zip.write_all(chunk.as_bytes()).unwrap();
    }
    zip.write_all(b"</w:body></w:document>").unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    assert!(bytes.len() < 2 << 20, "{}", bytes.len());
    let (_dir, path) = write_temp("bomb.docx", &bytes);
    let err = import::read_path(&path).unwrap_err().to_string();
    assert!(
        err.starts_with(&format!(
            "cannot use {}: it has too many paragraphs (1270000; at most {} in one file",
            path.display(),
            import::MAX_FILE_PARAGRAPHS
        )),
        "{err}"
    );
}

#[test]
fn a_document_of_too_many_paragraphs_is_refused() {
    let text = format!(
        "关于测试的通知\n{}",
        "第一条 为了规范管理，制定本办法。\n".repeat(import::MAX_DOC_PARAGRAPHS + 1)
    );
    let (_dir, path) = write_temp("many.txt", text.as_bytes());
    let err = import::read_path(&path).unwrap_err().to_string();
    assert!(
        err.contains("many.txt: the document 《关于测试的通知》 has too many paragraphs"),
        "{err}"
    );
}

// ---- DOCX and HTML ----------------------------------------------------------

/// Split a paragraph into runs at every digit/non-digit change, as
/// LibreOffice does at script changes.
fn runs(text: &str) -> String {
    let mut out = String::new();
    let mut cur = String::new();
    let mut digit = None;
    for c in text.chars() {
        if digit.is_some_and(|d| d != c.is_ascii_digit()) {
            out.push_str(&format!(
                "<w:r><w:t xml:space=\"preserve\">{cur}</w:t></w:r>"
            ));
            cur.clear();
        }
        digit = Some(c.is_ascii_digit());
        match c {
            '<' => cur.push_str("&lt;"),
            '&' => cur.push_str("&amp;"),
            _ => cur.push(c),
        }
    }
    out.push_str(&format!(
        "<w:r><w:t xml:space=\"preserve\">{cur}</w:t></w:r>"
    ));
    out
}

/// A DOCX of the Foshan plan: `（一）` labels as Word auto-numbering (one
/// list per 一、 section), runs split at digits, a deleted run, a table.
fn foshan_docx(text: &str) -> Vec<u8> {
    use std::io::Write;
    let label = regex::Regex::new(r"^（[一二三四五六七八九十]+）").unwrap();
    let mut body = String::new();
    let mut list = 1;
    for line in text.lines() {
        if line.starts_with("一、") || line.starts_with("二、") || line.starts_with("三、") {
            list += 1;
        }
        match label.find(line) {
            Some(m) => body.push_str(&format!(
                "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"{list}\"/></w:numPr></w:pPr>{}</w:p>",
                runs(&line[m.end()..])
            )),
            None => body.push_str(&format!("<w:p>{}</w:p>", runs(line))),
        }
    }
    body.push_str("<w:p><w:r><w:t>删除测试：</w:t></w:r><w:del><w:r><w:delText>旧文字</w:delText></w:r></w:del><w:ins><w:r><w:t>新文字。</w:t></w:r></w:ins></w:p>");
    body.push_str("<w:tbl><w:tr><w:tc><w:p><w:r><w:t>牵头单位</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>市政务服务数据管理局</w:t></w:r></w:p></w:tc></w:tr></w:tbl>");
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>"
    );
    let mut numbering = String::from("<?xml version=\"1.0\"?><w:numbering xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">");
    for k in 2..=list {
        numbering.push_str(&format!(
            "<w:abstractNum w:abstractNumId=\"{k}\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"（%1）\"/></w:lvl></w:abstractNum>"
        ));
    }
    for k in 2..=list {
        numbering.push_str(&format!(
            "<w:num w:numId=\"{k}\"><w:abstractNumId w:val=\"{k}\"/></w:num>"
        ));
    }
    numbering.push_str("</w:numbering>");
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    for (name, content) in [
        ("word/document.xml", document),
        ("word/numbering.xml", numbering),
    ] {
        zip.start_file(name, opts).unwrap();
        zip.write_all(content.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn docx_reads_paragraphs_numbering_and_tables() {
    let d = doc("佛山市进一步强化市场主体诉求响应服务工作方案的通知");
    // the plan's body uses （一）… under each 一、 section: make them auto-numbers
    assert!(d.text.lines().filter(|l| l.starts_with("（一）")).count() >= 2);
    let (_dir, path) = write_temp("foshan.docx", &foshan_docx(&d.text));
    let docs = import::read_path(&path).expect("DOCX imports");
    assert_eq!(docs.len(), 1);
    let got = &docs[0];
    let lines: Vec<&str> = got.text.lines().collect();
    let want: Vec<&str> = d.text.lines().collect();
    assert_eq!(
        lines[..want.len()],
        want[..],
        "auto-numbered labels rendered back"
    );
    assert_eq!(
        lines[want.len()..],
        ["删除测试：新文字。", "牵头单位", "市政务服务数据管理局"]
    );
    assert_eq!(got.meta.title, d.meta.title);
    assert_eq!(got.meta.doc_number.as_deref(), Some("佛府办函〔2023〕75号"));
    assert_eq!(got.meta.date.as_deref(), Some("2023-06-15"));
    assert_eq!(got.meta.city.as_deref(), Some("佛山"));
}

#[test]
fn broken_docx_and_pdf_are_refused_clearly() {
    // A truncated PDF: named, and said to be unreadable.
    let (_d1, zip_no_doc) = write_temp("empty.docx", &{
        let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        z.start_file("hello.txt", zip::write::SimpleFileOptions::default())
            .unwrap();
        z.finish().unwrap().into_inner()
    });
    let (_d2, pdf) = write_temp("plan.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n");
    for (path, reason) in [
        (&zip_no_doc, "not a Word document"),
        (&pdf, "not a readable PDF"),
    ] {
        let msg = import::read_path(path).unwrap_err().to_string();
        assert!(
            msg.contains(&path.display().to_string()) && msg.contains(reason),
            "{msg}"
        );
    }
}

// ---- binary Word (.doc, .wps) ----------------------------------------------

fn doc_fixture(name: &str) -> PathBuf {
    support::fixtures_dir().join("doc").join(name)
}

/// The clause tree of a text: each clause's path and text.
fn clause_tree(text: &str) -> Vec<(String, String)> {
    policydiff_parse::parse(text)
        .clauses
        .iter()
        .map(|c| (c.path.clone(), c.text.clone()))
        .collect()
}

/// A copy of an OLE file with one stream changed.
fn with_stream(file: &[u8], name: &str, change: impl FnOnce(&mut Vec<u8>)) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut ole = cfb::CompoundFile::open(std::io::Cursor::new(file.to_vec())).unwrap();
    let mut data = Vec::new();
    ole.open_stream(name)
        .unwrap()
        .read_to_end(&mut data)
        .unwrap();
    change(&mut data);
    ole.create_stream(name).unwrap().write_all(&data).unwrap();
    ole.flush().unwrap();
    ole.into_inner().into_inner()
}

/// One stream of an OLE file.
fn stream(file: &[u8], name: &str) -> Vec<u8> {
    use std::io::Read;
    let mut ole = cfb::CompoundFile::open(std::io::Cursor::new(file)).unwrap();
    let mut data = Vec::new();
    ole.open_stream(name)
        .unwrap()
        .read_to_end(&mut data)
        .unwrap();
    data
}

fn le32(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(b[at..at + 4].try_into().unwrap())
}

/// Where LibreOffice's FIB (Word 97: csw 14, cslw 22) keeps `ccpText`,
/// `fcClx` and `lcbClx`.
const CCP_TEXT: usize = 0x4C;
const FC_CLX: usize = 0x1A2;
const LCB_CLX: usize = 0x1A6;

/// The FIB of a LibreOffice .doc, checked to have the layout the offsets above assume.
fn fib_of(doc: &[u8]) -> Vec<u8> {
    let word = stream(doc, "WordDocument");
    assert_eq!(word[..2], [0xEC, 0xA5], "wIdent");
    assert_eq!(word[0x20..0x22], [14, 0], "csw");
    assert_eq!(word[0x3E..0x40], [22, 0], "cslw");
    assert_eq!(word[0x0B] & 0x02, 0x02, "fWhichTblStm: 1Table");
    word
}

/// A corpus document saved by LibreOffice as Word 97–2003 imports as the
/// text it was made from: the same paragraphs, metadata and clause tree,
/// under a .wps name as well.
#[test]
fn a_doc_imports_like_the_text_it_was_made_from() {
    let want = doc("广州市网上办事管理办法的通知");
    let fixture = doc_fixture("gz-online-services.doc");
    let (_d, wps) = write_temp("穗府办规〔2023〕7号.wps", &std::fs::read(&fixture).unwrap());
    for path in [fixture, wps] {
        let docs = import::read_path(&path).expect("the .doc imports");
        assert_eq!(docs.len(), 1, "{}", path.display());
        let got = &docs[0];
        assert_eq!(got.text, want.text, "the same paragraphs, in order");
        assert_eq!(got.meta.title, want.meta.title);
        assert_eq!(got.meta.doc_number.as_deref(), Some("穗府办规〔2023〕7号"));
        assert_eq!(got.meta.date, want.meta.date);
        assert_eq!(got.meta.city.as_deref(), Some("广州"));
        assert_eq!(got.meta.source_file, Some(path.display().to_string()));
        assert!(got.meta.warnings.is_empty(), "{:?}", got.meta.warnings);
        let tree = clause_tree(&got.text);
        assert!(tree.iter().any(|(p, _)| p.contains("第二十条")), "{tree:?}");
        assert_eq!(tree, clause_tree(&want.text));
    }
}

/// A notice with a table, fields, notes, a comment, a header and a footer,
/// saved by LibreOffice as .doc and as DOCX: the .doc reads as the DOCX does;
/// table cells are paragraphs, fields give their results, and nothing of the
/// notes, comment, header or footer is in the body. The .wps copy reads the same.
#[test]
fn a_doc_imports_like_the_docx_of_the_same_document() {
    let from_docx = import::read_path(&doc_fixture("features.docx")).expect("the DOCX imports");
    for name in ["features.doc", "features.wps"] {
        let docs = import::read_path(&doc_fixture(name)).expect("the .doc imports");
        assert_eq!(docs.len(), 1, "{name}");
        let (got, want) = (&docs[0], &from_docx[0]);
        assert_eq!(got.text, want.text, "{name}");
        assert_eq!(
            got.meta.title,
            "某市人民政府办公室关于印发某市政务服务测试工作方案的通知"
        );
        assert_eq!(got.meta.doc_number.as_deref(), Some("某府办函〔2024〕12号"));
        assert_eq!(got.meta.date, want.meta.date);
        assert!(got.meta.warnings.is_empty(), "{:?}", got.meta.warnings);
        assert_eq!(clause_tree(&got.text), clause_tree(&want.text), "{name}");
        let lines: Vec<&str> = got.text.lines().collect();
        // The table: a line per cell paragraph, in reading order.
        let table = lines.iter().position(|l| *l == "任务").expect("table");
        assert_eq!(
            lines[table..table + 7],
            [
                "任务",
                "牵头单位",
                "完成时限",
                "建立诉求台账",
                "市政务服务数据管理局",
                "市发展改革局",
                "2024年6月底前"
            ]
        );
        // Field results kept, instructions dropped; the non-breaking hyphen.
        assert!(got
            .text
            .contains("办理情况在市政府门户网站公开，编号A-01的事项优先办理。"));
        assert!(got.text.contains("通报范围为本方案第1页所列单位。"));
        for absent in [
            "HYPERLINK",
            "example.gov.cn",
            "PAGE",
            "脚注",
            "尾注",
            "批注",
            "页眉",
            "页脚",
        ] {
            assert!(
                !got.text.contains(absent),
                "{name}: {absent} in {}",
                got.text
            );
        }
        assert!(!got.text.contains(|c: char| c.is_control() && c != '\n'));
    }
}

/// Word's automatic numbering (第一条 … continued after another list, 一、
/// （一） 1. in three levels) in a .doc: rendered as the DOCX of the same
/// document renders it.
#[test]
fn a_doc_with_automatic_numbering_imports_like_its_docx() {
    let from_docx = import::read_path(&doc_fixture("numbering.docx")).expect("the DOCX imports");
    let docs = import::read_path(&doc_fixture("numbering.doc")).expect("the .doc imports");
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].text, from_docx[0].text);
    let lines: Vec<&str> = docs[0].text.lines().collect();
    assert_eq!(
        lines,
        [
            "某市政务服务事项管理办法",
            "第一条为了规范政务服务事项管理，制定本办法。",
            "第二条本办法适用于本市行政区域内政务服务事项的管理。",
            "第三条市政务服务数据管理局负责组织实施本办法，并履行下列职责：",
            "一、编制事项清单",
            "（一）组织各部门梳理本部门事项。",
            "1.事项名称；",
            "2.办理时限。",
            "（二）汇总形成全市清单。",
            "二、动态调整清单",
            "（一）事项调整的，应当在五个工作日内更新。",
            "第四条本办法自2024年5月1日起施行。",
        ]
    );
    let tree = clause_tree(&docs[0].text);
    assert_eq!(tree, clause_tree(&from_docx[0].text));
    assert!(tree.iter().any(|(p, _)| p == "第四条"), "{tree:?}");
}

/// A .doc whose piece table splits the text into three pieces, the middle one
/// 8-bit (what Word writes for Latin text), after a formatting entry, and
/// kept at the end of the table stream: the same text.
#[test]
fn a_doc_of_utf16_and_8_bit_pieces_reads_the_same() {
    let original = std::fs::read(doc_fixture("features.doc")).unwrap();
    let word = fib_of(&original);
    let table = stream(&original, "1Table");
    let clx = le32(&word, FC_CLX) as usize;
    // LibreOffice's piece table: one UTF-16 piece.
    assert_eq!(table[clx], 2);
    assert_eq!(le32(&table, clx + 1), 16);
    let (total, fc) = (le32(&table, clx + 9), le32(&table, clx + 15));
    assert_eq!(le32(&table, clx + 5), 0);
    assert_eq!(fc & 0x4000_0000, 0);
    let units: Vec<u16> = word[fc as usize..fc as usize + 2 * total as usize]
        .chunks(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .collect();
    let year: Vec<u16> = "2025".encode_utf16().collect();
    let k = units.windows(4).position(|w| w == year).unwrap() as u32;
    let eight = word.len() as u32;
    let mut pieces = vec![1u8, 2, 0, 0x0A, 0x26, 2];
    pieces.extend(40u32.to_le_bytes());
    for cp in [0, k, k + 4, total] {
        pieces.extend(cp.to_le_bytes());
    }
    for fc in [fc, (eight * 2) | 0x4000_0000, fc + 2 * (k + 4)] {
        pieces.extend([0, 0]);
        pieces.extend(fc.to_le_bytes());
        pieces.extend([0, 0]);
    }
    let new_clx = table.len() as u32;
    let file = with_stream(&original, "1Table", |t| t.extend(&pieces));
    let file = with_stream(&file, "WordDocument", |w| {
        w.extend(b"2025");
        w[FC_CLX..FC_CLX + 4].copy_from_slice(&new_clx.to_le_bytes());
        w[LCB_CLX..LCB_CLX + 4].copy_from_slice(&(pieces.len() as u32).to_le_bytes());
    });
    let (_d, path) = write_temp("pieces.doc", &file);
    let got = import::read_path(&path).expect("the .doc imports");
    let want = import::read_path(&doc_fixture("features.doc")).unwrap();
    assert_eq!(got[0].text, want[0].text);
    // The 8-bit piece is really read: other bytes there, other text.
    let file = with_stream(&file, "WordDocument", |w| {
        let n = w.len();
        w[n - 4..].copy_from_slice(b"2031");
    });
    let (_d, path) = write_temp("pieces.doc", &file);
    let got = import::read_path(&path).expect("the .doc imports");
    assert!(got[0].text.contains("到2031年底前"), "{}", got[0].text);
}

/// An encrypted .doc, a damaged one (cut short, its piece table pointing out
/// of its streams, its table stream missing, its text longer than its
/// pieces): refused with the file named and the reason, never a panic.
#[test]
fn an_encrypted_or_damaged_doc_is_refused_clearly() {
    let original = std::fs::read(doc_fixture("features.doc")).unwrap();
    let word = fib_of(&original);
    let clx = le32(&word, FC_CLX) as usize;
    let set =
        |at: usize, v: u32| move |w: &mut Vec<u8>| w[at..at + 4].copy_from_slice(&v.to_le_bytes());
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "encrypted.doc",
            with_stream(&original, "WordDocument", |w| w[0x0B] |= 0x01),
            "the Word document is password-protected (encrypted); save an unprotected copy",
        ),
        (
            "cut.doc",
            original[..original.len() / 2].to_vec(),
            "damaged",
        ),
        (
            "clx.doc",
            with_stream(&original, "WordDocument", set(FC_CLX, 0x00FF_FFFF)),
            "the Word document is damaged (piece table out of range)",
        ),
        (
            "piece.doc",
            with_stream(&original, "1Table", set(clx + 15, 0x3FFF_0000)),
            "the Word document is damaged (piece table out of range)",
        ),
        (
            "ccp.doc",
            with_stream(&original, "WordDocument", set(CCP_TEXT, 100_000)),
            "the Word document is damaged (its piece table ends before its text does)",
        ),
        (
            "table.doc",
            with_stream(&original, "WordDocument", |w| w[0x0B] &= !0x02),
            "the Word document is damaged (its 0Table stream is missing)",
        ),
        (
            "word95.doc",
            with_stream(&original, "WordDocument", |w| {
                w[2..4].copy_from_slice(&104u16.to_le_bytes())
            }),
            "it is a Word 6.0/95 document",
        ),
    ];
    for (name, bytes, reason) in cases {
        let (_d, path) = write_temp(name, &bytes);
        let err = import::read_path(&path).unwrap_err();
        assert!(matches!(err, Error::Unsupported { .. }), "{err:?}");
        let msg = err.to_string();
        assert!(
            msg.starts_with(&format!("cannot use {}: ", path.display())) && msg.contains(reason),
            "{name}: {msg}"
        );
    }
    // The same table under the other name, with the flag saying so: read.
    let mut ole = cfb::CompoundFile::open(std::io::Cursor::new(original.clone())).unwrap();
    std::io::Write::write_all(
        &mut ole.create_stream("0Table").unwrap(),
        &stream(&original, "1Table"),
    )
    .unwrap();
    ole.flush().unwrap();
    let moved = with_stream(&ole.into_inner().into_inner(), "WordDocument", |w| {
        w[0x0B] &= !0x02
    });
    let (_d, path) = write_temp("0table.doc", &moved);
    let got = import::read_path(&path).expect("a .doc with its table in 0Table imports");
    assert!(got[0].text.contains("市政府门户网站"));
}

/// Damage anywhere (the file cut at any point, any byte of the file, of the
/// FIB, of the piece table or of the list tables, style sheet and paragraph
/// properties overwritten) gives a document or an error naming the file,
/// never a panic.
#[test]
fn a_doc_damaged_anywhere_never_panics() {
    let original = std::fs::read(doc_fixture("features.doc")).unwrap();
    let word = fib_of(&original);
    let clx = le32(&word, FC_CLX) as usize;
    let lcb = le32(&word, LCB_CLX) as usize;
    let mut variants: Vec<Vec<u8>> = Vec::new();
    variants.extend(
        (0..original.len())
            .step_by(509)
            .map(|n| original[..n].to_vec()),
    );
    for at in (0..original.len()).step_by(37) {
        let mut b = original.clone();
        b[at] ^= 0xFF;
        variants.push(b);
    }
    for at in 0..0x1B0 {
        variants.push(with_stream(&original, "WordDocument", |w| w[at] ^= 0xFF));
    }
    for at in clx..clx + lcb {
        for v in [0x00, 0x7F, 0xFF] {
            variants.push(with_stream(&original, "1Table", |t| t[at] = v));
        }
    }
    // The list tables, style sheet and paragraph properties of a numbered document.
    let numbered = std::fs::read(doc_fixture("numbering.doc")).unwrap();
    let table = stream(&numbered, "1Table");
    for at in (0..table.len()).step_by(3) {
        variants.push(with_stream(&numbered, "1Table", |t| t[at] ^= 0xFF));
    }
    let word = stream(&numbered, "WordDocument");
    for at in (0x200..word.len()).step_by(7) {
        variants.push(with_stream(&numbered, "WordDocument", |w| w[at] ^= 0xFF));
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("damaged.doc");
    let (mut read, mut refused) = (0, 0);
    for bytes in &variants {
        std::fs::write(&path, bytes).unwrap();
        match import::read_path(&path) {
            Ok(_) => read += 1,
            Err(e) => {
                assert!(
                    e.to_string()
                        .starts_with(&format!("cannot use {}: ", path.display())),
                    "{e}"
                );
                refused += 1;
            }
        }
    }
    assert!(read > 0 && refused > 0, "{read} read, {refused} refused");
}

/// Office 97–2003 files that are not Word documents: refused saying what they are.
#[test]
fn an_ole_file_that_is_not_a_word_document_is_refused_for_what_it_is() {
    let ole = |streams: &[&str]| {
        use std::io::Write;
        let mut f = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).unwrap();
        for s in streams {
            f.create_stream(s).unwrap().write_all(b"data").unwrap();
        }
        f.flush().unwrap();
        f.into_inner().into_inner()
    };
    for (streams, what) in [
        (
            &["Workbook"][..],
            "it is an Excel workbook (.xls, .et), not a Word document",
        ),
        (
            &["__substg1.0_0037001F", "__properties_version1.0"][..],
            "it is an Outlook message (.msg), not a Word document",
        ),
        (
            &["PowerPoint Document"][..],
            "it is a PowerPoint presentation (.ppt, .dps), not a Word document",
        ),
        (
            &["EncryptionInfo", "EncryptedPackage"][..],
            "it is a password-protected (encrypted) Office document",
        ),
        (
            &["Contents"][..],
            "it is an Office 97–2003 (OLE) file of another kind, not a Word document",
        ),
    ] {
        let (_d, path) = write_temp("通知.doc", &ole(streams));
        let msg = import::read_path(&path).unwrap_err().to_string();
        assert_eq!(
            msg,
            format!(
                "cannot use {}: {what}{}",
                path.display(),
                if what.contains("password") {
                    "; save an unprotected copy"
                } else {
                    " (it has no WordDocument stream)"
                }
            )
        );
    }
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Guangdong's plan typeset as a PDF by LibreOffice, in the two ways
/// government PDFs set paragraphs (a first-line indent and no spacing; no
/// indent and spacing between paragraphs), with the title centred in a larger
/// size and wrapping over two lines and paragraphs running over page breaks,
/// then imported: the same document, text and clause tree as from text.
#[test]
fn pdf_from_libreoffice_imports_like_the_text() {
    if !support::tool_available("soffice", "--version") {
        return;
    }
    let d = doc("广东省进一步强化市场主体诉求响应服务工作方案");
    let clauses = |t: &str| {
        let tree = policydiff_parse::parse(t);
        tree.clauses
            .iter()
            .map(|c| (c.path.clone(), c.text.clone()))
            .collect::<Vec<_>>()
    };
    // LibreOffice sets <div> lines without spacing, <p> with spacing.
    for (name, tag, style) in [
        ("indented", "div", "text-indent:24pt"),
        ("spaced", "p", "margin-bottom:8pt"),
    ] {
        let mut lines = d.text.lines();
        let title = lines.next().unwrap();
        let mut html = format!(
            "<html><head><meta charset=\"utf-8\"></head><body>\
             <p align=\"center\" style=\"font-size:22pt\">{}</p>",
            html_escape(title)
        );
        for l in lines {
            html.push_str(&format!(
                "<{tag} style=\"{style}\">{}</{tag}>",
                html_escape(l)
            ));
        }
        html.push_str("</body></html>");
        let (dir, src) = write_temp(&format!("{name}.html"), html.as_bytes());
        let out = std::process::Command::new("soffice")
            .arg(format!(
                "-env:UserInstallation=file://{}/lo",
                dir.path().display()
            ))
            .args([
                "--headless",
                "--infilter=HTML (StarWriter)",
                "--convert-to",
                "pdf",
                "--outdir",
            ])
            .arg(dir.path())
            .arg(&src)
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        let pdf = dir.path().join(format!("{name}.pdf"));
        assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));

        let docs = import::read_path(&pdf).expect("the PDF imports");
        let titles: Vec<&String> = docs.iter().map(|d| &d.meta.title).collect();
        assert_eq!(docs.len(), 1, "{name}: {titles:?}");
        let got = &docs[0];
        assert_eq!(got.text, d.text, "{name}: the same paragraphs, in order");
        assert_eq!(got.meta.title, d.meta.title);
        assert_eq!(got.meta.doc_number, d.meta.doc_number);
        assert_eq!(got.meta.date, d.meta.date);
        assert_eq!(clauses(&got.text), clauses(&d.text), "{name}");
    }
}

/// The whole bundled corpus (about 140 pages, no paragraph indents or spacing:
/// LibreOffice's plain-text layout) converted to PDF and imported: every
/// document comes back, with the same metadata and, whitespace aside, the same
/// text.
#[test]
fn the_corpus_as_pdf_imports_like_the_text() {
    if !support::tool_available("soffice", "--version") {
        return;
    }
    let (dir, txt) = write_temp("corpus.txt", corpus_text().as_bytes());
    let out = std::process::Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}/lo",
            dir.path().display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&txt)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let docs = import::read_path(&dir.path().join("corpus.pdf")).expect("the PDF imports");
    let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    assert_eq!(docs.len(), corpus().len());
    let mut identical = 0;
    for (got, want) in docs.iter().zip(corpus()) {
        assert_eq!(got.meta.title, want.meta.title);
        assert_eq!(
            got.meta.doc_number, want.meta.doc_number,
            "{}",
            want.meta.title
        );
        assert_eq!(got.meta.date, want.meta.date, "{}", want.meta.title);
        assert_eq!(
            got.meta.source_url, want.meta.source_url,
            "{}",
            want.meta.title
        );
        assert_eq!(squash(&got.text), squash(&want.text), "{}", want.meta.title);
        identical += usize::from(got.text == want.text);
    }
    eprintln!("{identical} of {} documents byte-identical", docs.len());
}

/// A PDF briefing note written by the report module has page numbers
/// (`— N —`) in its footer: they are not part of the imported text.
#[test]
fn pdf_page_numbers_are_dropped() {
    let gd = doc("广东省进一步强化市场主体诉求响应服务工作方案");
    let fs = doc("佛山市进一步强化市场主体诉求响应服务工作方案");
    let to_doc = |d: &SourceDoc| policydiff_model::Doc {
        id: None,
        tree: policydiff_parse::parse(&d.text),
        meta: d.meta.clone(),
    };
    let c = policydiff_engine::compare(
        policydiff_segment::Segmenter::shared(),
        &to_doc(gd),
        &to_doc(fs),
        &Default::default(),
    );
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("简报.pdf");
    policydiff_report::export_to_file(
        &pdf,
        policydiff_report::Format::Pdf,
        &c,
        &[],
        &Default::default(),
    )
    .unwrap();
    let docs = import::read_path(&pdf).expect("the report PDF imports");
    let text: String = docs.iter().map(|d| d.text.as_str()).collect();
    assert!(text.contains("对比分析报告") && text.contains("重点差异"));
    let numbers: Vec<&str> = text
        .lines()
        .filter(|l| {
            l.trim_matches(|c: char| c == '—' || c.is_whitespace() || c.is_ascii_digit())
                .is_empty()
        })
        .collect();
    assert!(numbers.is_empty(), "page numbers left: {numbers:?}");
}

#[test]
fn pdf_without_text_or_broken_is_refused_clearly() {
    // A page with a filled square and no text (what a scan without OCR is to a reader).
    let mut doc = krilla::Document::new();
    let mut page = doc.start_page_with(krilla::page::PageSettings::from_wh(200.0, 200.0).unwrap());
    let mut surface = page.surface();
    let mut pb = krilla::geom::PathBuilder::new();
    pb.push_rect(krilla::geom::Rect::from_xywh(10.0, 10.0, 50.0, 50.0).unwrap());
    surface.draw_path(&pb.finish().unwrap());
    surface.finish();
    page.finish();
    let (_d, scan) = write_temp("扫描件.pdf", &doc.finish().unwrap());
    let msg = import::read_path(&scan).unwrap_err().to_string();
    assert!(
        msg.contains("扫描件.pdf") && msg.contains("no text layer"),
        "{msg}"
    );
}

#[test]
fn html_page_in_gbk_gives_the_article() {
    let page = r#"<!DOCTYPE html><html><head><meta charset="gbk">
<meta name="ArticleTitle" content="佛山市人民政府办公室关于印发佛山市进一步强化市场主体诉求响应服务工作方案的通知">
<title>佛山市人民政府办公室关于印发…的通知_佛山市人民政府门户网站</title></head>
<body><div class="nav"><a href="/">首页</a> <a href="/zwgk">政务公开</a></div>
<table class="info"><tr><td>索引号：</td><td>11440600</td></tr></table>
<div class="article"><div id="zoomcon">
<p>佛府办函〔2023〕75 号</p>
<p>各区人民政府，市政府各部门、直属各机构：</p>
<p>《佛山市进一步强化市场主体诉求响应服务工作方案》已经市人民政府同意，现印发给你们，请认真贯彻执行。</p>
<p>佛山市人民政府办公室</p><p>2023 年 6 月 15 日</p>
<p>一、工作目标</p><p>聚焦建立线上线下融合、企业有呼必应的一体化诉求响应工作体系，</p><p>打造一流营商环境。</p>
</div></div><div class="footer"><p>主办：佛山市人民政府办公室 版权所有</p></div></body></html>"#;
    let (gbk, _, _) = encoding_rs::GBK.encode(page);
    let (_dir, path) = write_temp("foshan.shtml", &gbk);
    let docs = import::read_path(&path).expect("HTML imports");
    assert_eq!(docs.len(), 1);
    let d = &docs[0];
    assert_eq!(
        d.meta.title,
        "佛山市人民政府办公室关于印发佛山市进一步强化市场主体诉求响应服务工作方案的通知"
    );
    assert_eq!(d.meta.doc_number.as_deref(), Some("佛府办函〔2023〕75号"));
    assert_eq!(d.meta.date.as_deref(), Some("2023-06-15"));
    assert!(d.text.contains("\n一、工作目标\n聚焦建立线上线下融合、企业有呼必应的一体化诉求响应工作体系，打造一流营商环境。"));
    for noise in ["首页", "索引号", "版权所有"] {
        assert!(!d.text.contains(noise), "{noise} in {}", d.text);
    }
}

// ---- hostile and damaged files --------------------------------------------

#[test]
fn a_few_damaged_bytes_are_replaced_and_reported() {
    // The corpus with one 0xFF in the middle of a document and a character cut at the end.
    let text = corpus_text();
    let d = doc("佛山市进一步强化市场主体诉求响应服务工作方案的通知");
    let at = text.find("聚焦").expect("a sentence of the corpus");
    let mut bytes = text.as_bytes()[..at].to_vec();
    bytes.push(0xFF);
    bytes.extend_from_slice(&text.as_bytes()[at..]);
    bytes.extend_from_slice(&"附".as_bytes()[..2]);
    let (_dir, path) = write_temp("damaged.txt", &bytes);
    let docs = import::read_path(&path).expect("a slightly damaged file imports");
    assert_eq!(docs.len(), corpus().len());
    let damaged: Vec<&SourceDoc> = docs
        .iter()
        .filter(|d| d.meta.warnings.iter().any(|w| w.contains("damaged byte")))
        .collect();
    assert_eq!(damaged.len(), 2, "the two documents with damage are warned");
    let first = &damaged[0];
    assert!(first.original.contains("\u{FFFD}聚焦"));
    let w = first
        .meta
        .warnings
        .iter()
        .find(|w| w.contains("damaged"))
        .unwrap();
    assert_eq!(
        w,
        &format!("1 damaged byte sequence could not be read as UTF-8 and was replaced by \u{FFFD} (byte offset {at} of the file)")
    );
    let last = damaged[1]
        .meta
        .warnings
        .iter()
        .find(|w| w.contains("damaged"))
        .unwrap();
    assert!(
        last.contains(&format!("byte offset {} of the file", text.len() + 1)),
        "{last}"
    );
    // The other documents read exactly as from the undamaged file.
    for (got, want) in docs.iter().zip(corpus()) {
        if !got.original.contains('\u{FFFD}') {
            assert_eq!(got.text, want.text);
            assert_eq!(got.meta.warnings, want.meta.warnings);
        }
    }
    assert!(docs.iter().any(|x| x.meta.title == d.meta.title));
}

#[test]
fn a_really_binary_file_is_still_refused() {
    // Random bytes with Chinese text sprinkled in: far more damage than a text file has.
    let mut bytes = Vec::new();
    let mut x: u32 = 12345;
    for i in 0..20_000 {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        bytes.push((x >> 16) as u8 | 0x80);
        if i % 50 == 0 {
            bytes.extend_from_slice("政策文件".as_bytes());
        }
    }
    let (_dir, path) = write_temp("noise.txt", &bytes);
    let msg = import::read_path(&path).unwrap_err().to_string();
    assert!(
        msg.contains("binary content") && msg.contains("noise.txt"),
        "{msg}"
    );
}

#[test]
fn control_and_bidi_characters_are_removed_with_a_warning() {
    // A right-to-left override makes `内日作工个3` display as `3个工作日内`
    // (and the text as compared is not the text shown); ESC, BEL and NUL
    // would reach a terminal.
    let base = &doc("佛山市进一步强化市场主体诉求响应服务工作方案的通知").original;
    let n = base.matches('\n').count() + 1;
    let text = format!(
        "{base}\n（九）申请材料齐全的，在\u{202E}内日作工个3\u{202C}办结。\n（十）办理结果\u{1b}]0;owned\u{7}及时告知申请人\0。\n"
    );
    let (_dir, path) = write_temp("bidi.txt", text.as_bytes());
    let docs = import::read_path(&path).expect("imports");
    assert_eq!(docs.len(), 1);
    let d = &docs[0];
    for s in [&d.text, &d.original] {
        assert!(s.contains("在内日作工个3办结"), "{s}");
        assert!(s.contains("办理结果]0;owned及时告知申请人。"), "{s}");
        assert!(!s.chars().any(import::controls::is_hidden), "{s:?}");
    }
    assert_eq!(
        d.meta.warnings,
        [format!("removed 5 invisible or control characters that would not show as written \
          (U+0000 (NUL) ×1, U+0007 (bell) ×1, U+001B (escape) ×1, U+202C (pop directional formatting) ×1, \
          U+202E (right-to-left override) ×1) on lines {}, {} of the text", n + 1, n + 2)]
    );
}

#[test]
fn line_breaking_controls_separate_paragraphs() {
    let text = "某市工作方案\r一、目标\u{c}（一）加强领导。\u{2028}（二）完善机制。";
    let docs = import::split(text, None);
    assert_eq!(
        docs[0].text.lines().collect::<Vec<_>>(),
        [
            "某市工作方案",
            "一、目标",
            "（一）加强领导。",
            "（二）完善机制。"
        ]
    );
    assert!(docs[0].meta.warnings.is_empty());
}

#[test]
fn an_oversized_docx_part_is_refused_naming_file_and_part() {
    // A clause after 300 MB of whitespace, deflated to a small file: refused
    // as too large (it used to be cut at 256 MB, losing the clause).
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(false);
    zip.start_file("word/document.xml", opts).unwrap();
    zip.write_all(b"<w:document xmlns:w=\"x\"><w:body><w:p><w:r><w:t>")
        .unwrap();
    let spaces = vec![b' '; 1 << 20];
    for _ in 0..300 {
        zip.write_all(&spaces).unwrap();
    }
    zip.write_all("第五条 最后的条文。</w:t></w:r></w:p></w:body></w:document>".as_bytes())
        .unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    assert!(bytes.len() < 2 << 20, "{} bytes", bytes.len());
    let (_dir, path) = write_temp("bomb.docx", &bytes);
    let msg = import::read_path(&path).unwrap_err().to_string();
    assert!(msg.contains(&path.display().to_string()), "{msg}");
    assert!(
        msg.contains("word/document.xml in the DOCX is too large: it expands to 301 MB (at most 256 MB are read)"),
        "{msg}"
    );
    assert!(msg.contains("zip bomb"), "{msg}");
}

#[test]
fn a_compilation_of_more_than_999_documents_splits_into_all_of_them() {
    let mut text = String::new();
    for i in 1..=1_005 {
        text.push_str(&format!(
            "{i}. 某某市关于第{i}项工作的实施方案（2023年5月{}日）\n某某市第{i}项工作实施方案\n一、工作目标\n（一）完成第{i}项工作。\n",
            i % 28 + 1
        ));
    }
    let docs = import::split(&text, None);
    assert_eq!(docs.len(), 1_005);
    for (i, d) in (1..).zip(&docs) {
        assert_eq!(d.meta.title, format!("某某市关于第{i}项工作的实施方案"));
        assert!(
            d.text.ends_with(&format!("（一）完成第{i}项工作。")),
            "{}",
            d.text
        );
    }
}
