// Clasp's chat on any page of a store's own site, with one tag (docs/widget.md):
//
//   <script src="https://clasp.example/embed.js" data-brand="kendra-scott-mall" async></script>
//
// It adds one element to the page, <clasp-chat id="clasp-chat-<brand>">, and everything it shows
// lives in that element's shadow root: a launcher button in the store's colours and a dialog
// holding an iframe of Clasp's /embed/<brand>, where stock Web Chat runs on Clasp's own origin.
// The frame is served only to the store's allowed sites (CSP frame-ancestors, from the brand's
// allowedOrigins); on any other site it never loads, never answers, and the launcher never shows.
// The page and the frame talk by postMessage only, each checking who sent what.
(function claspEmbed() {
  'use strict';
  const script = document.currentScript;
  if (!(script instanceof HTMLScriptElement) || !script.src) return;
  const brand = script.dataset.brand || '';
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(brand)) {
    console.warn('Clasp: the embed tag needs data-brand="<store id>", e.g. data-brand="kendra-scott-mall".');
    return;
  }
  const clasp = new URL(script.src).origin;
  const transport = script.dataset.transport === 'polling' ? 'polling' : undefined;
  const hostId = `clasp-chat-${brand}`;
  // The frame answers within a second or two; a site not allowed never gets an answer.
  const GIVE_UP_MS = 20000;

  const CSS = `
    :host { all: initial; }
    .clasp { --accent: #3b4a5a; font: 16px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
    .launcher {
      all: unset; box-sizing: border-box; position: fixed; right: 20px; bottom: 20px; z-index: 2147483001;
      width: 60px; height: 60px; border-radius: 50%; display: none; align-items: center; justify-content: center;
      background: var(--accent); color: #fff; cursor: pointer;
      box-shadow: 0 4px 14px rgba(0, 0, 0, .28), 0 1px 3px rgba(0, 0, 0, .2);
      transition: transform .15s ease;
    }
    .ready .launcher { display: inline-flex; }
    .launcher:hover { transform: scale(1.05); }
    .launcher:focus-visible { outline: 3px solid var(--accent); outline-offset: 3px; box-shadow: 0 0 0 3px #fff, 0 4px 14px rgba(0, 0, 0, .28); }
    .launcher svg { width: 28px; height: 28px; fill: none; stroke: currentColor; stroke-width: 2; stroke-linecap: round; stroke-linejoin: round; }
    .launcher .icon-close { display: none; }
    .open .launcher .icon-chat { display: none; }
    .open .launcher .icon-close { display: block; }
    .badge {
      position: absolute; top: -4px; right: -4px; min-width: 22px; height: 22px; padding: 0 6px; box-sizing: border-box;
      border-radius: 11px; border: 2px solid #fff; background: #c62828; color: #fff;
      font: 700 12px/18px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; text-align: center;
    }
    .badge[hidden] { display: none; }
    .panel {
      position: fixed; right: 20px; bottom: 92px; z-index: 2147483000; box-sizing: border-box;
      width: 380px; height: min(640px, calc(100vh - 116px)); min-height: 320px;
      border-radius: 14px; overflow: hidden; background: #fff;
      box-shadow: 0 12px 40px rgba(0, 0, 0, .25), 0 2px 8px rgba(0, 0, 0, .12);
      visibility: hidden; opacity: 0; transform: translateY(12px);
      transition: opacity .16s ease, transform .16s ease, visibility 0s linear .16s;
    }
    .open .panel { visibility: visible; opacity: 1; transform: none; transition-delay: 0s; }
    .frame { display: block; width: 100%; height: 100%; border: 0; background: #fff; }
    .edge { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
    @media (max-width: 480px) {
      .panel { inset: 0; width: auto; height: auto; min-height: 0; border-radius: 0; transform: translateY(24px); }
      .open .launcher { display: none; }
    }
    @media (prefers-reduced-motion: reduce) {
      .panel, .launcher { transition: none; }
    }
  `;

  const SVG = 'http://www.w3.org/2000/svg';
  function icon(className, paths) {
    const svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('class', className);
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    for (const d of paths) {
      const path = document.createElementNS(SVG, 'path');
      path.setAttribute('d', d);
      svg.appendChild(path);
    }
    return svg;
  }

  function element(tag, attributes) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    return node;
  }

  function mount() {
    if (document.getElementById(hostId)) return;
    // The one element this script adds; nothing else on the page is touched.
    const host = document.createElement('clasp-chat');
    host.id = hostId;
    host.dataset.brand = brand;
    const root = host.attachShadow({ mode: 'open' });
    // A constructed sheet: no <style> element, so a page's style-src policy does not stand in the way.
    if ('adoptedStyleSheets' in root && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
      root.adoptedStyleSheets = [sheet];
    } else {
      const style = document.createElement('style');
      style.textContent = CSS;
      root.appendChild(style);
    }

    let label = 'Chat with us';
    const wrapper = element('div', { class: 'clasp' });
    const panel = element('div', { class: 'panel', id: 'clasp-panel', role: 'dialog', 'aria-modal': 'true', 'aria-label': label });
    panel.inert = true;
    const frameUrl = new URL(`/embed/${encodeURIComponent(brand)}`, clasp);
    if (transport) frameUrl.searchParams.set('transport', transport);
    const frame = element('iframe', { class: 'frame', title: label, src: frameUrl.href, referrerpolicy: 'origin', allow: 'clipboard-write' });
    // Tab past either end of the frame lands here and is sent back in: focus stays in the dialog.
    const before = element('span', { class: 'edge', tabindex: '0' });
    const after = element('span', { class: 'edge', tabindex: '0' });
    panel.append(before, frame, after);
    const launcher = element('button', { class: 'launcher', type: 'button', 'aria-haspopup': 'dialog', 'aria-expanded': 'false', 'aria-controls': 'clasp-panel', 'aria-label': label });
    const badge = element('span', { class: 'badge', 'aria-hidden': 'true' });
    badge.hidden = true;
    launcher.append(
      icon('icon-chat', ['M21 12a8 8 0 0 1-11.6 7.1L4 20.5l1.4-4.6A8 8 0 1 1 21 12z']),
      icon('icon-close', ['M6 6l12 12', 'M18 6L6 18']),
      badge,
    );
    wrapper.append(panel, launcher);
    root.appendChild(wrapper);

    let isOpen = false;
    let unread = 0;
    const post = (type, data) => {
      if (frame.contentWindow) frame.contentWindow.postMessage(Object.assign({ clasp: 1, type }, data), clasp);
    };
    // Where the shopper is, for the team: the address without its #fragment, and the title.
    const page = () => ({ url: location.href.split('#')[0], title: document.title });

    const describe = () => {
      const more = unread === 0 ? '' : ` (${unread} unread message${unread === 1 ? '' : 's'})`;
      launcher.setAttribute('aria-label', `${isOpen ? 'Close the chat' : label}${more}`);
      badge.textContent = unread > 9 ? '9+' : String(unread);
      badge.hidden = unread === 0;
    };

    function open() {
      if (isOpen) return;
      isOpen = true;
      unread = 0;
      wrapper.classList.add('open');
      panel.inert = false;
      launcher.setAttribute('aria-expanded', 'true');
      describe();
      post('open', { page: page() });
      frame.focus();
    }

    function close(returnFocus) {
      if (!isOpen) return;
      isOpen = false;
      wrapper.classList.remove('open');
      panel.inert = true;
      launcher.setAttribute('aria-expanded', 'false');
      describe();
      post('closed');
      if (returnFocus) launcher.focus();
    }

    launcher.addEventListener('click', () => (isOpen ? close(true) : open()));
    // Web Chat is fetched only when a shopper looks like opening the chat.
    const warm = () => post('warm');
    launcher.addEventListener('pointerenter', warm, { once: true });
    launcher.addEventListener('focus', warm, { once: true });
    root.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && isOpen) {
        event.preventDefault();
        close(true);
      }
    });
    before.addEventListener('focus', () => {
      frame.focus();
      post('focus', { edge: 'last' });
    });
    after.addEventListener('focus', () => {
      frame.focus();
      post('focus', { edge: 'first' });
    });
    // Only where the browser refuses the frame storage of its own (third-party storage blocked),
    // the frame asks the page to keep its conversation's token, in this tab's sessionStorage
    // under one namespaced key, and gets it back on the next page.
    const keptKey = `clasp.chat.${brand}`;
    const kept = {
      get() {
        try {
          return JSON.parse(sessionStorage.getItem(keptKey) || 'null');
        } catch {
          return null;
        }
      },
      set(value) {
        try {
          sessionStorage.setItem(keptKey, JSON.stringify(value));
        } catch {
          // refused here too: the chat starts afresh on the next page
        }
      },
      drop() {
        try {
          sessionStorage.removeItem(keptKey);
        } catch {
          // nothing kept
        }
      },
    };
    frame.addEventListener('load', () => post('hello', { page: page(), session: kept.get() }));

    const giveUp = setTimeout(() => {
      host.remove();
      console.warn(`Clasp: the chat of "${brand}" did not load on this site. Its origin (${location.origin}) must be in the store's allowedOrigins.`);
    }, GIVE_UP_MS);

    window.addEventListener('message', (event) => {
      if (event.origin !== clasp || event.source !== frame.contentWindow) return;
      const data = event.data;
      if (!data || data.clasp !== 1 || typeof data.type !== 'string') return;
      if (data.type === 'ready') {
        clearTimeout(giveUp);
        if (typeof data.accent === 'string' && /^#[0-9a-f]{6}$/i.test(data.accent)) wrapper.style.setProperty('--accent', data.accent);
        if (typeof data.label === 'string' && data.label.length <= 120) {
          label = data.label;
          panel.setAttribute('aria-label', label);
          frame.setAttribute('title', label);
        }
        unread = Number.isInteger(data.unread) && data.unread > 0 ? data.unread : 0;
        describe();
        wrapper.classList.add('ready');
      } else if (data.type === 'unread') {
        unread = Number.isInteger(data.count) && data.count > 0 && !isOpen ? data.count : 0;
        describe();
      } else if (data.type === 'close') {
        close(true);
      } else if (data.type === 'keep' && data.session && typeof data.session === 'object') {
        const { conversationId, token, seen } = data.session;
        if (typeof conversationId === 'string' && typeof token === 'string') kept.set({ conversationId, token, seen: typeof seen === 'string' ? seen : null });
      } else if (data.type === 'forget') {
        kept.drop();
      }
    });

    document.body.appendChild(host);
  }

  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount, { once: true });
})();
