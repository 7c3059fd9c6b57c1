// A conversation script tests the bot on words it did not learn: no shopper line of a script is a
// line of the training data (knowledge/reading/training-data/), compared lower-cased with its
// punctuation gone. The choices the bot itself shows as buttons are the exception: the bot must
// read its own buttons, and a script clicks them.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CONDITION_CHOICES, WISH_CHOICES } from '../../knowledge/returns/return-choices.js';
import { TOPIC_CHOICES } from '../../knowledge/topics.js';
import { TRAINING_DATA_DIR, answerabilityQuestions, dialogueActLines, labelledLines, ownTopicLines } from '../../knowledge/reading/training-data.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const plain = (text: string) => text.toLowerCase().replace(/['’]/g, '').replace(/[^a-z0-9]+/g, ' ').trim();

const BUTTONS = new Set(
  [...Object.values(TOPIC_CHOICES), ...Object.values(CONDITION_CHOICES), ...Object.values(WISH_CHOICES)].flatMap((choice) => [choice.title, choice.value]).map(plain),
);

function trainingLines(): Map<string, string> {
  const lines = new Map<string, string>();
  const add = (text: string, where: string) => lines.set(plain(text), where);
  for (const line of ownTopicLines()) add(line.text, `topics/${line.label}.txt`);
  for (const line of dialogueActLines(TRAINING_DATA_DIR, ['own'])) add(line.text, 'dialogue-acts.csv');
  for (const file of ['item-condition.csv', 'problem.csv', 'urgency.csv'] as const) for (const line of labelledLines(file)) add(line.text, file);
  for (const brand of ['james-avery-malls', 'james-avery-artisan', 'kendra-scott-mall', 'generic-store']) {
    for (const { question } of answerabilityQuestions(brand)) add(question, `answerability/${brand}.csv`);
  }
  return lines;
}

describe('the conversation scripts and the training data', () => {
  it('share no shopper line, but the buttons the bot shows', () => {
    const training = trainingLines();
    const copied: string[] = [];
    for (const name of readdirSync(HERE).filter((file) => file.endsWith('.yaml'))) {
      const script = parse(readFileSync(`${HERE}${name}`, 'utf8')) as { turns?: Array<{ shopper?: unknown }> };
      for (const turn of script.turns ?? []) {
        const said = plain(String(turn.shopper ?? ''));
        if (said.split(' ').length < 2 || BUTTONS.has(said)) continue;
        const where = training.get(said);
        if (where !== undefined) copied.push(`${name}: "${String(turn.shopper)}" is a line of ${where}`);
      }
    }
    expect(copied).toEqual([]);
  });
});
