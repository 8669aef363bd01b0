const { t, fmt, esc, api } = CDS;
CDS.header(t('province'));
// a commune officer's home is the commune's own year, not the province's dashboard
CDS.me().then(me => { if (me.roles.every(role => role === 'COMMUNE')) location.replace('/bao-cao.html'); }).catch(() => {});
document.querySelectorAll('[data-t]').forEach(e => e.textContent = t(e.dataset.t));
const yearSelect = document.getElementById('year');
const thisYear = new Date().getFullYear();
for (let y = thisYear; y >= 2022; y--) yearSelect.add(new Option(y, y));
yearSelect.value = CDS.param('year', '2023');
const viewSelect = document.getElementById('view');
viewSelect.value = CDS.param('view', 'as-it-was');
let chart;
const when = CDS.timeTravel(document.getElementById('time-travel'), () => reload().then(CDS.stamp));
// a district's recognised count opens where it comes from: the decisions behind it
document.getElementById('district-table').addEventListener('click', event => {
  const link = event.target.closest('a.explain');
  if (!link) return;
  event.preventDefault();
  CDS.explainRecognised(document.getElementById('explain'), link.dataset.code, yearSelect.value);
});

/** A district's communes after a pass, by step: only the steps with any. */
function pipelineText(p) {
  const steps = [['APPRAISED_PASS', p.appraisedPass], ['IN_REVIEW', p.inReview], ['PROPOSED', p.proposed], ['DECLINED', p.declined]];
  return steps.filter(([, n]) => n).map(([stage, n]) => `${esc(CDS.stage(stage))}: ${fmt(n)}`).join(' · ') || '—';
}

function districtTable(d) {
  const head = `<tr><th class="sortable">${esc(d.groupedByFormerDistrict ? t('formerDistricts') : t('districts'))}</th>
    <th class="sortable num">${t('communes')}</th><th class="sortable num">${t('registered')}</th><th class="sortable num">${t('submitted')}</th>
    <th class="sortable num">${t('appraisedPass')}</th><th class="sortable num">${t('recognised')}</th><th class="sortable num">${t('target')}</th>
    <th class="sortable num">${t('percent')}</th><th>${t('afterPass')}</th></tr>`;
  const rows = d.districtRows.map(r => `<tr data-code="${esc(r.code)}">
    <td data-value="${esc(r.name)}"><a href="/district.html?code=${esc(r.code)}&year=${d.year}">${esc(d.groupedByFormerDistrict ? r.label : r.name)}</a></td>
    <td class="num">${r.communes}</td><td class="num">${r.registered}</td><td class="num">${r.submitted}</td>
    <td class="num">${r.appraisedPass}</td><td class="num recognised" data-value="${r.recognised}">${d.groupedByFormerDistrict ? r.recognised
      : `<a href="#" class="explain" data-code="${esc(r.code)}" title="${CDS.lang === 'vi' ? 'Số liệu này từ đâu' : 'Where this comes from'}">${r.recognised}</a>`}</td><td class="num">${r.target}</td>
    <td class="num" data-value="${r.percentOfTarget ?? -1}">${r.percentOfTarget === null ? '—' : fmt(r.percentOfTarget) + '%'}</td>
    <td>${pipelineText(r.pipeline)}</td></tr>`).join('');
  return { head, rows };
}

function restatedTable(d) {
  const head = `<tr><th class="sortable">${t('restatedLabel')}</th><th class="sortable">${t('formerDistricts')}</th><th class="sortable">${t('predecessors')}</th></tr>`;
  const rows = d.restated.rows.map(r => `<tr data-code="${esc(r.code)}"><td>${esc(r.name)}</td><td>${esc(r.formerDistrictName)}</td>
    <td data-value="${r.recognisedPredecessors}">${esc(r.label)}</td></tr>`).join('');
  return { head, rows };
}

async function reload() {
  const year = yearSelect.value, view = viewSelect.value;
  // followed: the live stream sends their changes (today's figures; a past day or instant is fetched once)
  const [d, heat] = await CDS.follow(`/api/province/dashboard?year=${year}&view=${view}${when()}`,
    `/api/province/heatmap?year=${year}${when().replace(/&inForceOn=[^&]*/, '')}`);
  show(d, heat);
}

