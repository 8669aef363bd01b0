// The commune officer's reporting form: register the year, report every indicator with its evidence, submit, withdraw,
// answer a return. Every change goes through the same commands as the API (an Idempotency-Key per action, so a double
// click or a retried save appends once); the server's refusal is shown beside the field, in Vietnamese first. Scores
// come from the platform's one scoring model (a preview call), never from arithmetic here.
const { esc, fmt } = CDS;
const vi = CDS.lang === 'vi';
const { uuid, isoDate, get, send, problemText: message, targetText } = CDS;
const L = (textVi, textEn) => vi ? textVi : textEn;
const EDITABLE = ['REGISTERED', 'RETURNED', 'WITHDRAWN'];
const MAX_COUNT = 1000000000;

const state = { code: null, year: null, rules: null, card: null, returned: null, lastYear: {}, comments: {}, renderedStage: null };

/** dd/MM/yyyy from an ISO date */
const day = iso => iso ? iso.slice(0, 10).split('-').reverse().join('/') : '—';
const byId = id => document.getElementById(id);
const DATE_PROBLEM = () => L('Ngày theo dạng dd/mm/yyyy, từ 01/01/1945 đến 31/12/2100.', 'A date as dd/mm/yyyy, from 01/01/1945 to 31/12/2100.');


const assessmentPath = () => `/api/communes/${encodeURIComponent(state.code)}/assessments/${state.year}`;

// --- the page's frame

CDS.header(L('Báo cáo tự đánh giá của xã', 'The commune\'s self-assessment'));
byId('page-title').textContent = L('Báo cáo tự đánh giá chuyển đổi số', 'Digital transformation self-assessment');
byId('year-label').textContent = L('Năm đánh giá', 'Year');
byId('history-close').textContent = L('Đóng', 'Close');
const thisYear = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' }).format(new Date()));
for (let y = thisYear; y >= 2022; y--) byId('year').add(new Option(String(y), String(y)));
byId('year').value = CDS.param('year', String(thisYear));
byId('year').addEventListener('change', () => {
  const url = new URL(location.href); url.searchParams.set('year', byId('year').value);
  history.replaceState(null, '', url);
  load();
});

// --- loading

async function load() {
  state.year = Number(byId('year').value);
  state.renderedStage = null;
  const me = await CDS.me();
  if (!me.roles.includes('COMMUNE')) {
    byId('year-rules').textContent = L('Trang này dành cho cán bộ UBND xã. Bạn đang đăng nhập với vai trò ',
      'This page is for commune officers. You are signed in as ') + me.roles.join(', ') + '.';
    return;
  }
  state.code = me.unit;
  const rules = await get(`/api/reporting-years/${state.year}`);
  state.rules = rules.status === 200 ? rules.body : null;
  await refresh();
}

/** The card (and, when returned, the return's reasons); the form is drawn again only when the stage changed. */
async function refresh() {
  const card = await get(assessmentPath());
  state.card = card.status === 200 ? card.body : null;
  describeYear();
  if (!state.card) {
    showRegistration();
    return;
  }
  if (state.card.stage === 'RETURNED') {
    const r = await get(assessmentPath() + '/return');
    state.returned = r.status === 200 ? r.body : null;
  } else {
    state.returned = null;
  }
  const files = await get(assessmentPath() + '/evidence-files');
  state.files = files.status === 200 ? files.body : [];
  if (state.renderedStage !== state.card.stage) {
    await lastYear();
    const comments = await get(assessmentPath() + '/comments');
    state.comments = {};
    if (comments.status === 200) comments.body.forEach(c => { state.comments[c.indicatorCode] = c.comment; });
    render();
  } else {
    updateSaved();
  }
  preview(); // the score and what is missing, as saved
}

async function lastYear() {
  state.lastYear = {};
  const previous = await get(`/api/communes/${encodeURIComponent(state.code)}/assessments/${state.year - 1}`);
  if (previous.status !== 200) return;
  previous.body.pillars.forEach(p => p.lines.forEach(l => { if (l.value) state.lastYear[l.code] = l.value; }));
}

/** Whether this commune may report today, and if not, why (the same reason the server gives). */
function periodState() {
  const r = state.rules;
  if (!r || !r.opensOn) return { open: true };
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
  const extension = (r.extensions || []).find(e => e.communeCode === state.code && e.until >= today);
  if (r.open || extension) return { open: true, extension };
  if (today < r.opensOn) return { open: false, why: L(`Kỳ báo cáo năm ${r.year} mở từ ngày ${day(r.opensOn)}.`, `Reporting for ${r.year} opens on ${day(r.opensOn)}.`) };
  return { open: false, why: r.closedOn
      ? L(`Kỳ báo cáo năm ${r.year} đã đóng từ ngày ${day(r.closedOn)} (${r.closingDecision || r.periodDecision}); biểu mẫu chỉ để xem.`,
        `Reporting for ${r.year} was closed on ${day(r.closedOn)}; the form is read-only.`)
      : L(`Kỳ báo cáo năm ${r.year} đã kết thúc ngày ${day(r.closesOn)} (${r.periodDecision}); biểu mẫu chỉ để xem.`,
        `Reporting for ${r.year} ended on ${day(r.closesOn)}; the form is read-only.`) };
}

