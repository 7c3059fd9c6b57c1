// A brand's documents cut into the sentences an answer can quote word for word, each with the
// section it sits in. Pure: takes the parsed documents (knowledge/documents/).
import type { PolicyDocument } from '../documents/policy-documents.js';
import { normalizeWhitespace, type Passage } from '../documents/section-parser.js';

export interface PolicySentence {
  /** `<document>#<section>#<n>`, unique within a brand. */
  id: string;
  document: string;
  /** The printed heading number without its trailing dot, or "intro". */
  section: string;
  heading: string;
  /** The sentence as the document prints it (whitespace collapsed), its bullet label included. */
  text: string;
  /** The bullet labels above it ("Account Portal", "Escalation Contact"): what it is about. */
  labels: string[];
}

// A sentence ends at . ! ? before a capital, a quote or a bracket; "e.g., ", "U.S. holidays" and
// "www.jameseavery.com" do not end one.
const SENTENCE_END = /(?<=[.!?]["”’)]?)\s+(?=["“(]?[A-Z0-9])/;
const ABBREVIATION_BEFORE_END = /\b(?:e\.g|i\.e|etc|U\.S|No|St|Mr|Mrs|Ms|Dr)\.$/;

export function splitSentences(text: string): string[] {
  const pieces = normalizeWhitespace(text).split(SENTENCE_END);
  const sentences: string[] = [];
  for (const piece of pieces) {
    const last = sentences.at(-1);
    if (last !== undefined && ABBREVIATION_BEFORE_END.test(last)) sentences[sentences.length - 1] = `${last} ${piece}`;
    else if (piece.trim() !== '') sentences.push(piece.trim());
  }
  return sentences;
}

/** A line shorter than this says nothing on its own (a repeated title). */
const MIN_WORDS = 4;

/**
 * Lines that continue the one before: "…you can mail us at:" followed by the address, one line
 * each, is one sentence.
 */
function joinContinuations(passages: readonly Passage[]): Passage[] {
  const joined: Passage[] = [];
  let open = false;
  for (const passage of passages) {
    const last = joined.at(-1);
    const line = passage.kind === 'paragraph' && passage.label === null && !/[.!?:]$/.test(passage.text);
    if (last !== undefined && open && line) {
      joined[joined.length - 1] = { ...last, text: `${last.text} ${passage.text}` };
      continue;
    }
    joined.push(passage);
    open = /:$/.test(passage.text);
  }
  return joined;
}

export function policySentences(documents: readonly PolicyDocument[]): PolicySentence[] {
  const sentences: PolicySentence[] = [];
  for (const document of documents) {
    for (const section of document.sections) {
      let count = 0;
      let parentLabel: string | null = null;
      for (const passage of joinContinuations(section.passages)) {
        if (passage.depth === 0) parentLabel = passage.label;
        const labels = [passage.depth > 0 ? parentLabel : null, passage.label].filter((label): label is string => label !== null);
        splitSentences(passage.text).forEach((sentence, index) => {
          if (sentence.split(' ').length < MIN_WORDS && !passage.label) return;
          count += 1;
          sentences.push({
            id: `${document.id}#${section.id}#${count}`,
            document: document.id,
            section: section.id,
            heading: section.heading,
            text: index === 0 && passage.label ? `${passage.label}: ${sentence}` : sentence,
            labels,
          });
        });
      }
    }
  }
  return sentences;
}
