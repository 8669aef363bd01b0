// The province's reference work: the year's targets (province-wide and per district, with the decision), the framework
// a year is assessed under, an amendment of a framework's points — previewed first: which concluded verdicts it would
// flip, scored on the current data by the platform — and a new framework from its JSON file. Each form is the API's
// command with its own Idempotency-Key; the server's refusal stands beside the form, at the field it names.
const { esc, get, act, isoDate, problemText } = CDS;
const vi = CDS.lang === 'vi';
const L = (v, e) => vi ? v : e;
const byId = id => document.getElementById(id);
const year = Number(CDS.param('year', String(new Date().getFullYear())));
const keys = {};
let frameworks = [], amending = null, previewed = null, publishing = null;

CDS.header(L('Chỉ tiêu và bộ tiêu chí', 'Targets and frameworks'));
CDS.yearForm(byId('year-form'), byId('year-input'), year);
const labels = {
  'year-label': L('Năm', 'Year'), 'year-button': L('Xem', 'Show'),
  'targets-title': L(`Giao chỉ tiêu năm ${year}`, `Targets of ${year}`),
  'province-target-label': L('Số xã đạt chuẩn toàn tỉnh', 'Communes to meet the criteria, province-wide'),
  'targets-number-label': L('Số quyết định', 'Decision number'), 'targets-date-label': L('Ngày', 'Date'),
  'targets-button': L('Giao chỉ tiêu', 'Assign the targets'),
  'year-framework-title': L(`Bộ tiêu chí đánh giá năm ${year}`, `The framework ${year} is assessed under`),
  'year-framework-label': L('Bộ tiêu chí', 'Framework'), 'year-framework-number-label': L('Số quyết định', 'Decision number'),
  'year-framework-date-label': L('Ngày', 'Date'), 'year-framework-button': L('Giao bộ tiêu chí cho năm', 'Assign to the year'),
  'amend-title': L('Đính chính số điểm của bộ tiêu chí', 'Amend a framework\'s points'),
  'amend-framework-label': L('Bộ tiêu chí', 'Framework'), 'amend-file-label': L('Hoặc nạp tệp điểm (JSON)', 'Or load the points (JSON)'),
  'amend-hint': L('Nhập điểm mới ở các chỉ tiêu cần đính chính; xem trước các kết luận sẽ thay đổi trước khi ban hành.',
    'Type the new points where they change; preview the verdicts it would flip before signing.'),
  'amend-preview-button': L('Xem trước ảnh hưởng', 'Preview its effect'),
  'amend-number-label': L('Số quyết định đính chính', 'Decision number'), 'amend-date-label': L('Ngày', 'Date'),
  'amend-reason-label': L('Lý do đính chính', 'Reason'), 'amend-button': L('Ban hành đính chính', 'Sign the amendment'),
  'publish-title': L('Ban hành bộ tiêu chí mới', 'Publish a new framework'),
  'publish-file-label': L('Tệp bộ tiêu chí (JSON)', 'The framework\'s file (JSON)'),
  'publish-button': L('Ban hành bộ tiêu chí', 'Publish the framework')
};
Object.entries(labels).forEach(([id, text]) => { byId(id).textContent = text; });

/** The server's refusal in the form's error line, and the field it names marked and focused. */
function refused(form, errorId, result) {
  byId(errorId).textContent = problemText(result.problem);
  const field = (result.problem && result.problem.field) || '';
  const input = form.querySelector(`[data-field="${CSS.escape(field.split('[')[0].split('.')[0])}"]`);
  if (input) { input.setAttribute('aria-invalid', 'true'); input.focus(); }
}

function documentOf(numberId, dateId, errorId) {
  const number = byId(numberId).value.trim(), date = isoDate(byId(dateId).value);
  if (!number) { byId(errorId).textContent = L('Cần số quyết định.', 'The decision number is required.'); byId(numberId).focus(); return null; }
  if (date === null) { byId(errorId).textContent = L('Ngày theo dạng dd/mm/yyyy.', 'A date as dd/mm/yyyy.'); byId(dateId).focus(); return null; }
  return { number, date: date || null };
}

// --- the year's targets

/** The targets in force, as the province dashboard counts against them. */
async function targetsNow() {
  const dashboard = await get(`/api/province/dashboard?year=${year}`);
  const now = dashboard.status === 200 ? dashboard.body : null;
  byId('targets-now').textContent = now && now.target
    ? L(`Đang giao: ${now.target} xã toàn tỉnh.`, `In force: ${now.target} communes province-wide.`)
    : L('Chưa giao chỉ tiêu cho năm này.', 'No targets yet for this year.');
  return now;
}

