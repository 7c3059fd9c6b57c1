// The topic model's reading of one question, as the rest of the Reading step takes it: its
// labels (catalog topics, "identity", out of scope) from likeliest to least, and how the brand's
// composed answers line up with it (which topics quote a section), for the answerability check.
import type { BrandId } from '../brand-ids.js';
import type { Answer } from '../knowledge-base.types.js';
import { TOPICS, type Topic } from '../topics.js';
import type { PolicySentence } from '../passages/policy-sentences.js';
import type { TopicView } from './answerability.js';
import { sectionKey, type SectionCentroid } from './section-questions.js';
import { largestAt, type ClassScores, type LinearModel, type SparseVector } from './learning/linear-model.js';
import { tokens } from './learning/text-features.js';

export interface TopicDistribution {
  /** The likeliest label (undefined only for a model without classes). */
  best: { label: string; probability: number } | undefined;
  /** Every label, likeliest first (sorted when first asked for). */
  ranked: ReadonlyArray<{ label: string; probability: number }>;
  probability(label: string): number;
  /** The probabilities in the model's class order, and the message as the model read it. */
  probabilities: ClassScores;
  vector: SparseVector;
}

/** Each model's class indexes by label, made once. */
const classIndexes = new WeakMap<LinearModel, ReadonlyMap<string, number>>();

/**
 * A class rather than an object literal: several are made for each message, and a literal with a
 * getter and its own functions costs more to make than the reading it holds.
 */
class Distribution implements TopicDistribution {
  readonly best: { label: string; probability: number } | undefined;
  private sorted: Array<{ label: string; probability: number }> | undefined;

  constructor(
    private readonly classes: readonly string[],
    private readonly index: ReadonlyMap<string, number>,
    readonly probabilities: ClassScores,
    readonly vector: SparseVector,
  ) {
    const top = largestAt(probabilities);
    this.best = top < 0 ? undefined : { label: classes[top] ?? '', probability: probabilities[top] ?? 0 };
  }

  get ranked(): ReadonlyArray<{ label: string; probability: number }> {
    this.sorted ??= this.classes.map((label, at) => ({ label, probability: this.probabilities[at] ?? 0 })).sort((a, b) => b.probability - a.probability);
    return this.sorted;
  }

  probability(label: string): number {
    return this.probabilities[this.index.get(label) ?? -1] ?? 0;
  }
}

export function topicDistribution(model: LinearModel, words: readonly string[]): TopicDistribution {
  const vector = model.vectorOf(words);
  let index = classIndexes.get(model);
  if (index === undefined) classIndexes.set(model, (index = new Map(model.classes.map((label, at) => [label, at]))));
  return new Distribution(model.classes, index, model.distribution(vector), vector);
}

/**
 * How alike a question and a sentence of the documents read to the topic model: the overlap of
 * their topic probabilities, and the cosine of their TF-IDF vectors. Each sentence is read once.
 */
