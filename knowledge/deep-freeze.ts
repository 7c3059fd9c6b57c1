// A plain value frozen through and through: for values shared by many turns (the orders read, a
// remembered reading, a new conversation's first snapshot), where a change made for one would show
// in all.

export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value as object)) deepFreeze(inner);
  }
  return value;
}
