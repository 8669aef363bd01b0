// The department's inspection on site of one commune in its review: the date, the delegation, the findings, and the
// value found for each indicator where it differs from the appraisal's (with why). The platform scores the commune
// again from the corrected values. One command with its Idempotency-Key; the server's refusal stands beside its field.
const { esc, get, act, isoDate, problemText, targetText } = CDS;
const vi = CDS.lang === 'vi';
const L = (v, e) => vi ? v : e;
const byId = id => document.getElementById(id);
const code = CDS.param('code', ''), year = CDS.param('year', '');
const path = `/api/communes/${encodeURIComponent(code)}/assessments/${encodeURIComponent(year)}`;
const keys = {};
let card = null;

CDS.header(L('Kiểm tra thực tế', 'On-site inspection'));
byId('back-to-review').href = `/xem-xet.html?year=${encodeURIComponent(year)}`;
byId('back-to-review').textContent = L('← Xem xét, đề nghị công nhận', '← Review and proposals');
byId('stage-label').textContent = L('Giai đoạn', 'Stage');
byId('appraised-label').textContent = L('Điểm thẩm định', 'Appraised score');
byId('inspection-legend').textContent = L('Biên bản kiểm tra', 'The inspection\'s minutes');
byId('inspected-on-label').textContent = L('Ngày kiểm tra', 'Date of the inspection');
byId('members-label').textContent = L('Thành phần đoàn kiểm tra (mỗi dòng một đơn vị, chức danh)', 'The delegation (one unit or position per line)');
byId('findings-label').textContent = L('Kết quả kiểm tra', 'Findings');
byId('corrections-title').textContent = L('Điều chỉnh theo kết quả kiểm tra', 'Corrections found on site');
byId('corrections-hint').textContent = L('Chỉ nhập ở chỉ tiêu có số liệu thực tế khác kết quả thẩm định, kèm lý do.',
  'Enter a value only where the inspection found otherwise than the appraisal, with the reason.');
byId('record-button').textContent = L('Ghi nhận kết quả kiểm tra', 'Record the inspection');

const score = s => s ? `${CDS.points(s.points)} · ${s.met}/${s.total} ${L('đạt', 'met')}` : '—';

function valueInputs(line) {
  const c = esc(line.code);
  if (line.measure === 'RATIO') {
    return `<label for="inum-${c}">${esc(L('Tử số', 'Numerator'))}</label><input id="inum-${c}" inputmode="numeric" size="8">
      <label for="iden-${c}">${esc(L('Mẫu số', 'Denominator'))}</label><input id="iden-${c}" inputmode="numeric" size="8">`;
  }
  return `<label for="ikind-${c}">${esc(L('Kết quả kiểm tra', 'Found'))}</label>
    <select id="ikind-${c}">${[['', '—'], ['YES', L('Có', 'Yes')], ['NO', L('Không', 'No')],
      ['IN_PROGRESS', L('Đang triển khai', 'In progress')]].map(([v, t]) => `<option value="${v}">${esc(t)}</option>`).join('')}</select>`;
}

function lineHtml(line) {
  const c = esc(line.code);
  const appraised = line.appraisedValue ? line.appraisedValue.display : (line.value ? line.value.display : L('chưa có', 'none'));
  return `<article class="indicator" data-code="${c}" data-measure="${esc(line.measure)}">
    <h4>${c}. ${esc(vi ? line.name : (line.nameEn || line.name))}</h4>
    <p class="muted">${esc(targetText(line))} · ${esc(L('Xã báo cáo', 'Reported'))}: <b>${esc(line.value ? line.value.display : L('chưa có', 'none'))}</b>
      · ${esc(L('Thẩm định', 'Appraised'))}: <b>${esc(appraised)}</b></p>
    <fieldset><legend>${esc(L('Điều chỉnh chỉ tiêu', 'Correct indicator'))} ${c}</legend>
      <div class="controls">${valueInputs(line)}
        <label for="inote-${c}">${esc(L('Lý do điều chỉnh', 'Why'))}</label>
        <input id="inote-${c}" maxlength="1000" size="30" autocomplete="off"></div>
      <p class="error" id="ierr-${c}" role="alert"></p>
    </fieldset></article>`;
}

