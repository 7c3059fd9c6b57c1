// The recognizer thread's own code: the two recognizers that take most of a second to load and
// compile (the date recognizer and tinyld's language detector) load and warm up here, beside the
// service's thread, so neither start-up nor the first shopper who mentions a date waits on them
// and no turn is held while they compile. recognizer-thread.ts starts it and asks it.
import { parentPort } from 'node:worker_threads';
import { Culture, recognizeDateTime } from '@microsoft/recognizers-text-date-time';
import { detectAll } from 'tinyld';
import { daysAgoOf, type DateResolution } from '../knowledge/reading/days-ago.js';
import type { RecognizerReply, RecognizerRequest } from './recognizer-thread.js';

function answer(request: RecognizerRequest): RecognizerReply['value'] {
  if (request.kind === 'ready') return null;
  if (request.kind === 'languages') return detectAll(request.text).map(({ lang, accuracy }) => ({ lang, accuracy }));
  const reference = new Date(request.now);
  const resolutions = recognizeDateTime(request.text, Culture.English, undefined, reference).flatMap(
    (found) => (found.resolution as { values?: DateResolution[] } | undefined)?.values ?? [],
  );
  return daysAgoOf(resolutions, reference) ?? null;
}

const port = parentPort;
if (port === null) throw new Error('recognizer-thread.worker runs as a worker thread (recognizer-thread.ts starts it)');

// The first recognition compiles the date recognizer's patterns (about a third of a second).
recognizeDateTime('two weeks ago', Culture.English, undefined, new Date(0));
detectAll('warming up the detector');

port.on('message', (request: RecognizerRequest) => {
  try {
    port.postMessage({ id: request.id, value: answer(request) } satisfies RecognizerReply);
  } catch (error) {
    port.postMessage({ id: request.id, value: null, error: error instanceof Error ? error.message : String(error) } satisfies RecognizerReply);
  }
});
