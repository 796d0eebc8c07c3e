// Writes a compilation of N short policy documents (the bundled corpus's format: region
// headings, numbered title lines ending with their date, a document number, numbered
// clauses) for the large-library end-to-end test: `policydiff import` splits it into N
// documents. Titles, regions, levels and dates vary; every text is different.
//
// Usage: node tests/e2e/gen-library.mjs N OUT
import { writeFileSync } from 'node:fs';

const [n, out] = [Number(process.argv[2]), process.argv[3]];
if (!Number.isInteger(n) || n < 1 || !out) {
  console.error('usage: node tests/e2e/gen-library.mjs N OUT');
  process.exit(2);
}

const PROVINCES = [
  ['广东', '广东省', ['广州市', '深圳市', '佛山市', '东莞市', '珠海市', '江门市', '肇庆市']],
  ['广西', '广西壮族自治区', ['南宁市', '柳州市', '桂林市', '梧州市', '北海市']],
  ['海南', '海南省', ['海口市', '三亚市', '儋州市']],
  ['湖北', '湖北省', ['武汉市', '宜昌市', '襄阳市', '荆州市']],
];
const TOPICS = ['优化营商环境', '强化市场主体诉求响应服务', '加强政府采购需求管理', '推进工程建设项目审批制度改革',
  '促进民营经济发展壮大', '提升政务服务效能', '加强知识产权保护', '支持中小企业纾困发展'];
const KINDS = ['若干措施', '工作方案', '实施意见', '行动计划'];
const CN = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

const lines = ['四、华南', ''];
const perProvince = Math.ceil(n / PROVINCES.length);
let i = 0;
for (const [p, [short, province, cities]] of PROVINCES.entries()) {
  lines.push(`（${CN[p]}）${short}`, '');
  for (let k = 0; k < perProvince && i < n; k++, i++) {
    const city = k % 4 === 0 ? province : cities[k % cities.length];
    const topic = TOPICS[i % TOPICS.length];
    const year = 2015 + (i % 9);
    const month = 1 + (i % 12);
    const day = 1 + (i % 28);
    const seq = 1000 + i;
    lines.push(`${i + 1}. ${city}关于${topic}的${KINDS[i % KINDS.length]}（第${seq}号）（${year}年${month}月${day}日）`, '');
    lines.push(`${city.slice(0, 1)}府办〔${year}〕${seq}号`, '');
    lines.push(`一、总体要求`, '');
    lines.push(`（一）围绕${topic}，到${year + 1}年底前完成第${seq}批${10 + (i % 90)}项任务。（${city}发展改革局牵头，各有关单位配合）`, '');
    lines.push(`二、保障措施`, '');
    lines.push(`（二）建立第${seq}号工作台账，每季度通报一次进展，确保${topic}取得实效。`, '');
  }
}
writeFileSync(out, lines.join('\n'));
console.log(`gen-library: ${n} documents in ${out}`);
