// How the team writes example phrases. A topic lists complete `phrases`, verb phrases (`tasks`,
// "cancel my order"), noun phrases (`subjects`, "your refund policy") and phrases with the typos
// shoppers make (`typos`). Tasks and subjects are also trained behind a few shared openers ("can you
// help me ...", "I need information about ..."), so the classifier learns that such openers say
// nothing about the topic. Typos are trained after spelling correction, like a shopper's message,
// and their misspellings never become vocabulary.
import type { Topic } from '../../topics.js';

export interface TopicExamples {
  phrases?: readonly string[];
  tasks?: readonly string[];
  subjects?: readonly string[];
  typos?: readonly string[];
}

export type TopicExampleTable = Readonly<Record<Topic, TopicExamples>>;
export type PhraseTable = Readonly<Record<Topic, readonly string[]>>;

const TASK_OPENERS = [
  'I want to', "I'd like to", 'I need to', 'can you help me', 'help me', 'how do I', 'how can I',
  'I need help to', 'could you help me', 'is it possible to', 'where can I', 'please help me',
  'I need assistance to', 'can I', 'what do I have to do to', 'tell me how to', 'show me how to',
  'I have to', 'I would like to', 'I wanna', 'I am trying to', 'how to', 'could I', 'I do not know how to',
  'what is the way to', 'I need some help trying to', 'where do I go to', 'can u help me', 'how would I',
  'is there a way to',
];

const SUBJECT_OPENERS = [
  'I need information about', 'tell me about', 'I want to know about', 'I have a question about',
  'where can I find', "I'd like to check", 'show me', 'I want to see', 'can you tell me about',
  'information on', 'help with', 'I need help with', 'what about', 'I would like to ask about',
  'I need to check', 'can I see', 'where do I find', 'question about', 'looking for', 'help me with',
  'where is the info on', 'assistance with', 'give me details on', 'I am asking about',
];

/** Every topic's examples written out as plain phrases: the table the recognizer trains on. */
export function expandExamples(table: TopicExampleTable, openersPerItem = 1): PhraseTable {
  // Openers are dealt round-robin, so every opener lands on many topics.
  let taskTurn = 0;
  let subjectTurn = 0;
  const expand = (items: readonly string[] | undefined, openers: readonly string[], next: () => number) =>
    (items ?? []).flatMap((item) => [
      item,
      ...Array.from({ length: openersPerItem }, () => `${openers[next() % openers.length] ?? ''} ${item}`),
    ]);
  const entries = Object.entries(table).map(([topic, examples]) => [
    topic,
    [
      ...(examples.phrases ?? []),
      ...expand(examples.tasks, TASK_OPENERS, () => taskTurn++),
      ...expand(examples.subjects, SUBJECT_OPENERS, () => subjectTurn++),
      ...(examples.typos ?? []),
    ],
  ]);
  return Object.fromEntries(entries) as PhraseTable;
}

/** The phrases of `table` written with deliberate typos. */
export function misspelledPhrases(table: TopicExampleTable): ReadonlySet<string> {
  return new Set(Object.values(table).flatMap((examples) => examples.typos ?? []));
}
