// When this process keeps as many conversations as it may (STATE_MAX_*, DIRECTLINE_MAX_*), a new
// one is refused with this answer instead of evicting one whose shopper may still be typing.
// The conversations kept expire as they go idle, so room comes back by itself.

export const BUSY_STATUS = 503;
export const BUSY_ERROR = 'busy';
export const BUSY_MESSAGE = 'We are busy with other conversations right now; please try again in a minute.';
export const BUSY_RETRY_SECONDS = 60;
