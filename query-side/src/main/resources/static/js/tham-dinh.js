// The appraiser's queue: the communes submitted to the appraiser's unit, oldest first, with the days each has waited,
// its self-score and what it changed since the appraiser last acted (after a return: the values and answers).
const { esc, api } = CDS;
const vi = CDS.lang === 'vi';
const L = (v, e) => vi ? v : e;
CDS.header(L('Hàng chờ thẩm định', 'Appraisal queue'));

const stages = [
  ['', L('Chờ thẩm định (đã nộp, đang thẩm định)', 'Waiting (submitted, under appraisal)')],
  ['SUBMITTED', CDS.stage('SUBMITTED')], ['UNDER_APPRAISAL', CDS.stage('UNDER_APPRAISAL')],
  ['RETURNED', CDS.stage('RETURNED')], ['APPRAISED_PASS', CDS.stage('APPRAISED_PASS')],
  ['APPRAISED_FAIL', CDS.stage('APPRAISED_FAIL')]];
const byId = id => document.getElementById(id);
byId('queue-title').textContent = L('Hồ sơ chờ thẩm định', 'Assessments waiting for appraisal');
byId('stage-label').textContent = L('Giai đoạn', 'Stage');
byId('district-label').textContent = L('Mã huyện cũ', 'Former district code');
byId('all-label').textContent = L('Của mọi đơn vị thẩm định', 'Every appraiser\'s');
byId('apply-filter').textContent = L('Lọc', 'Filter');
byId('queue-caption').textContent = L('Cũ nhất trước', 'Oldest first');
stages.forEach(([value, text]) => byId('stage-filter').add(new Option(text, value)));
const params = new URLSearchParams(location.search);
byId('stage-filter').value = params.get('stage') || '';
byId('district-filter').value = params.get('formerDistrict') || '';
byId('all-filter').checked = params.get('all') === 'true';
CDS.me().then(me => { byId('all-queues').hidden = !me.roles.some(r => ['PROVINCE', 'STEERING', 'AUDITOR'].includes(r)); })
  .catch(() => {});

function query() {
  const q = new URLSearchParams();
  if (byId('stage-filter').value) q.set('stage', byId('stage-filter').value);
  if (byId('district-filter').value.trim()) q.set('formerDistrict', byId('district-filter').value.trim());
  if (byId('all-filter').checked) q.set('all', 'true');
  return q;
}

function changes(item) {
  if (!item.changeCount) return item.lastAppraisalAt ? L('Không có', 'None') : '—';
  return `<details><summary>${esc(item.changeCount)} ${esc(L('thay đổi', 'changes'))}</summary><ul>`
    + item.changes.map(c => `<li>${esc(c.atDisplay)} — ${esc(vi ? c.summary : c.summaryEn)}</li>`).join('')
    + '</ul></details>';
}

function render(queue) {
  const table = byId('queue-table');
  table.tHead.innerHTML = `<tr><th scope="col">${esc(L('Xã', 'Commune'))}</th><th scope="col">${esc(L('Huyện cũ', 'Former district'))}</th>
    <th scope="col" class="num">${esc(L('Năm', 'Year'))}</th><th scope="col">${esc(L('Giai đoạn', 'Stage'))}</th>
    <th scope="col">${esc(L('Nộp lúc', 'Submitted'))}</th><th scope="col" class="num">${esc(L('Số ngày chờ', 'Days waiting'))}</th>
    <th scope="col" class="num">${esc(L('Tự đánh giá', 'Self-score'))}</th>
    <th scope="col">${esc(L('Thay đổi từ lần thẩm định trước', 'Changed since the last appraisal'))}</th></tr>`;
  table.tBodies[0].innerHTML = queue.items.map(i => `<tr data-code="${esc(i.commune.code)}">
      <td><a href="/tham-dinh-xa.html?code=${encodeURIComponent(i.commune.code)}&year=${i.year}">${esc(i.commune.name)}</a>
        <span class="muted">(${esc(i.commune.code)})</span></td>
      <td>${esc(i.formerDistrict ? i.formerDistrict.name : '—')}</td>
      <td class="num">${esc(i.year)}</td><td>${esc(CDS.stage(i.stage, i.stageVi))}</td>
      <td>${esc(i.submittedAt ?? '—')}</td><td class="num">${esc(i.waitingDays ?? '—')}</td>
      <td class="num">${i.selfPoints === null ? '—' : esc(CDS.points(i.selfPoints))}</td><td>${changes(i)}</td></tr>`).join('')
    || `<tr><td colspan="8">${esc(L('Không có hồ sơ nào chờ.', 'Nothing is waiting.'))}</td></tr>`;
  byId('queue-summary').textContent = L(`${queue.total} hồ sơ · ngày ${queue.today}`, `${queue.total} assessments · ${queue.today}`);
}

async function reload() {
  try {
    render(await api('/api/appraisal/queue?' + query()));
    byId('queue-error').textContent = '';
  } catch (e) {
    byId('queue-error').textContent = e.message; // the server's refusal, in Vietnamese
  }
}

byId('queue-filters').addEventListener('submit', event => {
  event.preventDefault();
  history.replaceState(null, '', '?' + query() + (CDS.lang === 'vi' ? '' : '&lang=' + CDS.lang));
  reload().then(CDS.stamp);
});
CDS.live(() => reload());
