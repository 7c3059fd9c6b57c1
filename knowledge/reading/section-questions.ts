// The team's questions for each section of a brand's documents (training-data/answerability/),
// summed into one vector per section in the topic model's features: how much a shopper's question
// resembles the questions that section answers. One of the answerability check's features
// (answerability.ts): a sentence is more likely to answer a question like the ones its section
// was written for ("where do I mail it back to?" and the mailing address of returns).
import { FeatureTable, type SparseVector } from './learning/linear-model.js';

/** A section's questions summed: its squared length, and its dot product with a question. */
export interface SectionCentroid {
  squaredNorm: number;
  /**
   * The dot product with a question's vector, walked over the question's few features (a
   * question has about a hundred, a section's sum a thousand or more).
   */
  dot(question: SparseVector): number;
}

/** A section's sum with its features findable by index: one table lookup per feature of the question. */
function centroidOf(indexes: readonly number[], values: readonly number[]): SectionCentroid {
  let squaredNorm = 0;
  for (const value of values) squaredNorm += value * value;
  const places = new FeatureTable(indexes);
  const weights = Float64Array.from(values);
  return {
    squaredNorm,
    dot({ indexes: features, values: amounts }) {
      let sum = 0;
      for (let at = 0; at < features.length; at += 1) {
        const place = places.indexOf(features[at] ?? 0);
        if (place >= 0) sum += (amounts[at] ?? 0) * (weights[place] ?? 0);
      }
      return sum;
    },
  };
}

/** By brand, by "document#section": what `npm run train` keeps with the answerability model. */
export type SavedSectionQuestions = Record<string, Record<string, { indexes: number[]; values: number[] }>>;

export const sectionKey = (document: string, section: string): string => `${document}#${section}`;

/** Each sentence's section key, made once: the answerability check asks for it several times per passage. */
const keys = new WeakMap<object, string>();

/** The key of the section a sentence (or any long-lived source) sits in. */
export function sectionKeyOf(source: { document: string; section: string }): string {
  let key = keys.get(source);
  if (key === undefined) keys.set(source, (key = sectionKey(source.document, source.section)));
  return key;
}

/** Questions' vectors summed by brand and section. */
export function sumSectionQuestions(questions: ReadonlyArray<{ brand: string; section: string; vector: SparseVector }>): SavedSectionQuestions {
  const sums = new Map<string, Map<string, Map<number, number>>>();
  for (const { brand, section, vector } of questions) {
    let byBrand = sums.get(brand);
    if (byBrand === undefined) sums.set(brand, (byBrand = new Map()));
    let sum = byBrand.get(section);
    if (sum === undefined) byBrand.set(section, (sum = new Map()));
    vector.indexes.forEach((index, at) => sum.set(index, (sum.get(index) ?? 0) + (vector.values[at] ?? 0)));
  }
  const saved: SavedSectionQuestions = {};
  for (const [brand, sections] of sums) {
    saved[brand] = {};
    for (const [section, sum] of sections) {
      const indexes = [...sum.keys()].sort((a, b) => a - b);
      // Four decimals: the saved models stay small, the cosine changes in the fourth place at most.
      saved[brand][section] = { indexes, values: indexes.map((index) => Math.round((sum.get(index) ?? 0) * 1e4) / 1e4) };
    }
  }
  return saved;
}

/** The saved sums as centroids to compare questions with. */
export function loadSectionQuestions(saved: SavedSectionQuestions): (brand: string, key: string) => SectionCentroid | undefined {
  const centroids = new Map<string, Map<string, SectionCentroid>>();
  for (const [brand, sections] of Object.entries(saved)) {
    centroids.set(brand, new Map(Object.entries(sections).map(([key, { indexes, values }]) => [key, centroidOf(indexes, values)])));
  }
  return (brand, key) => centroids.get(brand)?.get(key);
}