function describeYear() {
  const r = state.rules;
  const lines = [];
  if (!r) {
    lines.push(L(`Tỉnh chưa giao bộ tiêu chí đánh giá cho năm ${state.year}.`, `The province has not assigned a framework to ${state.year}.`));
  } else {
    lines.push(L(`Bộ tiêu chí: ${r.frameworkTitle || r.frameworkId} (${r.frameworkId}), theo ${r.frameworkDecision || '—'}`,
      `Framework: ${r.frameworkTitle || r.frameworkId} (${r.frameworkId}), by ${r.frameworkDecision || '—'}`)
      + (r.frameworkDecisionDate ? L(' ngày ', ' of ') + day(r.frameworkDecisionDate) : '') + '.');
    if (r.opensOn) {
      lines.push(L(`Kỳ báo cáo: từ ${day(r.opensOn)} đến ${day(r.lastDay)} (${r.periodDecision}).`,
        `Reporting period: ${day(r.opensOn)} to ${day(r.lastDay)} (${r.periodDecision}).`));
      const mine = (r.extensions || []).find(e => e.communeCode === state.code);
      if (mine) lines.push(L(`Xã được gia hạn đến ${day(mine.until)}: ${mine.reason}.`, `Extended for this commune until ${day(mine.until)}: ${mine.reason}.`));
    }
  }
  byId('year-rules').textContent = lines.join(' ');
  const period = periodState();
  byId('closed-banner').hidden = period.open;
  byId('closed-banner').textContent = period.why || '';
  const link = byId('card-link');
  link.href = `/commune.html?code=${encodeURIComponent(state.code || '')}&year=${state.year}`;
  link.textContent = L('Xem thẻ xã', 'View the commune card');
}

// --- registration

function showRegistration() {
  byId('workspace').hidden = true;
  byId('register').hidden = false;
  byId('register-title').textContent = L(`Đăng ký đánh giá năm ${state.year}`, `Register for ${state.year}`);
  const r = state.rules;
  byId('register-framework').textContent = r
    ? L(`Năm ${state.year} đánh giá theo bộ tiêu chí "${r.frameworkTitle || r.frameworkId}" do tỉnh giao (${r.frameworkDecision || r.frameworkId}).`,
      `${state.year} is assessed under "${r.frameworkTitle || r.frameworkId}", assigned by the province (${r.frameworkDecision || r.frameworkId}).`)
    : L('Chưa thể đăng ký: tỉnh chưa giao bộ tiêu chí cho năm này.', 'Not yet: the province has not assigned a framework to this year.');
  const button = byId('register-button');
  button.textContent = L(`Đăng ký năm ${state.year}`, `Register for ${state.year}`);
  button.disabled = !r || !periodState().open;
  byId('register-error').textContent = '';
}

let registerKey = null;
byId('register-button').addEventListener('click', async () => {
  const button = byId('register-button');
  button.disabled = true;
  registerKey = registerKey || uuid();
  const result = await send('POST', `/api/communes/${encodeURIComponent(state.code)}/assessments`, { year: state.year }, registerKey);
  if (!result.ok) {
    byId('register-error').textContent = message(result.problem);
    button.disabled = false;
    if (result.status !== 0) registerKey = null;
    return;
  }
  registerKey = null;
  await until(() => state.card !== null);
});

/** Refreshes until the read side shows what was just recorded (it follows the events within a moment). */
async function until(done, tries = 40) {
  for (let i = 0; i < tries; i++) {
    await refresh();
    if (done()) return true;
    await new Promise(resolve => setTimeout(resolve, 250));
  }
  return false;
}

// --- the form


