/**
 * The mock/web implementation of {@link Backend}: an in-memory library (by default the
 * bundled corpus, split and outlined roughly), the hand-built Guangdong/Foshan comparison
 * fixture, and a simple comparison for other pairs. Used by tests and when the UI runs in a
 * plain browser (no Tauri). Not a model of the core's results beyond their shapes.
 */
import type {
  CompareRequest,
  Comparison,
  ConnectionReport,
  DocMeta,
  DocPage,
  DocRow,
  ExportRequest,
  ImportOutcome,
  KeyPoint,
  KeyPointList,
  Level,
  LibraryChanged,
  LibraryChoice,
  LibraryFacets,
  LibraryLocation,
  LibraryStatus,
  ListFilter,
  Matrix,
  MatrixExportRequest,
  MatrixRequest,
  MetaEdit,
  NoteRequest,
  Pair,
  PairingRequest,
  PointMark,
  PointMarkRequest,
  RecentComparison,
  RelatedDoc,
  Relation,
  SearchHit,
  SearchScope,
  SimilarClause,
  StoredDoc,
  StoredNote,
  Suggestion,
  UnitView,
} from '$lib/bindings';
import { findByteRanges } from '$lib/text/highlight';
import { IMPORT_EXTENSIONS, BackendError, type Backend, type CorpusImportProgress, type ExportProgress, type FileDrop, type ImportProgress, type SaveFilter, type Unsubscribe, type VectorProgress } from '../backend';
import { similarity, tokenDiff } from './diff';
import { toRow } from './corpus';
import { assembleMatrix } from './matrix';
import { matchesFilter, normalizeDocNumber } from '$lib/library/filter';

type Listener<T> = (v: T) => void;

/** Options of the mock. */
export interface MockOptions {
  /** Simulate the first run: the library fills while `corpus-import-progress` events arrive. */
  firstRun?: boolean;
  /** Delay of each simulated step, ms. */
  stepMs?: number;
  /** Fixture comparisons, used when their documents' 文号 match the request. */
  fixtures?: Comparison[];
}

