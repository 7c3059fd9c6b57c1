// The examples Clasp's models learn from, as data files in knowledge/reading/training-data/ (see
// its README): the team's own lines, and samples of public corpora with their licences. Read by
// the training (scripts/train-models.ts) and the cross-validation, never at a shopper's turn.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCsvRows } from '../csv.js';

export const TRAINING_DATA_DIR = fileURLToPath(new URL('./training-data/', import.meta.url));

/** Where a line comes from: the team's own words, or a public corpus. */
export type ExampleSource = 'own' | 'clinc' | 'bitext' | 'sgd';

export interface LabelledLine {
  text: string;
  label: string;
  source: ExampleSource;
  /** What the bot had just said, for dialogue acts: OFFER, CONFIRM, REQUEST, REQ_MORE or INFORM. */
  context?: string;
}

function lines(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('# '));
}

/** The team's lines per topic: one file per label (`topics/<label>.txt`), one message a line. */
export function ownTopicLines(dir = TRAINING_DATA_DIR): LabelledLine[] {
  const folder = join(dir, 'topics');
  return readdirSync(folder)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .flatMap((name) => lines(join(folder, name)).map((text) => ({ text, label: basename(name, '.txt'), source: 'own' as const })));
}

/** CLINC150's training lines: other domains (`out_of_scope`) and small talk. */
export function clincLines(dir = TRAINING_DATA_DIR): LabelledLine[] {
  return readCsvRows(join(dir, 'third-party', 'clinc150-train.csv'), ['utterance', 'expected', 'clinc_intent']).map((row) => ({
    text: row.utterance ?? '',
    label: row.expected ?? '',
    source: 'clinc' as const,
  }));
}

/** Bitext's customer-support lines, each as the topic its intent is trained as. */
export function bitextLines(dir = TRAINING_DATA_DIR): LabelledLine[] {
  const topics = JSON.parse(readFileSync(join(dir, 'third-party', 'bitext-intent-topics.json'), 'utf8')) as Record<string, string>;
  return readCsvRows(join(dir, 'third-party', 'bitext-train-sample.csv'), ['utterance', 'intent', 'category']).flatMap((row) => {
    const label = topics[row.intent ?? ''];
    return label === undefined ? [] : [{ text: row.utterance ?? '', label, source: 'bitext' as const }];
  });
}

/** What the bot's acts were, as one of the five contexts Clasp's own messages have. */
export function contextOfActs(acts: string): string {
  if (acts.includes('CONFIRM')) return 'CONFIRM';
  if (acts.includes('OFFER')) return 'OFFER';
  if (acts.includes('REQUEST')) return 'REQUEST';
  if (acts.includes('REQ_MORE')) return 'REQ_MORE';
  return 'INFORM';
}

/** Replies labelled with what they do: the team's own (`dialogue-acts.csv`) and the SGD sample. */
export function dialogueActLines(dir = TRAINING_DATA_DIR, sources: readonly ExampleSource[] = ['own', 'sgd']): LabelledLine[] {
  const own = sources.includes('own')
    ? readCsvRows(join(dir, 'dialogue-acts.csv'), ['system', 'system_acts', 'user', 'act']).map((row) => ({
        text: row.user ?? '',
        label: row.act ?? '',
        context: contextOfActs(row.system_acts ?? ''),
        source: 'own' as const,
      }))
    : [];
  const sgdPath = join(dir, 'third-party', 'sgd-acts-train-sample.csv');
  const sgd =
    sources.includes('sgd') && existsSync(sgdPath)
      ? readCsvRows(sgdPath, ['system_acts', 'user', 'act']).map((row) => ({
          text: row.user ?? '',
          label: row.act ?? '',
          context: contextOfActs(row.system_acts ?? ''),
          source: 'sgd' as const,
        }))
      : [];
  return [...own, ...sgd];
}

/** A `text,label` file of the team's (item-condition.csv, problem.csv, urgency.csv). */
export function labelledLines(file: string, dir = TRAINING_DATA_DIR): LabelledLine[] {
  return readCsvRows(join(dir, file), ['text', 'label']).map((row) => ({ text: row.text ?? '', label: row.label ?? '', source: 'own' as const }));
}

export interface AnswerabilityQuestion {
  question: string;
  /** The section that answers it, or null when the brand's documents do not. */
  answer: { document: string; section: string } | null;
}

/** The team's questions for one brand, each with the section that answers it (answerability/<brand>.csv). */
export function answerabilityQuestions(brand: string, dir = TRAINING_DATA_DIR): AnswerabilityQuestion[] {
  const path = join(dir, 'answerability', `${brand}.csv`);
  if (!existsSync(path)) return [];
  return readCsvRows(path, ['question', 'document', 'section']).map((row) => ({
    question: row.question ?? '',
    answer: row.document === 'none' || row.document === undefined ? null : { document: row.document, section: row.section ?? '' },
  }));
}