function indicatorHtml(line) {
  const c = esc(line.code), v = line.value || {};
  const kind = v.measure || '';
  const ev = (line.evidence || [])[0] || {};
  const reason = state.returned && state.returned.reasons.find(r => r.indicatorCode === line.code);
  const choices = line.measure === 'RATIO'
    ? [['RATIO', L('Có số liệu', 'A figure')], ['IN_PROGRESS', L('Đang triển khai', 'In progress')]]
    : [['YES', L('Có', 'Yes')], ['NO', L('Không', 'No')], ['IN_PROGRESS', L('Đang triển khai', 'In progress')]];
  const checked = value => (value === kind || (kind === 'BOOLEAN' && ((value === 'YES' && v.value === true) || (value === 'NO' && v.value === false)))) ? ' checked' : '';
  return `<div class="indicator${reason ? ' returned' : ''}" id="ind-${c}" data-code="${c}" data-measure="${esc(line.measure)}">
    <h3 id="name-${c}">${c}. ${esc(vi ? line.name : line.nameEn)}</h3>
    <div class="target">${esc(targetText(line))}</div>
    ${reason ? `<div class="reason" id="reason-${c}"><b>${L('Lý do trả lại', 'Reason returned')}:</b> ${esc(reason.reason)}
      <label for="answer-${c}" class="block">${L('Giải trình của xã', 'The commune\'s explanation')}</label>
      <textarea id="answer-${c}" maxlength="2000" aria-describedby="answer-error-${c}">${esc(reason.answer || '')}</textarea>
      <button type="button" class="answer" data-code="${c}">${L('Gửi giải trình', 'Send the explanation')} ${c}</button>
      <span class="saved" id="answered-${c}" role="status">${reason.answeredAt ? L('Đã giải trình lúc ', 'Answered at ') + esc(CDS.dateTime(reason.answeredAt)) : ''}</span>
      <p class="error" id="answer-error-${c}" role="alert"></p></div>` : ''}
    <div class="fields">
      <fieldset class="choice" aria-describedby="err-${c}"><legend>${L('Kết quả tự đánh giá', 'Self-assessed result')}</legend>
        ${choices.map(([value, label]) => `<label><input type="radio" name="kind-${c}" value="${value}"${checked(value)}> ${esc(label)}</label>`).join('')}
      </fieldset>
      ${line.measure === 'RATIO' ? `
      <label class="half" for="num-${c}">${L('Tử số', 'Numerator')}
        <input type="number" id="num-${c}" min="0" max="${MAX_COUNT}" step="1" inputmode="numeric" value="${esc(v.numerator ?? '')}" aria-describedby="err-${c}"></label>
      <label class="half" for="den-${c}">${L('Mẫu số', 'Denominator')}
        <input type="number" id="den-${c}" min="1" max="${MAX_COUNT}" step="1" inputmode="numeric" value="${esc(v.denominator ?? '')}" aria-describedby="err-${c}"></label>
      <span class="percent" id="pct-${c}" aria-live="polite"></span>` : ''}
    </div>
    <div class="fields">
      <label for="doc-${c}">${L('Số văn bản minh chứng', 'Evidence: document number')}
        <input class="doc-number" id="doc-${c}" maxlength="100" value="${esc(ev.number || '')}" aria-describedby="err-${c}"></label>
      <label for="docdate-${c}">${L('Ngày văn bản', 'Document date')}
        <input id="docdate-${c}" class="date" inputmode="numeric" placeholder="dd/mm/yyyy" maxlength="10" value="${esc(ev.date || '')}" aria-describedby="err-${c}"></label>
      <label for="doctitle-${c}">${L('Trích yếu', 'Title')}
        <input class="doc-title" id="doctitle-${c}" maxlength="500" value="${esc(ev.title || '')}"></label>
    </div>
    <div class="fields evidence-files">
      <label for="file-${c}">${L('Tệp minh chứng (PDF, ảnh, văn bản; tối đa 50 MB)', 'Evidence file (PDF, image, Office; up to 50 MB)')}
        <input type="file" id="file-${c}" accept=".pdf,.png,.jpg,.jpeg,.webp,.doc,.docx,.xls,.xlsx,.ppt,.pptx" aria-describedby="file-error-${c}"></label>
      <button type="button" class="attach" data-code="${c}">${L('Đính kèm tệp', 'Attach the file')} ${c}</button>
      <ul class="files" id="files-${c}"></ul>
      <p class="error" id="file-error-${c}" role="alert"></p>
    </div>
    <div class="fields comment">
      <label for="comment-${c}">${L('Ghi chú của xã', 'The commune\'s comment')}
        <textarea id="comment-${c}" class="comment" maxlength="2000" rows="2">${esc(state.comments[line.code] || '')}</textarea></label>
    </div>
    <p class="error" id="err-${c}" role="alert"></p>
    <p class="warning" id="warn-${c}"></p>
    <div class="history-line"><span id="last-${c}"></span> <span id="updated-${c}"></span>
      <button type="button" class="link-button history" data-code="${c}">${L('Lịch sử giá trị', 'Value history')} ${c}</button></div>
    <button type="button" class="save" data-code="${c}">${L('Lưu chỉ tiêu', 'Save indicator')} ${c}</button>
    <span class="saved" id="saved-${c}" role="status"></span>
  </div>`;
}

function render() {
  const card = state.card;
  state.renderedStage = card.stage;
  byId('register').hidden = true;
  byId('workspace').hidden = false;
  byId('template-link').href = assessmentPath() + '/template.xlsx';
  byId('template-link').textContent = L('Tải mẫu Excel (biểu tự đánh giá với số liệu hiện có)', 'Download the Excel template (with the values so far)');
  renderImport();
  byId('stage-label').textContent = L('Giai đoạn', 'Stage');
  byId('stage').textContent = CDS.stage(card.stage, card.stageVi);
  byId('score-label').textContent = L('Điểm tự đánh giá (đang nhập)', 'Self-assessed score (as typed)');
  byId('missing-label').textContent = L('Còn thiếu để Đạt', 'Still missing to pass');
  byId('pillars').innerHTML = card.pillars.map(p => `<fieldset class="pillar" id="pillar-${esc(p.code)}">
      <legend>${esc(vi ? p.name : p.nameEn)} <span class="muted" id="pillar-score-${esc(p.code)}"></span></legend>
      ${p.lines.map(indicatorHtml).join('')}</fieldset>`).join('');
  renderReturn();
  byId('submit-title').textContent = L('Nộp báo cáo tự đánh giá', 'Submit the self-assessment');
  byId('report-number-label').textContent = L('Số báo cáo (ví dụ 255/BC-UBND)', 'Report number (e.g. 255/BC-UBND)');
  byId('report-date-label').textContent = L('Ngày báo cáo', 'Report date');
  byId('submit-button').textContent = L('Nộp báo cáo tự đánh giá', 'Submit the self-assessment');
  byId('submit-error').innerHTML = '';
  byId('withdraw-title').textContent = L('Rút lại báo cáo đã nộp (trước khi thẩm định)', 'Withdraw the submission (before the appraisal)');
  byId('withdraw-reason-label').textContent = L('Lý do', 'Reason');
  byId('withdraw-button').textContent = L('Rút lại để chỉnh sửa', 'Withdraw to correct it');
  const period = periodState();
  const editable = EDITABLE.includes(card.stage) && period.open;
  byId('submit').hidden = !editable;
  byId('withdraw').hidden = !(card.stage === 'SUBMITTED' && period.open);
  byId('pillars').querySelectorAll('input, textarea, button.save, button.answer').forEach(e => { e.disabled = !editable; });
  byId('excel-import').hidden = !editable;
  if (!EDITABLE.includes(card.stage)) {
    byId('year-rules').textContent += ' ' + L(`Hồ sơ ở giai đoạn "${card.stageVi}": chỉ để xem.`, `The assessment is "${CDS.stage(card.stage)}": read-only.`);
  }
  byId('pillars').querySelectorAll('.indicator').forEach(block => { showPercent(block.dataset.code); warn(block.dataset.code); });
  updateSaved();
}

