// The choices the returns flow offers for an item's condition and the reason it goes back: what
// each button shows and what pressing it says. The shopper's own words for them are read by the
// Reading step (knowledge/reading/).
import type { ItemCondition, ReturnWish } from './return-verdict.types.js';

/** A choice offered to the shopper: `value` is what the shopper would type. */
export interface ReturnChoice {
  title: string;
  value: string;
}

export const CONDITION_CHOICES: Readonly<Record<ItemCondition, ReturnChoice>> = {
  unused_with_tags: { title: 'Unused, tags on', value: 'Unused, tags on' },
  unused_no_tags: { title: 'Unused, no tags', value: 'Unused, no tags' },
  worn: { title: 'Worn', value: 'Worn' },
  damaged: { title: 'Damaged', value: 'Damaged' },
};

export const WISH_CHOICES: Readonly<Record<ReturnWish, ReturnChoice>> = {
  changed_mind: { title: 'Changed my mind', value: 'Changed my mind' },
  wrong_size: { title: 'Wrong size', value: 'Wrong size' },
  damaged_on_arrival: { title: 'Damaged on arrival', value: 'Damaged on arrival' },
  defective: { title: 'Defective', value: 'Defective' },
  wrong_item: { title: 'Wrong item sent', value: 'Wrong item sent' },
};
