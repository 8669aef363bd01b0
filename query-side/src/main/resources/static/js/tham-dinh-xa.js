// The appraisal of one commune's year: each indicator with the commune's value, evidence and comment beside the
// appraiser's own value and note, saved indicator by indicator; the appraised score as the card keeps it (the one
// scoring model); the conclusion with its document, or a return with a reason per indicator and a general one.
// Every action is the API's command with its own Idempotency-Key; the server's refusal stands beside the field.
const { esc, uuid, isoDate, get, send, problemText, targetText } = CDS;
const vi = CDS.lang === 'vi';
const L = (v, e) => vi ? v : e;
const byId = id => document.getElementById(id);
const code = CDS.param('code', ''), year = CDS.param('year', '');
const path = `/api/communes/${encodeURIComponent(code)}/assessments/${encodeURIComponent(year)}`;
const keys = {};
let card = null, comments = {}, council = null, me = null;

CDS.header(L('Thẩm định', 'Appraisal'));
byId('back-to-queue').textContent = L('← Hàng chờ thẩm định', '← Appraisal queue');
byId('stage-label').textContent = L('Giai đoạn', 'Stage');
byId('self-label').textContent = L('Xã tự đánh giá', 'The commune\'s score');
byId('appraised-label').textContent = L('Điểm thẩm định', 'Appraised score');
byId('start-button').textContent = L('Bắt đầu thẩm định', 'Start the appraisal');
byId('decide-title').textContent = L('Kết luận hoặc trả lại', 'Conclude or return');
byId('doc-number-label').textContent = L('Số văn bản', 'Document number');
byId('doc-date-label').textContent = L('Ngày văn bản', 'Document date');
byId('conclude-button').textContent = L('Kết luận thẩm định', 'Conclude the appraisal');
byId('return-reason-label').textContent = L('Lý do chung khi trả lại', 'General reason for returning it');
byId('return-button').textContent = L('Trả lại để bổ sung', 'Return for revision');
byId('council-title').textContent = L('Hội đồng thẩm định', 'Appraisal council');
byId('council-edit-summary').textContent = L('Giao hội đồng thẩm định', 'Assign a council');
byId('council-lead-label').textContent = L('Người chủ trì (tài khoản)', 'Lead (account)');
byId('council-members-label').textContent = L('Thành viên: mỗi dòng "tài khoản: mã trụ cột, …"', 'Members: one per line, "account: pillar codes, …"');
byId('council-button').textContent = L('Giao hội đồng', 'Assign');

const score = s => s ? `${CDS.points(s.points)} · ${s.met}/${s.total} ${L('đạt', 'met')}` : '—';

function valueInputs(line) {
  const c = esc(line.code), a = line.appraisedValue || line.value || {};
  if (line.measure === 'RATIO') {
    return `<label for="anum-${c}">${esc(L('Tử số', 'Numerator'))}</label>
      <input id="anum-${c}" inputmode="numeric" size="8" value="${esc(a.numerator ?? '')}">
      <label for="aden-${c}">${esc(L('Mẫu số', 'Denominator'))}</label>
      <input id="aden-${c}" inputmode="numeric" size="8" value="${esc(a.denominator ?? '')}">`;
  }
  const chosen = a.measure === 'IN_PROGRESS' ? 'IN_PROGRESS' : a.value === true ? 'YES' : a.value === false ? 'NO' : '';
  return `<label for="akind-${c}">${esc(L('Kết quả thẩm định', 'Appraised result'))}</label>
    <select id="akind-${c}">${[['', '—'], ['YES', L('Có', 'Yes')], ['NO', L('Không', 'No')],
      ['IN_PROGRESS', L('Đang triển khai', 'In progress')]].map(([v, t]) =>
      `<option value="${v}"${v === chosen ? ' selected' : ''}>${esc(t)}</option>`).join('')}</select>`;
}

