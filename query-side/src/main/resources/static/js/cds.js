// Shared by the three pages: language (Vietnamese first, English switch), number and date formats, fetching the
// query API, and live updates over server-sent events.
const CDS = (() => {
  const texts = {
    vi: {
      title: 'Chuyển đổi số cấp xã — Tỉnh Thanh Hóa', province: 'Toàn tỉnh', year: 'Năm', view: 'Cách xem',
      asItWas: 'Theo bản đồ năm đó', restated: 'Quy về đơn vị hiện nay', headline: 'Số xã được công nhận / chỉ tiêu năm',
      districts: 'Huyện', formerDistricts: 'Huyện cũ (trước 01/07/2025)', communes: 'Số xã', registered: 'Đăng ký', submitted: 'Đã nộp',
      appraisedPass: 'Thẩm định Đạt', recognised: 'Công nhận', target: 'Chỉ tiêu', percent: '% chỉ tiêu',
      progress: 'Tiến độ công nhận trong năm', heatmap: 'Bản đồ nhiệt: tỷ lệ xã đạt từng chỉ tiêu', behind: 'Các huyện chậm nhất so với chỉ tiêu', weakest: 'Các chỉ tiêu ít xã đạt nhất',
      updated: 'Cập nhật lúc', live: 'Trực tiếp', offline: 'Mất kết nối — đang kết nối lại', stage: 'Giai đoạn',
      score: 'Điểm', met: 'Đạt', inProgress: 'Đang triển khai', lastUpdate: 'Cập nhật cuối', filter: 'Lọc theo tên xã',
      allStages: 'Tất cả giai đoạn', indicator: 'Chỉ tiêu', value: 'Giá trị', status: 'Đánh giá', points: 'Điểm',
      evidence: 'Minh chứng', timeline: 'Diễn biến hồ sơ', pillars: 'Trụ cột', selfScore: 'Tự đánh giá', appraised: 'Thẩm định',
      commune: 'Xã', restatedLabel: 'Xã (đơn vị hiện nay)', predecessors: 'Xã tiền thân được công nhận', signOut: 'Đăng xuất',
      noData: 'Chưa có dữ liệu', back: '← Toàn tỉnh', cumulative: 'Số xã được công nhận (lũy kế)', district: 'Huyện',
      pipeline: 'Sau thẩm định Đạt: Sở xem xét → đề nghị → quyết định công nhận', afterPass: 'Sau thẩm định Đạt'
    },
    en: {
      title: 'Commune digital transformation — Thanh Hóa province', province: 'Province', year: 'Year', view: 'View',
      asItWas: 'As it was', restated: 'Restated to today\'s communes', headline: 'Communes recognised / year\'s target',
      districts: 'District', formerDistricts: 'Former district (before 01/07/2025)', communes: 'Communes', registered: 'Registered', submitted: 'Submitted',
      appraisedPass: 'Appraised pass', recognised: 'Recognised', target: 'Target', percent: '% of target',
      progress: 'Recognitions over the year', heatmap: 'Heat map: share of communes meeting each indicator', behind: 'Districts furthest behind target', weakest: 'Indicators the fewest communes meet',
      updated: 'Updated at', live: 'Live', offline: 'Disconnected — reconnecting', stage: 'Stage',
      score: 'Score', met: 'Met', inProgress: 'In progress', lastUpdate: 'Last update', filter: 'Filter by commune name',
      allStages: 'All stages', indicator: 'Indicator', value: 'Value', status: 'Status', points: 'Points',
      evidence: 'Evidence', timeline: 'Timeline', pillars: 'Pillars', selfScore: 'Self-assessment', appraised: 'Appraisal',
      commune: 'Commune', restatedLabel: 'Commune (today\'s units)', predecessors: 'Predecessor communes recognised', signOut: 'Sign out',
      noData: 'No data yet', back: '← Province', cumulative: 'Communes recognised (cumulative)', district: 'District',
      pipeline: 'After a pass: the department\'s review → proposal → the chairman\'s decision', afterPass: 'After a pass'
    }
  };
  const statusEn = { DAT: 'Met', CHUA_DAT: 'Not met', DANG_TRIEN_KHAI: 'In progress', CHUA_DANH_GIA: 'Not assessed' };
  const stageEn = { NOT_REGISTERED: 'Not registered', REGISTERED: 'Registered', SUBMITTED: 'Self-assessment submitted',
    WITHDRAWN: 'Withdrawn for correction',
    UNDER_APPRAISAL: 'Under appraisal', APPRAISED_PASS: 'Appraised: pass', APPRAISED_FAIL: 'Appraised: fail',
    RETURNED: 'Returned for revision', IN_REVIEW: 'In the department\'s review', PROPOSED: 'Proposed for recognition',
    RECOGNISED: 'Recognised', DECLINED: 'Recognition declined', REVOKED: 'Recognition revoked', SUPERSEDED: 'Closed: commune reorganised' };
  const stageVi = { NOT_REGISTERED: 'Chưa đăng ký', REGISTERED: 'Đã đăng ký', SUBMITTED: 'Đã nộp tự đánh giá',
    WITHDRAWN: 'Đã rút lại để chỉnh sửa',
    UNDER_APPRAISAL: 'Đang thẩm định', APPRAISED_PASS: 'Thẩm định Đạt', APPRAISED_FAIL: 'Thẩm định Không đạt',
    RETURNED: 'Trả lại để bổ sung', IN_REVIEW: 'Sở đang xem xét, kiểm tra', PROPOSED: 'Đã đề nghị công nhận',
    RECOGNISED: 'Đã công nhận', DECLINED: 'Không công nhận', REVOKED: 'Đã thu hồi công nhận', SUPERSEDED: 'Đã đóng do sắp xếp đơn vị hành chính' };
  const lang = new URLSearchParams(location.search).get('lang') || localStorage.getItem('cds.lang') || 'vi';
  localStorage.setItem('cds.lang', lang);
  const t = key => (texts[lang] && texts[lang][key]) || texts.vi[key] || key;
  const number = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });
  const fmt = n => (n === null || n === undefined) ? '—' : number.format(n);
  const points = n => (n === null || n === undefined) ? '—' : number.format(n) + (lang === 'vi' ? ' điểm' : ' points');
  const time = d => d.toLocaleTimeString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', hour12: false });
  /** dd/MM/yyyy HH:mm in the province's time zone */
  const dateTime = iso => {
    if (!iso) return '—';
    const p = Object.fromEntries(new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit',
      year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false }).formatToParts(new Date(iso)).map(x => [x.type, x.value]));
    return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
  };
  const esc = s => String(s ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\'': '&#39;' }[c]));
  const param = (name, fallback) => new URLSearchParams(location.search).get(name) || fallback;

  /** The read models' position the last change message named: answers must include it (the server caches them). */
  let seenVersion = null;

  async function api(path) {
    return (await fetchAnswer(path)).body;
  }

  /** GET, throwing on refusal: the body, and the view and tag a live page follows it by. */
  async function fetchAnswer(path, extraHeaders) {
    const headers = Object.assign({ Accept: 'application/json' }, extraHeaders);
    if (seenVersion !== null) headers['X-Read-Model-At-Least'] = String(seenVersion);
    const response = await fetch(path, { headers, credentials: 'same-origin' });
    if (response.status === 401) { if (!signingOut) location.href = '/login.html'; throw new Error('unauthenticated'); }
    const body = await response.json();
    if (!response.ok) throw new Error(body.detail || response.statusText);
    return { body, view: response.headers.get('X-Live-View'), etag: response.headers.get('ETag') };
  }

  /** The browser's live stream (its hello's id): named when the page asks for a dashboard its stream is to send. */
  let liveStream = null;
  /**
   * The answers the page last fetched with follow(), in order: each with its path, body, tag and view (null for one the
   * server does not send: a past day, an instant); and the ones it follows, by view.
   */
  let shownAnswers = [], followed = new Map();

  /**
   * Fetches the page's dashboards and has the live stream send their changes from then on (a 'view' message: a JSON
   * Patch from the answer held, or the whole answer), so the page shows a change without fetching again. The answers,
   * in the order asked; the ones the server does not send (a past day, an instant) are simply fetched.
   */
  async function follow(...paths) {
    const answers = await Promise.all(paths.map(path => fetchAnswer(path, liveStream ? { 'X-Live-Stream': liveStream } : {})));
    answers.forEach((answer, i) => { answer.path = paths[i]; });
    shownAnswers = answers;
    followed = new Map(answers.filter(a => a.view).map(a => [a.view, a]));
    return answers.map(a => a.body);
  }

  /** The answers the page holds, in the order it last asked for them (the followed ones as patched since). */
  const held = () => shownAnswers.map(a => a.body);

  /** RFC 6902's add, remove and replace (the server sends no other): the patched document. */
  function applyPatch(doc, operations) {
    for (const op of operations) {
      const path = op.path.split('/').slice(1).map(part => part.replace(/~1/g, '/').replace(/~0/g, '~'));
      if (!['add', 'remove', 'replace'].includes(op.op)) throw new Error('operation ' + op.op);
      if (!path.length) { doc = op.value; continue; }
      const last = path.pop();
      const parent = path.reduce((node, part) => node[part], doc);
      if (parent === null || typeof parent !== 'object') throw new Error('no ' + op.path);
      if (Array.isArray(parent)) {
        const index = last === '-' ? parent.length : Number(last);
        if (op.op === 'add') parent.splice(index, 0, op.value);
        else if (op.op === 'remove') parent.splice(index, 1);
        else parent[index] = op.value;
      } else if (op.op === 'remove') delete parent[last];
      else parent[last] = op.value;
    }
    return doc;
  }

  let whoami = null;
  let signingOut = false;

  function header(extra) {
    document.documentElement.lang = lang;
    document.title = t('title');
    const other = lang === 'vi' ? 'en' : 'vi';
    const url = new URL(location.href); url.searchParams.set('lang', other);
    document.querySelector('header').innerHTML =
      `<h1><a href="/">${esc(t('title'))}</a>${extra ? ' — ' + esc(extra) : ''}</h1>
       <span class="meta"><span id="live-dot" class="live"></span><span id="live-state">${esc(t('offline'))}</span></span>
       <span class="meta">${esc(t('updated'))}: <span id="updated-at">—</span></span>
       <span class="meta" id="who"></span>
       <a class="meta" id="lang-switch" href="${esc(url.toString())}">${other === 'en' ? 'English' : 'Tiếng Việt'}</a>
       <form class="meta" id="sign-out" method="post" action="/logout"><input type="hidden" name="_csrf">
         <button type="submit">${esc(t('signOut'))}</button></form>`;
    // the CSRF token is in the cookie the server set; signing out sends it back (and, with the SSO, ends its session too)
    document.querySelector('#sign-out').addEventListener('submit', event => {
      signingOut = true;
      const cookie = document.cookie.split('; ').find(c => c.startsWith('XSRF-TOKEN='));
      event.target.elements._csrf.value = cookie ? decodeURIComponent(cookie.split('=')[1]) : '';
    });
    whoami = api('/api/me');
    whoami.then(me => {
      document.getElementById('who').textContent = me.subject + ' (' + me.roles.join(', ') + ' · ' + me.unit + ')';
      workLinks(me.roles);
    }).catch(() => {});
  }

  /** The pages each role works in, linked from every page's header. */
  function workLinks(roles) {
    const vi = lang === 'vi';
    const pages = [
      ['COMMUNE', '/bao-cao.html', vi ? 'Báo cáo của xã' : 'Our report'],
      ['DISTRICT', '/tham-dinh.html', vi ? 'Hàng chờ thẩm định' : 'Appraisal queue'],
      ['PROVINCE', '/tham-dinh.html', vi ? 'Hàng chờ thẩm định' : 'Appraisal queue'],
      ['DEPARTMENT', '/xem-xet.html', vi ? 'Xem xét, đề nghị' : 'Review and proposals'],
      ['PROVINCE', '/quyet-dinh.html', vi ? 'Quyết định công nhận' : 'Decisions'],
      ['PROVINCE', '/tinh.html', vi ? 'Chỉ tiêu, bộ tiêu chí' : 'Targets and frameworks']];
    const links = pages.filter(([role]) => roles.includes(role))
      .filter(([, href], i, all) => all.findIndex(([, h]) => h === href) === i && location.pathname !== href);
    if (!links.length) return;
    const nav = document.createElement('nav');
    nav.className = 'meta work';
    nav.setAttribute('aria-label', vi ? 'Trang làm việc' : 'Work pages');
    nav.innerHTML = links.map(([, href, text]) => `<a href="${href}">${esc(text)}</a>`).join(' · ');
    document.querySelector('header h1').after(nav);
  }

  function stamp() { document.getElementById('updated-at').textContent = time(new Date()); }

  /**
   * Re-renders when an event lands: fetches again when the stream (re)connects and, debounced, after each change. All
   * tabs of the browser share one stream (js/live-worker.js), which reconnects by itself after a restart.
   * A page that follows its dashboards ({@link follow}) passes {@code options.view}: it is called with the answers held
   * when a 'view' message changed one, and {@code options.change} (if any) after a change message instead of
   * reloading; should no view message follow a change within 3 s (the server let the view go), it reloads.
   */
  function live(reload, options = {}) {
    let pending = null, shown = false, lastView = 0, watchdog = null;
    const show = () => { shown = true; return reload().then(stamp); };
    // at most once a frame, and not at all in a tab nobody looks at (browsers pause animation frames there): a busy
    // day's messages cost a hidden page nothing until it is shown again
    let frame = null;
    const render = () => {
      if (frame === null) frame = requestAnimationFrame(() => {
        frame = null;
        try { options.view(held()); stamp(); } catch (e) { show(); } // drawn from a fresh fetch instead
      });
    };
    const onView = message => {
      const entry = followed.get(message.view);
      if (!entry) return;
      lastView = Date.now();
      if (typeof message.position === 'number' && (seenVersion === null || message.position > seenVersion)) seenVersion = message.position;
      if (message.etag === entry.etag) { stamp(); return; }
      try {
        if (message.body !== undefined) entry.body = message.body;
        else if (message.patch && message.base === entry.etag) entry.body = applyPatch(entry.body, message.patch);
        else throw new Error('the patch is from another answer');
        entry.etag = message.etag;
        render();
      } catch (e) {
        show(); // fetch the answers again: the page follows them from there
      }
    };
    const on = message => {
      if (message.type === 'open') { liveStream = message.stream || null; setLive(true); show(); }
      else if (message.type === 'change') {
        const version = message.change && message.change.version;
        if (typeof version === 'number' && (seenVersion === null || version > seenVersion)) seenVersion = version;
        if (options.view && followed.size) {
          if (options.change) options.change();
          const changedAt = Date.now();
          clearTimeout(watchdog);
          watchdog = setTimeout(() => { if (lastView < changedAt) show(); }, 3000);
        } else {
          clearTimeout(pending); pending = setTimeout(show, 100);
        }
      }
      else if (message.type === 'view') { if (options.view) onView(message.view); }
      // a page without its stream still shows what it has, marked as disconnected
      else if (message.type === 'offline') { setLive(false); if (!shown) show(); }
      // another tab signed out: leave the dashboards (this tab, signing out, follows its own form to the SSO's logout)
      else if (message.type === 'signed-out') { if (!signingOut) location.href = '/signed-out.html'; }
      else if (message.type === 'identity') location.reload();
    };
    (whoami || api('/api/me')).then(me => joinStream(me.subject, on));
  }

  /** Joins the browser's one live stream: in a shared worker; else in the tab that leads; else a stream of its own. */
  function joinStream(subject, on) {
    if (window.SharedWorker) {
      // extendedLifetime (Chromium 148+): the worker and its stream outlive a page while the tab loads the next one
      const port = new SharedWorker('/js/live-worker.js', { name: 'cds-live', extendedLifetime: true }).port;
      port.onmessage = event => on(event.data);
      const enter = () => port.postMessage({ type: 'join', subject });
      enter();
      addEventListener('pagehide', () => port.postMessage({ type: 'leave' }));
      addEventListener('pageshow', event => { if (event.persisted) enter(); });
      return;
    }
    const script = document.createElement('script');
    script.src = '/js/live-worker.js';
    script.onload = () => window.BroadcastChannel && navigator.locks
      ? followOrLead(subject, on) : liveHub().join({ postMessage: on }, subject);
    document.head.appendChild(script);
  }

  /** Without shared workers: the tab holding the Web Lock runs the stream and serves the others over a channel. */
  function followOrLead(subject, on) {
    const id = Math.random().toString(36).slice(2);
    const channel = new BroadcastChannel('cds-live');
    const enter = () => channel.postMessage({ type: 'join', from: id, subject });
    channel.onmessage = ({ data }) => {
      if (data.type === 'who') enter();
      else if (data.to === id) on(data.message);
    };
    addEventListener('pagehide', () => channel.postMessage({ type: 'leave', from: id }));
    enter();
    navigator.locks.request('cds-live', () => {
      const hub = liveHub(), tabs = new Map();
      const tab = from => tabs.get(from) || tabs.set(from, { postMessage: message => channel.postMessage({ to: from, message }) }).get(from);
      channel.onmessage = ({ data }) => {
        if (data.type === 'join') hub.join(tab(data.from), data.subject);
        else if (data.type === 'leave') { hub.leave(tab(data.from)); tabs.delete(data.from); }
      };
      hub.join({ postMessage: on }, subject);
      channel.postMessage({ type: 'who' }); // tabs that joined while no tab led
      return new Promise(() => {}); // held until this tab closes; then the next tab in line leads
    });
  }

  function setLive(on) {
    document.getElementById('live-dot').classList.toggle('on', on);
    document.getElementById('live-state').textContent = on ? t('live') : t('offline');
  }

  /**
   * Click a header to sort the table by that column (numbers as numbers), again to reverse it. The order chosen stays
   * with the table: a table drawn again (a live change) comes back in it.
   */
  function sortable(table) {
    const apply = () => {
      if (table.dataset.sortCol === undefined) return;
      const col = Number(table.dataset.sortCol), asc = table.dataset.sortDir === 'asc', body = table.tBodies[0];
      const th = table.tHead.rows[0].children[col];
      if (th) { th.dataset.dir = table.dataset.sortDir; th.setAttribute('aria-sort', asc ? 'ascending' : 'descending'); }
      const value = row => { const c = row.children[col]; const v = c.dataset.value ?? c.textContent; const n = parseFloat(v); return isNaN(n) ? v : n; };
      Array.from(body.rows).sort((a, b) => { const x = value(a), y = value(b); return (x > y ? 1 : x < y ? -1 : 0) * (asc ? 1 : -1); })
        .forEach(r => body.appendChild(r));
    };
    table.querySelectorAll('th.sortable').forEach(th => {
      // reachable and sortable with the keyboard alone: Tab to the header, Enter or Space
      th.tabIndex = 0;
      th.addEventListener('keydown', event => {
        if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); th.click(); }
      });
      th.addEventListener('click', () => {
        const col = String(Array.from(th.parentNode.children).indexOf(th));
        table.dataset.sortDir = table.dataset.sortCol === col && table.dataset.sortDir === 'asc' ? 'desc' : 'asc';
        table.dataset.sortCol = col;
        apply();
      });
    });
    apply();
  }

  /** A status or stage as the API names it (code + Vietnamese), in the page's language. */
  const status = (code, vi) => lang === 'vi' ? vi : (statusEn[code] || code);
  const stage = (code, vi) => lang === 'vi' ? (vi || stageVi[code] || code) : (stageEn[code] || code);

  /**
   * The two kinds of time, shared by the dashboards: "in force on" a date (the decisions' dates, as known now) and "as
   * shown at" an instant (what the platform showed then). Controls in the element given; the choice stays in the URL.
   * Returns the query string to add to the dashboards' API calls.
   */
  function timeTravel(container, onChange) {
    const vi = lang === 'vi';
    container.innerHTML = `<label>${vi ? 'Quyết định có hiệu lực đến ngày' : 'Decisions in force on'}
        <input type="date" id="in-force-on" value="${esc(param('inForceOn', ''))}"></label>
      <label>${vi ? 'Như đã hiển thị lúc' : 'As shown at'}
        <input type="datetime-local" id="known-at" value="${esc(param('knownAtLocal', ''))}"></label>`;
    const changed = () => {
      const url = new URL(location.href);
      const day = container.querySelector('#in-force-on').value, at = container.querySelector('#known-at').value;
      day ? url.searchParams.set('inForceOn', day) : url.searchParams.delete('inForceOn');
      at ? url.searchParams.set('knownAtLocal', at) : url.searchParams.delete('knownAtLocal');
      history.replaceState(null, '', url);
      onChange();
    };
    container.querySelectorAll('input').forEach(i => i.addEventListener('change', changed));
    return () => {
      const day = container.querySelector('#in-force-on').value, at = container.querySelector('#known-at').value;
      // the instant is read in the province's time zone (UTC+7, no daylight saving)
      return (day ? '&inForceOn=' + encodeURIComponent(day) : '')
        + (at ? '&knownAt=' + encodeURIComponent(at + (at.length === 16 ? ':00' : '') + '+07:00') : '');
    };
  }

  /** "Where does this count come from": a district's recognised communes, each with its decision, who recorded it and when. */
  async function explainRecognised(dialog, code, year) {
    const vi = lang === 'vi';
    const x = await api(`/api/explain/districts/${encodeURIComponent(code)}/recognised?year=${encodeURIComponent(year)}`);
    dialog.querySelector('h2').textContent = `${x.district.name}: ${x.recognised} / ${x.target}`;
    const steps = { ProposedForRecognition: vi ? 'Tờ trình' : 'Proposal', CommuneRecognised: vi ? 'Quyết định' : 'Decision',
      RecognitionDecisionCorrected: vi ? 'Đính chính' : 'Correction', RecognitionConfirmedAfterAmendment: vi ? 'Giữ công nhận' : 'Kept' };
    dialog.querySelector('thead').innerHTML = `<tr><th>${t('commune')}</th><th>${vi ? 'Văn bản' : 'Document'}</th>
      <th>${vi ? 'Ghi nhận lúc' : 'Recorded'}</th><th>${vi ? 'Người / đơn vị' : 'Who / unit'}</th></tr>`;
    dialog.querySelector('tbody').innerHTML = x.communes.map(c => c.decisions.map(d => `<tr data-code="${esc(c.code)}">
      <td>${esc(c.name)}</td><td>${esc(steps[d.event] || '')} ${esc(d.document ?? '—')}</td><td>${esc(d.atDisplay)}</td>
      <td>${esc(d.subject)} · ${esc(d.unit)}</td></tr>`).join('')).join('');
    dialog.querySelector('form button').textContent = vi ? 'Đóng' : 'Close';
    dialog.showModal();
  }

  /** Who is signed in (subject, roles, unit), asked once per page. */
  const me = () => whoami || (whoami = api('/api/me'));

  // --- what the pages that record share: commands with their idempotency key, dates typed dd/mm/yyyy, refusals

  const uuid = () => (crypto.randomUUID ? crypto.randomUUID()
    : Date.now().toString(36) + '-' + Array.from(crypto.getRandomValues(new Uint32Array(4))).map(n => n.toString(36)).join(''));
  /** yyyy-MM-dd from a date typed dd/mm/yyyy (as the card shows them); '' for nothing typed, null for a wrong date */
  function isoDate(text) {
    const typed = (text || '').trim();
    if (!typed) return '';
    const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(typed);
    if (!m) return null;
    const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const date = new Date(Date.UTC(y, mo - 1, d));
    if (y < 1945 || y > 2100 || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
    return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  }
  /** GET without throwing: the status and the body (a problem on refusal). */
  async function get(path) {
    const response = await fetch(path, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    if (response.status === 401) { location.href = '/login.html'; throw new Error('unauthenticated'); }
    return { status: response.status, body: await response.json().catch(() => ({})) };
  }
  /** A command (or the score preview): JSON body, the page's CSRF token, and the action's idempotency key. */
  async function send(method, path, body, key) {
    const cookie = document.cookie.split('; ').find(c => c.startsWith('XSRF-TOKEN='));
    const headers = { 'Content-Type': 'application/json', Accept: 'application/json, application/problem+json' };
    if (cookie) headers['X-XSRF-TOKEN'] = decodeURIComponent(cookie.split('=')[1]);
    if (key) headers['Idempotency-Key'] = key;
    let response;
    try {
      response = await fetch(path, { method, headers, credentials: 'same-origin', body: JSON.stringify(body ?? {}) });
    } catch (e) {
      return { ok: false, status: 0, problem: { detail: 'Không kết nối được máy chủ; thử lại (sẽ không ghi hai lần).', detailEn: 'No connection; try again (nothing is recorded twice).' } };
    }
    const text = await response.text();
    let json = {};
    try { json = text ? JSON.parse(text) : {}; } catch (e) { json = {}; }
    return { ok: response.ok, status: response.status, body: json, problem: response.ok ? null : json };
  }
  /** A file sent as the request's body (never read whole by the page), with its key and the CSRF token. */
  async function upload(path, file, key) {
    const cookie = document.cookie.split('; ').find(c => c.startsWith('XSRF-TOKEN='));
    const headers = { 'Content-Type': 'application/octet-stream', Accept: 'application/json, application/problem+json' };
    if (cookie) headers['X-XSRF-TOKEN'] = decodeURIComponent(cookie.split('=')[1]);
    if (key) headers['Idempotency-Key'] = key;
    let response;
    try {
      response = await fetch(path, { method: 'POST', headers, credentials: 'same-origin', body: file });
    } catch (e) {
      return { ok: false, status: 0, problem: { detail: 'Không kết nối được máy chủ; thử lại (sẽ không ghi hai lần).', detailEn: 'No connection; try again.' } };
    }
    const json = await response.json().catch(() => ({}));
    return { ok: response.ok, status: response.status, body: json, problem: response.ok ? null : json };
  }
  /** An assessment's evidence files, by indicator: a download link each, and a preview of images. */
  function filesHtml(files, path) {
    const kb = n => fmt(Math.max(1, Math.round(n / 1024))) + ' KB';
    return files.filter(f => !f.replacedAt).map(f => `<li><a href="${esc(path)}/evidence-files/${esc(f.sha256)}" download>${esc(f.name)}</a>
      <span class="muted">(${esc(kb(f.size))})</span>${f.previewable ? `<br><img class="thumb" src="${esc(path)}/evidence-files/${esc(f.sha256)}?preview=true"
        alt="${esc(f.name)}" loading="lazy">` : ''}</li>`).join('');
  }
  /**
   * An action sent once: its key is kept until the server answers, so a lost answer (no connection, 503) is sent
   * again with the same key and recorded once; an answer, refusal or not, ends it.
   */
  async function act(keys, name, method, path, body) {
    keys[name] = keys[name] || uuid();
    const result = await send(method, path, body, keys[name]);
    if (result.ok || (result.status !== 0 && result.status !== 503)) delete keys[name];
    return result;
  }
  /** A year typed in a form: the page opens again on it (the year stays in the URL). */
  function yearForm(form, input, year) {
    input.value = year;
    form.addEventListener('submit', event => {
      event.preventDefault();
      const url = new URL(location.href);
      url.searchParams.set('year', input.value.trim());
      location.href = url.toString();
    });
  }
  /** An indicator's target, its points and whether it is mandatory, on one line (the form, the appraisal). */
  const T = (v, e) => lang === 'vi' ? v : e;
  function targetText(line) {
    const parts = [];
    if (line.measure === 'RATIO' && line.target !== null) parts.push(T('Chỉ tiêu: ≥ ', 'Target: ≥ ') + fmt(line.target * 100) + ' %');
    else if (line.measure === 'RATIO') parts.push(T('Tỷ lệ (tử số / mẫu số)', 'Ratio (numerator / denominator)'));
    else parts.push(T('Chỉ tiêu: Có', 'Target: Yes'));
    if (line.maxPoints !== null) parts.push(T('tối đa ', 'up to ') + points(line.maxPoints));
    if (line.mandatory) parts.push(T('bắt buộc', 'mandatory'));
    return parts.join(' · ');
  }
  /** The dashboard's weakest indicators as list items: code, name, communes meeting it of those assessed, share. */
  const weakest = list => list.map(w => `<li>${esc(w.code)} ${esc(w.name)}: ${fmt(w.met)}/${fmt(w.assessed)} (${fmt(w.shareMet * 100)}%)</li>`)
    .join('') || `<li class="muted">${t('noData')}</li>`;
  /** A refusal's reason in the page's language (the server's problem+json: detail in Vietnamese, detailEn). */
  const problemText = problem => problem ? (lang === 'vi' ? problem.detail : (problem.detailEn || problem.detail)) || problem.title || '' : '';

  return { t, fmt, points, esc, api, follow, header, live, stamp, sortable, param, lang, status, stage, dateTime, me, timeTravel, explainRecognised,
    uuid, isoDate, get, send, act, upload, filesHtml, yearForm, problemText, targetText, weakest };
})();
