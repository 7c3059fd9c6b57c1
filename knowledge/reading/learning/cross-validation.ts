// Choosing and calibrating without touching the measuring sets: k-fold cross-validation over the
// training examples (each scored by a model that never saw it), and the softmax temperature that
// makes those held-out probabilities honest (the one that minimises their log loss).
import { softmax, type ClassScores } from './linear-model.js';
import { seededRandom } from './train-linear-model.js';

/** A fold number per example, each class spread evenly over the folds. */
export function stratifiedFolds(labels: readonly string[], folds: number, seed = 11): Int32Array {
  const random = seededRandom(seed);
  const byLabel = new Map<string, number[]>();
  labels.forEach((label, index) => {
    const list = byLabel.get(label) ?? [];
    list.push(index);
    byLabel.set(label, list);
  });
  const foldOf = new Int32Array(labels.length);
  let next = 0;
  for (const indexes of [...byLabel.values()]) {
    for (let i = indexes.length - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      [indexes[i], indexes[j]] = [indexes[j] ?? 0, indexes[i] ?? 0];
    }
    // Continuing the count across classes keeps the fold sizes even too.
    for (const index of indexes) foldOf[index] = next++ % folds;
  }
  return foldOf;
}

/** Held-out scores: for each example, the logits of the model trained on the other folds. */
export function outOfFold<T>(
  items: readonly T[],
  foldOf: Int32Array,
  folds: number,
  train: (training: T[]) => { logitsOf(item: T): ClassScores },
): ClassScores[] {
  const scores: ClassScores[] = new Array(items.length);
  for (let fold = 0; fold < folds; fold += 1) {
    const model = train(items.filter((_, index) => foldOf[index] !== fold));
    items.forEach((item, index) => {
      if (foldOf[index] === fold) scores[index] = model.logitsOf(item);
    });
  }
  return scores;
}

/** The mean log loss of held-out logits at a temperature. */
export function logLoss(logits: readonly ClassScores[], labels: readonly number[], temperature: number): number {
  let total = 0;
  logits.forEach((row, index) => {
    const p = softmax(row, temperature)[labels[index] ?? 0] ?? 0;
    total -= Math.log(Math.max(p, 1e-12));
  });
  return total / Math.max(1, logits.length);
}

/** The temperature in [0.05, 20] that minimises the held-out log loss (golden-section search on its log). */
export function fitTemperature(logits: readonly ClassScores[], labels: readonly number[]): number {
  const loss = (logT: number) => logLoss(logits, labels, Math.exp(logT));
  let low = Math.log(0.05);
  let high = Math.log(20);
  const ratio = (Math.sqrt(5) - 1) / 2;
  let a = high - ratio * (high - low);
  let b = low + ratio * (high - low);
  let fa = loss(a);
  let fb = loss(b);
  for (let step = 0; step < 40; step += 1) {
    if (fa < fb) {
      high = b;
      b = a;
      fb = fa;
      a = high - ratio * (high - low);
      fa = loss(a);
    } else {
      low = a;
      a = b;
      fa = fb;
      b = low + ratio * (high - low);
      fb = loss(b);
    }
  }
  return Math.exp((low + high) / 2);
}