/** Đạt / Không đạt as the card scores the appraised value; a dash before there is one. */
const verdictText = line => line.appraisedStatus
  ? CDS.status(line.appraisedStatus, line.appraisedStatus === 'DAT' ? 'Đạt' : 'Không đạt') : '—';

/** With a council, a member appraises only their pillars and the lead alone decides; without one, anyone of the unit. */
const mine = pillar => !council || !me || council.lead === me
  || council.members.some(m => m.subject === me && m.pillars.includes(pillar));
const decides = () => !council || !me || council.lead === me;

function lineHtml(line, editable) {
  const c = esc(line.code);
  const evidence = (line.evidence || []).map(d => `${esc(d.number)}${d.date ? ' (' + esc(d.date) + ')' : ''}${d.title ? ' — ' + esc(d.title) : ''}`).join('; ');
  return `<article class="indicator" data-code="${c}" data-measure="${esc(line.measure)}">
    <h4>${c}. ${esc(vi ? line.name : (line.nameEn || line.name))}</h4>
    <p class="muted">${esc(targetText(line))} · ${esc(L('Xã báo cáo', 'Reported'))}: <b>${esc(line.value ? line.value.display : L('chưa có', 'none'))}</b>
      · ${esc(CDS.status(line.status, line.statusVi))}${evidence ? ' · ' + esc(L('Minh chứng', 'Evidence')) + ': ' + evidence : ''}
      ${comments[line.code] ? ' · ' + esc(L('Ghi chú của xã', 'The commune\'s comment')) + ': ' + esc(comments[line.code]) : ''}</p>
    <ul class="files" id="files-${c}" aria-label="${esc(L('Tệp minh chứng chỉ tiêu', 'Evidence files of indicator'))} ${c}"></ul>
    <fieldset ${editable ? '' : 'disabled'}><legend>${esc(L('Thẩm định chỉ tiêu', 'Appraise the indicator'))} ${c}</legend>
      <div class="controls">${valueInputs(line)}
        <label for="anote-${c}">${esc(L('Nhận xét', 'Note'))}</label>
        <input id="anote-${c}" maxlength="1000" size="30" value="${esc(line.appraisalNote ?? '')}">
        <button type="button" class="appraise" data-code="${c}">${esc(L('Lưu thẩm định', 'Save'))}</button>
        <span id="verdict-${c}">${esc(verdictText(line))}</span></div>
      <p class="error" id="aerr-${c}" role="alert"></p>
      <label for="reason-${c}">${esc(L('Lý do trả lại chỉ tiêu này (nếu trả lại)', 'Reason to return this indicator (if returned)'))}</label>
      <input id="reason-${c}" maxlength="1000" size="50">
    </fieldset></article>`;
}

