// The department's work after the appraisers' passes (Sở TT&TT until 2025, Sở KH&CN since): take each pass into its
// review or send it back to the appraiser with a reason; inspect on site (kiem-tra.html); list reviewed communes in a
// proposal (tờ trình) to the chairman. Every action is the API's command with its own Idempotency-Key; the server's
// refusal stands beside the row or field it names.
const { esc, get, act, isoDate, problemText } = CDS;
const vi = CDS.lang === 'vi';
const L = (v, e) => vi ? v : e;
const byId = id => document.getElementById(id);
const year = Number(CDS.param('year', String(new Date().getFullYear())));
const keys = {};
const chosen = new Set(); // communes ticked for the proposal, kept across reloads
let review = null, shown = '';

CDS.header(L('Xem xét, đề nghị công nhận', 'Review and proposals'));
byId('review-title').textContent = L(`Kết quả thẩm định Đạt năm ${year}: xem xét, kiểm tra, đề nghị công nhận`,
  `Appraisals passed in ${year}: review, inspection, proposal`);
byId('year-label').textContent = L('Năm', 'Year');
byId('year-button').textContent = L('Xem', 'Show');
byId('waiting-title').textContent = L('Chờ Sở xem xét', 'Waiting for the department');
byId('review-list-title').textContent = L('Đang xem xét, kiểm tra', 'In review');
byId('proposal-legend').textContent = L('Tờ trình đề nghị Chủ tịch UBND tỉnh công nhận các xã đã chọn',
  'Proposal to the chairman for the communes ticked');
byId('proposal-number-label').textContent = L('Số tờ trình', 'Proposal number');
byId('proposal-date-label').textContent = L('Ngày', 'Date');
byId('proposal-title-label').textContent = L('Trích yếu', 'Title');
byId('propose-button').textContent = L('Lập tờ trình đề nghị công nhận', 'Propose for recognition');
byId('proposals-title').textContent = L('Đã đề nghị, chờ quyết định', 'Proposed, waiting for the decision');

const communeCell = i => `<a href="/commune.html?code=${encodeURIComponent(i.commune.code)}&year=${i.year}">${esc(i.commune.name)}</a>
  <span class="muted">(${esc(i.commune.code)})</span>`;
const districtCell = i => esc(i.district ? i.district.name : '—');
const points = i => i.appraisedPoints === null ? '—' : esc(CDS.points(i.appraisedPoints));

function sendBackCell(i) {
  const c = esc(i.commune.code);
  return `<label for="back-${c}">${esc(L('Lý do trả lại', 'Reason to send back'))}</label>
    <input id="back-${c}" maxlength="1000" size="24" autocomplete="off">
    <button type="button" class="send-back" data-code="${c}">${esc(L('Trả lại đơn vị thẩm định', 'Send back'))}</button>`;
}

