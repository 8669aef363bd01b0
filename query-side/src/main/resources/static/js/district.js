const { t, fmt, esc, api } = CDS;
const code = CDS.param('code', '392'), year = CDS.param('year', '2023');
CDS.header(t('district') + ' ' + code + ' · ' + year);
document.querySelectorAll('[data-t]').forEach(e => e.textContent = t(e.dataset.t));
document.getElementById('filter').placeholder = t('filter');
document.getElementById('stage-filter').setAttribute('aria-label', t('stage')); // a name for screen readers (axe-core)
let chart, rows = [];
const when = CDS.timeTravel(document.getElementById('time-travel'), () => reload().then(CDS.stamp));

function render() {
  const text = document.getElementById('filter').value.toLowerCase();
  const stage = document.getElementById('stage-filter').value;
  const table = document.getElementById('commune-table');
  table.tHead.innerHTML = `<tr><th class="sortable">${t('commune')}</th><th class="sortable">${t('stage')}</th>
    <th class="sortable num">${t('score')}</th><th class="sortable num">${t('met')}</th><th class="sortable num">${t('inProgress')}</th>
    <th class="sortable">${t('lastUpdate')}</th></tr>`;
  table.tBodies[0].innerHTML = rows.filter(r => r.name.toLowerCase().includes(text) && (!stage || r.stage === stage))
    .map(r => `<tr data-code="${esc(r.code)}"><td><a href="/commune.html?code=${esc(r.code)}&year=${year}">${esc(r.name)}</a></td>
      <td data-value="${esc(r.stage)}">${esc(CDS.stage(r.stage, r.stageVi))}${r.verdictInQuestion
        ? ' · ' + (CDS.lang === 'en' ? 'needs review' : 'cần xem xét lại') : ''}</td>
      <td class="num" data-value="${r.selfPoints ?? -1}">${r.selfPoints === null ? '—' : CDS.points(r.selfPoints)}</td>
      <td class="num">${r.selfMet}</td><td class="num">${r.selfInProgress}</td>
      <td data-value="${esc(r.lastUpdate ?? '')}">${CDS.dateTime(r.lastUpdate)}</td></tr>`).join('');
  CDS.sortable(table);
}

document.getElementById('export-xlsx').href = `/api/districts/${encodeURIComponent(code)}/dashboard.xlsx?year=${encodeURIComponent(year)}`;
document.getElementById('export-xlsx').textContent = CDS.lang === 'vi' ? 'Xuất Excel' : 'Excel export';
document.getElementById('report-pdf').textContent = CDS.lang === 'vi' ? 'Báo cáo PDF' : 'PDF report';

async function reload() {
  // followed: the live stream sends its changes (today's figures; a past day or instant is fetched once)
  const [d] = await CDS.follow(`/api/districts/${encodeURIComponent(code)}/dashboard?year=${year}${when()}`);
  show(d);
}

function show(d) {
  // the meeting report of the same figures: the same question, time travel included
  document.getElementById('report-pdf').href = `/api/districts/${encodeURIComponent(code)}/dashboard.pdf?year=${encodeURIComponent(year)}${when()}`;
  document.getElementById('district-label').textContent = d.label + ' — ' + t('year') + ' ' + d.year;
  document.getElementById('headline').textContent = `${d.recognised} / ${d.target}`;
  rows = d.communeRows;
  document.getElementById('weakest').innerHTML = CDS.weakest(d.weakestIndicators);
  const select = document.getElementById('stage-filter');
  if (!select.options.length) {
    select.add(new Option(t('allStages'), ''));
    Object.keys(d.byStage).forEach(s => select.add(new Option(CDS.stage(s), s)));
  }
  render();
  const stages = Object.entries(d.byStage).filter(([, n]) => n > 0);
  if (chart) {
    // a live change updates the chart in place
    chart.data.labels = stages.map(([s]) => CDS.stage(s));
    chart.data.datasets[0].data = stages.map(([, n]) => n);
    chart.update('none');
  } else chart = new Chart(document.getElementById('stage-chart'), {
    type: 'bar', data: { labels: stages.map(([s]) => CDS.stage(s)), datasets: [{ label: t('communes'), data: stages.map(([, n]) => n), backgroundColor: '#0b4f8a' }] },
    options: { animation: false, indexAxis: 'y', plugins: { legend: { display: false } } }
  });
}
document.getElementById('filter').oninput = render;
document.getElementById('stage-filter').onchange = render;
// "where does this count come from": each recognised commune with its decision, who recorded it and when
document.getElementById('recognised-explain').textContent = CDS.lang === 'vi' ? 'Số liệu này từ đâu?' : 'Where does this come from?';
document.getElementById('recognised-explain').onclick = event => {
  event.preventDefault();
  CDS.explainRecognised(document.getElementById('explain'), code, year);
};
// the page as shown at an instant does not change with today's events: loaded once, not again at each of them
let shownAsOfInstant = false;
CDS.live(() => shownAsOfInstant && document.getElementById('known-at').value ? Promise.resolve()
  : reload().then(() => { shownAsOfInstant = true; }), { view: ([d]) => show(d) });
