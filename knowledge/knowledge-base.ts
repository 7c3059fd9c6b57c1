// The knowledge base, built once at start-up: read every brand folder (its documents and its
// brand.yaml), validate every profile, check every quote against its section, then prepare every
// brand × topic answer. Any mismatch throws, so a service whose documents drifted from its
// settings never starts.
import { z } from 'zod';
import { buildAnswer, type ReportedProblem } from './answers/index.js';
import type { BrandId } from './brand-ids.js';
import { DEFAULT_BRANDS_DIR, readBrandFolders, type BrandFolder } from './brands/brand-folders.js';
import { BrandProfileSchema, type BrandProfile, type BrandProfileInput } from './brands/brand-profile.schema.js';
import { checkProfile, type ProfileProblem } from './brands/profile-check.js';
import type { PolicyDocument } from './documents/policy-documents.js';
import type { PolicySection } from './documents/section-parser.js';
import type { Answer, BrandSummary, KnowledgeBase, Source } from './knowledge-base.types.js';
import { createPassageIndex, type PassageIndex } from './passages/passage-index.js';
import { policySentences } from './passages/policy-sentences.js';
import { TOPICS, type Topic } from './topics.js';

export interface LoadKnowledgeBaseOptions {
  /** A folder of brand folders (BRANDS_DIR); defaults to the shipped demo stores, knowledge/policies/. */
  brandsDir?: string;
  /**
   * Profiles that replace the folders' own (tests trying a setting). Checked here once, like the
   * folders'; every flow then reads them through `profile()`.
   */
  profiles?: Readonly<Record<BrandId, BrandProfileInput>>;
}

/** The contract plus what the flows need: the full profile and the parsed sections. */
export interface LoadedKnowledgeBase extends KnowledgeBase {
  /** The answer to a problem the shopper just reported: its offer of the team follows the case's urgency. */
  reportAnswer(id: BrandId, topic: Topic, report: ReportedProblem): Answer;
  profile(id: BrandId): BrandProfile;
  documents(id: BrandId): readonly PolicyDocument[];
  section(id: BrandId, source: Source): PolicySection | undefined;
  /** Whether a brand folder of that id was loaded. */
  hasBrand(id: unknown): id is BrandId;
  /** The brand's folder as read: where it is, the settings left at their default, its demo orders. */
  folder(id: BrandId): BrandFolder;
  /** The brand's documents sentence by sentence, searchable (never another brand's). */
  passages(id: BrandId): PassageIndex;
}

export class PolicyDriftError extends Error {
  constructor(readonly problems: readonly ProfileProblem[]) {
    super(
      'The policy documents no longer match the brands\' brand.yaml; refusing to start:\n'
        + problems.map((p) => [
          `  - ${p.brand}/brand.yaml ${p.path} (${p.document}${p.section ? ` §${p.section}` : ''}): ${p.problem}`,
          `      brand.yaml quotes: "${p.quote}"`,
          ...(p.nowReads === undefined ? [] : [`      the document says: "${p.nowReads}"`]),
        ].join('\n')).join('\n'),
    );
    this.name = 'PolicyDriftError';
  }
}

export class ProfileValidationError extends Error {
  constructor(readonly brand: string, details: string) {
    super(`Brand profile ${brand} is invalid:\n${details}`);
    this.name = 'ProfileValidationError';
  }
}


export function loadKnowledgeBase(options: LoadKnowledgeBaseOptions): LoadedKnowledgeBase {
  const folders = new Map(readBrandFolders(options.brandsDir ?? DEFAULT_BRANDS_DIR).map((folder) => [folder.id, folder]));
  const brandIds: readonly BrandId[] = Object.freeze([...folders.keys()]);

  const profiles = new Map<BrandId, BrandProfile>();
  const documents = new Map<BrandId, PolicyDocument[]>();
  const problems: ProfileProblem[] = [];
  for (const [id, folder] of folders) {
    const checked = checkBrand(folder, options.profiles?.[id]);
    profiles.set(id, checked.profile);
    documents.set(id, folder.documents);
    problems.push(...checked.problems);
  }
  if (problems.length > 0) throw new PolicyDriftError(problems);

  const answers = new Map<BrandId, Map<Topic, Answer>>();
  for (const [id, profile] of profiles) {
    answers.set(id, new Map(TOPICS.map((topic) => [topic, frozen(composedAnswer(profile, topic))])));
  }

  // Each brand's passage index is built when first searched: only the thread that reads messages
  // needs them (bot/reading-thread.ts), and building all of them was a tenth of its start-up.
  const passages = new Map<BrandId, PassageIndex>();

  const profileOf = (id: BrandId): BrandProfile => {
    const profile = profiles.get(id);
    if (!profile) throw new Error(`Unknown brand: ${id}`);
    return profile;
  };

  return {
    brandIds,
    hasBrand: (id): id is BrandId => typeof id === 'string' && folders.has(id),
    folder: (id) => {
      const folder = folders.get(id);
      if (!folder) throw new Error(`Unknown brand: ${id}`);
      return folder;
    },
    brand: (id): BrandSummary => ({ id, displayName: profileOf(id).displayName.value }),
    answer: (id, topic): Answer => {
      const answer = answers.get(id)?.get(topic);
      if (!answer) throw new Error(`No answer for ${id} / ${topic}`);
      return answer;
    },
    reportAnswer: (id, topic, report) => composedAnswer(profileOf(id), topic, report),
    profile: profileOf,
    documents: (id) => documents.get(id) ?? [],
    passages: (id) => {
      let index = passages.get(id);
      if (index === undefined) {
        const brandDocuments = documents.get(id);
        if (!brandDocuments) throw new Error(`Unknown brand: ${id}`);
        passages.set(id, (index = createPassageIndex(policySentences(brandDocuments))));
      }
      return index;
    },
    section: (id, source) => documents.get(id)
      ?.find((document) => document.id === source.document)
      ?.sections.find((section) => section.id === source.section),
  };
}

/** One brand folder's profile, validated, and every way its quotes have drifted from its documents. */
export function checkBrand(folder: BrandFolder, override?: BrandProfileInput): { profile: BrandProfile; problems: ProfileProblem[] } {
  const profile = parseProfile(folder.id, override ?? folder.profile);
  return { profile, problems: checkProfile(profile, folder.documents, { titles: !folder.defaulted.includes('documents') }) };
}

/** What the bot answers for a topic with this profile: the same composition the service uses. */
export function composedAnswer(profile: BrandProfile, topic: Topic, report?: ReportedProblem): Answer {
  return buildAnswer({ profile, name: profile.displayName.value }, topic, report);
}

/**
 * Answers are built once and handed out on every turn (several times in one): frozen, so no
 * caller can change what the next shopper is told, and shared, so no turn pays for a copy.
 */
function frozen(answer: Answer): Answer {
  for (const source of answer.sources) Object.freeze(source);
  Object.freeze(answer.sources);
  Object.freeze(answer.next);
  return Object.freeze(answer);
}

function parseProfile(id: BrandId, input: BrandProfileInput | undefined): BrandProfile {
  if (!input) throw new ProfileValidationError(id, 'no profile for this brand');
  // Each profile is parsed once: compiling zod's fast path would cost more than it saves.
  const result = BrandProfileSchema.safeParse(input, { jitless: true });
  if (!result.success) throw new ProfileValidationError(id, z.prettifyError(result.error));
  if (result.data.id !== id) throw new ProfileValidationError(id, `profile id is ${result.data.id}`);
  return result.data;
}