function renderReturn() {
  const r = state.returned;
  byId('returned').hidden = !r;
  if (!r) return;
  byId('returned-title').textContent = L('Hồ sơ bị trả lại ngày ', 'Returned on ') + CDS.dateTime(r.returnedAt)
    + (r.documentNumber ? ' — ' + r.documentNumber : '');
  const general = r.reasons.find(x => x.indicatorCode === '');
  const named = r.reasons.filter(x => x.indicatorCode !== '').map(x => x.indicatorCode);
  byId('returned-general').textContent = (general ? general.reason.replace(/[.!?…]?$/, '.') + ' ' : '')
    + (named.length ? L('Các chỉ tiêu cần giải trình: ', 'Indicators to answer: ') + named.join(', ') + '.' : '');
  byId('general-answer').innerHTML = general ? `<div class="reason"><label for="answer-">${L('Giải trình lý do chung', 'Answer to the general reason')}</label>
      <textarea id="answer-" maxlength="2000" aria-describedby="answer-error-">${esc(general.answer || '')}</textarea>
      <button type="button" class="answer" data-code="">${L('Gửi giải trình chung', 'Send the general answer')}</button>
      <span class="saved" id="answered-" role="status">${general.answeredAt ? L('Đã giải trình lúc ', 'Answered at ') + esc(CDS.dateTime(general.answeredAt)) : ''}</span>
      <p class="error" id="answer-error-" role="alert"></p></div>` : '';
}

/** What the card says now beside each indicator: when it was last saved, and last year's value. */
function updateSaved() {
  state.card.pillars.forEach(p => p.lines.forEach(line => {
    const updated = byId('updated-' + line.code), last = byId('last-' + line.code);
    if (updated) updated.textContent = line.reportedAt ? L('Cập nhật: ', 'Updated: ') + line.reportedAt : L('Chưa có giá trị.', 'No value yet.');
    if (last) last.textContent = state.lastYear[line.code] ? L('Năm trước: ', 'Last year: ') + state.lastYear[line.code].display + ' ·' : '';
  }));
  byId('stage').textContent = CDS.stage(state.card.stage, state.card.stageVi);
  state.card.pillars.forEach(p => p.lines.forEach(line => {
    const list = byId('files-' + line.code);
    if (list) list.innerHTML = CDS.filesHtml((state.files || []).filter(f => f.indicatorCode === line.code), assessmentPath());
  }));
}

// --- values as typed: checks (the server's rules), warnings, the value to send

const kindOf = code => { const checked = document.querySelector(`input[name="kind-${CSS.escape(code)}"]:checked`); return checked ? checked.value : null; };

function wholeNumber(text) {
  if (text === '' || !/^\d+$/.test(text.trim())) return null;
  const n = Number(text.trim());
  return n <= MAX_COUNT ? n : null;
}

/** The value typed for an indicator, or the first problem with it ({field, message}). */
function typed(code) {
  const measure = byId('ind-' + code).dataset.measure, kind = kindOf(code);
  if (!kind) return { problem: { field: 'kind', message: L('Chọn kết quả tự đánh giá.', 'Choose a result.') } };
  if (kind === 'IN_PROGRESS') return { value: { measure: 'IN_PROGRESS' } };
  if (measure !== 'RATIO') return { value: { measure: 'BOOLEAN', value: kind === 'YES' } };
  const numText = byId('num-' + code).value, denText = byId('den-' + code).value;
  const numerator = wholeNumber(numText), denominator = wholeNumber(denText);
  if (numerator === null)
    return { problem: { field: 'num', message: L('Tử số phải là số nguyên từ 0 đến 1.000.000.000.', 'The numerator must be a whole number from 0 to 1,000,000,000.') } };
  if (denominator === null || denominator === 0)
    return { problem: { field: 'den', message: L('Mẫu số phải là số nguyên lớn hơn 0 (đến 1.000.000.000).', 'The denominator must be a whole number above 0.') } };
  if (numerator > denominator)
    return { problem: { field: 'num', message: L(`Tử số (${fmt(numerator)}) không được lớn hơn mẫu số (${fmt(denominator)}).`, `The numerator (${fmt(numerator)}) cannot exceed the denominator (${fmt(denominator)}).`) } };
  return { value: { measure: 'RATIO', numerator, denominator } };
}

function evidence(code) {
  const number = byId('doc-' + code).value.trim(), typedDate = byId('docdate-' + code).value, title = byId('doctitle-' + code).value.trim();
  const date = isoDate(typedDate);
  if (date === null) return { problem: { field: 'docdate', message: DATE_PROBLEM() } };
  if (!number) return date || title ? { problem: { field: 'doc', message: L('Cần số văn bản minh chứng.', 'The document number is required.') } } : { list: [] };
  // the other documents already recorded with the value stay with it
  const line = findLine(code);
  const others = (line && line.evidence ? line.evidence.slice(1) : []).map(e => ({ number: e.number, date: isoDate(e.date) || null, title: e.title || '' }));
  return { list: [{ number, date: date || null, title }].concat(others) };
}

const findLine = code => { for (const p of state.card.pillars) for (const l of p.lines) if (l.code === code) return l; return null; };

const FIELD_INPUTS = { kind: c => document.querySelector(`input[name="kind-${CSS.escape(c)}"]`), num: c => byId('num-' + c),
  den: c => byId('den-' + c), doc: c => byId('doc-' + c), docdate: c => byId('docdate-' + c), doctitle: c => byId('doctitle-' + c) };

function showProblem(code, field, text) {
  const block = byId('ind-' + code);
  block.querySelectorAll('[aria-invalid]').forEach(e => e.removeAttribute('aria-invalid'));
  byId('err-' + code).textContent = text || '';
  if (field && FIELD_INPUTS[field]) {
    const input = FIELD_INPUTS[field](code);
    if (input) { input.setAttribute('aria-invalid', 'true'); }
    return input;
  }
  return null;
}

