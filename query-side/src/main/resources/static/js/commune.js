const { t, fmt, esc, api } = CDS;
const code = CDS.param('code', '14923'), year = CDS.param('year', '2022'), asOf = CDS.param('asOf', '');
CDS.header(t('commune') + ' ' + code + ' · ' + year);
document.querySelectorAll('[data-t]').forEach(e => e.textContent = t(e.dataset.t));
let chart;
// auditors and the province step through the card's history event by event
CDS.me().then(me => {
  if (!me.roles.some(r => r === 'AUDITOR' || r === 'PROVINCE')) return;
  const link = document.querySelector('#audit-link a');
  link.href = `/audit.html?code=${encodeURIComponent(code)}&year=${encodeURIComponent(year)}`;
  link.textContent = CDS.lang === 'vi' ? 'Lịch sử từng bước' : 'Step through the history';
  document.getElementById('audit-link').hidden = false;
}).catch(() => {});

function headline(score, method) {
  if (!score) return '—';
  return method === 'POINTS' ? CDS.points(score.points) : `${score.met}/${score.total} ${t('met')}`;
}

async function reload() {
  const path = `/api/communes/${encodeURIComponent(code)}/assessments/${year}`;
  const c = await api(`${path}${asOf ? '?asOf=' + asOf : ''}`);
  // the files of evidence beside each indicator's documents (the same list the commune and the appraiser see)
  const files = await api(`${path}/evidence-files${asOf ? '?asOf=' + asOf : ''}`).catch(() => []);
  document.getElementById('commune-label').textContent = `${c.commune.name} — ${c.frameworkTitle}`;
  document.getElementById('commune-stage').textContent = CDS.stage(c.stage, c.stageVi);
  document.getElementById('commune-stage').dataset.stage = c.stage;
  // an amendment of the points overturned the concluded verdict: it waits for a new conclusion or the province's decision
  const inQuestion = document.getElementById('verdict-in-question');
  inQuestion.hidden = !c.verdictInQuestion;
  inQuestion.textContent = CDS.lang === 'en'
    ? 'The verdict needs review: the amended points give another result'
    : 'Kết luận thẩm định cần xem xét lại: theo điểm đã đính chính, kết quả đã khác';
  document.getElementById('self-score').textContent = headline(c.selfScore, c.scoring);
  document.getElementById('self-counts').textContent = `${t('met')} ${c.selfScore.met} · ${t('inProgress')} ${c.selfScore.inProgress} · / ${c.selfScore.total}`;
  document.getElementById('appraised-score').textContent = headline(c.appraisedScore, c.scoring);
  if (c.district) {
    const link = document.getElementById('district-link');
    link.textContent = c.district.name; link.href = `/district.html?code=${encodeURIComponent(c.district.code)}&year=${year}`;
  }
  document.getElementById('pillars').innerHTML = c.pillars.map(p => `
    <h2>${esc(CDS.lang === 'vi' ? p.name : p.nameEn)} — ${t('met')} ${p.met}/${p.indicators}${c.scoring === 'POINTS' ? ' · ' + CDS.points(p.points) : ''}</h2>
    <table class="pillar"><thead><tr><th>${t('indicator')}</th><th>${t('value')}</th><th class="num">${t('target')}</th><th>${t('status')}</th>
      <th class="num">${t('points')}</th><th>${t('evidence')}</th></tr></thead><tbody>
    ${p.lines.map(l => `<tr data-indicator="${esc(l.code)}"><td><a href="#" class="explain" data-code="${esc(l.code)}"
      title="${CDS.lang === 'vi' ? 'Số liệu này từ đâu' : 'Where this comes from'}">${esc(l.code)}</a>. ${esc(CDS.lang === 'vi' ? l.name : l.nameEn)}</td>
      <td>${esc(l.value ? l.value.display : '—')}</td>
      <td class="num">${l.target === null ? (l.measure === 'BOOLEAN' ? (CDS.lang === 'vi' ? 'Có' : 'Yes') : '—') : fmt(l.target * 100) + '%'}</td>
      <td class="status-${esc(l.status)}">${esc(CDS.status(l.status, l.statusVi))}</td>
      <td class="num">${l.maxPoints === null ? '—' : fmt(l.points) + '/' + fmt(l.maxPoints)}</td>
      <td>${l.evidence.map(e => `${esc(e.number)}${e.date ? ' (' + esc(e.date) + ')' : ''}`).join('; ')}
        <ul class="files">${CDS.filesHtml(files.filter(f => f.indicatorCode === l.code), path)}</ul></td></tr>`).join('')}
    </tbody></table>`).join('');
  document.getElementById('timeline').innerHTML = c.timeline.slice().reverse().map(e =>
    `<li><b>${esc(e.atDisplay)}</b> — ${esc(CDS.lang === 'vi' ? e.summary : e.summaryEn)} <span class="muted">(${esc(e.actor)} · ${esc(e.actorUnit)})</span></li>`).join('');
  if (chart) chart.destroy();
  chart = new Chart(document.getElementById('pillar-chart'), {
    type: 'bar',
    data: { labels: c.pillars.map(p => CDS.lang === 'vi' ? p.name : p.nameEn), datasets: [
      { label: t('met'), data: c.pillars.map(p => p.met), backgroundColor: '#1e8e3e' },
      { label: t('inProgress'), data: c.pillars.map(p => p.inProgress), backgroundColor: '#c77700' } ] },
    options: { animation: false, scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } }
  });
}
// "where does this come from": an indicator's reported and appraised values, who recorded them, when, with which document
const explainDialog = document.getElementById('explain');
document.getElementById('explain-close').textContent = CDS.lang === 'vi' ? 'Đóng' : 'Close';
document.getElementById('pillars').addEventListener('click', async event => {
  const link = event.target.closest('a.explain');
  if (!link) return;
  event.preventDefault();
  const x = await api(`/api/explain/communes/${encodeURIComponent(code)}/assessments/${year}/indicators/${encodeURIComponent(link.dataset.code)}${asOf ? '?asOf=' + asOf : ''}`);
  const vi = CDS.lang === 'vi';
  document.getElementById('explain-title').textContent = `${x.indicator.code}. ${vi ? x.indicator.name : x.indicator.nameEn}`
    + ` — ${vi ? 'điểm tối đa' : 'max points'} ${x.indicator.maxPoints === null ? '—' : fmt(x.indicator.maxPoints)} · ${x.framework.id}`;
  explainDialog.querySelector('thead').innerHTML = `<tr><th>${vi ? 'Thời điểm' : 'At'}</th><th>${vi ? 'Sự kiện' : 'Event'}</th>
    <th>${vi ? 'Người / đơn vị' : 'Who / unit'}</th><th>${vi ? 'Trước' : 'Before'}</th><th>${vi ? 'Sau' : 'After'}</th></tr>`;
  explainDialog.querySelector('tbody').innerHTML = x.events.map(e => `<tr><td>${esc(e.atDisplay)}</td><td>${esc(e.event)}</td>
    <td>${esc(e.subject)} · ${esc(e.role)} · ${esc(e.unit)}</td><td>${esc(e.before ?? '—')}</td><td>${esc(e.after ?? '—')}</td></tr>`).join('');
  explainDialog.showModal();
});
CDS.live(reload);
