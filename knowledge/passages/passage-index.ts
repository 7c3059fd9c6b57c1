// Full-text search over one brand's documents, sentence by sentence (MiniSearch, BM25+), built
// at start-up. Words are compared by stem, so "refunds" finds "refund" and "escalate" finds
// "escalation"; a few shopper words are read as the documents' words ("Christmas" is a holiday).
import MiniSearch from 'minisearch';
import { stem } from './stem.js';
import type { PolicySentence } from './policy-sentences.js';

export interface PassageHit {
  sentence: PolicySentence;
  /** BM25+ score: only comparable within one search. */
  score: number;
  /** The share of the query's meaningful words this sentence (with its section heading and labels) contains. */
  coverage: number;
  /** The query's meaningful words (stems) this sentence contains. */
  matched: string[];
}

export interface PassageIndex {
  readonly sentences: readonly PolicySentence[];
  /** Best sentences first; empty when no meaningful word of `query` is in the documents. */
  search(query: string, options?: { limit?: number }): PassageHit[];
  /** The meaningful words of `text`, as stems, the way the index reads them. */
  terms(text: string): string[];
  /** In how many sentences a term (a stem) appears: the fewer, the more it tells a sentence apart. */
  sentencesWith(term: string): number;
  /** The meaningful words (stems) of a sentence's section heading. */
  headingTerms(sentence: PolicySentence): ReadonlySet<string>;
}

// Words that carry no meaning of their own in a shopper's question or a policy sentence.
const STOPWORDS: ReadonlySet<string> = new Set(
  ('a an the and or but if of to in on at by for from with into about as is are was were be been being am do does did ' +
    'doing have has had i me my myself we us our ours you your yours he him his she her it its they them their this that ' +
    'these those there here so than too very just also then can could would should will shall may might must please ' +
    'what when where who whom why how which any some all each every no not yes e g ie etc get got want need like ' +
    'know tell say said let make much many more most other such only own same s t don doesn isn ' +
    'help assist assistance explain question questions wonder wondering thank thanks hi hello hey able possible ' +
    'someone anyone ok okay sure right now today still really guys one give kind kinds sort type types thing things').split(' '),
);

/**
 * Shopper words the documents say otherwise: each is searched for as the words after it as well.
 * Only meanings the documents use (their holidays, their "escalation", their "RA number").
 */
const SHOPPER_WORDS: Readonly<Record<string, string>> = {
  christmas: 'holiday holidays', thanksgiving: 'holiday holidays', easter: 'holiday holidays', memorial: 'holiday',
  july: 'holiday', labor: 'holiday', newyear: 'holiday', holiday: 'holidays', bank: 'holiday',
  saturday: 'weekend weekends', sunday: 'weekend weekends', weekend: 'weekends',
  manager: 'escalation escalate', supervisor: 'manager escalation escalate', above: 'escalation escalate', escalate: 'escalation',
  boss: 'manager escalation',
  kid: 'children child', kids: 'children child', child: 'children', teen: 'children', teenager: 'children', minor: 'children',
  son: 'children', daughter: 'children',
  card: 'payment', credit: 'payment', paypal: 'payment', stripe: 'payment',
  data: 'information', info: 'information', personal: 'information', details: 'information',
  deleted: 'deletion erasure', delete: 'deletion erasure', erase: 'erasure deletion', forget: 'erasure deletion',
  share: 'sharing disclose', cookie: 'cookies', buy: 'purchase', bought: 'purchase purchased',
  conversation: 'communication', conversations: 'communication', chats: 'communication', old: 'age', year: 'age', years: 'age',
  europe: 'outside countries', abroad: 'outside countries international', currency: 'usd', dollars: 'usd',
  mistake: 'error', problem: 'issue issues', online: 'website account portal', start: 'initiate initiating', before: 'first',
  money: 'refund', refund: 'refunds', reimburse: 'reimbursing refund', reimbursement: 'reimbursing refund',
  faster: 'efficiently quickly', quicker: 'efficiently quickly', quick: 'efficiently',
  engrave: 'engraving personalized customization', engraved: 'engraving personalized', engraving: 'personalized customization',
  monogram: 'personalized engraving', customized: 'personalized custom', customize: 'customization personalized',
  ra: 'return authorization', authorization: 'ra',
  portal: 'account self-service', login: 'log account', dashboard: 'account portal',
  duties: 'customs taxes', customs: 'duties', tax: 'taxes duties', taxes: 'duties',
  mail: 'mailing written', letter: 'written correspondence mail', post: 'mail',
  broken: 'damaged defective', damaged: 'defective', defective: 'damaged', wrong: 'incorrect',
  late: 'delays delayed', delayed: 'delays', missing: 'missing', lost: 'missing',
  urgent: 'urgent prioritize', asap: 'urgent',
  survey: 'feedback', review: 'feedback', suggestion: 'suggestions feedback', complain: 'complaint', complaint: 'complaints',
  clean: 'cleaning care', polish: 'cleaning care', tarnish: 'care cleaning', store: 'storing',
  repair: 'repairs repair', fix: 'repair repairs resolution resolve', fixed: 'resolution resolved', resolve: 'resolution',
  resolved: 'resolution', solve: 'resolve resolution', solved: 'resolution', unhappy: 'satisfied', dissatisfied: 'satisfied',
  nobody: 'not', unresolved: 'resolution escalate',
};

