// The auditor's page: one commune's year event by event, with the card as it stood after each event (replayed by the
// platform's own projections) and what the event changed, before → after.
const { esc } = CDS;
const vi = CDS.lang === 'vi';
const code = CDS.param('code', '14923'), year = CDS.param('year', '2022');
CDS.header((vi ? 'Lịch sử hồ sơ' : 'Assessment history') + ' ' + code + ' · ' + year);
const events = {
  AssessmentRegistered: ['Đăng ký đánh giá', 'Registered for the year'],
  IndicatorValueReported: ['Cập nhật giá trị chỉ tiêu', 'Indicator value reported'],
  SelfAssessmentSubmitted: ['Nộp báo cáo tự đánh giá', 'Self-assessment submitted'],
  AppraisalStarted: ['Bắt đầu thẩm định', 'Appraisal started'],
  IndicatorAppraised: ['Thẩm định chỉ tiêu', 'Indicator appraised'],
  AssessmentReturnedForRevision: ['Trả lại để bổ sung', 'Returned for revision'],
  AppraisalConcluded: ['Kết luận thẩm định', 'Appraisal concluded'],
  AssessmentReturnedWithReasons: ['Trả lại để bổ sung', 'Returned for revision'],
  ReturnAnswered: ['Giải trình lý do trả lại', 'Return answered'],
  IndicatorCommented: ['Ghi chú chỉ tiêu', 'Indicator commented'],
  SelfAssessmentWithdrawn: ['Rút lại báo cáo', 'Submission withdrawn'],
  EvidenceFileAttached: ['Đính kèm tệp minh chứng', 'Evidence file attached'],
  AppraisalCouncilAssigned: ['Giao hội đồng thẩm định', 'Appraisal council assigned'],
  AppraisalAcceptedForReview: ['Sở tiếp nhận xem xét', 'Taken into the department\'s review'],
  AppraisalSentBack: ['Sở trả lại đơn vị thẩm định', 'Sent back to the appraiser'],
  OnSiteInspectionRecorded: ['Kiểm tra thực tế', 'On-site inspection'],
  ProposedForRecognition: ['Đề nghị công nhận', 'Proposed for recognition'],
  CommuneRecognised: ['Công nhận xã', 'Commune recognised'],
  RecognitionDeclined: ['Không công nhận', 'Recognition declined'],
  RecognitionDecisionCorrected: ['Đính chính quyết định công nhận', 'Recognition decision corrected'],
  RecognitionRevoked: ['Thu hồi công nhận', 'Recognition revoked'],
  VerdictInvalidatedByAmendment: ['Kết luận cần xem xét lại do đính chính điểm', 'Verdict in question after an amendment'],
  RecognitionConfirmedAfterAmendment: ['Giữ công nhận sau đính chính', 'Recognition confirmed after an amendment'],
  AssessmentTransferred: ['Chuyển hồ sơ sang đơn vị mới', 'Assessment transferred'],
  AssessmentClosedAsSuperseded: ['Đóng hồ sơ do sắp xếp đơn vị hành chính', 'Closed: commune reorganised'],
  FrameworkPointsAmended: ['Đính chính số điểm của bộ tiêu chí', 'Framework points amended']
};
const text = (vi1, en) => vi ? vi1 : en;
document.getElementById('step-label').textContent = text('Bước', 'Step');
document.getElementById('keys').textContent = text('Phím ← → để lùi, tiến từng bước.', 'Keys ← → step back and forth.');
document.getElementById('stage-label').textContent = CDS.t('stage');
document.getElementById('score-label').textContent = CDS.t('selfScore') + ' · ' + CDS.t('appraised');
document.getElementById('changes-title').textContent = text('Sự kiện này đã thay đổi', 'What this event changed');
document.getElementById('card-title').textContent = text('Hồ sơ sau sự kiện này', 'The card after this event');
document.querySelector('table.changes thead').innerHTML =
  `<tr><th>${text('Nội dung', 'What')}</th><th>${text('Trước', 'Before')}</th><th>${text('Sau', 'After')}</th></tr>`;
document.querySelector('table.pillar thead').innerHTML = `<tr><th>${CDS.t('indicator')}</th><th>${CDS.t('value')}</th>
  <th>${CDS.t('status')}</th><th class="num">${CDS.t('points')}</th><th>${CDS.t('appraised')}</th></tr>`;
