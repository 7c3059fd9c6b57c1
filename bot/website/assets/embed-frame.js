// The chat frame (/embed/<brand>): stock Bot Framework Web Chat against Clasp's Direct Line
// endpoint, on Clasp's own origin. Framed by the embed tag (/embed.js) on a store's page, it
// talks to that page by postMessage: the page says when the dialog opens and closes and where the
// shopper is; the frame says it is ready (with the store's colours), how many replies are unread,
// and when the shopper closes it (Escape, the close button). Opened as a page of its own, it is
// simply the chat. Settings come from data- attributes: the CSP allows no inline script.
(function claspFrame() {
  'use strict';
  const host = document.getElementById('webchat');
  const errorBox = document.getElementById('chat-error');
  const loading = document.getElementById('chat-loading');
  const closeButton = document.getElementById('chat-close');
  if (!host || !errorBox || !loading || !closeButton) return;
  const { brand, accent, initials, displayName } = host.dataset;
  const embedded = window.parent !== window;
  // Who may frame this page and talk to it: Clasp's own pages and the store's allowed sites
  // (the same list as the CSP's frame-ancestors, which the browser enforces first).
  const parents = new Set((host.dataset.parents || '').split(' ').filter(Boolean).concat(window.location.origin));
  const transport = new URLSearchParams(window.location.search).get('transport');
  const label = `Chat with ${displayName}`;
  const MAX_URL = 2048;
  const MAX_TITLE = 300;

  let parentOrigin = null;
  let isOpen = !embedded;
  let started = false;
  let unread = 0;
  let wantsFocus = false;
  let unreadTimer = 0;
  /** The page the shopper is on, sent with each message (channelData.page) for the team. */
  let page = null;

  const fail = (message) => {
    loading.hidden = true;
    errorBox.textContent = message;
    errorBox.hidden = false;
  };

  // sessionStorage: the conversation survives the shopper's next page on the same site, in this
  // tab. In a frame, browsers keep it per top-level site, so no other site ever sees it. Where the
  // browser refuses a frame any storage (third-party storage blocked: Chrome's incognito windows,
  // a shopper's own setting), the embed tag keeps the conversation's token for it in the page's
  // own sessionStorage under the same key ('keep'), and hands it back on the next page ('hello').
  const storageKey = `clasp.chat.${brand}`;
  const storage = (() => {
    try {
      const store = window.sessionStorage;
      store.getItem(storageKey);
      return store;
    } catch {
      return null;
    }
  })();
  const load = () => {
    try {
      const saved = JSON.parse((storage && storage.getItem(storageKey)) || 'null');
      return saved && typeof saved.token === 'string' && typeof saved.conversationId === 'string' ? saved : null;
    } catch {
      return null;
    }
  };
  let session = load();
  const save = () => {
    if (!session) return;
    if (!storage) {
      toParent('keep', { session });
      return;
    }
    try {
      storage.setItem(storageKey, JSON.stringify(session));
    } catch {
      // full or refused: the chat goes on without resuming
    }
  };
  const forget = () => {
    if (!storage) {
      toParent('forget');
      return;
    }
    try {
      storage.removeItem(storageKey);
    } catch {
      // refused: nothing kept anyway
    }
  };
  /** A session the page kept for this frame (see above): only its shape is trusted, the server checks the token. */
  const keptSession = (value) =>
    value && typeof value.conversationId === 'string' && value.conversationId.length <= 128 && typeof value.token === 'string' && value.token.length <= 2048
      ? { conversationId: value.conversationId, token: value.token, seen: typeof value.seen === 'string' && value.seen.length <= 256 ? value.seen : null }
      : null;

  const toParent = (type, data) => {
    if (embedded && parentOrigin !== null) window.parent.postMessage(Object.assign({ clasp: 1, type }, data), parentOrigin);
  };

  /** A page address the parent sends: a web address on the parent's own site, or nothing. */
  const pageFrom = (value, origin) => {
    if (!value || typeof value.url !== 'string' || value.url.length > MAX_URL) return page;
    try {
      const url = new URL(value.url);
      if (url.origin !== origin) return page;
      url.hash = '';
      const title = typeof value.title === 'string' ? value.title.replace(/\s+/g, ' ').trim().slice(0, MAX_TITLE) : '';
      return { url: url.href, title };
    } catch {
      return page;
    }
  };

  // ---- unread replies: the bot's messages the shopper has not had on screen ----
  const seen = () => (session && typeof session.seen === 'string' ? session.seen : null);
  let lastBotMessage = null;
  const markSeen = () => {
    unread = 0;
    if (session && lastBotMessage !== null && session.seen !== lastBotMessage) {
      session.seen = lastBotMessage;
      save();
    }
  };
  const noteIncoming = (activity) => {
    if (!activity || activity.type !== 'message' || !activity.from || activity.from.role !== 'bot') return;
    if (typeof activity.id === 'string') lastBotMessage = activity.id;
    if (isOpen) {
      markSeen();
      return;
    }
    // A resumed conversation replays its history: what came up to the last message seen was read.
    unread = activity.id === seen() ? 0 : unread + 1;
    // Told once the replay has settled, so the badge does not count up through the history.
    window.clearTimeout(unreadTimer);
    unreadTimer = window.setTimeout(() => {
      if (!isOpen) toParent('unread', { count: unread });
    }, 150);
  };

  // ---- focus: into the chat on opening, and kept in it while it is open ----
  const sendBox = () => document.querySelector('[data-id="webchat-sendbox-input"]');
  const focusables = () =>
    [...document.querySelectorAll('a[href], button, input, textarea, select, [tabindex]')].filter(
      (node) => node.tabIndex >= 0 && !node.disabled && !node.hidden && node.getClientRects().length > 0 && window.getComputedStyle(node).visibility !== 'hidden',
    );
  const focusStart = () => {
    const input = sendBox();
    if (input) {
      wantsFocus = false;
      input.focus();
    } else {
      // Web Chat is still loading: the close button until the send box is there.
      wantsFocus = true;
      closeButton.focus();
    }
  };
  const focusEdge = (edge) => {
    const all = focusables();
    const target = edge === 'last' ? all[all.length - 1] : all[0];
    if (target) target.focus();
  };

  document.addEventListener('keydown', (event) => {
    if (!embedded || !isOpen) return;
    if (event.key === 'Escape') {
      // Web Chat uses Escape itself in places (leaving a card); only an unhandled one closes.
      if (event.defaultPrevented) return;
      event.preventDefault();
      toParent('close');
      return;
    }
    if (event.key !== 'Tab') return;
    const all = focusables();
    if (all.length === 0) return;
    const first = all[0];
    const last = all[all.length - 1];
    const active = document.activeElement;
    if (event.shiftKey && (active === first || !all.includes(active))) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (active === last || !all.includes(active))) {
      event.preventDefault();
      first.focus();
    }
  });
  closeButton.addEventListener('click', () => toParent('close'));

  // ---- Web Chat, fetched when first needed ----
  let bundle = null;
  const loadWebChat = () => {
    if (window.WebChat) return Promise.resolve(window.WebChat);
    if (bundle === null) {
      bundle = new Promise((resolve, reject) => {
        const tag = document.createElement('script');
        tag.src = '/webchat.js';
        tag.onload = () => (window.WebChat ? resolve(window.WebChat) : reject(new Error('no WebChat')));
        tag.onerror = () => reject(new Error('webchat.js did not load'));
        document.head.appendChild(tag);
      }).catch((error) => {
        bundle = null;
        throw error;
      });
    }
    return bundle;
  };

  const post = (url, token) =>
    fetch(url, { method: 'POST', headers: token ? { authorization: `Bearer ${token}` } : {} }).catch(() => null);

  async function start() {
    if (started) return;
    started = true;
    let WebChat;
    try {
      WebChat = await loadWebChat();
    } catch {
      started = false;
      fail('The chat is unavailable right now. Please try again later.');
      return;
    }
    let resume = false;
    if (session) {
      // A fresh token for the stored conversation; if it has expired or the server forgot the
      // conversation, start a new one.
      const refreshed = await post('/v3/directline/tokens/refresh', session.token);
      if (refreshed && refreshed.ok) {
        session = { conversationId: session.conversationId, token: (await refreshed.json()).token, seen: seen() };
        resume = true;
      } else {
        session = null;
        forget();
      }
    }
    if (!session) {
      if (!isOpen) {
        // Resuming in the background failed: a new conversation waits for the shopper to open the chat.
        started = false;
        return;
      }
      const startedChat = await post(`/api/brands/${encodeURIComponent(brand)}/token`);
      if (!startedChat || !startedChat.ok) {
        started = false;
        fail(startedChat && startedChat.status === 429
          ? 'Too many chats were started from this address. Please wait a minute and try again.'
          : startedChat && startedChat.status === 503
            ? 'The chat is busy right now. Please try again in a minute.'
            : 'The chat could not start. Please reload the page.');
        return;
      }
      const body = await startedChat.json();
      session = { conversationId: body.conversationId, token: body.token, seen: null };
    }
    save();

    const directLine = WebChat.createDirectLine({
      domain: `${window.location.origin}/v3/directline`,
      token: session.token,
      // Resuming: Web Chat reconnects (GET /conversations/:id) and replays the history.
      conversationId: resume ? session.conversationId : undefined,
      webSocket: transport !== 'polling',
    });
    // Web Chat refreshes its token every 15 minutes; keep the newest one for the next page.
    const keepToken = () => {
      if (typeof directLine.token === 'string' && session && directLine.token !== session.token) {
        session.token = directLine.token;
        save();
      }
    };
    directLine.activity$.subscribe({ next: keepToken, error: () => {} });
    setInterval(keepToken, 60 * 1000);

    const store = WebChat.createStore({}, () => (next) => (action) => {
      if (action.type === 'DIRECT_LINE/POST_ACTIVITY' && page !== null) {
        const activity = action.payload.activity;
        action = { ...action, payload: { ...action.payload, activity: { ...activity, channelData: { ...activity.channelData, page } } } };
      } else if (action.type === 'DIRECT_LINE/INCOMING_ACTIVITY') {
        noteIncoming(action.payload && action.payload.activity);
      }
      return next(action);
    });

    WebChat.renderWebChat(
      {
        directLine,
        store,
        username: 'You',
        locale: 'en-US',
        styleOptions: {
          accent,
          botAvatarInitials: initials,
          botAvatarBackgroundColor: accent,
          bubbleBorderRadius: 12,
          bubbleFromUserBackground: accent,
          bubbleFromUserTextColor: '#ffffff',
          bubbleFromUserBorderRadius: 12,
          hideUploadButton: true,
          sendBoxButtonColor: accent,
          suggestedActionLayout: 'flow',
          suggestedActionBorderColor: accent,
          suggestedActionTextColor: accent,
          suggestedActionBorderRadius: 16,
        },
      },
      host,
    );
    loading.hidden = true;
    document.documentElement.dataset.chat = resume ? 'resumed' : 'started';
    // Opened while Web Chat loaded: the send box takes focus once it exists, unless the shopper
    // has moved on from the close button meanwhile.
    const deadline = Date.now() + 10000;
    const settleFocus = () => {
      if (!wantsFocus) return;
      const input = sendBox();
      if (input) {
        wantsFocus = false;
        if (isOpen && (document.activeElement === closeButton || document.activeElement === document.body)) input.focus();
      } else if (Date.now() < deadline) {
        window.setTimeout(settleFocus, 50);
      }
    };
    settleFocus();
  }

  function setOpen(open) {
    isOpen = open;
    if (!open) return;
    markSeen();
    window.clearTimeout(unreadTimer);
    toParent('unread', { count: 0 });
    start();
    focusStart();
  }

  window.addEventListener('message', (event) => {
    if (!embedded || event.source !== window.parent || !parents.has(event.origin)) return;
    const data = event.data;
    if (!data || data.clasp !== 1 || typeof data.type !== 'string') return;
    if (parentOrigin === null) {
      if (data.type !== 'hello') return;
      parentOrigin = event.origin;
    } else if (event.origin !== parentOrigin) {
      return;
    }
    if (data.page) page = pageFrom(data.page, event.origin);
    if (data.type === 'hello') {
      toParent('ready', { accent, label, unread });
      // Without storage of its own, the conversation to resume is the one the page kept.
      if (!storage && !session && !started) {
        session = keptSession(data.session);
        if (session) start();
      }
    }
    else if (data.type === 'open') setOpen(true);
    else if (data.type === 'closed') setOpen(false);
    else if (data.type === 'focus') focusEdge(data.edge);
    else if (data.type === 'warm') loadWebChat().catch(() => {});
  });

  if (embedded) {
    closeButton.hidden = false;
    // A conversation already going on this site: reconnect in the background, so replies that
    // come while the chat is closed show as unread.
    if (session) start();
  } else {
    start();
  }
})();