const tokenize = (text: string): string[] =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/new year/g, 'newyear')
    .split(/[^a-z0-9@]+/)
    .filter(Boolean);
const processTerm = (term: string): string | null => (STOPWORDS.has(term) || term.length < 2 ? null : stem(term));

function queryTerms(text: string): string[] {
  return termsOf(tokenize(text));
}

/** The distinct meaningful words (stems) among some words. */
function termsOf(words: readonly string[]): string[] {
  const terms = new Set<string>();
  for (const word of words) {
    const own = processTerm(word);
    if (own !== null) terms.add(own);
  }
  return [...terms];
}

/** The documents' words for each shopper word, as words. */
const SYNONYM_WORDS: ReadonlyMap<string, readonly string[]> = new Map(Object.entries(SHOPPER_WORDS).map(([word, meanings]) => [word, tokenize(meanings)]));

export function createPassageIndex(sentences: readonly PolicySentence[]): PassageIndex {
  const index = new MiniSearch<{ id: number; text: string; context: string }>({
    fields: ['text', 'context'],
    tokenize,
    processTerm,
    searchOptions: { boost: { text: 1, context: 0.3 } },
  });
  index.addAll(sentences.map((sentence, id) => ({ id, text: sentence.text, context: [sentence.heading, ...sentence.labels].join(' ') })));
  // Each sentence's own words (with its labels), and with its section heading for coverage.
  const headingTerms = new Map<string, string[]>();
  const ownTerms = sentences.map((sentence) => new Set(queryTerms(`${sentence.text} ${sentence.labels.join(' ')}`)));
  const contextTerms = sentences.map((sentence, id) => {
    let heading = headingTerms.get(sentence.heading);
    if (heading === undefined) {
      heading = queryTerms(sentence.heading);
      headingTerms.set(sentence.heading, heading);
    }
    return new Set([...(ownTerms[id] ?? []), ...heading]);
  });
  const headingSets = new Map([...headingTerms].map(([heading, terms]) => [heading, new Set(terms)]));
  const noTerms: ReadonlySet<string> = new Set();
  // How rare a word is, counted in the sentences' own words (a heading repeats over its section).
  const frequency = new Map<string, number>();
  for (const terms of ownTerms) for (const term of terms) frequency.set(term, (frequency.get(term) ?? 0) + 1);

  const byWord = new Map<string, WordResults>();
  const scores = new Float64Array(sentences.length);
  const terms = new Int32Array(sentences.length);

  return {
    sentences,
    terms: (text) => queryTerms(text),
    sentencesWith: (term) => frequency.get(term) ?? 0,
    headingTerms: (sentence) => headingSets.get(sentence.heading) ?? noTerms,
    search(query, options = {}) {
      // The shopper's own words decide coverage; the documents' words for them help find it.
      const words = tokenize(query);
      const own = termsOf(words);
      if (own.length === 0) return [];
      // MiniSearch's OR query, summed term by term from each word's remembered results: a
      // sentence's score is the sum of its terms' BM25+ scores (a term said twice counts twice),
      // times how many of the query's terms it holds, as MiniSearch itself scores it.
      const occurrences = new Map<string, { count: number; scores: ReadonlyArray<readonly [number, number]> }>();
      const count = (word: string) => {
        const found = resultsOf(word);
        if (found.term === null) return;
        const known = occurrences.get(found.term);
        if (known === undefined) occurrences.set(found.term, { count: 1, scores: found.scores });
        else known.count += 1;
      };
      for (const word of words) count(word);
      for (const word of words) for (const synonym of SYNONYM_WORDS.get(word) ?? []) count(synonym);
      // Summed in scratch arrays kept for the index, over the sentences met only: a question's
      // words are in tens of sentences, the documents have hundreds.
      const touched: number[] = [];
      for (const { count: times, scores: termScores } of occurrences.values()) {
        for (const [id, score] of termScores) {
          if (terms[id] === 0) touched.push(id);
          scores[id] = (scores[id] ?? 0) + times * score;
          terms[id] = (terms[id] ?? 0) + 1;
        }
      }
      const best = bestOf(touched, scores, terms, options.limit ?? 5);
      for (const id of touched) {
        scores[id] = 0;
        terms[id] = 0;
      }
      const hits: PassageHit[] = [];
      for (const { id, score } of best) {
        const sentence = sentences[id];
        const present = contextTerms[id];
        if (!sentence || !present) continue;
        const matched = own.filter((term) => present.has(term) || synonymsPresent(term, present));
        hits.push({ sentence, score, coverage: matched.length / own.length, matched });
      }
      return hits;
    },
  };

  /** One word's BM25+ score in each sentence holding it, as MiniSearch gives it, remembered. */
  function resultsOf(word: string): WordResults {
    let found = byWord.get(word);
    if (found === undefined) {
      const term = processTerm(word);
      const scores = term === null ? [] : index.search(word).map((result) => [result.id as number, result.score] as const);
      if (byWord.size >= MAX_WORDS_REMEMBERED) byWord.clear();
      byWord.set(word, (found = { term, scores }));
    }
    return found;
  }
}

