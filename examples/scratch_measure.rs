use policydiff::import::prepare;
use policydiff_segment::Segmenter;
#[path = "../tests/support/mod.rs"]
mod support;

fn main() {
    let seg = Segmenter::new();
    for w in ["大专班", "营商环境", "人民政府", "市政府", "市场监管局", "中华人民共和国", "广州市", "市场主体", "住房城乡建设局", "个体工商户", "高质量", "不动产登记", "中国人民银行", "社会主义"] {
        let p: Vec<&str> = seg.parts(w).into_iter().map(|r| &w[r]).collect();
        println!("{w}: {p:?}");
    }
    let docs = prepare(support::corpus_docs().to_vec());
    let t = std::time::Instant::now();
    let mut ntok = 0; let mut nparts = 0; let mut compound = 0;
    for (_, t) in &docs { for c in &t.clauses { for tok in seg.tokens(&c.text) { if tok.is_word() { ntok += 1; let p = seg.parts(tok.text); if !p.is_empty() { compound += 1; nparts += p.len(); } } } } }
    println!("tokens {ntok} compound {compound} parts {nparts} in {:?}", t.elapsed());
    let t = std::time::Instant::now();
    for (_, t) in &docs { for c in &t.clauses { seg.tokens(&c.text); } }
    println!("tokens alone {:?}", t.elapsed());
    for q in ["环境", "响应", "诉求", "专班", "企业", "服务", "政府", "发展", "监管", "审批", "民政", "州市"] {
        let (mut total, mut found, mut shown) = (0, 0, 0);
        for (_, t) in &docs { for c in &t.clauses {
            if !c.text.contains(q) { continue; }
            total += 1;
            let toks = seg.tokens(&c.text);
            let ok = toks.iter().any(|t| t.text == q || seg.parts(t.text).into_iter().any(|r| &t.text[r] == q));
            if ok { found += 1 } else if shown < 3 { shown += 1; let t = toks.iter().find(|t| t.text.contains(q)).map(|t| t.text); println!("  miss {q} in {t:?}: {:?}", t.map(|t| seg.parts(t).into_iter().map(|r| &t[r]).collect::<Vec<_>>())); }
        }}
        println!("{q}: clauses {total} found {found}");
    }
}
