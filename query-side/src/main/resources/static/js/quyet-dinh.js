// The chairman's decision over a proposal (recorded by the province's office): one decision number and date, and for
// each commune the proposal lists, recognised or not (with the reason). One command for the whole decision — recorded
// whole or not at all — with its Idempotency-Key; a refusal naming one commune stands beside it.
const { esc, get, act, isoDate, problemText } = CDS;
const vi = CDS.lang === 'vi';
const L = (v, e) => vi ? v : e;
const byId = id => document.getElementById(id);
const year = Number(CDS.param('year', String(new Date().getFullYear())));
const keys = {};
let shown = '';

CDS.header(L('Quyết định công nhận', 'Recognition decisions'));
byId('decisions-title').textContent = L(`Tờ trình đề nghị công nhận năm ${year} chờ quyết định`,
  `Proposals of ${year} waiting for the chairman's decision`);
byId('year-label').textContent = L('Năm', 'Year');
byId('year-button').textContent = L('Xem', 'Show');

/** A key for ids built from a proposal's number (which has slashes and letters with diacritics). */
const slug = number => Array.from(number).map(c => /[A-Za-z0-9]/.test(c) ? c : '_' + c.codePointAt(0)).join('');

function proposalHtml(p, index) {
  const s = slug(p.number);
  return `<form class="proposal" data-index="${index}" data-number="${esc(p.number)}" novalidate>
    <fieldset><legend>${esc(L('Tờ trình số', 'Proposal'))} ${esc(p.number)}${p.date ? ' ' + esc(L('ngày', 'of')) + ' ' + esc(p.date) : ''}</legend>
      <div class="controls">
        <label for="dnum-${s}">${esc(L('Số quyết định', 'Decision number'))}</label>
        <input id="dnum-${s}" class="decision-number" maxlength="100" autocomplete="off">
        <label for="ddate-${s}">${esc(L('Ngày quyết định', 'Decision date'))}</label>
        <input id="ddate-${s}" class="decision-date" maxlength="10" placeholder="dd/mm/yyyy" autocomplete="off">
      </div>
      <p class="error" id="derr-${s}" role="alert"></p>
      ${p.communes.map(i => {
        const c = esc(i.commune.code);
        return `<fieldset class="outcome" data-code="${c}"><legend>${esc(i.commune.name)} (${c})${i.district ? ' — ' + esc(i.district.name) : ''}
          · ${esc(L('điểm thẩm định', 'appraised'))} ${i.appraisedPoints === null ? '—' : esc(CDS.points(i.appraisedPoints))}</legend>
          <div class="controls">
            <input type="radio" name="outcome-${c}" id="yes-${c}" value="yes" checked><label for="yes-${c}">${esc(L('Công nhận', 'Recognise'))}</label>
            <input type="radio" name="outcome-${c}" id="no-${c}" value="no"><label for="no-${c}">${esc(L('Không công nhận', 'Decline'))}</label>
            <label for="why-${c}">${esc(L('Lý do (khi không công nhận)', 'Reason (when declined)'))}</label>
            <input id="why-${c}" maxlength="1000" size="30" autocomplete="off">
          </div>
          <p class="error" id="oerr-${c}" role="alert"></p></fieldset>`;
      }).join('')}
      <div class="controls"><button type="submit">${esc(L('Ghi quyết định', 'Record the decision'))}</button></div>
    </fieldset></form>`;
}

async function reload() {
  const loaded = await get(`/api/appraisal/province-review?year=${encodeURIComponent(year)}`);
  if (loaded.status !== 200) { byId('page-error').textContent = problemText(loaded.body); return; }
  byId('page-error').textContent = '';
  const review = loaded.body, n = review.counts;
  byId('pipeline').textContent = L(`Đã đề nghị: ${n.PROPOSED} · Đã công nhận: ${n.RECOGNISED} · Không công nhận: ${n.DECLINED}`,
    `Proposed: ${n.PROPOSED} · Recognised: ${n.RECOGNISED} · Declined: ${n.DECLINED}`);
  // drawn again only when the proposals change, so that what is being typed stays
  const signature = JSON.stringify(review.proposals.map(p => [p.number, p.communes.map(i => i.assessmentId)]));
  if (signature === shown) return;
  shown = signature;
  byId('proposals').innerHTML = review.proposals.map(proposalHtml).join('')
    || `<p>${esc(L('Không có tờ trình nào chờ quyết định.', 'No proposal is waiting.'))}</p>`;
}

byId('proposals').addEventListener('submit', async event => {
  event.preventDefault();
  const form = event.target, number = form.dataset.number, s = slug(number);
  const error = byId('derr-' + s);
  const outcomes = [...form.querySelectorAll('fieldset.outcome')].map(f => {
    const c = f.dataset.code, recognised = byId('yes-' + c).checked;
    byId('oerr-' + c).textContent = '';
    return Object.assign({ code: c, recognised }, recognised ? {} : { reason: byId('why-' + c).value.trim() });
  });
  const decisionNumber = form.querySelector('.decision-number').value.trim();
  const date = isoDate(form.querySelector('.decision-date').value);
  if (!decisionNumber) { error.textContent = L('Cần số quyết định.', 'The decision number is required.'); form.querySelector('.decision-number').focus(); return; }
  if (date === null) { error.textContent = L('Ngày theo dạng dd/mm/yyyy.', 'A date as dd/mm/yyyy.'); form.querySelector('.decision-date').focus(); return; }
  const missing = outcomes.find(o => !o.recognised && !o.reason);
  if (missing) {
    byId('oerr-' + missing.code).textContent = L('Cần nêu lý do không công nhận.', 'A reason for declining is required.');
    byId('why-' + missing.code).focus();
    return;
  }
  error.textContent = '';
  const button = form.querySelector('button[type=submit]');
  button.disabled = true;
  const result = await act(keys, 'decide/' + number, 'POST', '/api/recognition-decisions', {
    year, proposalNumber: number, document: Object.assign({ number: decisionNumber }, date ? { date } : {}), outcomes });
  button.disabled = false;
  if (!result.ok) {
    const at = /^outcomes\[(\d+)\]/.exec((result.problem && result.problem.field) || '');
    (at ? byId('oerr-' + outcomes[Number(at[1])].code) : error).textContent = problemText(result.problem);
    return;
  }
  const recognised = outcomes.filter(o => o.recognised).length;
  byId('decided').textContent = L(`Đã ghi Quyết định ${decisionNumber}: công nhận ${recognised} xã, không công nhận ${outcomes.length - recognised} xã.`,
    `Decision ${decisionNumber} recorded: ${recognised} recognised, ${outcomes.length - recognised} declined.`);
});

CDS.yearForm(byId('year-form'), byId('year-input'), year);
CDS.live(() => reload());
