// The storefront's chat widget: gets a token for this brand (or resumes this tab's conversation
// after a reload) and renders stock Bot Framework Web Chat against Clasp's Direct Line endpoint.
// Settings come from data- attributes: the page's CSP allows no inline script.
(async function startChat() {
  'use strict';
  const host = document.getElementById('webchat');
  const errorBox = document.getElementById('chat-error');
  if (!host || !errorBox) return;
  const { brand, accent, initials } = host.dataset;
  const fail = (message) => {
    errorBox.textContent = message;
    errorBox.hidden = false;
  };
  if (!window.WebChat) {
    fail('The chat is unavailable right now. Please try again later.');
    return;
  }

  // sessionStorage: the conversation survives a reload of this tab, and no other tab sees it.
  const storageKey = `clasp.chat.${brand}`;
  const load = () => {
    try {
      const saved = JSON.parse(sessionStorage.getItem(storageKey) || 'null');
      return saved && typeof saved.token === 'string' && typeof saved.conversationId === 'string' ? saved : null;
    } catch {
      return null;
    }
  };
  const save = (session) => sessionStorage.setItem(storageKey, JSON.stringify(session));
  const post = (url, token) =>
    fetch(url, { method: 'POST', headers: token ? { authorization: `Bearer ${token}` } : {} }).catch(() => null);

  let session = load();
  let resume = false;
  if (session) {
    // A fresh token for the stored conversation; if it has expired or the server forgot the
    // conversation, start a new one.
    const refreshed = await post('/v3/directline/tokens/refresh', session.token);
    if (refreshed && refreshed.ok) {
      session = { conversationId: session.conversationId, token: (await refreshed.json()).token };
      resume = true;
    } else {
      session = null;
    }
  }
  if (!session) {
    const started = await post(`/api/brands/${encodeURIComponent(brand)}/token`);
    if (!started || !started.ok) {
      fail(started && started.status === 429
        ? 'Too many chats were started from this address. Please wait a minute and reload the page.'
        : started && started.status === 503
          ? 'The chat is busy right now. Please try again in a minute.'
          : 'The chat could not start. Please reload the page.');
      return;
    }
    const body = await started.json();
    session = { conversationId: body.conversationId, token: body.token };
  }
  save(session);

  const transport = new URLSearchParams(window.location.search).get('transport');
  const directLine = window.WebChat.createDirectLine({
    domain: `${window.location.origin}/v3/directline`,
    token: session.token,
    // Resuming: Web Chat reconnects (GET /conversations/:id) and replays the history.
    conversationId: resume ? session.conversationId : undefined,
    webSocket: transport !== 'polling',
  });
  // Web Chat refreshes its token every 15 minutes; keep the newest one for the next reload.
  const keepToken = () => {
    if (typeof directLine.token === 'string' && directLine.token !== session.token) {
      session = { ...session, token: directLine.token };
      save(session);
    }
  };
  directLine.activity$.subscribe({ next: keepToken, error: () => {} });
  setInterval(keepToken, 60 * 1000);

  window.WebChat.renderWebChat(
    {
      directLine,
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
  document.documentElement.dataset.chat = resume ? 'resumed' : 'started';
})();