function render() {
  byId('page-title').textContent = `${card.commune.name} (${card.commune.code}) — ${L('năm', 'year')} ${card.year}`;
  byId('stage').textContent = CDS.stage(card.stage, card.stageVi);
  byId('appraised-score').textContent = score(card.appraisedScore);
  if (!byId('indicators').dataset.drawn) {
    byId('indicators').dataset.drawn = 'yes';
    byId('indicators').innerHTML = card.pillars.map(p => `<section><h3>${esc(p.code)}. ${esc(vi ? p.name : (p.nameEn || p.name))}</h3>
      ${p.lines.map(lineHtml).join('')}</section>`).join('');
  }
}

async function reload() {
  const loaded = await get(path);
  if (loaded.status !== 200) { byId('page-error').textContent = problemText(loaded.body); return; }
  card = loaded.body;
  render();
}

/** The indicators where a value was typed, each as the API takes it; or the first problem, at its indicator. */
function corrections() {
  const found = [];
  for (const article of document.querySelectorAll('.indicator')) {
    const c = article.dataset.code;
    byId('ierr-' + c).textContent = '';
    let value = null;
    if (article.dataset.measure === 'RATIO') {
      const n = byId('inum-' + c).value.trim(), d = byId('iden-' + c).value.trim();
      if (!n && !d) continue;
      if (!/^\d+$/.test(n) || !/^\d+$/.test(d)) return { code: c, problem: L('Tử số và mẫu số là số nguyên không âm.', 'Whole numbers, not negative.') };
      value = { measure: 'RATIO', numerator: Number(n), denominator: Number(d) };
    } else {
      const kind = byId('ikind-' + c).value;
      if (!kind) continue;
      value = kind === 'IN_PROGRESS' ? { measure: 'IN_PROGRESS' } : { measure: 'BOOLEAN', value: kind === 'YES' };
    }
    found.push(Object.assign({ indicatorCode: c, note: byId('inote-' + c).value.trim() }, value));
  }
  return { found };
}

const FIELDS = { inspectedOn: 'inspected-on-error', members: 'members-error', findings: 'findings-error' };

byId('inspection').addEventListener('submit', async event => {
  event.preventDefault();
  Object.values(FIELDS).forEach(id => { byId(id).textContent = ''; });
  byId('inspection-error').textContent = '';
  const inspectedOn = isoDate(byId('inspected-on').value);
  if (!inspectedOn) {
    byId('inspected-on-error').textContent = L('Cần ngày kiểm tra theo dạng dd/mm/yyyy.', 'The date, as dd/mm/yyyy.');
    byId('inspected-on').focus();
    return;
  }
  const typed = corrections();
  if (typed.problem) { byId('ierr-' + typed.code).textContent = typed.problem; return; }
  const body = { inspectedOn, members: byId('members').value.split('\n').map(m => m.trim()).filter(Boolean),
    findings: byId('findings').value.trim(), corrections: typed.found };
  const button = byId('record-button');
  button.disabled = true;
  const result = await act(keys, 'inspect', 'POST', path + '/inspections', body);
  button.disabled = false;
  if (!result.ok) {
    const field = (result.problem && result.problem.field) || '';
    const at = /^corrections\[(\d+)\]/.exec(field);
    const place = at ? byId('ierr-' + body.corrections[Number(at[1])].indicatorCode) : byId(FIELDS[field] || 'inspection-error');
    place.textContent = problemText(result.problem);
    return;
  }
  byId('recorded').textContent = L(`Đã ghi nhận kết quả kiểm tra, ${body.corrections.length} chỉ tiêu điều chỉnh.`,
    `Inspection recorded, ${body.corrections.length} indicators corrected.`);
});
CDS.live(() => reload());
