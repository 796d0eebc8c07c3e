import type { DocRow } from "./DocRow";
export type DocPage = { rows: Array<DocRow>, total: number, };
