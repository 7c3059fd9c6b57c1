// Trains a linear classifier (linear-model.ts): multinomial logistic regression over TF-IDF
// features, by stochastic gradient descent with per-weight step sizes (AdaGrad) and L2. Pure and
// deterministic: the same examples and settings give the same model. Used by `npm run train`
// (scripts/train-models.ts) and by the cross-validation of `npm run eval:understanding`.
import { featureHashesOfTokens, tokens, type FeatureHashes, type FeatureShape } from './text-features.js';
import { FeatureTable, LINEAR_MODEL_FORMAT, fromParts, vectorize, type ClassScores, type LinearModel, type SavedLinearModel, type SparseVector, type Vocabulary } from './linear-model.js';

export interface TrainingExample {
  text: string;
  label: string;
  /** How much the example counts (1 by default): corpora of other people's words count less. */
  weight?: number;
  /** Context features (e.g. what the bot just asked): always-on indicators besides the words. */
  contexts?: readonly string[];
}

export interface TrainingSettings {
  shape: FeatureShape;
  /** A feature must occur in at least this many examples to be kept. */
  minCount: number;
  /** L2 penalty per update. */
  l2: number;
  epochs: number;
  /** AdaGrad's base step size. */
  learningRate: number;
  /** Seed of the example order. */
  seed: number;
}

/** Chosen by 5-fold cross-validation on the topic model's examples (docs/understanding.md). */
export const DEFAULT_TRAINING: TrainingSettings = {
  shape: { charMin: 4, charMax: 4, wordPairs: true },
  minCount: 2,
  l2: 1e-5,
  epochs: 8,
  learningRate: 0.1,
  seed: 7,
};

export interface TrainedLinearModel {
  model: LinearModel;
  /** What `save` writes: a model with its temperature. */
  save(temperature: number, key: string): SavedLinearModel;
  /** Raw scores of a text, for calibration. */
  logitsOf(text: string, contexts?: readonly string[]): ClassScores;
}

