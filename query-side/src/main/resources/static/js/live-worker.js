// One live stream (/api/live) for all the platform's tabs of a browser: a browser opens at most six HTTP/1.1
// connections to a host, so a stream per tab leaves the seventh tab without any. This file runs as a SharedWorker;
// where there is none, cds.js loads it into the one tab that holds the Web Lock and that tab serves the others over a
// BroadcastChannel (or, with neither, into each tab for itself).
//
// A tab joins with the subject it is signed in as (GET /api/me) and is sent:
//   open       the stream is (re)connected: fetch what the page shows (stream: the id to name when following views)
//   change     an event landed (the stream's 'change' data)
//   view       a followed dashboard changed, or is current as of an event (the stream's 'view' data)
//   offline    the stream is down; the hub reconnects by itself
//   signed-out the browser's session has ended: the tab must not keep showing or receiving
//   identity   the stream now belongs to another person signed in in this browser: the tab must load again
function liveHub() {
  const tabs = new Map(); // tab (anything with postMessage) → the subject it is signed in as
  let stream = null, subject = null, streamId = null, state = 'connecting', retry = null, backoff = 0, idle = null;

  const tell = (tab, type, extra) => tab.postMessage(Object.assign({ type }, extra));

  function connect() {
    clearTimeout(retry);
    retry = null;
    if (stream) stream.close();
    state = 'connecting';
    subject = null;
    stream = new EventSource('/api/live');
    stream.addEventListener('hello', event => {
      const hello = JSON.parse(event.data);
      subject = hello.subject;
      streamId = hello.stream;
      state = 'open';
      backoff = 0;
      tabs.forEach((who, tab) => {
        if (who === subject) {
          tell(tab, 'open', { stream: streamId });
        } else {
          tabs.delete(tab);
          tell(tab, 'identity');
        }
      });
    });
    stream.addEventListener('change', event => {
      const change = JSON.parse(event.data);
      tabs.forEach((who, tab) => { if (who === subject) tell(tab, 'change', { change }); });
    });
    stream.addEventListener('view', event => {
      const view = JSON.parse(event.data);
      tabs.forEach((who, tab) => { if (who === subject) tell(tab, 'view', { view }); });
    });
    const source = stream;
    stream.onerror = () => {
      state = 'offline';
      tabs.forEach((who, tab) => tell(tab, 'offline'));
      // the browser retries a dropped stream by itself, but not a refused one (401, 429, 503): find out which
      if (source.readyState === EventSource.CLOSED && source === stream) refused();
    };
  }

  async function refused() {
    stream = null;
    let signedOut = false;
    try {
      signedOut = (await fetch('/api/me', { headers: { Accept: 'application/json' } })).status === 401;
    } catch (e) {
      // the server is down: retry below
    }
    if (stream) return; // a tab joined meanwhile and reconnected
    if (signedOut) {
      tabs.forEach((who, tab) => tell(tab, 'signed-out'));
      tabs.clear();
      subject = null;
      return;
    }
    // too many streams or the server busy: back off (2 s doubling to 30 s, with jitter so tabs do not return at once)
    backoff = Math.min(30000, backoff ? backoff * 2 : 2000);
    retry = setTimeout(connect, backoff * (0.75 + Math.random() / 2));
  }

  function join(tab, who) {
    clearTimeout(idle);
    tabs.set(tab, who);
    if (!stream && !retry) {
      connect();
    } else if (subject && who !== subject) {
      connect(); // the browser's session now belongs to someone else: reopen the stream as them
    } else if (state === 'open') {
      tell(tab, 'open', { stream: streamId });
    } else if (state === 'offline') {
      tell(tab, 'offline');
    }
  }

  function leave(tab) {
    tabs.delete(tab);
    // the next page of a tab joins a moment later: it keeps the stream (where the worker outlives the page)
    if (!tabs.size) idle = setTimeout(close, 5000);
  }

  function close() {
    clearTimeout(retry);
    retry = null;
    if (stream) stream.close();
    stream = null;
    subject = null;
  }

  return { join, leave };
}

if (typeof SharedWorkerGlobalScope !== 'undefined' && self instanceof SharedWorkerGlobalScope) {
  const hub = liveHub();
  self.onconnect = event => {
    const port = event.ports[0];
    port.onmessage = ({ data }) => {
      if (data.type === 'join') hub.join(port, data.subject);
      else if (data.type === 'leave') hub.leave(port);
    };
  };
}
