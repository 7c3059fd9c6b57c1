// How the topic model reads shoppers' typos, cross-validated on its own training data: each held-out
// line has about a third of its words of four letters or more misspelt (a letter dropped, doubled or
// changed, or two neighbours swapped, from a seeded generator, so every run is the same), and is
// read as typed and through the Reading step's spelling (knowledge/reading/spelling.ts).
import { stratifiedFolds } from '../../knowledge/reading/learning/cross-validation.js';
import { largestAt } from '../../knowledge/reading/learning/linear-model.js';
import { tokens } from '../../knowledge/reading/learning/text-features.js';
import { seededRandom, trainLinearModel } from '../../knowledge/reading/learning/train-linear-model.js';
import { RECIPES, topicExamples } from '../../knowledge/reading/reading-models.js';
import { createSpelling } from '../../knowledge/reading/spelling.js';
import { FOLDS, share } from './cross-validated.js';

const MISSPELT_SHARE = 0.3;
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** One typo in a word, of the four kinds people make on a keyboard. */
function misspell(word: string, random: () => number): string {
  const at = Math.floor(random() * word.length);
  switch (Math.floor(random() * 4)) {
    case 0:
      return word.slice(0, at) + word.slice(at + 1);
    case 1:
      return at + 1 < word.length ? word.slice(0, at) + word.charAt(at + 1) + word.charAt(at) + word.slice(at + 2) : word.slice(0, at);
    case 2:
      return word.slice(0, at) + LETTERS.charAt(Math.floor(random() * LETTERS.length)) + word.slice(at + 1);
    default:
      return word.slice(0, at + 1) + word.slice(at);
  }
}

export interface TypoFigures {
  /** By source ("own", "bitext"): accuracy on the lines as written, with typos as typed, and with typos through the spelling. */
  bySource: Map<string, { clean: number; typed: number; spelled: number; total: number }>;
}

export function typoFigures(): TypoFigures {
  const examples = topicExamples();
  const classes = [...new Set(examples.map((example) => example.label))].sort();
  const folds = stratifiedFolds(examples.map((example) => `${example.label}|${example.source}`), FOLDS);
  const random = seededRandom(7);
  const bySource = new Map<string, { clean: number; typed: number; spelled: number; total: number }>();
  for (let fold = 0; fold < FOLDS; fold += 1) {
    const { model } = trainLinearModel('topic', examples.filter((_, at) => folds[at] !== fold), RECIPES.topic.settings, classes);
    const spelling = createSpelling((word) => model.rarity(word));
    const right = (words: readonly string[], label: string) => (classes[largestAt(model.logits(model.vectorOf(words)))] === label ? 1 : 0);
    examples.forEach((example, at) => {
      if (folds[at] !== fold || (example.source !== 'own' && example.source !== 'bitext')) return;
      const clean = tokens(example.text);
      const typed = clean.map((word) => (word.length >= 4 && !word.startsWith('#') && random() < MISSPELT_SHARE ? misspell(word, random) : word));
      const tally = bySource.get(example.source) ?? { clean: 0, typed: 0, spelled: 0, total: 0 };
      tally.clean += right(clean, example.label);
      tally.typed += right(typed, example.label);
      tally.spelled += right(spelling.correct(typed), example.label);
      tally.total += 1;
      bySource.set(example.source, tally);
    });
  }
  for (const tally of bySource.values()) {
    tally.clean = share(tally.clean, tally.total);
    tally.typed = share(tally.typed, tally.total);
    tally.spelled = share(tally.spelled, tally.total);
  }
  return { bySource };
}
