import { postingsOf, type RankIndex } from './rank-index.js';

/**
 * Okapi BM25 over two fields per file — content terms and path terms — scored separately and
 * summed with a path weight (a BM25F-lite: a path naming the words is strong evidence).
 * Only the query's terms are looked at, so scoring is O(files × query terms) from cached counts.
 */
export interface Bm25Document {
  id: string;
  /** Content term → count. */
  tf: Readonly<Record<string, number>>;
  /** Total content terms. */
  length: number;
  /** Path terms (each counted once). */
  pathTerms: readonly string[];
}

export interface Bm25Options {
  k1?: number;
  b?: number;
  /** Multiplier of the path field's score. */
  pathWeight?: number;
}

export interface Bm25Hit {
  id: string;
  score: number;
}

/** Query terms with weights: repeats and title terms count more, with diminishing returns. */
export type WeightedQuery = ReadonlyMap<string, number>;

export function bm25Rank(
  docs: readonly Bm25Document[],
  query: WeightedQuery,
  options: Bm25Options = {},
): Bm25Hit[] {
  const k1 = options.k1 ?? 1.2;
  const b = options.b ?? 0.75;
  const pathWeight = options.pathWeight ?? 1.5;
  const n = docs.length;
  if (n === 0 || query.size === 0) return [];
  const terms = [...query.keys()];
  const df = new Map<string, number>(terms.map((t) => [t, 0]));
  const pdf = new Map<string, number>(terms.map((t) => [t, 0]));
  let totalLength = 0;
  const pathSets = docs.map((d) => new Set(d.pathTerms));
  docs.forEach((d, i) => {
    totalLength += d.length;
    for (const t of terms) {
      if (countOf(d.tf, t)) df.set(t, df.get(t)! + 1);
      if (pathSets[i]!.has(t)) pdf.set(t, pdf.get(t)! + 1);
    }
  });
  const avgLength = totalLength / n || 1;
  const idf = (count: number) => Math.log(1 + (n - count + 0.5) / (count + 0.5));
  const hits: Bm25Hit[] = [];
  docs.forEach((d, i) => {
    let score = 0;
    const norm = k1 * (1 - b + (b * d.length) / avgLength);
    for (const t of terms) {
      const weight = query.get(t)!;
      const f = countOf(d.tf, t);
      if (f) score += weight * idf(df.get(t)!) * ((f * (k1 + 1)) / (f + norm));
      if (pathSets[i]!.has(t)) score += weight * pathWeight * idf(pdf.get(t)!);
    }
    if (score > 0) hits.push({ id: d.id, score });
  });
  return hits.sort((a, c) => c.score - a.score || (a.id < c.id ? -1 : 1));
}

/** A term's count, never an `Object.prototype` member (a term can be `constructor`). */
function countOf(tf: Readonly<Record<string, number>>, term: string): number | undefined {
  return Object.hasOwn(tf, term) ? tf[term] : undefined;
}

/** Builds the weighted query: `1 + ln(count)` per term, title terms counted twice. */
export function weightQuery(
  titleTerms: readonly string[],
  bodyTerms: readonly string[],
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of titleTerms) counts.set(t, (counts.get(t) ?? 0) + 2);
  for (const t of bodyTerms) counts.set(t, (counts.get(t) ?? 0) + 1);
  const query = new Map<string, number>();
  for (const [t, c] of counts) query.set(t, 1 + Math.log(c));
  return query;
}

/** A hit of `bm25RankIndex`: a document number of the index. */
export interface Bm25DocHit {
  doc: number;
  score: number;
}

/**
 * `bm25Rank` over a rank index's postings: only the query terms' postings are read, so a run costs
 * O(documents holding a query term) instead of a term table and a path-term set per file. Each
 * document's score adds the same terms in the same order as `bm25Rank`, so the two agree exactly.
 * `include` (one flag per document) restricts the collection, e.g. to source files for the baseline.
 */
export function bm25RankIndex(
  index: Pick<RankIndex, 'lengths' | 'content' | 'pathTerms'>,
  query: WeightedQuery,
  include?: Uint8Array,
  options: Bm25Options = {},
): Bm25DocHit[] {
  const k1 = options.k1 ?? 1.2;
  const b = options.b ?? 0.75;
  const pathWeight = options.pathWeight ?? 1.5;
  const { lengths } = index;
  const inSet = (doc: number) => !include || include[doc] === 1;
  let n = 0;
  let totalLength = 0;
  for (let doc = 0; doc < lengths.length; doc++) {
    if (!inSet(doc)) continue;
    n++;
    totalLength += lengths[doc]!;
  }
  if (n === 0 || query.size === 0) return [];
  const avgLength = totalLength / n || 1;
  const idf = (count: number) => Math.log(1 + (n - count + 0.5) / (count + 0.5));
  const scores = new Float64Array(lengths.length);
  for (const [t, weight] of query) {
    const content = postingsOf(index.content, t);
    const path = postingsOf(index.pathTerms, t);
    const df = content ? countIn(content.docs, inSet) : 0;
    const pdf = path ? countIn(path.docs, inSet) : 0;
    // Per document: this term's content part, then its path part, as bm25Rank adds them.
    content?.docs.forEach((doc, i) => {
      if (!inSet(doc)) return;
      const f = content.values[i]!;
      const norm = k1 * (1 - b + (b * lengths[doc]!) / avgLength);
      scores[doc] = scores[doc]! + weight * idf(df) * ((f * (k1 + 1)) / (f + norm));
    });
    path?.docs.forEach((doc) => {
      if (inSet(doc)) scores[doc] = scores[doc]! + weight * pathWeight * idf(pdf);
    });
  }
  const hits: Bm25DocHit[] = [];
  scores.forEach((score, doc) => {
    if (score > 0 && inSet(doc)) hits.push({ doc, score });
  });
  // Documents are numbered in path order, so the tie-break is bm25Rank's (by path).
  return hits.sort((a, c) => c.score - a.score || a.doc - c.doc);
}

function countIn(docs: Uint32Array, inSet: (doc: number) => boolean): number {
  let n = 0;
  for (const doc of docs) if (inSet(doc)) n++;
  return n;
}