/** The server names the field it refused: the value's parts, or evidence[i].… */
function serverField(field) {
  if (!field) return null;
  if (field === 'numerator') return 'num';
  if (field === 'denominator') return 'den';
  if (field === 'value' || field === 'measure') return 'kind';
  if (/^evidence\[0\]\.date/.test(field)) return 'docdate';
  if (/^evidence\[0\]\.title/.test(field)) return 'doctitle';
  if (/^evidence/.test(field)) return 'doc';
  return null;
}

function showPercent(code) {
  const pct = byId('pct-' + code);
  if (!pct) return;
  const t = typed(code);
  pct.textContent = t.value && t.value.measure === 'RATIO' ? '= ' + fmt(t.value.numerator / t.value.denominator * 100) + ' %' : '';
}

/** Warnings that do not block: far from last year's value, or a ratio lower than the one saved. */
function warn(code) {
  const out = byId('warn-' + code), t = typed(code);
  if (!out) return;
  const notes = [];
  if (t.value && t.value.measure === 'RATIO') {
    const share = t.value.numerator / t.value.denominator;
    const last = state.lastYear[code];
    if (last && last.measure === 'RATIO') {
      const before = Number(last.numerator) / Number(last.denominator);
      if (Math.abs(share - before) >= 0.3) notes.push(L(`Khác nhiều so với năm trước (${fmt(before * 100)} %): kiểm tra lại số liệu.`, `Far from last year's value (${fmt(before * 100)} %): check the figures.`));
      else if (share < before) notes.push(L(`Tỷ lệ giảm so với năm trước (${fmt(before * 100)} %).`, `Lower than last year (${fmt(before * 100)} %).`));
    }
    const saved = findLine(code) && findLine(code).value;
    if (saved && saved.measure === 'RATIO' && share < Number(saved.numerator) / Number(saved.denominator))
      notes.push(L('Tỷ lệ thấp hơn giá trị đã lưu.', 'Lower than the saved value.'));
  }
  out.textContent = notes.join(' ');
}

// --- saving an indicator: one key per action, kept for a retry, dropped when the officer changes the value

const keys = {};
/** When each indicator was last saved from this page (hh:mm), until its value is typed again. */
const savedAt = {};

byId('pillars').addEventListener('input', event => {
  const block = event.target.closest('.indicator');
  if (!block || (event.target.tagName === 'TEXTAREA' && !event.target.classList.contains('comment'))) return;
  const code = block.dataset.code;
  delete keys[code];
  delete savedAt[code];
  byId('saved-' + code).textContent = '';
  const number = event.target.type === 'number';
  if (number) { // typing a figure chooses "a figure"
    const ratio = document.querySelector(`input[name="kind-${CSS.escape(code)}"][value="RATIO"]`);
    if (ratio && !ratio.checked) ratio.checked = true;
  }
  // checked as typed: a figure out of bounds shows its reason beside the field at once (evidence is checked on saving)
  const t = typed(code);
  const figures = byId('num-' + code) ? byId('num-' + code).value + byId('den-' + code).value : '';
  const shown = t.problem && (t.problem.field === 'num' || t.problem.field === 'den') && figures !== '' ? t.problem : null;
  showProblem(code, shown ? shown.field : null, shown ? shown.message : '');
  showPercent(code);
  warn(code);
  preview();
});

// --- the province's Excel table, filled in: checked whole first (a dry run), then recorded all or nothing

function renderImport() {
  byId('import-title').textContent = L('Nhập từ Excel', 'Import from Excel');
  byId('import-help').textContent = L('Điền số liệu vào mẫu Excel tải ở trên (không thêm, xoá hay đổi tên cột), rồi chọn tệp và bấm '
    + '"Kiểm tra tệp": nền tảng cho biết từng chỉ tiêu sẽ thay đổi và mọi lỗi theo ô; chỉ khi không còn lỗi mới ghi vào hồ sơ.',
  'Fill in the template above (do not add, remove or rename columns), choose it and press "Check the file": every change and every '
    + 'error by cell is listed; it is recorded only when there is no error.');
  byId('import-file-label').textContent = L('Tệp mẫu đã điền (.xlsx)', 'The filled-in template (.xlsx)');
  byId('import-check').textContent = L('Kiểm tra tệp', 'Check the file');
  byId('import-apply').textContent = L('Ghi vào hồ sơ', 'Record in the assessment');
}

/** A value as the officer reads it: 11/12 (91,7 %), Có, Không, Đang triển khai. */
function valueText(value) {
  if (!value) return '—';
  if (value.measure === 'RATIO') return `${fmt(value.numerator)}/${fmt(value.denominator)} (${fmt(value.numerator / value.denominator * 100)} %)`;
  if (value.measure === 'BOOLEAN') return value.value ? L('Có', 'Yes') : L('Không', 'No');
  return L('Đang triển khai', 'In progress');
}

