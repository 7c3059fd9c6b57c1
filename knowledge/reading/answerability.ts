// Whether a sentence of the brand's documents answers a question, learned from the team's
// question–section pairs (training-data/answerability/<brand>.csv): a logistic regression over a
// few measurements of the search hit (its score, how much of the question it holds, how rare the
// shared words are) and of how well it agrees with the topic the question reads as. A passage is
// quoted only when this says it answers; otherwise the bot says the documents do not say.
import type { PassageHit, PassageIndex } from '../passages/passage-index.js';
import type { PolicySentence } from '../passages/policy-sentences.js';
import type { Source } from '../knowledge-base.types.js';
import { loadSectionQuestions, type SavedSectionQuestions, type SectionCentroid } from './section-questions.js';

export const ANSWERABILITY_FEATURES = [
  'score (log)',
  'score / best score',
  'rank',
  'coverage of the question',
  'matched words',
  'rarest matched word',
  'topics citing the section',
  'likeliest topic cites it',
  'out of scope',
  'likeliest topic',
  'question words (log)',
  'topics shared with the sentence',
  'letters and words shared with the sentence',
  'question words in the heading',
  "like the team's questions for its section",
] as const;

export interface SavedAnswerabilityModel {
  /** The team's questions summed by brand and section (section-questions.ts). */
  sections: SavedSectionQuestions;
  weights: number[];
  bias: number;
  /** Each feature is standardised with these before the weights apply. */
  means: number[];
  scales: number[];
}

/** What the topic reading says about a question, for the features that compare it with a passage. */
export interface TopicView {
  /** Probability mass of the topics whose composed answers quote a section. */
  massCiting(source: Source): number;
  /** Whether the likeliest topic's composed answer quotes a section. */
  likeliestCites(source: Source): boolean;
  outOfScope: number;
  likeliest: number;
  /** How alike the question and a sentence read to the topic model. */
  similarity(sentence: PolicySentence): { topics: number; words: number };
  /** How alike the question and the team's questions for a section read (0 where there are none). */
  resemblance(source: Source): number;
}

export function answerabilityFeatures(hits: readonly PassageHit[], rank: number, index: PassageIndex, view: TopicView, questionWords: number): number[] {
  const hit = hits[rank];
  if (hit === undefined) throw new Error(`no hit at rank ${rank}`);
  const best = hits[0]?.score ?? hit.score;
  const rarest = Math.max(0, ...hit.matched.map((term) => 1 / Math.max(1, index.sentencesWith(term))));
  const source = { document: hit.sentence.document, section: hit.sentence.section };
  const alike = view.similarity(hit.sentence);
  const heading = index.headingTerms(hit.sentence);
  const asked = hit.matched.length / Math.max(hit.coverage, 1e-9);
  return [
    Math.log1p(hit.score),
    best > 0 ? hit.score / best : 0,
    rank,
    hit.coverage,
    hit.matched.length,
    rarest,
    view.massCiting(source),
    view.likeliestCites(source) ? 1 : 0,
    view.outOfScope,
    view.likeliest,
    Math.log1p(questionWords),
    alike.topics,
    alike.words,
    asked > 0 ? hit.matched.filter((term) => heading.has(term)).length / asked : 0,
    view.resemblance(source),
  ];
}

export interface AnswerabilityModel {
  /** The probability that the hit answers the question. */
  probability(features: readonly number[]): number;
  /** A brand's section's questions summed, if the team wrote any. */
  sections(brand: string, key: string): SectionCentroid | undefined;
}

export function loadAnswerabilityModel(saved: SavedAnswerabilityModel): AnswerabilityModel {
  return {
    sections: loadSectionQuestions(saved.sections),
    probability(features) {
      let z = saved.bias;
      features.forEach((value, at) => {
        z += (saved.weights[at] ?? 0) * ((value - (saved.means[at] ?? 0)) / (saved.scales[at] ?? 1));
      });
      return 1 / (1 + Math.exp(-z));
    },
  };
}

/** Logistic regression by full-batch gradient descent with L2: a few hundred rows of a dozen numbers. */
export function trainAnswerabilityModel(
  rows: ReadonlyArray<{ features: readonly number[]; answers: boolean }>,
  sections: SavedSectionQuestions,
  l2 = 1e-3,
  steps = 3_000,
): SavedAnswerabilityModel {
  const width = ANSWERABILITY_FEATURES.length;
  const means = Array.from({ length: width }, (_, at) => rows.reduce((sum, row) => sum + (row.features[at] ?? 0), 0) / Math.max(1, rows.length));
  const scales = means.map((mean, at) => {
    const variance = rows.reduce((sum, row) => sum + ((row.features[at] ?? 0) - mean) ** 2, 0) / Math.max(1, rows.length);
    return Math.sqrt(variance) || 1;
  });
  const x = rows.map((row) => row.features.map((value, at) => (value - (means[at] ?? 0)) / (scales[at] ?? 1)));
  const y = rows.map((row) => (row.answers ? 1 : 0));
  const weights = new Array<number>(width).fill(0);
  let bias = 0;
  const rate = 0.5;
  for (let step = 0; step < steps; step += 1) {
    const gradient = new Array<number>(width).fill(0);
    let biasGradient = 0;
    x.forEach((features, row) => {
      let z = bias;
      for (let at = 0; at < width; at += 1) z += (weights[at] ?? 0) * (features[at] ?? 0);
      const error = 1 / (1 + Math.exp(-z)) - (y[row] ?? 0);
      biasGradient += error;
      for (let at = 0; at < width; at += 1) gradient[at] = (gradient[at] ?? 0) + error * (features[at] ?? 0);
    });
    bias -= (rate * biasGradient) / x.length;
    for (let at = 0; at < width; at += 1) weights[at] = (weights[at] ?? 0) - rate * ((gradient[at] ?? 0) / x.length + l2 * (weights[at] ?? 0));
  }
  return { sections, weights, bias, means, scales };
}