export function createSentenceSimilarity(model: LinearModel) {
  const read = new WeakMap<PolicySentence, { distribution: TopicDistribution; norm: number }>();
  const of = (sentence: PolicySentence) => {
    let known = read.get(sentence);
    if (known === undefined) {
      const distribution = topicDistribution(model, tokens(sentence.text));
      let squared = 0;
      for (const value of distribution.vector.values) squared += value * value;
      known = { distribution, norm: Math.sqrt(squared) };
      read.set(sentence, known);
    }
    return known;
  };
  // The question's vector spread out densely, once for the several sentences it is compared with.
  let dense = new Float64Array(0);
  let spread: TopicDistribution | undefined;
  let spreadNorm = 0;
  const spreadOut = (question: TopicDistribution) => {
    if (spread === question) return;
    if (spread !== undefined) for (const index of spread.vector.indexes) dense[index] = 0;
    let largest = 0;
    for (const index of question.vector.indexes) if (index > largest) largest = index;
    if (dense.length <= largest) dense = new Float64Array((largest + 1) * 2);
    spreadNorm = 0;
    const { indexes, values } = question.vector;
    for (let at = 0; at < indexes.length; at += 1) {
      const value = values[at] ?? 0;
      dense[indexes[at] ?? 0] = value;
      spreadNorm += value * value;
    }
    spread = question;
  };
  return {
    /** How alike the question and a sentence read: topics shared, and the cosine of their words. */
    sentence(question: TopicDistribution, sentence: PolicySentence): { topics: number; words: number } {
      const { distribution: other, norm } = of(sentence);
      let topics = 0;
      for (let at = 0; at < question.probabilities.length; at += 1) topics += Math.min(question.probabilities[at] ?? 0, other.probabilities[at] ?? 0);
      spreadOut(question);
      let dot = 0;
      const { indexes, values } = other.vector;
      for (let at = 0; at < indexes.length; at += 1) {
        const index = indexes[at] ?? 0;
        if (index < dense.length) dot += (values[at] ?? 0) * (dense[index] ?? 0);
      }
      return { topics, words: spreadNorm > 0 && norm > 0 ? dot / (Math.sqrt(spreadNorm) * norm) : 0 };
    },
    /**
     * The cosine of the question and a section's questions summed. `includesQuestion`: the sum
     * holds this very question (a training question), which is taken out first, so a question is
     * never measured against itself.
     */
    section(question: TopicDistribution, centroid: SectionCentroid, includesQuestion = false): number {
      spreadOut(question);
      let dot = centroid.dot(question.vector);
      let squaredNorm = centroid.squaredNorm;
      if (includesQuestion) {
        squaredNorm += spreadNorm - 2 * dot;
        dot -= spreadNorm;
      }
      return spreadNorm > 0 && squaredNorm > 1e-9 ? dot / Math.sqrt(spreadNorm * squaredNorm) : 0;
    },
  };
}

export type SentenceSimilarity = ReturnType<typeof createSentenceSimilarity>;

/** By brand: for each section of its documents, the topics whose composed answers quote it (worked out once). */
const citations = new WeakMap<object, Map<BrandId, ReadonlyMap<string, ReadonlySet<string>>>>();

function citingTopics(answer: (brand: BrandId, topic: Topic) => Pick<Answer, 'sources'>, brand: BrandId): ReadonlyMap<string, ReadonlySet<string>> {
  let byBrand = citations.get(answer);
  if (byBrand === undefined) citations.set(answer, (byBrand = new Map()));
  let citing = byBrand.get(brand);
  if (citing === undefined) {
    const sections = new Map<string, Set<string>>();
    for (const topic of TOPICS) {
      for (const { document, section } of answer(brand, topic).sources) {
        const key = sectionKey(document, section);
        let topics = sections.get(key);
        if (topics === undefined) sections.set(key, (topics = new Set()));
        topics.add(topic);
      }
    }
    byBrand.set(brand, (citing = sections));
  }
  return citing;
}

/** How a question's topics line up with a brand's composed answers: the answerability features' view. */
export function topicView(
  answer: (brand: BrandId, topic: Topic) => Pick<Answer, 'sources'>,
  brand: BrandId,
  distribution: TopicDistribution,
  similarity: SentenceSimilarity,
  sections: (brand: string, key: string) => SectionCentroid | undefined,
  /** For a training question: the section it was written for, whose sum holds it. */
  ownSection?: string,
  storeKnown = true,
): TopicView {
  const citing = citingTopics(answer, brand);
  const likeliest = distribution.best;
  return {
    massCiting: (key) => {
      let mass = 0;
      for (const label of citing.get(key) ?? []) mass += distribution.probability(label);
      return mass;
    },
    likeliestCites: (key) => likeliest !== undefined && (citing.get(key)?.has(likeliest.label) ?? false),
    outOfScope: distribution.probability('out_of_scope'),
    likeliest: likeliest?.probability ?? 0,
    similarity: (sentence) => similarity.sentence(distribution, sentence),
    storeKnown,
    storeStates: citing.size > 0,
    resemblance: (key) => {
      const centroid = sections(brand, key);
      return centroid === undefined ? 0 : similarity.section(distribution, centroid, key === ownSection);
    },
  };
}