function importTable(answer) {
  const errors = answer.errors || [], changes = answer.changes || [];
  const parts = [];
  if (errors.length) {
    parts.push(`<h3>${L(`Tệp có ${errors.length} lỗi — chưa ghi gì; sửa các ô rồi kiểm tra lại`, `${errors.length} error(s) — nothing recorded`)}</h3>
      <div class="table-scroll"><table class="import-errors"><thead><tr><th scope="col">${L('Ô', 'Cell')}</th>
      <th scope="col">${L('Chỉ tiêu', 'Indicator')}</th><th scope="col">${L('Lỗi', 'Error')}</th></tr></thead><tbody>
      ${errors.map(e => `<tr><td>${esc(e.cell)}</td><td>${esc(e.indicatorCode || '—')}</td><td>${esc(vi ? e.message : e.messageEn)}</td></tr>`).join('')}
      </tbody></table></div>`);
  }
  if (changes.length) {
    parts.push(`<h3>${answer.recorded ? L(`Đã ghi ${changes.length} chỉ tiêu`, `${changes.length} indicator(s) recorded`)
      : L(`${changes.length} chỉ tiêu sẽ thay đổi`, `${changes.length} indicator(s) would change`)}</h3>
      <div class="table-scroll"><table class="import-changes"><thead><tr><th scope="col">${L('Dòng', 'Row')}</th>
      <th scope="col">${L('Chỉ tiêu', 'Indicator')}</th><th scope="col">${L('Hiện tại', 'Now')}</th><th scope="col">${L('Trong tệp', 'In the file')}</th>
      <th scope="col">${L('Văn bản minh chứng', 'Documents')}</th></tr></thead><tbody>
      ${changes.map(c => `<tr data-indicator="${esc(c.indicatorCode)}"><td>${c.row}</td><td>${esc(c.indicatorCode)}</td><td>${esc(valueText(c.from))}</td>
        <td>${esc(valueText(c.to))}</td><td>${esc((c.evidence || []).map(d => d.number).join('; ') || '—')}</td></tr>`).join('')}
      </tbody></table></div>`);
  }
  if (!changes.length && !errors.length) parts.push(`<p>${L('Tệp không thay đổi giá trị nào của hồ sơ.', 'The file changes nothing.')}</p>`);
  if (answer.unchanged) parts.push(`<p class="muted">${L(`${answer.unchanged} chỉ tiêu trong tệp giữ nguyên.`, `${answer.unchanged} indicator(s) unchanged.`)}</p>`);
  return parts.join('');
}

const importPath = dryRun => `${assessmentPath()}/self-assessment-import${dryRun ? '?dryRun=true' : ''}`;

function importRefused(problem) {
  byId('import-error').textContent = message(problem);
  byId('import-file').setAttribute('aria-invalid', 'true');
  byId('import-result').innerHTML = problem && problem.errors ? importTable({ errors: problem.errors }) : '';
  byId('import-apply').hidden = true;
}

byId('import-file').addEventListener('change', () => {
  delete keys.import; // another file: another action
  byId('import-apply').hidden = true;
  byId('import-result').innerHTML = '';
  byId('import-error').textContent = '';
  byId('import-file').removeAttribute('aria-invalid');
});

byId('import-check').addEventListener('click', async () => {
  const input = byId('import-file'), file = input.files[0];
  if (!file) { importRefused({ detail: L('Chọn tệp mẫu Excel đã điền.', 'Choose the filled-in template.') }); input.focus(); return; }
  byId('import-check').disabled = true;
  const result = await CDS.upload(importPath(true), file, null);
  byId('import-check').disabled = false;
  if (!result.ok) { importRefused(result.problem); input.focus(); return; }
  byId('import-error').textContent = '';
  input.removeAttribute('aria-invalid');
  byId('import-result').innerHTML = importTable(result.body);
  const apply = byId('import-apply');
  apply.hidden = result.body.errors.length > 0 || result.body.changes.length === 0;
  if (!apply.hidden) apply.textContent = L(`Ghi ${result.body.changes.length} thay đổi vào hồ sơ`, `Record ${result.body.changes.length} change(s)`);
});

byId('import-apply').addEventListener('click', async () => {
  const apply = byId('import-apply'), file = byId('import-file').files[0];
  if (!file) return;
  apply.disabled = true;
  const before = state.card.lastUpdate;
  keys.import = keys.import || uuid();
  const result = await CDS.upload(importPath(false), file, keys.import);
  apply.disabled = false;
  if (result.ok || (result.status !== 0 && result.status !== 503)) delete keys.import;
  if (!result.ok) { importRefused(result.problem); return; }
  apply.hidden = true;
  byId('import-result').innerHTML = importTable(result.body);
  // the form is drawn again with the values recorded, once the card shows them
  if (result.body.recorded) await until(() => state.card && state.card.lastUpdate !== before);
  state.renderedStage = null;
  await refresh();
});

/** A file of evidence for an indicator: sent as it is, kept once by its hash; the server's refusal beside the field. */
async function attach(code, button) {
  const input = byId('file-' + code), error = byId('file-error-' + code), file = input.files[0];
  if (!file) { error.textContent = L('Chọn tệp minh chứng.', 'Choose a file.'); input.focus(); return; }
  button.disabled = true;
  const name = 'file-' + code;
  keys[name] = keys[name] || uuid();
  const result = await CDS.upload(`${assessmentPath()}/indicators/${encodeURIComponent(code)}/evidence-files?name=${encodeURIComponent(file.name)}`,
    file, keys[name]);
  button.disabled = false;
  if (result.ok || (result.status !== 0 && result.status !== 503)) delete keys[name];
  if (!result.ok) { error.textContent = message(result.problem); return; }
  error.textContent = '';
  input.value = '';
  await until(() => (state.files || []).some(f => f.indicatorCode === code && f.sha256 === result.body.sha256));
}

byId('pillars').addEventListener('click', async event => {
  const button = event.target.closest('button');
  if (!button) return;
  const code = button.dataset.code;
  if (button.classList.contains('save')) await save(code, button);
  else if (button.classList.contains('attach')) await attach(code, button);
  else if (button.classList.contains('history')) await showHistory(code);
});
byId('workspace').addEventListener('click', async event => {
  const button = event.target.closest('button.answer');
  if (button) await answer(button.dataset.code, button);
});

/** Whether what is typed differs from what the card says was saved: only a change is recorded. */
// what this page saved last, until the card it reloads shows it: the read side may answer later than the next click
const justSaved = {};
const signature = (value, documents) => JSON.stringify([value.measure, value.numerator, value.denominator, value.value,
  documents.map(e => [e.number, e.date, e.title])]);