/** The form, filled with the targets in force: the province's, and each district's of the year's map. */
async function loadTargets() {
  const [map, now] = await Promise.all([get(`/api/map?date=${year}-01-01`), targetsNow()]);
  const districts = map.status === 200 ? map.body.units.filter(u => u.level === 'DISTRICT').sort((a, b) => a.code.localeCompare(b.code)) : [];
  const targetOf = {};
  if (now) now.districtRows.forEach(r => { targetOf[r.code] = r.target; });
  if (now && now.target) byId('province-target').value = now.target;
  const table = byId('district-targets');
  table.tHead.innerHTML = districts.length ? `<tr><th scope="col">${esc(L('Huyện', 'District'))}</th>
    <th scope="col" class="num">${esc(L('Số xã đạt chuẩn', 'Communes'))}</th></tr>` : '';
  table.tBodies[0].innerHTML = districts.map(d => `<tr><td><label for="target-${esc(d.code)}">${esc(d.name)}</label></td>
      <td class="num"><input id="target-${esc(d.code)}" class="district-target" data-code="${esc(d.code)}" inputmode="numeric" size="5"
        value="${esc(targetOf[d.code] ?? '')}"></td></tr>`).join('')
    || `<tr><td>${esc(L('Từ 01/07/2025 không còn cấp huyện: chỉ giao chỉ tiêu toàn tỉnh.', 'No districts since 01/07/2025: the province-wide target only.'))}</td></tr>`;
}

byId('province-target').dataset.field = 'provinceTarget';
byId('targets-number').dataset.field = 'decisionNumber';
byId('targets-form').addEventListener('submit', async event => {
  event.preventDefault();
  const error = 'targets-error';
  byId(error).textContent = '';
  const whole = text => /^\d+$/.test(text.trim());
  if (!whole(byId('province-target').value)) {
    byId(error).textContent = L('Chỉ tiêu toàn tỉnh là số nguyên không âm.', 'The province target is a whole number.');
    byId('province-target').focus();
    return;
  }
  const districtTargets = [];
  for (const input of document.querySelectorAll('.district-target')) {
    if (!input.value.trim()) continue;
    if (!whole(input.value)) { byId(error).textContent = L('Chỉ tiêu của huyện là số nguyên không âm.', 'A district target is a whole number.'); input.focus(); return; }
    districtTargets.push({ districtCode: input.dataset.code, communes: Number(input.value) });
  }
  const decision = documentOf('targets-number', 'targets-date', error);
  if (!decision) return;
  const button = byId('targets-button');
  button.disabled = true;
  const result = await act(keys, 'targets', 'PUT', `/api/targets/${year}`, { provinceTarget: Number(byId('province-target').value),
    districtTargets, decisionNumber: decision.number, decisionDate: decision.date });
  button.disabled = false;
  if (!result.ok) { refused(event.target, error, result); return; }
  byId('targets-done').textContent = L(`Đã giao chỉ tiêu năm ${year} theo quyết định ${decision.number}.`, `Targets of ${year} assigned.`);
});

// --- the year's framework

/** The framework in force for the year; the select shows it when the page opens (not while one is being chosen). */
async function loadYearFramework(choose) {
  const now = await get(`/api/reporting-years/${year}`);
  byId('year-framework-now').textContent = now.status === 200
    ? L(`Đang áp dụng: ${now.body.frameworkId} (${now.body.frameworkTitle || ''}).`, `In force: ${now.body.frameworkId}.`)
    : L('Chưa giao bộ tiêu chí cho năm này.', 'No framework assigned to this year yet.');
  if (choose && now.status === 200) byId('year-framework').value = now.body.frameworkId;
}

byId('year-framework-form').addEventListener('submit', async event => {
  event.preventDefault();
  byId('year-framework-error').textContent = '';
  const decision = documentOf('year-framework-number', 'year-framework-date', 'year-framework-error');
  if (!decision) return;
  const result = await act(keys, 'year-framework', 'PUT', `/api/reporting-years/${year}/framework`,
    { frameworkId: byId('year-framework').value, decision });
  if (!result.ok) { refused(event.target, 'year-framework-error', result); return; }
  byId('year-framework-done').textContent = L(`Năm ${year} đánh giá theo ${byId('year-framework').value}.`, `${year} is assessed under it.`);
  loadYearFramework();
});

// --- an amendment of the points, previewed before it is signed

