package vn.thanhhoa.cds.query.api;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one event changed on a commune's card, read off the card before and after it: the stage, the scores, the
 * verdict, and each indicator's value, status, points and appraisal. The auditor's page shows these as "before →
 * after", so that a score's movement is seen next to the event that moved it.
 */
final class CardChanges {
    private CardChanges() {
    }

    public record Change(String what, String whatEn, String before, String after) {
    }

    static List<Change> between(Views.CommuneCard before, Views.CommuneCard after) {
        List<Change> changes = new ArrayList<>();
        compare(changes, "Giai đoạn", "Stage", before == null ? null : before.stageVi(), after.stageVi());
        compare(changes, "Điểm tự đánh giá", "Self-assessed score", before == null ? null : score(before, before.selfScore()),
                score(after, after.selfScore()));
        compare(changes, "Điểm thẩm định", "Appraised score", before == null ? null : score(before, before.appraisedScore()),
                score(after, after.appraisedScore()));
        compare(changes, "Điểm kết luận", "Concluded score", decimal(before == null ? null : before.concludedScore()), decimal(after.concludedScore()));
        compare(changes, "Kết luận", "Verdict", verdict(before == null ? null : before.concludedPassed()), verdict(after.concludedPassed()));
        compare(changes, "Cần xem xét lại", "Verdict in question", before == null || !before.verdictInQuestion() ? null : "Có / yes",
                after.verdictInQuestion() ? "Có / yes" : null);
        compare(changes, "Báo cáo tự đánh giá", "Self-assessment report", before == null ? null : before.reportNumber(), after.reportNumber());
        compare(changes, "Quyết định công nhận", "Recognition decision", before == null ? null : before.recognitionDecision(), after.recognitionDecision());
        Map<String, Views.IndicatorLine> was = lines(before);
        for (Views.IndicatorLine line : lines(after).values()) {
            Views.IndicatorLine old = was.get(line.code());
            String vi = "Chỉ tiêu " + line.code();
            String en = "Indicator " + line.code();
            compare(changes, vi + ": giá trị", en + ": value", old == null ? null : display(old.value()), display(line.value()));
            compare(changes, vi + ": trạng thái", en + ": status", old == null ? null : old.statusVi(), line.statusVi());
            compare(changes, vi + ": điểm", en + ": points", old == null ? null : decimal(old.points()), decimal(line.points()));
            compare(changes, vi + ": giá trị thẩm định", en + ": appraised value", old == null ? null : display(old.appraisedValue()),
                    display(line.appraisedValue()));
            compare(changes, vi + ": kết quả thẩm định", en + ": appraised status", old == null ? null : old.appraisedStatus(),
                    line.appraisedStatus());
        }
        return changes;
    }

    private static void compare(List<Change> changes, String what, String whatEn, String before, String after) {
        if (!Objects.equals(before, after)) {
            changes.add(new Change(what, whatEn, before, after));
        }
    }

    private static Map<String, Views.IndicatorLine> lines(Views.CommuneCard card) {
        Map<String, Views.IndicatorLine> lines = new LinkedHashMap<>();
        if (card != null) {
            card.pillars().forEach(pillar -> pillar.lines().forEach(line -> lines.put(line.code(), line)));
        }
        return lines;
    }

    /** A score as the card headlines it: points where the framework scores points, and the indicators met. */
    private static String score(Views.CommuneCard card, Views.Score score) {
        if (score == null) {
            return null;
        }
        String met = score.met() + "/" + score.total() + " đạt / met";
        return "POINTS".equals(card.scoring()) && score.pointsDisplay() != null ? score.pointsDisplay() + "; " + met : met;
    }

    private static String decimal(BigDecimal value) {
        return value == null ? null : VietnameseFormat.number(value);
    }

    private static String verdict(Boolean passed) {
        return passed == null ? null : passed ? "Đạt / pass" : "Không đạt / fail";
    }

    private static String display(Map<String, Object> value) {
        return value == null ? null : String.valueOf(value.get("display"));
    }
}