function valueChanged(code, value, documents) {
  const line = findLine(code), saved = line && line.value;
  const mine = justSaved[code];
  if (mine && (line || {}).reportedAt === mine.cardBefore) return mine.signature !== signature(value, documents);
  if (!saved || saved.measure !== value.measure) return true;
  if (value.measure === 'RATIO' && (Number(saved.numerator) !== value.numerator || Number(saved.denominator) !== value.denominator)) return true;
  if (value.measure === 'BOOLEAN' && saved.value !== value.value) return true;
  const before = (line.evidence || []).map(e => [e.number, isoDate(e.date) || null, e.title || ''].join('|')).join(';');
  return before !== documents.map(e => [e.number, e.date, e.title].join('|')).join(';');
}

async function save(code, button) {
  const t = typed(code), ev = evidence(code);
  const problem = t.problem || ev.problem;
  if (problem) {
    const input = showProblem(code, problem.field, problem.message);
    if (input) input.focus();
    return;
  }
  const comment = byId('comment-' + code).value;
  const commentChanged = comment.trim() !== (state.comments[code] || '').trim();
  const changed = valueChanged(code, t.value, ev.list);
  if (!changed && !commentChanged) {
    showProblem(code, null, '');
    // nothing typed since it was saved here (the second click of a double click, say): say when it was
    byId('saved-' + code).textContent = savedAt[code]
      ? L(`Không có thay đổi để lưu (đã lưu lúc ${savedAt[code]}).`, `Nothing changed (saved at ${savedAt[code]}).`)
      : L('Không có thay đổi để lưu.', 'Nothing changed.');
    return;
  }
  button.disabled = true;
  const before = (findLine(code) || {}).reportedAt;
  if (changed) {
    keys[code] = keys[code] || uuid();
    const result = await send('PUT', `${assessmentPath()}/indicators/${encodeURIComponent(code)}`, Object.assign({}, t.value, { evidence: ev.list }), keys[code]);
    if (!result.ok) {
      button.disabled = false;
      if (result.status !== 0 && result.status !== 503) delete keys[code]; // a refusal is final; a lost answer is retried with the same key
      const input = showProblem(code, serverField(result.problem && result.problem.field), message(result.problem));
      if (input) input.focus();
      return;
    }
    delete keys[code];
    justSaved[code] = { signature: signature(t.value, ev.list), cardBefore: before };
  }
  if (commentChanged) {
    const key = 'comment-' + code;
    keys[key] = keys[key] || uuid();
    const result = await send('PUT', `${assessmentPath()}/indicators/${encodeURIComponent(code)}/comment`, { comment: comment.trim() }, keys[key]);
    if (!result.ok) {
      button.disabled = false;
      if (result.status !== 0 && result.status !== 503) delete keys[key];
      byId('comment-' + code).setAttribute('aria-invalid', 'true');
      byId('err-' + code).textContent = message(result.problem);
      byId('comment-' + code).focus();
      return;
    }
    delete keys[key];
    state.comments[code] = comment.trim();
    byId('comment-' + code).removeAttribute('aria-invalid');
  }
  button.disabled = false;
  showProblem(code, null, '');
  const at = new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date());
  savedAt[code] = at;
  byId('saved-' + code).textContent = L('Đã lưu lúc ', 'Saved at ') + at;
  if (changed) await until(() => { const l = findLine(code); return l && l.reportedAt && l.reportedAt !== before; }, 8);
}

async function answer(code, button) {
  const text = byId('answer-' + code).value.trim();
  const error = byId('answer-error-' + code);
  if (!text) { error.textContent = L('Cần nội dung giải trình.', 'An explanation is required.'); byId('answer-' + code).focus(); return; }
  button.disabled = true;
  const key = 'answer-' + code;
  keys[key] = keys[key] || uuid();
  const result = await send('POST', assessmentPath() + '/return/answers', { indicatorCode: code || null, answer: text }, keys[key]);
  button.disabled = false;
  if (!result.ok) { error.textContent = message(result.problem); if (result.status !== 0) delete keys[key]; return; }
  delete keys[key];
  error.textContent = '';
  byId('answered-' + code).textContent = L('Đã gửi giải trình', 'Explanation sent');
}

// --- the score as typed, by the platform's scoring model

let previewTimer = null, previewSeq = 0;
function preview() {
  clearTimeout(previewTimer);
  previewTimer = setTimeout(runPreview, 250);
}

function typedValues() {
  const values = {};
  byId('pillars').querySelectorAll('.indicator').forEach(block => {
    const t = typed(block.dataset.code);
    if (t.value) values[block.dataset.code] = t.value;
  });
  return values;
}

