// Whether a sentence of the brand's documents answers a question, learned from the team's
// question–section pairs (training-data/answerability/<brand>.csv): a logistic regression over a
// few measurements of the search hit (its score, how much of the question it holds, how rare the
// shared words are) and of how well it agrees with the topic the question reads as. A passage is
// quoted only when this says it answers; otherwise the bot says the documents do not say.
import type { PassageHit, PassageIndex } from '../passages/passage-index.js';
import type { PolicySentence } from '../passages/policy-sentences.js';
import { loadSectionQuestions, sectionKeyOf, type SavedSectionQuestions, type SectionCentroid } from './section-questions.js';

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
  'the team wrote questions for this store',
  "the store's brand.yaml states facts its answers cite",
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

/**
 * What the topic reading says about a question, for the features that compare it with a passage.
 * Sections are named by their key (section-questions.ts `sectionKey`).
 */
export interface TopicView {
  /** Probability mass of the topics whose composed answers quote a section. */
  massCiting(section: string): number;
  /** Whether the likeliest topic's composed answer quotes a section. */
  likeliestCites(section: string): boolean;
  outOfScope: number;
  likeliest: number;
  /** How alike the question and a sentence read to the topic model. */
  similarity(sentence: PolicySentence): { topics: number; words: number };
  /** How alike the question and the team's questions for a section read (0 where there are none). */
  resemblance(section: string): number;
  /**
   * Whether the team wrote questions for this store at all: a store added as a folder has none,
   * so its sections resemble nothing, which must not read as "this section answers nothing".
   */
  storeKnown: boolean;
  /**
   * Whether any of the store's composed answers cites its documents: a folder with an empty
   * brand.yaml has none, so no topic "cites" the section a sentence is in.
   */
  storeStates: boolean;
}

/** The question's length as the features take it: training and reading count it the same way. */
export function questionWords(question: string): number {
  return question.split(/\s+/).filter(Boolean).length;
}

export function answerabilityFeatures(hits: readonly PassageHit[], rank: number, index: PassageIndex, view: TopicView, questionWords: number): number[] {
  const hit = hits[rank];
  if (hit === undefined) throw new Error(`no hit at rank ${rank}`);
  const best = hits[0]?.score ?? hit.score;
  const heading = index.headingTerms(hit.sentence);
  let rarest = 0;
  let inHeading = 0;
  for (const term of hit.matched) {
    rarest = Math.max(rarest, 1 / Math.max(1, index.sentencesWith(term)));
    if (heading.has(term)) inHeading += 1;
  }
  const source = sectionKeyOf(hit.sentence);
  const alike = view.similarity(hit.sentence);
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
    asked > 0 ? inHeading / asked : 0,
    view.resemblance(source),
    view.storeKnown ? 1 : 0,
    view.storeStates ? 1 : 0,
  ];
}

export interface AnswerabilityModel {
  /** The probability that the hit answers the question. */
  probability(features: readonly number[]): number;
  /** A brand's section's questions summed, if the team wrote any. */
  sections(brand: string, key: string): SectionCentroid | undefined;
  /** Whether the team wrote questions for any section of the brand's documents. */
  knowsStore(brand: string): boolean;
}

export function loadAnswerabilityModel(saved: SavedAnswerabilityModel): AnswerabilityModel {
  const weights = Float64Array.from(saved.weights);
  const means = Float64Array.from(saved.means);
  const scales = Float64Array.from(saved.scales);
  const standardized = new Float64Array(saved.means.length);
  return {
    sections: loadSectionQuestions(saved.sections),
    knowsStore: (brand) => Object.hasOwn(saved.sections, brand),
    probability(features) {
      // withPairs' order, summed as it goes: this runs for every passage of every question.
      const width = features.length;
      for (let at = 0; at < width; at += 1) standardized[at] = ((features[at] ?? 0) - (means[at] ?? 0)) / (scales[at] ?? 1);
      let z = saved.bias;
      let weight = 0;
      for (let at = 0; at < width; at += 1) z += (weights[weight++] ?? 0) * standardized[at]!;
      for (let a = 0; a < width; a += 1) {
        const left = standardized[a]!;
        for (let b = a + 1; b < width; b += 1) z += (weights[weight++] ?? 0) * left * standardized[b]!;
      }
      return 1 / (1 + Math.exp(-z));
    },
  };
}

/**
 * The standardized features and every product of two of them: "the rarest word matched" counts
 * for more where the topics agree, which a sum of the features alone cannot say.
 */
function withPairs(standardized: readonly number[]): number[] {
  const inputs = [...standardized];
  for (let a = 0; a < standardized.length; a += 1) {
    for (let b = a + 1; b < standardized.length; b += 1) inputs.push((standardized[a] ?? 0) * (standardized[b] ?? 0));
  }
  return inputs;
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
  // One flat array of every row's inputs: the loop below runs steps × rows × inputs times.
  const expanded = rows.map((row) => withPairs(row.features.map((value, at) => (value - (means[at] ?? 0)) / (scales[at] ?? 1))));
  const inputs = expanded[0]?.length ?? width;
  const x = new Float64Array(expanded.length * inputs);
  expanded.forEach((features, row) => x.set(features, row * inputs));
  const y = Float64Array.from(rows, (row) => (row.answers ? 1 : 0));
  const weights = new Float64Array(inputs);
  const gradient = new Float64Array(inputs);
  let bias = 0;
  const rate = 0.5;
  for (let step = 0; step < steps; step += 1) {
    gradient.fill(0);
    let biasGradient = 0;
    for (let row = 0, offset = 0; row < y.length; row += 1, offset += inputs) {
      let z = bias;
      for (let at = 0; at < inputs; at += 1) z += weights[at]! * x[offset + at]!;
      const error = 1 / (1 + Math.exp(-z)) - y[row]!;
      biasGradient += error;
      for (let at = 0; at < inputs; at += 1) gradient[at] = gradient[at]! + error * x[offset + at]!;
    }
    bias -= (rate * biasGradient) / y.length;
    for (let at = 0; at < inputs; at += 1) weights[at] = weights[at]! - rate * (gradient[at]! / y.length + l2 * weights[at]!);
  }
  return { sections, weights: [...weights], bias, means, scales };
}