async function loadAmending() {
  const id = byId('amend-framework').value;
  const loaded = await get(`/api/frameworks/${encodeURIComponent(id)}`);
  if (loaded.status !== 200) { byId('amend-points-error').textContent = problemText(loaded.body); return; }
  amending = loaded.body;
  previewed = null;
  byId('amend-preview').innerHTML = '';
  const table = byId('amend-points');
  table.tHead.innerHTML = `<tr><th scope="col">${esc(L('Chỉ tiêu', 'Indicator'))}</th><th scope="col" class="num">${esc(L('Điểm hiện hành', 'Points now'))}</th>
    <th scope="col" class="num">${esc(L('Điểm mới', 'New points'))}</th></tr>`;
  table.tBodies[0].innerHTML = amending.pillars.flatMap(p => p.indicators).map(i => `<tr>
      <td><label for="points-${esc(i.code)}">${esc(i.code)}. ${esc(i.name)}</label></td>
      <td class="num">${esc(CDS.fmt(i.maxPoints))}</td>
      <td class="num"><input id="points-${esc(i.code)}" class="new-points" data-code="${esc(i.code)}" inputmode="decimal" size="6"></td></tr>`).join('');
}

/** The new points typed (or loaded from the file), by indicator; or a problem. */
function pointsTyped() {
  const points = {};
  for (const input of document.querySelectorAll('.new-points')) {
    const text = input.value.trim().replace(',', '.');
    if (!text) continue;
    if (!/^\d+(\.\d{1,2})?$/.test(text)) return { problem: L(`Điểm của chỉ tiêu ${input.dataset.code} không hợp lệ.`, `Invalid points for ${input.dataset.code}.`), input };
    points[input.dataset.code] = Number(text);
  }
  if (!Object.keys(points).length) return { problem: L('Nhập điểm mới cho ít nhất một chỉ tiêu.', 'Type new points for at least one indicator.') };
  return { points };
}

byId('amend-framework').addEventListener('change', loadAmending);
byId('amend-points').addEventListener('input', () => { previewed = null; byId('amend-preview').innerHTML = ''; });
byId('amend-file').addEventListener('change', async event => {
  const file = event.target.files[0];
  if (!file) return;
  try {
    const parsed = JSON.parse(await file.text());
    const points = parsed.points || parsed;
    Object.entries(points).forEach(([code, value]) => {
      const input = byId('points-' + code);
      if (!input) throw new Error(L(`Tệp nêu chỉ tiêu ${code} không có trong bộ tiêu chí.`, `The file names ${code}, not in the framework.`));
      input.value = String(value);
    });
    byId('amend-points-error').textContent = '';
    previewed = null;
  } catch (e) {
    byId('amend-points-error').textContent = e instanceof SyntaxError ? L('Tệp không phải JSON hợp lệ.', 'Not valid JSON.') : e.message;
  }
});

byId('amend-preview-button').onclick = async () => {
  const typed = pointsTyped();
  byId('amend-points-error').textContent = typed.problem || '';
  if (typed.problem) { if (typed.input) typed.input.focus(); return; }
  const result = await CDS.send('POST', `/api/frameworks/${encodeURIComponent(amending.id)}/amendment-preview`, { points: typed.points });
  if (!result.ok) { byId('amend-points-error').textContent = problemText(result.problem); return; }
  const p = result.body;
  previewed = JSON.stringify(typed.points);
  byId('amend-preview').innerHTML = `<p>${esc(L(`${p.concluded} kết luận thẩm định theo bộ tiêu chí này; đính chính sẽ làm thay đổi ${p.flips.length} kết luận.`,
    `${p.concluded} verdicts concluded under it; the amendment would flip ${p.flips.length}.`))}</p>`
    + (p.flips.length ? `<div class="table-scroll" tabindex="0" role="region" aria-label="${esc(L('Kết luận sẽ thay đổi', 'Verdicts it would flip'))}">
      <table id="flips"><thead><tr><th scope="col">${esc(L('Xã', 'Commune'))}</th><th scope="col" class="num">${esc(L('Năm', 'Year'))}</th>
      <th scope="col">${esc(L('Giai đoạn', 'Stage'))}</th><th scope="col">${esc(L('Hiện nay', 'Now'))}</th><th scope="col">${esc(L('Sau đính chính', 'After'))}</th></tr></thead>
      <tbody>${p.flips.map(f => `<tr data-code="${esc(f.commune.code)}"><td>${esc(f.commune.name)} (${esc(f.commune.code)})</td><td class="num">${esc(f.year)}</td>
        <td>${esc(CDS.stage(f.stage, f.stageVi))}</td><td>${esc(f.passedNow ? 'Đạt' : 'Không đạt')} · ${esc(f.scoreNow ?? '—')}</td>
        <td>${esc(f.passedUnder ? 'Đạt' : 'Không đạt')} · ${esc(f.scoreUnder ?? '—')}</td></tr>`).join('')}</tbody></table></div>` : '');
};