const link = document.getElementById('commune-link');
link.href = `/commune.html?code=${encodeURIComponent(code)}&year=${encodeURIComponent(year)}`;
link.textContent = text('← Hồ sơ hiện nay', '← The card today');

let step = Number(CDS.param('step', '0')) || null, steps = null, loading = false;
const score = (s, scoring) => !s ? '—' : (scoring === 'POINTS' ? CDS.points(s.points) + ' · ' : '') + `${s.met}/${s.total} ${CDS.t('met')}`;

async function show(n) {
  if (loading) return;
  loading = true;
  try {
    const s = await CDS.api(`/api/audit/communes/${encodeURIComponent(code)}/assessments/${encodeURIComponent(year)}/steps`
      + (n ? `?step=${n}` : ''));
    step = s.step; steps = s.steps;
    history.replaceState(null, '', `?code=${encodeURIComponent(code)}&year=${encodeURIComponent(year)}&step=${step}`);
    document.getElementById('step').value = step;
    document.getElementById('step').max = steps;
    document.getElementById('steps').textContent = steps;
    const e = s.event, name = events[e.event] || [e.event, e.event];
    document.getElementById('event-at').textContent = `${e.atDisplay} · #${e.globalIndex}`;
    document.getElementById('event-name').textContent = text(name[0], name[1]);
    document.getElementById('event-who').textContent = `${e.subject} · ${e.role} · ${e.unit}`;
    document.getElementById('event-what').textContent = [
      e.indicatorCode ? `${CDS.t('indicator')} ${e.indicatorCode}: ${text(e.before, e.beforeEn) ?? '—'} → ${text(e.after, e.afterEn) ?? '—'}` : '',
      e.document ? `${text('Văn bản', 'Document')} ${e.document}` : ''].filter(Boolean).join(' · ');
    const c = s.after;
    document.getElementById('stage').textContent = CDS.stage(c.stage, c.stageVi);
    document.getElementById('score').textContent = `${score(c.selfScore, c.scoring)} | ${score(c.appraisedScore, c.scoring)}`;
    document.getElementById('changes').innerHTML = s.changes.length === 0
      ? `<tr><td colspan="3" class="muted">${text('Không thay đổi gì trên hồ sơ', 'Nothing on the card changed')}</td></tr>`
      : s.changes.map(x => `<tr><td>${esc(vi ? x.what : x.whatEn)}</td><td>${esc(x.before ?? '—')}</td><td>${esc(x.after ?? '—')}</td></tr>`).join('');
    const changed = new Set(s.changes.map(x => x.whatEn.match(/^Indicator (\S+):/)).filter(Boolean).map(m => m[1]));
    document.getElementById('indicators').innerHTML = c.pillars.flatMap(p => p.lines).map(l =>
      `<tr data-indicator="${esc(l.code)}"${changed.has(l.code) ? ' class="changed"' : ''}><td>${esc(l.code)}. ${esc(vi ? l.name : l.nameEn)}</td>
       <td>${esc(l.value ? l.value.display : '—')}</td><td class="status-${esc(l.status)}">${esc(CDS.status(l.status, l.statusVi))}</td>
       <td class="num">${l.maxPoints === null ? '—' : CDS.fmt(l.points) + '/' + CDS.fmt(l.maxPoints)}</td>
       <td>${esc(l.appraisedValue ? l.appraisedValue.display : '')}</td></tr>`).join('');
    CDS.stamp();
  } finally {
    loading = false;
  }
}
const go = n => { if (steps && n >= 1 && n <= steps && n !== step) show(n); };
document.getElementById('first').onclick = () => go(1);
document.getElementById('previous').onclick = () => go(step - 1);
document.getElementById('next').onclick = () => go(step + 1);
document.getElementById('last').onclick = () => go(steps);
document.getElementById('step').onchange = event => go(Number(event.target.value));
addEventListener('keydown', event => {
  if (event.target.tagName === 'INPUT') return;
  if (event.key === 'ArrowLeft') go(step - 1);
  if (event.key === 'ArrowRight') go(step + 1);
});
// loaded once when the stream opens, not at every event of the province: a step is a replay, and the history it walks
// is the past (a new event of the commune is a new step at the next load)
let shown = false;
CDS.live(() => shown ? Promise.resolve() : show(step).then(() => { shown = true; }));