function render() {
  const items = review.items;
  const waiting = items.filter(i => i.stage === 'APPRAISED_PASS'), inReview = items.filter(i => i.stage === 'IN_REVIEW');
  // a tick stays only on a commune still in review (one proposed or sent back meanwhile is no longer to propose)
  [...chosen].filter(code => !inReview.some(i => i.commune.code === code)).forEach(code => chosen.delete(code));
  const n = review.counts;
  byId('pipeline').textContent = L(
    `Thẩm định Đạt chờ Sở: ${n.APPRAISED_PASS} · Đang xem xét: ${n.IN_REVIEW} · Đã đề nghị: ${n.PROPOSED} · Đã công nhận: ${n.RECOGNISED} · Không công nhận: ${n.DECLINED}`,
    `Passed, waiting: ${n.APPRAISED_PASS} · In review: ${n.IN_REVIEW} · Proposed: ${n.PROPOSED} · Recognised: ${n.RECOGNISED} · Declined: ${n.DECLINED}`);
  // what is typed in the tables survives a reload; the tables are drawn again only when their rows change
  const signature = JSON.stringify(items.map(i => [i.assessmentId, i.stage, i.inspectedOn, i.appraisedPoints]));
  if (signature === shown) return;
  shown = signature;
  const typed = {};
  document.querySelectorAll('table input[type=text], table input:not([type])').forEach(i => { typed[i.id] = i.value; });
  const waitingTable = byId('waiting-table');
  waitingTable.tHead.innerHTML = `<tr><th scope="col">${esc(L('Xã', 'Commune'))}</th><th scope="col">${esc(L('Huyện (cũ)', 'District'))}</th>
    <th scope="col" class="num">${esc(L('Điểm thẩm định', 'Appraised'))}</th><th scope="col">${esc(L('Kết luận lúc', 'Concluded'))}</th>
    <th scope="col" class="num">${esc(L('Số ngày chờ', 'Days waiting'))}</th><th scope="col">${esc(L('Xử lý', 'Action'))}</th></tr>`;
  waitingTable.tBodies[0].innerHTML = waiting.map(i => `<tr data-code="${esc(i.commune.code)}">
      <td>${communeCell(i)}</td><td>${districtCell(i)}</td><td class="num">${points(i)}</td>
      <td>${esc(i.concludedAt ?? '—')}</td><td class="num">${esc(i.waitingDays ?? '—')}</td>
      <td><button type="button" class="accept" data-code="${esc(i.commune.code)}">${esc(L('Tiếp nhận xem xét', 'Take into review'))}</button>
        ${sendBackCell(i)}<p class="error" id="err-${esc(i.commune.code)}" role="alert"></p></td></tr>`).join('')
    || `<tr><td colspan="6">${esc(L('Không có xã nào chờ.', 'None waiting.'))}</td></tr>`;
  const reviewTable = byId('review-table');
  reviewTable.tHead.innerHTML = `<tr><th scope="col">${esc(L('Đề nghị', 'Propose'))}</th><th scope="col">${esc(L('Xã', 'Commune'))}</th>
    <th scope="col">${esc(L('Huyện (cũ)', 'District'))}</th><th scope="col" class="num">${esc(L('Điểm thẩm định', 'Appraised'))}</th>
    <th scope="col">${esc(L('Kiểm tra thực tế', 'On-site inspection'))}</th><th scope="col">${esc(L('Xử lý', 'Action'))}</th></tr>`;
  reviewTable.tBodies[0].innerHTML = inReview.map(i => {
    const c = esc(i.commune.code);
    return `<tr data-code="${c}">
      <td><input type="checkbox" class="choose" id="choose-${c}" data-code="${c}"${chosen.has(i.commune.code) ? ' checked' : ''}>
        <label for="choose-${c}">${esc(L('Chọn', 'Choose'))} ${esc(i.commune.name)}</label></td>
      <td>${communeCell(i)}</td><td>${districtCell(i)}</td><td class="num">${points(i)}</td>
      <td>${i.inspectedOn ? esc(L('Ngày ', 'On ') + i.inspectedOn) + ' · ' : ''}<a href="/kiem-tra.html?code=${encodeURIComponent(i.commune.code)}&year=${i.year}">${esc(
        i.inspectedOn ? L('Kiểm tra lại', 'Inspect again') : L('Ghi nhận kiểm tra', 'Record an inspection'))}</a></td>
      <td>${sendBackCell(i)}<p class="error" id="err-${c}" role="alert"></p></td></tr>`;
  }).join('') || `<tr><td colspan="6">${esc(L('Không có xã nào đang xem xét.', 'None in review.'))}</td></tr>`;
  Object.entries(typed).forEach(([id, value]) => { const input = byId(id); if (input) input.value = value; });
  byId('proposals').innerHTML = review.proposals.map(p => `<article class="proposal" data-number="${esc(p.number)}">
      <h4>${esc(L('Tờ trình số', 'Proposal'))} ${esc(p.number)}${p.date ? ' ' + esc(L('ngày', 'of')) + ' ' + esc(p.date) : ''}</h4>
      <ul>${p.communes.map(i => `<li>${esc(i.commune.name)} (${esc(i.commune.code)}) — ${points(i)}</li>`).join('')}</ul></article>`).join('')
    || `<p>${esc(L('Chưa có tờ trình nào chờ quyết định.', 'No proposal is waiting.'))}</p>`;
}