async function runPreview() {
  if (!state.card) return;
  const seq = ++previewSeq;
  const result = await send('POST', `/api/frameworks/${encodeURIComponent(state.card.frameworkId)}/score-preview`, { values: typedValues() });
  if (!result.ok || seq !== previewSeq) return;
  const p = result.body, score = p.score;
  byId('score').textContent = score.method === 'POINTS' ? CDS.points(score.points) : `${score.met}/${score.total} ${L('đạt', 'met')}`;
  byId('score-counts').textContent = L(`Đạt ${score.met} · Đang triển khai ${score.inProgress} · Chưa đạt ${score.notMet} · Chưa có giá trị ${score.notAssessed} / ${score.total}`,
    `Met ${score.met} · In progress ${score.inProgress} · Not met ${score.notMet} · No value ${score.notAssessed} / ${score.total}`)
    + (score.passed ? L(' — Đạt', ' — Pass') : '');
  score.pillars.forEach(pillar => {
    const out = byId('pillar-score-' + pillar.code);
    if (out) out.textContent = score.method === 'POINTS' ? `— ${fmt(pillar.points)} / ${CDS.points(pillar.maxPoints)}` : `— ${pillar.met}/${pillar.indicators} ${L('đạt', 'met')}`;
  });
  const missing = [];
  if (p.pointsShort !== null && Number(p.pointsShort) > 0) missing.push(L('Cần thêm ', 'Needs ') + CDS.points(p.pointsShort));
  if (p.metShort !== null && p.metShort > 0) missing.push(L(`Cần đạt thêm ${p.metShort} chỉ tiêu`, `${p.metShort} more indicators to meet`));
  if (p.mandatoryNotMet.length) missing.push(L('Chỉ tiêu bắt buộc chưa đạt: ', 'Mandatory not met: ') + p.mandatoryNotMet.join(', '));
  if (p.notAssessed.length) missing.push(L(`Chưa có giá trị: ${p.notAssessed.length} chỉ tiêu`, `No value yet: ${p.notAssessed.length} indicators`));
  byId('missing').textContent = missing.length ? missing.join('; ') + '.' : L('Không còn thiếu: Đạt.', 'Nothing missing: pass.');
  byId('submit-summary').innerHTML = `<p>${esc(L(`Sẽ nộp ${score.total - p.notAssessed.length}/${score.total} chỉ tiêu có giá trị, điểm tự đánh giá `,
    `Will submit ${score.total - p.notAssessed.length}/${score.total} indicators with a value, self-assessed score `)
    + (score.method === 'POINTS' ? CDS.points(score.points) : `${score.met}/${score.total}`) + (score.passed ? L(' (Đạt).', ' (pass).') : L(' (chưa Đạt).', ' (not yet passing).')))}</p>`
    + (p.notAssessed.length ? `<p class="warning">${esc(L('Chỉ tiêu chưa có giá trị: ', 'Indicators without a value: ') + p.notAssessed.join(', '))}</p>` : '');
}


// --- submitting, withdrawing

let submitKey = null;
byId('submit-button').addEventListener('click', async () => {
  const number = byId('report-number').value.trim(), date = isoDate(byId('report-date').value);
  byId('report-number').removeAttribute('aria-invalid');
  byId('report-date').removeAttribute('aria-invalid');
  byId('report-number-error').textContent = '';
  byId('report-date-error').textContent = '';
  if (date === null) {
    byId('report-date').setAttribute('aria-invalid', 'true');
    byId('report-date-error').textContent = DATE_PROBLEM();
    byId('report-date').focus();
    return;
  }
  if (!number) {
    byId('report-number').setAttribute('aria-invalid', 'true');
    byId('report-number-error').textContent = L('Cần số báo cáo tự đánh giá (ví dụ 255/BC-UBND).', 'The report number is required.');
    byId('report-number').focus();
    return;
  }
  const button = byId('submit-button');
  button.disabled = true;
  submitKey = submitKey || uuid();
  const result = await send('POST', assessmentPath() + '/submission', { reportNumber: number, reportDate: date || null }, submitKey);
  button.disabled = false;
  if (!result.ok) {
    if (result.status !== 0) submitKey = null;
    const problem = result.problem || {};
    const list = problem.missing || problem.unanswered || [];
    byId('submit-error').innerHTML = `<p>${esc(message(problem))}</p>` + (list.length
      ? `<ul>${list.map(c => `<li><a href="#ind-${esc(c)}">${esc(c)}. ${esc((findLine(c) || {})[vi ? 'name' : 'nameEn'] || '')}</a></li>`).join('')}</ul>` : '');
    if (problem.field === 'reportNumber') { byId('report-number').setAttribute('aria-invalid', 'true'); byId('report-number').focus(); }
    return;
  }
  submitKey = null;
  await until(() => state.card && state.card.stage === 'SUBMITTED');
});

let withdrawKey = null;
byId('withdraw-button').addEventListener('click', async () => {
  const button = byId('withdraw-button');
  button.disabled = true;
  withdrawKey = withdrawKey || uuid();
  const result = await send('POST', assessmentPath() + '/withdrawal', { reason: byId('withdraw-reason').value.trim() }, withdrawKey);
  button.disabled = false;
  if (!result.ok) { byId('withdraw-error').textContent = message(result.problem); if (result.status !== 0) withdrawKey = null; return; }
  withdrawKey = null;
  byId('withdraw-error').textContent = '';
  await until(() => state.card && state.card.stage === 'WITHDRAWN');
});

// --- a value's own history: who changed it, when, before → after

async function showHistory(code) {
  const x = await get(`/api/explain/communes/${encodeURIComponent(state.code)}/assessments/${state.year}/indicators/${encodeURIComponent(code)}`);
  const dialog = byId('history');
  byId('history-title').textContent = `${code} — ${L('lịch sử giá trị', 'value history')}`;
  dialog.querySelector('thead').innerHTML = `<tr><th>${L('Thời điểm', 'At')}</th><th>${L('Người / đơn vị', 'Who / unit')}</th>
    <th>${L('Trước', 'Before')}</th><th>${L('Sau', 'After')}</th></tr>`;
  dialog.querySelector('tbody').innerHTML = x.status === 200 ? x.body.events.map(e => `<tr><td>${esc(e.atDisplay)}</td>
    <td>${esc(e.subject)} · ${esc(e.unit)}</td><td>${esc(e.before ?? '—')}</td><td>${esc(e.after ?? '—')}</td></tr>`).join('')
    : `<tr><td colspan="4">${esc(message(x.body))}</td></tr>`;
  dialog.showModal();
}

// the appraiser's return, a closing of the period: the form follows the live stream, drawn again when the stage changes
CDS.live(() => (state.code ? refresh() : load()).then(() => preview()));
