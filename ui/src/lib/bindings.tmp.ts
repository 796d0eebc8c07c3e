// TEMPORARY hand-written types mirroring the Rust serde shapes, used only until the shell
// helper's generated ts-rs bindings (src/lib/bindings/) land. Delete this file then.

export type Level = 'province' | 'city' | 'district' | 'other';

export type DocMeta = {
  title: string;
  issuer: string | null;
  date: string | null;
  doc_number: string | null;
  province: string | null;
  city: string | null;
  level: Level;
  source_url: string | null;
  source_file: string | null;
  fragment: boolean;
  excerpt: boolean;
  warnings: Array<string>;
};

export type DocRow = { id: number; clause_count: number; chars: number } & DocMeta;

export type ClauseKind =
  | 'title' | 'cover' | 'preamble' | 'signature' | 'part' | 'chapter' | 'section'
  | 'article' | 'item' | 'sub_item' | 'point' | 'sub_point' | 'circled' | 'annex' | 'paragraph';

export type Clause = {
  index: number;
  parent: number | null;
  children: Array<number>;
  depth: number;
  kind: ClauseKind;
  label: string;
  path: string;
  heading: string | null;
  text: string;
  original: string;
  in_article: boolean;
};

export type ClauseTree = { clauses: Array<Clause> };

export type StoredDoc = { id: number; meta: DocMeta; original: string; text: string; tree: ClauseTree };

export type SortBy = 'id' | 'date_desc' | 'date_asc' | 'title';

export type ListFilter = { region: string | null; level: Level | null; year: number | null; sort: SortBy };

export type SearchHit = {
  doc_id: number;
  title: string;
  clause: number;
  path: string;
  label: string;
  text: string;
  matches: Array<[number, number]>;
  rank: number;
};

export type RecentComparison = { left: number; right: number; opened_at: string };

export type PairKind = 'same' | 'modified' | 'moved' | 'split' | 'merged' | 'left_only' | 'right_only';

export type UnitView = { clause: number; kind: ClauseKind; path: string; label: string; heading: string | null; text: string };

export type OpTag = 'equal' | 'delete' | 'insert';

export type WordOp = { tag: OpTag; text: string };

export type KeyDiffKind = 'deadline' | 'percentage' | 'amount' | 'quantity' | 'scope' | 'responsibility' | 'obligation';

export type KeyDiff = { kind: KeyDiffKind; left: string; right: string; detail: string };

export type Pair = {
  kind: PairKind;
  similarity: number;
  left: UnitView | null;
  right: UnitView | null;
  ops: Array<WordOp>;
  key_diffs: Array<KeyDiff>;
  group: number | null;
};

export type DocInfo = { id: number | null } & DocMeta;

export type Summary = {
  same: number;
  modified: number;
  moved: number;
  split: number;
  merged: number;
  left_only: number;
  right_only: number;
  key_diffs: number;
  left_reused: number;
  right_reused: number;
};

export type Comparison = { left: DocInfo; right: DocInfo; summary: Summary; pairs: Array<Pair> };

export type LibraryStatus = { documents: number; path: string; ready: boolean };

export type CompareRequest = {
  left: number;
  right: number;
  granularity: 'word' | 'char';
  ignoreWhitespace: boolean;
  ignorePunctWidth: boolean;
};

export type AppError = { code: string; message: string };

export type ImportOutcome = { path: string; added: Array<number>; duplicates: Array<[string, number]>; error: AppError | null };