byId('amend-form').addEventListener('submit', async event => {
  event.preventDefault();
  byId('amend-error').textContent = '';
  const typed = pointsTyped();
  if (typed.problem) { byId('amend-error').textContent = typed.problem; return; }
  if (previewed !== JSON.stringify(typed.points)) {
    byId('amend-error').textContent = L('Xem trước ảnh hưởng của chính các điểm này trước khi ban hành.', 'Preview these very points before signing.');
    byId('amend-preview-button').focus();
    return;
  }
  const decision = documentOf('amend-number', 'amend-date', 'amend-error');
  if (!decision) return;
  const result = await act(keys, 'amend', 'POST', `/api/frameworks/${encodeURIComponent(amending.id)}/amendments`, {
    points: typed.points, decisionNumber: decision.number, decisionDate: decision.date, reason: byId('amend-reason').value.trim() });
  if (!result.ok) { refused(event.target, 'amend-error', result); return; }
  byId('amend-done').textContent = L(`Đã ban hành đính chính ${decision.number}; các xã được chấm lại điểm.`, `Amendment ${decision.number} signed.`);
});

// --- a new framework from its file, shown before it is published

byId('publish-file').addEventListener('change', async event => {
  const file = event.target.files[0];
  publishing = null;
  byId('publish-preview').innerHTML = '';
  byId('publish-error').textContent = '';
  if (!file) return;
  try {
    const framework = JSON.parse(await file.text());
    const indicators = (framework.pillars || []).flatMap(p => p.indicators || []);
    publishing = framework;
    byId('publish-preview').innerHTML = `<dl class="summary">
      <dt>${esc(L('Mã', 'Id'))}</dt><dd>${esc(framework.id)}</dd><dt>${esc(L('Tên', 'Title'))}</dt><dd>${esc(framework.title)}</dd>
      <dt>${esc(L('Cách chấm', 'Scoring'))}</dt><dd>${esc(framework.scoring)}</dd>
      <dt>${esc(L('Trụ cột · chỉ tiêu', 'Pillars · indicators'))}</dt><dd>${esc((framework.pillars || []).length)} · ${esc(indicators.length)}</dd>
      <dt>${esc(L('Tổng điểm', 'Points'))}</dt><dd>${esc(CDS.fmt(indicators.reduce((sum, i) => sum + (Number(i.maxPoints) || 0), 0)))}</dd></dl>`;
  } catch (e) {
    byId('publish-error').textContent = L('Tệp không phải JSON hợp lệ.', 'Not valid JSON.');
  }
});

byId('publish-form').addEventListener('submit', async event => {
  event.preventDefault();
  if (!publishing) { byId('publish-error').textContent = L('Chọn tệp bộ tiêu chí.', 'Choose the framework\'s file.'); byId('publish-file').focus(); return; }
  const result = await act(keys, 'publish', 'POST', '/api/frameworks', publishing);
  if (!result.ok) { byId('publish-error').textContent = problemText(result.problem); return; }
  byId('publish-error').textContent = '';
  byId('publish-done').textContent = L(`Đã ban hành bộ tiêu chí ${publishing.id}.`, `Framework ${publishing.id} published.`);
  loadFrameworks();
});

async function loadFrameworks() {
  const loaded = await get('/api/frameworks');
  if (loaded.status !== 200) { byId('page-error').textContent = problemText(loaded.body); return; }
  frameworks = loaded.body;
  for (const id of ['year-framework', 'amend-framework']) {
    const select = byId(id), chosen = select.value;
    select.innerHTML = frameworks.map(f => `<option value="${esc(f.id)}">${esc(f.id)} — ${esc(f.title)}</option>`).join('');
    if (chosen) select.value = chosen;
  }
}

(async () => {
  await loadFrameworks();
  await Promise.all([loadTargets(), loadYearFramework(true), loadAmending()]);
  // what is in force follows the decisions as they are recorded; the forms keep what is being typed
  CDS.live(() => Promise.all([targetsNow(), loadYearFramework()]));
})();