function show(d, heat) {
  const year = yearSelect.value, view = viewSelect.value;
  document.getElementById('headline').textContent = `${d.recognised} / ${d.target}`;
  const vi = CDS.lang === 'vi';
  document.getElementById('exports').innerHTML =
    `<a href="/api/province/dashboard.xlsx?year=${encodeURIComponent(year)}${when().replace(/&knownAt=[^&]*/, '')}" download>${vi ? 'Xuất Excel' : 'Excel export'}</a>
     · <a id="report-pdf" href="/api/province/dashboard.pdf?year=${encodeURIComponent(year)}&view=${encodeURIComponent(view)}${when()}" download>${vi ? 'Báo cáo PDF' : 'PDF report'}</a>
     · <a href="/api/open-data/recognised?year=${encodeURIComponent(year)}&format=csv" download>${vi ? 'Danh sách xã được công nhận (CSV)' : 'Recognised communes (CSV)'}</a>`;
  const inQuestion = document.getElementById('verdicts-in-question');
  inQuestion.hidden = !d.verdictsInQuestion;
  inQuestion.textContent = CDS.lang === 'en'
    ? `${fmt(d.verdictsInQuestion)} verdicts need review after an amendment of the points`
    : `${fmt(d.verdictsInQuestion)} hồ sơ cần xem xét lại kết luận sau khi đính chính điểm`;
  document.getElementById('communes').textContent = fmt(d.communes);
  document.getElementById('registered').textContent = fmt(d.registered);
  document.getElementById('submitted').textContent = fmt(d.submitted);
  document.getElementById('appraised').textContent = fmt(d.appraisedPass);
  const steps = [['APPRAISED_PASS', 'appraisedPass'], ['IN_REVIEW', 'inReview'], ['PROPOSED', 'proposed'],
    ['RECOGNISED', 'recognised'], ['DECLINED', 'declined']];
  document.getElementById('pipeline').innerHTML = steps.map(([stage, key]) =>
    `<li data-stage="${stage}"><span class="label">${esc(CDS.stage(stage))}</span> <b>${fmt(d.pipeline[key])}</b></li>`).join('');
  document.getElementById('table-title').textContent = `${view === 'restated' ? t('restated') : (d.groupedByFormerDistrict ? t('formerDistricts') : t('districts'))} — ${t('year')} ${d.year} (${d.mapDate})`;
  const table = view === 'restated' ? restatedTable(d) : districtTable(d);
  const el = document.getElementById('district-table');
  el.tHead.innerHTML = table.head; el.tBodies[0].innerHTML = table.rows;
  CDS.sortable(el);
  document.getElementById('behind').innerHTML = d.furthestBehind.map(r =>
    `<li>${esc(r.name)}: ${r.recognised}/${r.target}</li>`).join('') || `<li class="muted">${t('noData')}</li>`;
  document.getElementById('weakest').innerHTML = CDS.weakest(d.weakestIndicators);
  const labels = d.progress.map(p => p.date), data = d.progress.map(p => p.recognised);
  if (chart) {
    // a live change updates the chart in place: no new chart (and no flicker) several times a second
    chart.data.labels = labels;
    chart.data.datasets[0].data = data;
    chart.data.datasets[1].data = labels.map(() => d.target);
    chart.options.scales.y.suggestedMax = d.target;
    chart.update('none');
  } else chart = new Chart(document.getElementById('progress-chart'), {
    type: 'line',
    data: { labels, datasets: [
      { label: t('cumulative'), data, borderColor: '#0b4f8a', backgroundColor: 'rgba(11,79,138,.15)', fill: true, stepped: true },
      { label: t('target'), data: labels.map(() => d.target), borderColor: '#c5221f', borderDash: [6, 4], pointRadius: 0 } ] },
    options: { animation: false, responsive: true, scales: { y: { beginAtZero: true, suggestedMax: d.target } } }
  });
  const heatEl = document.getElementById('heatmap');
  heatEl.innerHTML = `<tr><th class="ind-head">${t('indicator')}</th>${heat.districts.map(x => `<th title="${esc(x.name)}">${esc(x.name)}</th>`).join('')}</tr>` +
    heat.rows.map(r => `<tr><td class="ind" title="${esc(r.name)}">${esc(r.code)} ${esc(r.name.slice(0, 40))}</td>${r.shareMet.map((s, i) => s === null
      ? '<td class="muted">·</td>'
      : `<td class="share" data-share="${s}" title="${r.assessed[i]}">${fmt(s * 100)}%</td>`).join('')}</tr>`).join('');
    // colours through the CSSOM: the page's content security policy allows no inline style attributes
    heatEl.querySelectorAll('td.share').forEach(td => {
      const s = parseFloat(td.dataset.share);
      td.style.background = `hsl(${Math.round(s * 120)},70%,${85 - s * 25}%)`;
    });
    // when the page first showed everything, in ms since navigation (read by the page-load benchmark)
    if (!document.body.dataset.renderedAt) document.body.dataset.renderedAt = Math.round(performance.now());
}
// Events the dashboards could not apply wait in a queue until the province retries them: the province and auditors
// see how many. (The banner's words are this page's own; cds.js holds the shared ones.)
const deadLetterBanner = document.getElementById('dead-letters');
const seesDeadLetters = api('/api/me').then(me => me.roles.some(r => r === 'PROVINCE' || r === 'AUDITOR')).catch(() => false);
const waiting = n => CDS.lang === 'en'
  ? `${fmt(n)} ${n === 1 ? 'event' : 'events'} waiting to be processed`
  : `${fmt(n)} sự kiện chờ xử lý`;
async function deadLetters() {
  if (!await seesDeadLetters) return;
  const page = await api('/api/dead-letters?size=1');
  deadLetterBanner.textContent = waiting(page.total);
  deadLetterBanner.hidden = page.total === 0;
}
// the banner never holds up the dashboard: if its count cannot be read, the page still refreshes
const refresh = () => Promise.all([reload(), deadLetters().catch(() => {})]);
yearSelect.onchange = viewSelect.onchange = () => reload().then(CDS.stamp);
// the page as shown at an instant does not change with today's events: loaded once, not again at each of them
let shownAsOfInstant = false;
CDS.live(() => shownAsOfInstant && document.getElementById('known-at').value ? Promise.resolve()
  : refresh().then(() => { shownAsOfInstant = true; }),
  // the dashboards arrive on the stream; a change message only moves the waiting events' count (at most once a second)
  { view: ([d, heat]) => show(d, heat), change: () => deadLetters().catch(() => {}) });
