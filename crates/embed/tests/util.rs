use std::path::PathBuf;
use std::sync::OnceLock;

use policydiff_embed::E5Encoder;

/// The e5 model file: `$POLICYDIFF_E5_MODEL`, else `models/e5-small-q4.bin`
/// in this crate (put there by `scripts/fetch-model.sh`).
pub fn model_path() -> PathBuf {
    std::env::var_os("POLICYDIFF_E5_MODEL")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("models/e5-small-q4.bin"))
}

/// The loaded model, shared by the tests; `None` (and a note on stderr)
/// when the file is absent, so that a checkout without the 72 MB download
/// still runs every other test. Under CI (`$CI` set) the README's test
/// command has fetched the model, so a missing file fails loudly instead.
pub fn e5() -> Option<&'static E5Encoder> {
    static MODEL: OnceLock<Option<E5Encoder>> = OnceLock::new();
    MODEL
        .get_or_init(|| {
            let p = model_path();
            if !p.exists() {
                if std::env::var_os("CI").is_some_and(|v| !v.is_empty()) {
                    panic!(
                        "no e5 model at {} and CI is set (scripts/test.sh fetches it with crates/embed/scripts/fetch-model.sh)",
                        p.display()
                    );
                }
                eprintln!("skipping e5 tests: no model at {} (run scripts/fetch-model.sh)", p.display());
                return None;
            }
            Some(E5Encoder::builder().threads(2).open(&p).expect("model loads"))
        })
        .as_ref()
}

/// The committed static table.
pub fn static_table_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/e5-static-zh.bin")
}

/// A clause of the Guangdong complaint-response plan (粤办函〔2023〕41号).
pub const GD: &str = "（二）强化督促落实。省政务服务数据管理局要在省内主流媒体定期发布平台运营和数据分析报告，公开各地各部门市场主体诉求响应情况；将诉求响应落实情况与省营商环境评价、数字政府改革建设评估等相关指标挂钩，对工作扎实、效果明显的，加大奖补力度；对工作进度滞后的，要予以通报并及时督促整改。";
/// Foshan's rewording of [`GD`] in its implementing plan.
pub const FS: &str = "（二）强化督促落实。各区、各部门要关注和跟进省政务服务数据管理局在省内主流媒体定期发布的平台运营和数据分析报告，对标省营商环境评价、数字政府改革建设评估等相关指标要求，持续提升我市市场主体诉求响应质量与效率，积极争取省有关部门激励表彰。";
/// An unrelated clause (Shanghai school-injury regulation).
pub const UNRELATED: &str = "学校应当对学生进行安全教育，建立健全安全管理制度，及时消除校舍、场地、设施中的安全隐患，预防学生伤害事故的发生。";
/// A short hand-made paraphrase pair and an unrelated sentence on the same register.
pub const PARA: [&str; 3] = [
    "持续优化营商环境，深化“放管服”改革，降低企业办事成本。",
    "进一步改善营商环境，推进简政放权、放管结合、优化服务，为市场主体减负。",
    "加强城市生活垃圾分类处理，完善垃圾收运体系。",
];