async function reload() {
  const loaded = await get(`/api/appraisal/province-review?year=${encodeURIComponent(year)}`);
  if (loaded.status !== 200) { byId('page-error').textContent = problemText(loaded.body); return; }
  byId('page-error').textContent = '';
  review = loaded.body;
  render();
}

const path = code => `/api/communes/${encodeURIComponent(code)}/assessments/${encodeURIComponent(year)}`;

async function rowAction(button, name, method, url, body, done) {
  const code = button.dataset.code;
  button.disabled = true;
  const result = await act(keys, name + '/' + code, method, url, body);
  button.disabled = false;
  byId('err-' + code).textContent = result.ok ? '' : problemText(result.problem);
  if (result.ok) done();
}

document.querySelector('main').addEventListener('click', event => {
  const button = event.target.closest('button');
  if (!button) return;
  const code = button.dataset.code;
  if (button.classList.contains('accept')) {
    rowAction(button, 'review', 'POST', path(code) + '/review', { note: '' },
      () => { byId('err-' + code).textContent = L('Đã tiếp nhận.', 'Taken into review.'); });
  } else if (button.classList.contains('send-back')) {
    const reason = byId('back-' + code).value.trim();
    if (!reason) { byId('err-' + code).textContent = L('Cần nêu lý do trả lại.', 'A reason is required.'); byId('back-' + code).focus(); return; }
    rowAction(button, 'send-back', 'POST', path(code) + '/review/send-back', { reason },
      () => { byId('err-' + code).textContent = L('Đã trả lại đơn vị thẩm định.', 'Sent back.'); });
  }
});
document.querySelector('main').addEventListener('change', event => {
  if (!event.target.classList.contains('choose')) return;
  event.target.checked ? chosen.add(event.target.dataset.code) : chosen.delete(event.target.dataset.code);
});

byId('propose-button').onclick = async event => {
  const number = byId('proposal-number').value.trim(), date = isoDate(byId('proposal-date').value);
  const error = byId('proposal-error');
  if (!number) { error.textContent = L('Cần số tờ trình.', 'The proposal number is required.'); byId('proposal-number').focus(); return; }
  if (date === null) { error.textContent = L('Ngày theo dạng dd/mm/yyyy.', 'A date as dd/mm/yyyy.'); byId('proposal-date').focus(); return; }
  const communes = [...chosen];
  if (!communes.length) { error.textContent = L('Chọn ít nhất một xã đang xem xét.', 'Tick at least one commune in review.'); return; }
  const proposal = Object.assign({ number, title: byId('proposal-title').value.trim() }, date ? { date } : {});
  event.target.disabled = true;
  const result = await act(keys, 'propose', 'POST', '/api/recognition-proposals', { year, document: proposal, communes });
  event.target.disabled = false;
  if (!result.ok) {
    // a refusal naming one commune (communes[i]) is told beside its row as well
    const at = /^communes\[(\d+)\]/.exec((result.problem && result.problem.field) || '');
    if (at && byId('err-' + communes[Number(at[1])])) byId('err-' + communes[Number(at[1])]).textContent = problemText(result.problem);
    error.textContent = problemText(result.problem);
    return;
  }
  error.textContent = '';
  chosen.clear();
  ['proposal-number', 'proposal-date', 'proposal-title'].forEach(id => { byId(id).value = ''; });
  byId('proposed').textContent = L(`Đã lập tờ trình ${number} đề nghị công nhận ${communes.length} xã.`,
    `Proposal ${number} lists ${communes.length} communes.`);
};

CDS.yearForm(byId('year-form'), byId('year-input'), year);
CDS.live(() => reload());