/** Dice coefficient of two texts' character bigrams (spaces ignored), 0–1. */
function textDice(a: string, b: string): number {
  const [x, y] = [bigrams(a.replace(/\s+/gu, '')), bigrams(b.replace(/\s+/gu, ''))];
  return x.size && y.size ? dice(x, y) : 0;
}

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Titles in pinyin order, as the store sorts them (its key has tone numbers; ICU's collation is close). */
const PINYIN = new Intl.Collator('zh-Hans-u-co-pinyin');

export class MockBackend implements Backend {
  /** The pages asked for through `listDocumentsPage`, in order (for tests). */
  readonly pageRequests: { offset: number; limit: number }[] = [];
  /** How many times `libraryFacets` was asked (for tests). */
  facetRequests = 0;
  /** The ids asked for through `documentsById`, each request in order (for tests). */
  readonly byIdRequests: number[][] = [];
  readonly native = false;
  #docs: StoredDoc[];
  #pending: StoredDoc[] = [];
  #recent: RecentComparison[] = [];
  #fixtures: Comparison[];
  #stepMs: number;
  #notes: Array<StoredNote & { left: number; right: number }> = [];
  #nextNote = 1;
  #overrides: Override[] = [];
  /** Pins and hides: `${left}:${right}:${pointId}` → mark. */
  #marks = new Map<string, PointMark>();
  /** Why the library is read-only (`null`: writable); the mock then refuses every change with `read_only`. */
  readOnly: string | null = null;
  /** Every `markKeyPoint` request, in order. */
  readonly pointMarks: PointMarkRequest[] = [];
  /** Every `exportMatrix` request, in order (nothing is written). */
  readonly matrixExports: MatrixExportRequest[] = [];
  /** Every `exportComparison` request, in order (nothing is written). */
  readonly exports: ExportRequest[] = [];
  /** What {@link pickSavePath} answers (`null`: the user cancels); the default path when unset. */
  savePath: string | null | undefined = undefined;
  /** When set, `exportComparison` fails with this error. */
  exportError: BackendError | null = null;
  /** When set, a running export waits for it after entering each stage (tests: cancel mid-way). */
  exportHold: Promise<void> | null = null;
  /** Every `cancelExport` id, in order. */
  readonly cancelledExports: string[] = [];
  #cancelled = new Set<string>();
  #listeners = {
    corpus: new Set<Listener<CorpusImportProgress>>(),
    vectors: new Set<Listener<VectorProgress>>(),
    import: new Set<Listener<ImportProgress>>(),
    changed: new Set<Listener<LibraryChanged>>(),
    export: new Set<Listener<ExportProgress>>(),
    drop: new Set<Listener<FileDrop>>(),
  };

  /** The library's revision: counts every change of its documents. */
  #revision = 0;
  /** The team server's password (`null`: none asked); a different one is refused with `auth_failed`. */
  serverPassword: string | null = null;
  /** The server the mock "opens"; any other host is `unreachable`. */
  serverHost = 'db.example';
  /** Where the library is, and its settings (the shell's settings file). */
  #location: LibraryLocation = {
    kind: 'file',
    location: '/home/user/.local/share/policydiff/library.sqlite3',
    local_path: '/home/user/.local/share/policydiff/library.sqlite3',
    server_url: null,
    author: '张三',
    default_author: '张三',
    fallback: null,
  };

  constructor(docs: StoredDoc[], opts: MockOptions = {}) {
    this.#fixtures = opts.fixtures ?? [];
    this.#stepMs = opts.stepMs ?? 0;
    if (opts.firstRun) {
      this.#docs = [];
      this.#pending = docs;
    } else {
      this.#docs = docs;
    }
  }

  /** Import the pending corpus (first run), emitting progress events. */
  async runFirstImport(): Promise<void> {
    const total = this.#pending.length;
    for (let done = 1; done <= total; done++) {
      await delay(this.#stepMs);
      this.#docs.push(this.#pending[done - 1]!);
      this.#listeners.corpus.forEach((cb) => cb({ done, total }));
    }
    this.#pending = [];
    this.#changed();
  }

  #changed(): void {
    this.#revision++;
    this.#listeners.changed.forEach((cb) => cb({}));
  }

  /** Another program (a colleague on the team server) adds a document: no event, only the revision. */
  addFromElsewhere(doc: StoredDoc): void {
    this.#docs.push(doc);
    this.#revision++;
  }

  /** Start as if the team server `url` had been chosen but could not be reached at startup. */
  startWithFallback(url: string): void {
    this.#location = {
      ...this.#location,
      server_url: url,
      fallback: { code: 'unreachable', message: `cannot reach the library server ${url}: connection refused (is the server running, and on this port?)` },
    };
  }

  /** The server `url` names, checked as the shell checks it; the URL without its password. */
  #server(url: string | null, password: string | null, command: string): string {
    const u = (url ?? '').trim();
    const m = /^postgres(?:ql)?:\/\/(?:([^:@/]*)(?::([^@/]*))?@)?([^:/?#]+)/iu.exec(u);
    if (!m) throw new BackendError('invalid_input', `${JSON.stringify(u)} is not a team server URL: it starts with postgres://`, command);
    const bare = u.replace(/^(postgres(?:ql)?:\/\/[^:@/]*):[^@/]*@/iu, '$1@');
    if (m[3] !== this.serverHost) {
      throw new BackendError('unreachable', `cannot reach the library server ${bare}: connection refused (is the server running, and on this port?)`, command);
    }
    const given = password ?? m[2] ?? null;
    if (this.serverPassword !== null && given !== this.serverPassword) {
      throw new BackendError('auth_failed', `the library server ${bare} refused the login: password authentication failed`, command);
    }
    return bare;
  }

  async libraryLocation(): Promise<LibraryLocation> {
    return this.#location;
  }

  async testLibraryConnection(url: string, password: string | null): Promise<ConnectionReport> {
    const location = this.#server(url, password, 'test_library_connection');
    return { location, documents: this.#docs.length, server_version: '16.4' };
  }

  async setLibraryLocation(choice: LibraryChoice): Promise<LibraryLocation> {
    if (choice.kind === 'server') {
      const url = this.#server(choice.url, choice.password, 'set_library_location');
      this.#location = { ...this.#location, kind: 'server', location: url, server_url: url, fallback: null };
    } else {
      this.#location = { ...this.#location, kind: 'file', location: this.#location.local_path, server_url: null, fallback: null };
    }
    this.#changed();
    return this.#location;
  }

  async setAuthorName(author: string | null): Promise<LibraryLocation> {
    const a = author?.trim() || null;
    this.#location = { ...this.#location, author: a ?? this.#location.default_author };
    return this.#location;
  }

  async libraryRevision(): Promise<number> {
    return this.#revision;
  }

  /** Simulate files dropped on the window. */
  dropFiles(paths: string[]): void {
    this.#listeners.drop.forEach((cb) => cb({ type: 'drop', paths }));
  }

  async libraryStatus(): Promise<LibraryStatus> {
    return { documents: this.#docs.length, path: ':memory:', ready: this.#pending.length === 0, vectors_warning: null, read_only: this.readOnly };
  }

  /** How many documents have each title (counted once per change of the library). */
  #titles: { revision: number; docs: StoredDoc[]; counts: Map<string, number> } | null = null;

  /** A document's row, with whether another document has its title (as the store says). */
  #row(d: StoredDoc): DocRow {
    if (!this.#titles || this.#titles.revision !== this.#revision || this.#titles.docs !== this.#docs) {
      const counts = new Map<string, number>();
      for (const o of this.#docs) counts.set(o.meta.title, (counts.get(o.meta.title) ?? 0) + 1);
      this.#titles = { revision: this.#revision, docs: this.#docs, counts };
    }
    return { ...toRow(d), title_shared: (this.#titles.counts.get(d.meta.title) ?? 0) > 1 };
  }

  #rows(filter: ListFilter): DocRow[] {
    // As the store: a part of the title, or of the 文号 whatever its spacing and brackets.
    const text = filter.text?.trim();
    const number = text ? normalizeDocNumber(text) : '';
    return this.#docs
      .map((d) => this.#row(d))
      .filter((d) => !text || d.title.includes(text) || normalizeDocNumber(d.doc_number ?? '').includes(number))
      .filter((d) => !filter.region || d.province?.includes(filter.region) || d.city?.includes(filter.region))
      .filter((d) => !filter.level || d.level === filter.level)
      .filter((d) => !filter.year || d.date?.startsWith(String(filter.year)));
  }

  async listDocumentsPage(filter: ListFilter, offset: number, limit: number): Promise<DocPage> {
    const all = this.#sorted(filter);
    this.pageRequests.push({ offset, limit });
    return { rows: all.slice(offset, offset + limit), total: all.length };
  }

  async documentListPosition(filter: ListFilter, id: number): Promise<number | null> {
    const at = this.#sorted(filter).findIndex((d) => d.id === id);
    return at < 0 ? null : at;
  }

  /** The rows `filter` lists, in its order. */
  #sorted(filter: ListFilter): DocRow[] {
    // The store's order: undated documents last in both date orders, titles in pinyin order (the mock
    // approximates the store's title_sort_key with ICU's pinyin collation), then by code point; ids break ties.
    const all = this.#rows(filter);
    const byDate = (a: DocRow, b: DocRow, dir: 1 | -1) =>
      !a.date !== !b.date ? (a.date ? -1 : 1) : dir * (a.date ?? '').localeCompare(b.date ?? '') || a.id - b.id;
    const byTitle = (a: DocRow, b: DocRow) =>
      PINYIN.compare(a.title, b.title) || (a.title < b.title ? -1 : a.title > b.title ? 1 : a.id - b.id);
    const cmp: Record<ListFilter['sort'], (a: DocRow, b: DocRow) => number> = {
      id: (a, b) => a.id - b.id,
      date_desc: (a, b) => byDate(a, b, -1),
      date_asc: (a, b) => byDate(a, b, 1),
      title: byTitle,
    };
    return all.sort(cmp[filter.sort]);
  }

  async documentsById(ids: number[]): Promise<DocRow[]> {
    this.byIdRequests.push([...ids]);
    const rows = new Map(this.#docs.map((d) => [d.id, d]));
    return [...new Set(ids)].flatMap((id) => {
      const d = rows.get(id);
      return d ? [this.#row(d)] : [];
    });
  }

  async libraryFacets(): Promise<LibraryFacets> {
    this.facetRequests++;
    // The store's order: regions by province then city (code points, absent first), levels in
    // their order, years newest first.
    const rows = this.#rows({ region: null, level: null, year: null, sort: 'id' });
    const count = <K>(keys: K[], key: (k: K) => string) => {
      const m = new Map<string, { k: K; n: number }>();
      for (const k of keys) {
        const e = m.get(key(k));
        if (e) e.n++;
        else m.set(key(k), { k, n: 1 });
      }
      return [...m.values()];
    };
    const cmp = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1);
    const regions = count(rows.map((r) => [r.province, r.city] as const), (k) => JSON.stringify(k))
      .map(({ k: [province, city], n }) => ({ province, city, count: n }))
      .sort((a, b) => cmp(a.province, b.province) || cmp(a.city, b.city));
    const order: Level[] = ['province', 'city', 'district', 'other'];
    const levels = count(rows.map((r) => r.level), String)
      .map(({ k: level, n }) => ({ level, count: n }))
      .sort((a, b) => order.indexOf(a.level) - order.indexOf(b.level));
    const years = count(rows.flatMap((r) => (/^\d{4}/u.test(r.date ?? '') ? [Number(r.date!.slice(0, 4))] : [])), String)
      .map(({ k: year, n }) => ({ year, count: n }))
      .sort((a, b) => b.year - a.year);
    return { regions, levels, years };
  }

  async getDocument(id: number): Promise<StoredDoc> {
    const d = this.#docs.find((x) => x.id === id);
    if (!d) throw new BackendError('not_found', `no document ${id}`, 'get_document');
    return d;
  }

  async search(query: string, scope: SearchScope, limit: number): Promise<SearchHit[]> {
    // As the store (crates/store search.rs `unquote`): quotation marks around the query are dropped.
    const terms = query
      .trim()
      .replace(/^[\s"＂“”„‘’「」『』]+|[\s"＂“”„‘’「」『』]+$/gu, '')
      .split(/\s+/u)
      .filter(Boolean);
    const hits: SearchHit[] = [];
    for (const d of this.#docs) {
      if (!matchesFilter(d.meta, scope)) continue;
      for (const c of d.tree.clauses) {
        if (!terms.every((t) => c.text.includes(t))) continue;
        const matches = terms.flatMap((t) => findByteRanges(c.text, t)).sort((a, b) => a[0] - b[0]);
        hits.push({ doc_id: d.id, title: d.meta.title, clause: c.index, path: c.path, label: c.label, text: c.text, matches, rank: -matches.length, kind: terms.length > 1 ? 'all_words' : 'substring' });
        if (hits.length >= limit) return hits;
      }
    }
    return hits.sort((a, b) => a.rank - b.rank);
  }

  /**
   * Related documents, roughly: it cites the other's 文号 (or is cited by it), or their titles
   * share most of their characters (same topic). Best first.
   */
  async relatedDocuments(doc: number): Promise<RelatedDoc[]> {
    const d = await this.getDocument(doc);
    const squash = (s: string) => s.replace(/\s+/gu, '');
    const text = squash(d.text);
    const own = d.meta.doc_number ? squash(d.meta.doc_number) : null;
    const out: RelatedDoc[] = [];
    for (const o of this.#docs) {
      if (o.id === doc) continue;
      const reasons: Relation[] = [];
      const num = o.meta.doc_number ? squash(o.meta.doc_number) : null;
      if (num && text.includes(num)) reasons.push('cites');
      if (own && squash(o.text).includes(own)) reasons.push('cited_by');
      const topic = textDice(d.meta.title, o.meta.title);
      if (topic >= 0.5) reasons.push('same_topic');
      if (reasons.length === 0) continue;
      const sentence = (where: string, what: string) => where.split(/(?<=[。；])/u).find((x) => squash(x).includes(what)) ?? '';
      const evidence = reasons[0] === 'cites' ? sentence(d.text, num!) : reasons[0] === 'cited_by' ? sentence(o.text, own!) : o.meta.title;
      const cited = reasons[0] === 'cites' || reasons[0] === 'cited_by';
      out.push({ id: o.id, title: o.meta.title, doc_number: o.meta.doc_number, score: (cited ? 0.5 : 0) + 0.15 * topic, relation: reasons[0]!, reasons, shared_units: 0, evidence: evidence.trim().slice(0, 200) });
    }
    return out.sort((a, b) => b.score - a.score || a.id - b.id).slice(0, 10);
  }

  /** Similar clauses: every clause of the other documents by the mock's similarity, best first. */
  async similarClauses(doc: number, path: string, limit: number): Promise<SimilarClause[]> {
    const d = await this.getDocument(doc);
    // As the store: only a comparison unit (an article's parts are in the article's unit).
    const unit = d.tree.clauses.find((c) => c.path === path.trim() && !c.in_article);
    if (!unit) throw new BackendError('not_found', `document ${doc} has no clause ${path}`, 'similar_clauses');
    const found: Array<[number, StoredDoc, StoredDoc['tree']['clauses'][number]]> = [];
    for (const o of this.#docs) {
      if (o.id === doc) continue;
      for (const c of o.tree.clauses) {
        const sim = textDice(unit.text, c.text);
        if (sim > 0) found.push([sim, o, c]);
      }
    }
    found.sort((a, b) => b[0] - a[0] || a[1].id - b[1].id || a[2].index - b[2].index);
    return found.slice(0, limit).map(([sim, o, c]) => ({ doc_id: o.id, title: o.meta.title, path: c.path, label: c.label, text: c.text, similarity: sim, diff: tokenDiff(unit.text, c.text) }));
  }

  async compareDocuments(r: CompareRequest): Promise<Comparison> {
    const c = await this.#compare(r);
    this.#recent = [{ left: r.left, right: r.right, opened_at: new Date().toISOString() }, ...this.#recent.filter((x) => x.left !== r.left || x.right !== r.right)];
    return c;
  }

  async coverageMatrix(r: MatrixRequest): Promise<Matrix> {
    if (r.others.length === 0) throw new BackendError('invalid_input', 'choose at least one document to compare with the base', 'coverage_matrix');
    const base = await this.getDocument(r.base);
    const comparisons: Comparison[] = [];
    const others: StoredDoc[] = [];
    for (const id of r.others) {
      comparisons.push(await this.#compare({ left: r.base, right: id, diff: r.diff }));
      others.push(await this.getDocument(id));
    }
    return assembleMatrix(base, others, comparisons);
  }

  async exportMatrix(r: MatrixExportRequest): Promise<void> {
    await this.coverageMatrix(r.matrix);
    await delay(this.#stepMs);
    this.matrixExports.push(r);
  }

  async markKeyPoint(r: PointMarkRequest): Promise<KeyPointList> {
    this.#writable('mark_key_point');
    const c = await this.#compare(r.compare, false);
    if (!c.key_points.some((p) => p.id === r.point_id)) {
      throw new BackendError('not_found', `the comparison has no key point ${r.point_id}`, 'mark_key_point');
    }
    const key = `${r.compare.left}:${r.compare.right}:${r.point_id}`;
    if (r.mark) this.#marks.set(key, r.mark);
    else this.#marks.delete(key);
    this.pointMarks.push(r);
    const arranged = this.#arrange(r.compare, c.key_points);
    return { key_points: arranged.key_points, hidden_key_points: arranged.hidden_key_points };
  }

  #writable(command: string): void {
    if (this.readOnly !== null) throw new BackendError('read_only', `the library is read-only (${this.readOnly}); this change was not made`, command);
  }

  /** The shell's arrangement (policydiff::points::arrange): pinned first, hidden apart. */
  #arrange(r: CompareRequest, ranked: KeyPoint[]): KeyPointList {
    const mark = (p: KeyPoint) => this.#marks.get(`${r.left}:${r.right}:${p.id}`);
    const plain = ranked.map((p) => ({ ...p, pinned: undefined }));
    return {
      key_points: [...plain.filter((p) => mark(p) === 'pinned').map((p) => ({ ...p, pinned: true })), ...plain.filter((p) => !mark(p))],
      hidden_key_points: plain.filter((p) => mark(p) === 'hidden'),
    };
  }

  async #compare(r: CompareRequest, arranged = true): Promise<Comparison> {
    const c = await this.#compareRanked(r);
    return arranged ? { ...c, ...this.#arrange(r, c.key_points) } : c;
  }

  async #compareRanked(r: CompareRequest): Promise<Comparison> {
    const left = await this.getDocument(r.left);
    const right = await this.getDocument(r.right);
    await delay(this.#stepMs);
    const num = (d: StoredDoc) => (d.meta.doc_number ? normalizeDocNumber(d.meta.doc_number) : null);
    const fixture = this.#fixtures.find(
      (f) => f.left.doc_number && f.right.doc_number && normalizeDocNumber(f.left.doc_number) === num(left) && normalizeDocNumber(f.right.doc_number) === num(right),
    );
    const own = this.#overrides.filter((o) => o.left === r.left && o.right === r.right);
    if (fixture) {
      // The units' clause indices are the documents' (the outline of the fixture, see withFixtureOutlines).
      const at = (d: StoredDoc) => new Map(d.tree.clauses.map((c) => [c.path, c.index]));
      const [li, ri] = [at(left), at(right)];
      const unit = (u: UnitView | null, idx: Map<string, number>) => (u ? { ...u, clause: idx.get(u.path) ?? u.clause } : null);
      const pairs = fixture.pairs.map((p) => ({ ...p, left: unit(p.left, li), right: unit(p.right, ri) }));
      return applyOverrides({ ...fixture, pairs, left: { ...fixture.left, id: left.id }, right: { ...fixture.right, id: right.id } }, own);
    }
    return applyOverrides(roughCompare(left, right), own);
  }

  async recentComparisons(limit: number): Promise<RecentComparison[]> {
    return this.#recent.slice(0, limit);
  }

  async importFiles(paths: string[]): Promise<ImportOutcome[]> {
    const out: ImportOutcome[] = [];
    for (const [index, path] of paths.entries()) {
      this.#listeners.import.forEach((cb) => cb({ index, total: paths.length, path }));
      await delay(this.#stepMs);
      const ext = path.split('.').pop()?.toLowerCase() ?? '';
      if (!IMPORT_EXTENSIONS.includes(ext)) {
        out.push({ path, added: [], duplicates: [], same_title: [], error: { code: 'unsupported_file', message: `unsupported file type .${ext}` } });
        continue;
      }
      const name = path.split(/[\\/]/u).pop()!.replace(/\.[^.]+$/u, '');
      // The same file again is a duplicate (the mock reads no text); another file of the same
      // title is added beside the document that has it, and reported.
      const dup = this.#docs.find((d) => d.meta.title === name && d.meta.source_file === path);
      if (dup) {
        out.push({ path, added: [], duplicates: [[dup.meta.title, dup.id]], same_title: [], error: null });
        continue;
      }
      const twin = this.#docs.find((d) => d.meta.title === name);
      const id = Math.max(0, ...this.#docs.map((d) => d.id)) + 1;
      const text = `${name}\n（模拟导入：网页版不读取文件内容）`;
      this.#docs.push({
        id,
        meta: { title: name, issuer: null, date: null, doc_number: null, province: null, city: null, level: 'other', source_url: null, source_file: path, fragment: false, excerpt: false, warnings: [] },
        original: text,
        text,
        tree: { clauses: text.split('\n').map((t, i) => ({ index: i, parent: null, children: [], depth: 0, kind: i ? 'paragraph' : 'title', label: '', path: `¶${i + 1}`, heading: null, text: t, original: t, in_article: false })) },
      });
      out.push({ path, added: [id], duplicates: [], same_title: twin ? [{ title: name, id, existing: twin.id }] : [], error: null });
    }
    this.#changed();
    return out;
  }

  async deleteDocument(id: number): Promise<void> {
    this.#writable('delete_document');
    if (!this.#docs.some((d) => d.id === id)) throw new BackendError('not_found', `no document with id ${id} in the library`, 'delete_document');
    this.#docs = this.#docs.filter((d) => d.id !== id);
    this.#recent = this.#recent.filter((r) => r.left !== id && r.right !== id);
    this.#changed();
  }

  /** As the store: only the fields given change, a blank text clears one, the date is checked. */
  async editDocument(id: number, edit: MetaEdit): Promise<DocMeta> {
    this.#writable('edit_document');
    const doc = this.#docs.find((d) => d.id === id);
    if (!doc) throw new BackendError('not_found', `no document with id ${id} in the library`, 'edit_document');
    const invalid = (field: string, reason: string) => new BackendError('invalid_input', `the ${field} cannot be saved: ${reason}`, 'edit_document');
    const text = (v: string | undefined, old: string | null) => (v === undefined ? old : v.trim() || null);
    const title = edit.title === undefined ? doc.meta.title : edit.title.trim();
    if (!title) throw invalid('title', 'a document needs a title');
    const date = text(edit.date, doc.meta.date);
    if (date && !/^\d{4}-\d{2}-\d{2}$/u.test(date)) throw invalid('date', `"${date}" is not a date written YYYY-MM-DD (e.g. 2023-05-10)`);
    const number = text(edit.doc_number, doc.meta.doc_number);
    const meta: DocMeta = {
      ...doc.meta,
      title,
      issuer: text(edit.issuer, doc.meta.issuer),
      date,
      doc_number: number ? normalizeDocNumber(number) : null,
      province: text(edit.province, doc.meta.province),
      city: text(edit.city, doc.meta.city),
      level: edit.level ?? doc.meta.level,
      source_url: text(edit.source_url, doc.meta.source_url),
    };
    this.#docs = this.#docs.map((d) => (d.id === id ? { ...d, meta } : d));
    this.#changed();
    return { ...meta };
  }

  async pickFiles(): Promise<string[]> {
    // A plain browser has no file paths; offer two sample names to show the flow.
    return ['/home/user/文件/东莞市优化营商环境条例.txt', '/home/user/文件/扫描件.jpg'];
  }

  async listNotes(left: number, right: number): Promise<StoredNote[]> {
    return this.#notes.filter((n) => n.left === left && n.right === right).map(({ left: _l, right: _r, ...n }) => ({ ...n }));
  }

  async addNote(r: NoteRequest): Promise<number> {
    if (!r.text.trim()) throw new BackendError('invalid_input', 'a note needs text', 'add_note');
    if (r.left_path === null && r.right_path === null) throw new BackendError('invalid_input', 'a note needs a clause', 'add_note');
    const id = this.#nextNote++;
    const now = new Date().toISOString().replace(/\.\d+Z$/u, 'Z');
    this.#notes.push({ id, left: r.left, right: r.right, left_path: r.left_path, right_path: r.right_path, tag: r.tag, text: r.text, created_at: now, updated_at: now });
    return id;
  }

  async updateNote(id: number, tag: string | null, text: string): Promise<void> {
    const n = this.#notes.find((x) => x.id === id);
    if (!n) throw new BackendError('not_found', `no note ${id}`, 'update_note');
    n.tag = tag;
    n.text = text;
    n.updated_at = new Date().toISOString().replace(/\.\d+Z$/u, 'Z');
  }

  async deleteNote(id: number): Promise<void> {
    if (!this.#notes.some((x) => x.id === id)) throw new BackendError('not_found', `no note ${id}`, 'delete_note');
    this.#notes = this.#notes.filter((x) => x.id !== id);
  }

  async noteTags(): Promise<string[]> {
    const tags = ['需关注', '已核实', '地方创新', '未落实'];
    for (const n of this.#notes) if (n.tag && !tags.includes(n.tag)) tags.push(n.tag);
    return tags;
  }

  /**
   * How close one clause is to each clause of the other document: the mock's text similarity
   * (not a topic score), likeliest first, over the units of the comparison without overrides.
   */
  async counterpartStrengths(left: number, right: number, fromLeft: boolean, path: string): Promise<Suggestion[]> {
    const c = await this.#compareRanked({ left, right, diff: { granularity: 'word', ignore_whitespace: true, ignore_punct_width: true } });
    const [from, want] = fromLeft ? (['left', 'right'] as const) : (['right', 'left'] as const);
    const unit = c.pairs.map((p) => p[from]).find((u) => u?.path === path);
    if (!unit) throw new BackendError('not_found', `document ${fromLeft ? left : right} has no clause ${path} to compare`, 'counterpart_strengths');
    const seen = new Set<string>();
    const out: Suggestion[] = [];
    for (const p of c.pairs) {
      const u = p[want];
      if (!u || seen.has(u.path)) continue;
      seen.add(u.path);
      out.push({ path: u.path, strength: textDice(unit.text, u.text) });
    }
    return out.sort((a, b) => b.strength - a.strength);
  }

  async forcePair(r: PairingRequest): Promise<void> {
    this.#setOverride(r, 'force');
  }

  async forbidPair(r: PairingRequest): Promise<void> {
    this.#setOverride(r, 'forbid');
  }

  async clearPairing(r: PairingRequest): Promise<boolean> {
    const before = this.#overrides.length;
    this.#overrides = this.#overrides.filter((o) => !sameClauses(o, r));
    return this.#overrides.length < before;
  }

  #setOverride(r: PairingRequest, kind: Override['kind']): void {
    // Replaces what was recorded for the same two clauses; their other pairings stay (a clause
    // may be forced with several partners).
    this.#overrides = this.#overrides.filter((o) => !sameClauses(o, r));
    this.#overrides.push({ ...r, kind });
  }

  async exportComparison(request: ExportRequest): Promise<void> {
    const { id } = request;
    const check = () => {
      if (this.#cancelled.has(id)) throw new BackendError('cancelled', `export ${id} was cancelled; nothing was written`, 'export_comparison');
    };
    const enter = async (stage: ExportProgress['stage']) => {
      check();
      this.#listeners.export.forEach((cb) => cb({ id, stage }));
      await delay(this.#stepMs);
      if (this.exportHold) await this.exportHold;
    };
    try {
      await enter('compare');
      await enter('notes');
      await enter('write');
      check();
      if (this.exportError) throw this.exportError;
      this.exports.push(request);
      this.#listeners.export.forEach((cb) => cb({ id, stage: 'done' }));
    } finally {
      this.#cancelled.delete(id);
    }
  }

  async cancelExport(id: string): Promise<void> {
    this.cancelledExports.push(id);
    this.#cancelled.add(id);
  }

  async pickSavePath(defaultPath: string, _filters: SaveFilter[]): Promise<string | null> {
    return this.savePath === undefined ? `/home/user/文件/${defaultPath}` : this.savePath;
  }

  #on<T>(set: Set<Listener<T>>, cb: Listener<T>): Promise<Unsubscribe> {
    set.add(cb);
    return Promise.resolve(() => set.delete(cb));
  }
  onCorpusImportProgress(cb: (p: CorpusImportProgress) => void): Promise<Unsubscribe> {
    return this.#on(this.#listeners.corpus, cb);
  }
  onImportProgress(cb: (p: ImportProgress) => void): Promise<Unsubscribe> {
    return this.#on(this.#listeners.import, cb);
  }
  onLibraryChanged(cb: (p: LibraryChanged) => void): Promise<Unsubscribe> {
    return this.#on(this.#listeners.changed, cb);
  }
  onExportProgress(cb: (p: ExportProgress) => void): Promise<Unsubscribe> {
    return this.#on(this.#listeners.export, cb);
  }
  onVectorProgress(cb: (p: VectorProgress) => void): Promise<Unsubscribe> {
    return this.#on(this.#listeners.vectors, cb);
  }

  /** Simulate the background computation of sentence vectors (or a fallback warning). */
  emitVectorProgress(p: VectorProgress): void {
    this.#listeners.vectors.forEach((cb) => cb(p));
  }
  onFileDrop(cb: (e: FileDrop) => void): Promise<Unsubscribe> {
    return this.#on(this.#listeners.drop, cb);
  }
}

/** A forced or forbidden pairing kept by the mock. */
type Override = PairingRequest & { kind: 'force' | 'forbid' };

function sameClauses(a: PairingRequest, b: PairingRequest): boolean {
  return a.left === b.left && a.right === b.right && a.left_path === b.left_path && a.right_path === b.right_path;
}

/**
 * The mock's manual pairings: a forbidden pair falls apart into its two one-sided rows; a
 * forced pairing takes both clauses out of their rows (but rows forced before) and joins them
 * in one `manual` pair where the left clause stood. Rough, like the rest of the mock.
 */
export function applyOverrides(c: Comparison, overrides: readonly Override[]): Comparison {
  let pairs = c.pairs;
  const oneSided = (side: 'left' | 'right', u: UnitView): Pair => ({ kind: side === 'left' ? 'left_only' : 'right_only', similarity: 0, left: side === 'left' ? u : null, right: side === 'right' ? u : null, ops: [], key_diffs: [], group: null, manual: false });
  for (const o of overrides) {
    if (o.kind === 'forbid') {
      pairs = pairs.flatMap((p) => (p.left?.path === o.left_path && p.right?.path === o.right_path ? [oneSided('left', p.left), oneSided('right', p.right)] : [p]));
      continue;
    }
    const li = pairs.findIndex((p) => p.left?.path === o.left_path);
    const ri = pairs.findIndex((p) => p.right?.path === o.right_path);
    if (li < 0 || ri < 0) continue;
    if (li === ri) {
      pairs = pairs.map((p, i) => (i === li ? { ...p, manual: true } : p));
      continue;
    }
    const l = pairs[li]!.left!;
    const r = pairs[ri]!.right!;
    const ops = tokenDiff(l.text, r.text);
    const joined: Pair = { kind: l.text === r.text ? 'same' : 'modified', similarity: similarity(ops), left: l, right: r, ops, key_diffs: [], group: null, manual: true };
    pairs = pairs.flatMap((p, i): Pair[] => {
      if (i === li) return p.manual ? [p, joined] : [joined, ...(p.right && i !== ri ? [oneSided('right', p.right)] : [])];
      if (i === ri) return p.manual ? [p] : p.left ? [oneSided('left', p.left)] : [];
      return [p];
    });
  }
  if (pairs === c.pairs) return c;
  const count = (k: Pair['kind']) => pairs.filter((p) => p.kind === k).length;
  const summary = { ...c.summary, same: count('same'), modified: count('modified'), moved: count('moved'), split: count('split'), merged: count('merged'), left_only: count('left_only'), right_only: count('right_only'), key_diffs: pairs.reduce((n, p) => n + p.key_diffs.length, 0) };
  return { ...c, pairs, summary };
}

function bigrams(s: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + 1 < s.length; i++) out.add(s.slice(i, i + 2));
  return out;
}

function dice(a: Set<string>, b: Set<string>): number {
  if (a.size + b.size === 0) return 1;
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
  return (2 * n) / (a.size + b.size);
}

/** A rough in-order alignment (LCS over "similar" clauses), for the mock only. */
export function roughCompare(left: StoredDoc, right: StoredDoc): Comparison {
  const view = (d: StoredDoc, i: number): UnitView => {
    const c = d.tree.clauses[i]!;
    return { clause: i, kind: c.kind, path: c.path, label: c.label, heading: c.heading, text: c.text };
  };
  const a = left.tree.clauses.map((c) => bigrams(c.text));
  const b = right.tree.clauses.map((c) => bigrams(c.text));
  const n = a.length;
  const m = b.length;
  const sim = (i: number, j: number) => dice(a[i]!, b[j]!);
  const dp: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--) {
      const s = sim(i, j);
      dp[i]![j] = Math.max(s >= 0.4 ? dp[i + 1]![j + 1]! + s : 0, dp[i + 1]![j]!, dp[i]![j + 1]!);
    }
  const pairs: Pair[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && sim(i, j) >= 0.4 && dp[i]![j] === dp[i + 1]![j + 1]! + sim(i, j)) {
      const l = view(left, i);
      const r = view(right, j);
      const ops = tokenDiff(l.text, r.text);
      const same = l.text === r.text;
      pairs.push({ kind: same ? 'same' : 'modified', similarity: similarity(ops), left: l, right: r, ops, key_diffs: [], group: null, manual: false });
      i++;
      j++;
    } else if (i < n && (j >= m || dp[i + 1]![j]! >= dp[i]![j + 1]!)) {
      pairs.push({ kind: 'left_only', similarity: 0, left: view(left, i), right: null, ops: [], key_diffs: [], group: null, manual: false });
      i++;
    } else {
      pairs.push({ kind: 'right_only', similarity: 0, left: null, right: view(right, j), ops: [], key_diffs: [], group: null, manual: false });
      j++;
    }
  }
  const count = (k: Pair['kind']) => pairs.filter((p) => p.kind === k).length;
  const chars = (d: StoredDoc) => d.tree.clauses.reduce((s, c) => s + c.text.length, 0);
  const kept = pairs.reduce((s, p) => s + p.ops.filter((o) => o.tag === 'equal').reduce((t, o) => t + o.text.length, 0), 0);
  return {
    left: { id: left.id, ...left.meta },
    right: { id: right.id, ...right.meta },
    summary: {
      same: count('same'),
      modified: count('modified'),
      moved: 0,
      split: 0,
      merged: 0,
      left_only: count('left_only'),
      right_only: count('right_only'),
      related: count('related'),
      key_diffs: 0,
      localisation: 0,
      left_reused: chars(left) ? kept / chars(left) : 0,
      right_reused: chars(right) ? kept / chars(right) : 0,
      // The shell counts each side's clauses; the mock does not (the summary leaves the line out).
      left_units: { units: 0, matched: 0, related: 0 },
      right_units: { units: 0, matched: 0, related: 0 },
    },
    pairs,
    key_points: [],
  };
}
