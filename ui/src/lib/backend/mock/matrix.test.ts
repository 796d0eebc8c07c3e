import { describe, expect, it } from 'vitest';
import { columnNames, items } from './matrix';
import { roughTree } from './parse';

/** The metadata a column name is made from (as in `names.rs`'s tests). */
const meta = (title: string, province: string | null, city: string | null = null, issuer: string | null = null) => ({ title, province, city, issuer });

describe("the mock's column names (a port of the core's names.rs)", () => {
  it('tells columns from one place apart by subject', () => {
    const fs = meta('佛山市人民政府办公室关于印发佛山市进一步强化市场主体诉求响应服务工作方案的通知', '广东', '佛山');
    const patent = meta('海南省知识产权局关于印发《海南省专利奖评奖办法》的通知', '海南');
    const tasks = meta('海南省2023年营商环境制度集成创新重点任务', '海南');
    const hz = meta('惠州市财政局关于进一步优化政府采购营商环境的通知', '广东', '惠州');
    const sz = meta('深圳市财政局关于进一步优化政府采购营商环境的通知', '广东', '深圳');
    expect(columnNames([fs, patent, tasks, hz])).toEqual(['佛山', '海南 · 专利奖评奖办法', '海南 · 营商环境制度集成创新…', '惠州']);
    const hz2 = meta('惠州市人民政府关于印发惠州市优化营商环境三年行动方案的通知', '广东', '惠州');
    expect(columnNames([hz, hz2, sz])).toEqual(['惠州 · 进一步优化政府采购营…', '惠州 · 优化营商环境三年行动…', '深圳']);
  });

  it('names a document without place or issuer by its title', () => {
    expect(columnNames([meta('关于 进一步优化营商环境的若干措施', null)])).toEqual(['关于进一步优化营']);
    expect(columnNames([meta('某文件', null, null, '  '), meta('x', ' ', null, '市政府')])).toEqual(['某文件', '市政府']);
  });

  it('cuts subjects alike in their first words where they differ, and tells one subject twice by 文号 or date', () => {
    const a = meta('广西壮族自治区人民政府办公厅关于持续深化公共资源交易平台整合共享的通知', '广西');
    const b = meta('广西壮族自治区发展改革委关于持续深化公共资源交易领域营商环境建设的通知', '广西');
    expect(columnNames([a, b])).toEqual(['广西 · 持续深化公共资源交易平…', '广西 · 持续深化公共资源交易领…']);
    const c = { ...b, doc_number: '桂发改〔2023〕9号' };
    const d = { ...b, date: '2023-08-01' };
    expect(columnNames([c, d])).toEqual(['广西 · 持续深化公共资源交易… · 桂发改〔2023〕9号', '广西 · 持续深化公共资源交易… · 2023-08-01']);
  });

  it('keeps the place alone when the subject adds nothing', () => {
    // Two documents titled by their place alone: nothing to add.
    expect(columnNames([meta('汕尾', '广东', '汕尾'), meta('汕尾', '广东', '汕尾')])).toEqual(['汕尾', '汕尾']);
  });
});

describe("the mock's counted rows", () => {
  it('leaves out the title and bare headings, as the core does', () => {
    const tree = roughTree(['一、总体要求', '（一）指导思想。以习近平新时代中国特色社会主义思想为指导，坚持问题导向。', '二、主要任务', '（一）加强用户侧服务，提升平台使用体验。', '1.推进诉求服务标准化。结合治理事项标准化工作，完善分类。'], '某省工作方案');
    const units = tree.clauses.filter((c) => !c.in_article);
    const counted = items(units);
    expect(units.filter((_, i) => counted[i]).map((c) => c.text)).toEqual(['（一）指导思想。以习近平新时代中国特色社会主义思想为指导，坚持问题导向。', '1.推进诉求服务标准化。结合治理事项标准化工作，完善分类。']);
    // Short lines with nothing under them are items themselves.
    const lines = roughTree(['某方案', '一、总体要求', '二、主要任务'], '某方案').clauses.filter((c) => !c.in_article);
    expect(lines.map((c) => c.kind)).toEqual(['title', 'item', 'item']);
    expect(items(lines)).toEqual([false, true, true]);
  });
});