/** The `limit` best of some sentences (`ids`, in any order) by score × terms held, best first (the earlier sentence first on a tie). */
function bestOf(ids: readonly number[], scores: Float64Array, terms: Int32Array, limit: number): Array<{ id: number; score: number }> {
  const best: Array<{ id: number; score: number }> = [];
  const before = (score: number, id: number, other: { id: number; score: number }) => score > other.score || (score === other.score && id < other.id);
  for (const id of ids) {
    const score = (scores[id] ?? 0) * (terms[id] ?? 0);
    const last = best[limit - 1];
    if (last !== undefined && !before(score, id, last)) continue;
    let at = best.length;
    while (at > 0 && before(score, id, best[at - 1]!)) at -= 1;
    best.splice(at, 0, { id, score });
    if (best.length > limit) best.pop();
  }
  return best;
}

interface WordResults {
  /** The word's stem, or null for a word without meaning of its own. */
  term: string | null;
  scores: ReadonlyArray<readonly [number, number]>;
}

/** Words whose results are remembered per brand (documents hold a few thousand; the rest are shoppers' words). */
const MAX_WORDS_REMEMBERED = 20_000;

let meaningsByStem: Map<string, string[]> | undefined;

/** Whether the documents' words for a shopper word are in the sentence. */
function synonymsPresent(term: string, present: ReadonlySet<string>): boolean {
  meaningsByStem ??= new Map(
    Object.entries(SHOPPER_WORDS).map(([word, meanings]) => [stem(word), meanings.split(' ').map((meaning) => processTerm(meaning) ?? meaning)]),
  );
  return meaningsByStem.get(term)?.some((meaning) => present.has(meaning)) ?? false;
}