/** A pseudo-random generator (mulberry32): the same order of examples on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Built {
  vocabulary: Vocabulary;
  wordHashes: number[];
  charHashes: number[];
  contextNames: string[];
}

function buildVocabulary(hashed: readonly FeatureHashes[], contexts: readonly (readonly string[])[], minCount: number): Built {
  const wordDf = new Map<number, number>();
  const charDf = new Map<number, number>();
  // Document frequency: in how many examples each feature occurs (once per example however often).
  for (const { words, chars } of hashed) {
    for (const name of new Set(words)) wordDf.set(name, (wordDf.get(name) ?? 0) + 1);
    for (const name of new Set(chars)) charDf.set(name, (charDf.get(name) ?? 0) + 1);
  }
  const kept = (df: Map<number, number>) => [...df].filter(([, count]) => count >= minCount).map(([feature]) => feature).sort((a, b) => a - b);
  const wordHashes = kept(wordDf);
  const charHashes = kept(charDf);
  const contextNames = [...new Set(contexts.flat())].sort();
  const total = hashed.length;
  const words = new FeatureTable(wordHashes);
  const chars = new FeatureTable(charHashes, wordHashes.length);
  const contextIndex = new Map<string, number>();
  const idf = new Float32Array(wordHashes.length + charHashes.length + contextNames.length);
  // Smoothed IDF, as a document that holds every feature once had been added.
  const idfOf = (df: number) => Math.log((1 + total) / (1 + df)) + 1;
  wordHashes.forEach((feature, index) => {
    idf[index] = idfOf(wordDf.get(feature) ?? 0);
  });
  charHashes.forEach((feature, offset) => {
    idf[wordHashes.length + offset] = idfOf(charDf.get(feature) ?? 0);
  });
  contextNames.forEach((name, offset) => {
    const index = wordHashes.length + charHashes.length + offset;
    contextIndex.set(name, index);
    idf[index] = 1;
  });
  return { vocabulary: { words, chars, contexts: contextIndex, idf }, wordHashes, charHashes, contextNames };
}

export function trainLinearModel(name: string, examples: readonly TrainingExample[], settings: TrainingSettings = DEFAULT_TRAINING, classOrder?: readonly string[]): TrainedLinearModel {
  const classes = classOrder ? [...classOrder] : [...new Set(examples.map((example) => example.label))].sort();
  const classIndex = new Map(classes.map((label, index) => [label, index]));
  const hashed = examples.map((example) => featureHashesOfTokens(tokens(example.text), settings.shape, example.contexts));
  const built = buildVocabulary(hashed, examples.map((example) => example.contexts ?? []), settings.minCount);
  const vectors: SparseVector[] = hashed.map((hashes, index) => vectorize(hashes, built.vocabulary, examples[index]?.contexts ?? []));
  const labels = Int32Array.from(examples.map((example) => classIndex.get(example.label) ?? -1));
  const sampleWeights = Float64Array.from(examples.map((example) => example.weight ?? 1));
  const classCount = classes.length;
  const features = built.vocabulary.idf.length;
  const weights = new Float32Array(features * classCount);
  const squares = new Float32Array(features * classCount);
  const bias = new Float64Array(classCount);
  const biasSquares = new Float64Array(classCount);
  const scores = new Float64Array(classCount);
  const random = seededRandom(settings.seed);
  const order = Array.from({ length: examples.length }, (_, index) => index);
  const { learningRate, l2 } = settings;
  const EPSILON = 1e-8;

  for (let epoch = 0; epoch < settings.epochs; epoch += 1) {
    for (let i = order.length - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j] ?? 0, order[i] ?? 0];
    }
    for (const example of order) {
      const label = labels[example] ?? -1;
      if (label < 0) continue;
      const { indexes, values } = vectors[example] ?? { indexes: [], values: [] };
      const sampleWeight = sampleWeights[example] ?? 1;
      let max = -Infinity;
      for (let c = 0; c < classCount; c += 1) {
        let score = bias[c] ?? 0;
        for (let i = 0; i < indexes.length; i += 1) score += (values[i] ?? 0) * (weights[(indexes[i] ?? 0) * classCount + c] ?? 0);
        scores[c] = score;
        if (score > max) max = score;
      }
      let sum = 0;
      for (let c = 0; c < classCount; c += 1) {
        scores[c] = Math.exp((scores[c] ?? 0) - max);
        sum += scores[c] ?? 0;
      }
      for (let c = 0; c < classCount; c += 1) {
        // The gradient of the log loss: predicted minus wanted, scaled by how much the example counts.
        const gradient = sampleWeight * ((scores[c] ?? 0) / sum - (c === label ? 1 : 0));
        const biasSquare = (biasSquares[c] ?? 0) + gradient * gradient;
        biasSquares[c] = biasSquare;
        bias[c] = (bias[c] ?? 0) - (learningRate * gradient) / Math.sqrt(biasSquare + EPSILON);
        for (let i = 0; i < indexes.length; i += 1) {
          const at = (indexes[i] ?? 0) * classCount + c;
          const weight = weights[at] ?? 0;
          const step = gradient * (values[i] ?? 0) + l2 * weight;
          const square = (squares[at] ?? 0) + step * step;
          squares[at] = square;
          weights[at] = weight - (learningRate * step) / Math.sqrt(square + EPSILON);
        }
      }
    }
  }

  const model = fromParts(name, classes, settings.shape, built.vocabulary, weights, [...bias], 1);
  return {
    model,
    logitsOf: (text, contexts) => model.logits(model.vectorOf(tokens(text), contexts)),
    save(temperature, key) {
      return {
        format: LINEAR_MODEL_FORMAT,
        name,
        key,
        classes,
        shape: settings.shape,
        words: Int32Array.from(built.wordHashes),
        chars: Int32Array.from(built.charHashes),
        idf: built.vocabulary.idf.slice(0, built.wordHashes.length + built.charHashes.length),
        weights,
        bias: Array.from(bias),
        temperature,
        ...(built.contextNames.length > 0 ? { contexts: built.contextNames } : {}),
      };
    },
  };
}