function render() {
  const editable = card.stage === 'UNDER_APPRAISAL';
  const councilShown = ['SUBMITTED', 'UNDER_APPRAISAL'].includes(card.stage) || council;
  byId('council').hidden = !councilShown;
  byId('council-edit').hidden = !['SUBMITTED', 'UNDER_APPRAISAL'].includes(card.stage);
  byId('council-now').textContent = council
    ? L(`Chủ trì: ${council.lead}. `, `Lead: ${council.lead}. `) + council.members.map(m => `${m.subject}: ${m.pillars.join(', ')}`).join('; ')
      + (decides() ? '' : L(' — Bạn thẩm định các trụ cột được giao; người chủ trì kết luận.', ' — You appraise your pillars; the lead concludes.'))
    : L('Chưa giao hội đồng: mọi cán bộ của đơn vị thẩm định được thẩm định.', 'No council: anyone of the appraising unit appraises.');
  byId('page-title').textContent = `${card.commune.name} (${card.commune.code}) — ${L('năm', 'year')} ${card.year}`;
  byId('stage').textContent = CDS.stage(card.stage, card.stageVi);
  byId('self-score').textContent = score(card.selfScore);
  byId('appraised-score').textContent = score(card.appraisedScore);
  byId('appraised-verdict').textContent = card.appraisedScore
    ? (card.appraisedScore.passed ? L('Đạt theo giá trị thẩm định', 'Passes on the appraised values') : L('Chưa đạt', 'Does not pass yet')) : '';
  byId('start-area').hidden = card.stage !== 'SUBMITTED';
  byId('decide').hidden = !editable || !decides();
  // keep what is being typed: re-render the indicators only when the stage or the council changes
  const drawn = card.stage + '|' + JSON.stringify(council);
  if (byId('indicators').dataset.drawn !== drawn) {
    byId('indicators').dataset.drawn = drawn;
    byId('indicators').innerHTML = card.pillars.map(p => `<section><h3>${esc(p.code)}. ${esc(vi ? p.name : (p.nameEn || p.name))}</h3>
      ${mine(p.code) ? '' : `<p class="muted">${esc(L('Trụ cột được giao cho thành viên khác của hội đồng.', 'Assigned to another member of the council.'))}</p>`}
      ${p.lines.map(l => lineHtml(l, editable && mine(p.code))).join('')}</section>`).join('');
  } else {
    card.pillars.forEach(p => p.lines.forEach(l => {
      const v = byId('verdict-' + l.code);
      if (v) v.textContent = verdictText(l);
    }));
  }
}

/** The commune's evidence files beside each indicator (the same list the commune sees). */
async function showFiles() {
  const files = await get(path + '/evidence-files');
  if (files.status !== 200) return;
  card.pillars.forEach(p => p.lines.forEach(l => {
    const list = byId('files-' + l.code);
    if (list) list.innerHTML = CDS.filesHtml(files.body.filter(f => f.indicatorCode === l.code), path);
  }));
}

async function reload() {
  const loaded = await get(path);
  if (loaded.status !== 200) { byId('page-error').textContent = problemText(loaded.body); return; }
  card = loaded.body;
  const held = await get('/api/appraisal/council?assessmentId=' + encodeURIComponent(card.assessmentId));
  council = held.status === 200 ? held.body : null;
  if (me === null) me = await CDS.me().then(who => who.subject).catch(() => '');
  if (!byId('council-lead').value) byId('council-lead').value = council ? council.lead : me;
  const c = await get(path + '/comments');
  comments = {};
  if (c.status === 200) (c.body || []).forEach(x => { comments[x.indicatorCode] = x.comment; });
  render();
  await showFiles();
}

function appraisedValue(code, measure) {
  if (measure === 'RATIO') {
    const n = byId('anum-' + code).value.trim(), d = byId('aden-' + code).value.trim();
    if (!/^\d+$/.test(n) || !/^\d+$/.test(d)) return { problem: L('Tử số và mẫu số là số nguyên không âm.', 'Whole numbers, not negative.') };
    if (Number(n) > Number(d)) return { problem: L('Tử số không được lớn hơn mẫu số.', 'The numerator cannot exceed the denominator.') };
    return { value: { measure: 'RATIO', numerator: Number(n), denominator: Number(d) } };
  }
  const kind = byId('akind-' + code).value;
  if (!kind) return { problem: L('Chọn kết quả thẩm định.', 'Choose the appraised result.') };
  return { value: kind === 'IN_PROGRESS' ? { measure: 'IN_PROGRESS' } : { measure: 'BOOLEAN', value: kind === 'YES' } };
}

async function appraise(code, button) {
  const measure = button.closest('.indicator').dataset.measure;
  const error = byId('aerr-' + code);
  const typed = appraisedValue(code, measure);
  if (typed.problem) { error.textContent = typed.problem; return; }
  button.disabled = true;
  keys[code] = keys[code] || uuid();
  const result = await send('PUT', `${path}/appraisal/indicators/${encodeURIComponent(code)}`,
    Object.assign({ note: byId('anote-' + code).value.trim() || null }, typed.value), keys[code]);
  button.disabled = false;
  if (!result.ok) {
    if (result.status !== 0 && result.status !== 503) delete keys[code]; // a refusal is final; a lost answer is retried
    error.textContent = problemText(result.problem);
    return;
  }
  delete keys[code];
  error.textContent = '';
  byId('verdict-' + code).textContent = L('Đã lưu', 'Saved');
}

function documentTyped() {
  const number = byId('doc-number').value.trim(), date = isoDate(byId('doc-date').value);
  if (!number) return { problem: L('Cần số văn bản.', 'A document number is required.') };
  if (date === null) return { problem: L('Ngày theo dạng dd/mm/yyyy.', 'A date as dd/mm/yyyy.') };
  return { document: Object.assign({ number }, date ? { date } : {}) };
}

async function decide(kind, button) {
  const doc = documentTyped();
  byId('doc-error').textContent = doc.problem || '';
  if (doc.problem) { byId('doc-number').focus(); return; }
  const body = { document: doc.document };
  if (kind === 'return') {
    body.reason = byId('return-reason').value.trim();
    body.indicators = [...document.querySelectorAll('.indicator')]
      .map(a => ({ indicatorCode: a.dataset.code, reason: byId('reason-' + a.dataset.code).value.trim() }))
      .filter(r => r.reason);
  }
  button.disabled = true;
  keys[kind] = keys[kind] || uuid();
  const result = await send('POST', path + (kind === 'return' ? '/return' : '/appraisal/conclusion'), body, keys[kind]);
  button.disabled = false;
  if (!result.ok) {
    if (result.status !== 0 && result.status !== 503) delete keys[kind];
    byId('decide-error').textContent = problemText(result.problem);
    return;
  }
  delete keys[kind];
  byId('decide-error').textContent = '';
  byId('decided').textContent = kind === 'return' ? L('Đã trả lại hồ sơ cho xã.', 'Returned to the commune.')
    : L('Đã kết luận thẩm định.', 'The appraisal is concluded.');
}

/** "account: CQS, KTS" per line; the account may itself hold a colon (demo:…): the last one separates. */
function membersTyped() {
  const members = [];
  for (const line of byId('council-members').value.split('\n').map(l => l.trim()).filter(Boolean)) {
    const at = line.lastIndexOf(':');
    if (at <= 0) return { problem: L(`Dòng "${line}": cần "tài khoản: mã trụ cột".`, `Line "${line}": "account: pillar codes".`) };
    members.push({ subject: line.slice(0, at).trim(), pillars: line.slice(at + 1).split(',').map(p => p.trim()).filter(Boolean) });
  }
  return { members };
}

byId('council-button').onclick = async event => {
  const typed = membersTyped(), error = byId('council-error');
  if (typed.problem) { error.textContent = typed.problem; byId('council-members').focus(); return; }
  event.target.disabled = true;
  const result = await CDS.act(keys, 'council', 'PUT', path + '/appraisal/council',
    { lead: byId('council-lead').value.trim(), members: typed.members });
  event.target.disabled = false;
  error.textContent = result.ok ? '' : problemText(result.problem);
  if (result.ok) { byId('council-edit').open = false; reload(); }
};

byId('start-button').onclick = async event => {
  const button = event.target;
  button.disabled = true;
  keys.start = keys.start || uuid();
  const result = await send('POST', path + '/appraisal', null, keys.start);
  button.disabled = false;
  if (!result.ok) { if (result.status !== 0 && result.status !== 503) delete keys.start; byId('page-error').textContent = problemText(result.problem); return; }
  delete keys.start;
  byId('page-error').textContent = '';
};
byId('indicators').addEventListener('click', event => {
  const button = event.target.closest('button.appraise');
  if (button) appraise(button.dataset.code, button);
});
byId('conclude-button').onclick = event => decide('conclude', event.target);
byId('return-button').onclick = event => decide('return', event.target);
CDS.live(() => reload());
