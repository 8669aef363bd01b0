package vn.thanhhoa.cds.query.history;

import vn.thanhhoa.cds.query.card.CardViews;
import vn.thanhhoa.cds.query.common.VietnameseFormat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

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

    static List<Change> between(CardViews.CommuneCard before, CardViews.CommuneCard after) {
        List<Change> changes = new ArrayList<>();
        compare(changes, "Giai đoạn", "Stage", before, after, CardViews.CommuneCard::stageVi);
        compare(changes, "Điểm tự đánh giá", "Self-assessed score", before, after, card -> score(card, card.selfScore()));
        compare(changes, "Điểm thẩm định", "Appraised score", before, after, card -> score(card, card.appraisedScore()));
        compare(changes, "Điểm kết luận", "Concluded score", before, after, card -> decimal(card.concludedScore()));
        compare(changes, "Kết luận", "Verdict", before, after, card -> verdict(card.concludedPassed()));
        compare(changes, "Cần xem xét lại", "Verdict in question", before, after, card -> card.verdictInQuestion() ? "Có / yes" : null);
        compare(changes, "Báo cáo tự đánh giá", "Self-assessment report", before, after, CardViews.CommuneCard::reportNumber);
        compare(changes, "Quyết định công nhận", "Recognition decision", before, after, CardViews.CommuneCard::recognitionDecision);
        Map<String, CardViews.IndicatorLine> was = lines(before);
        for (CardViews.IndicatorLine line : lines(after).values()) {
            CardViews.IndicatorLine old = was.get(line.code());
            String vi = "Chỉ tiêu " + line.code();
            String en = "Indicator " + line.code();
            compare(changes, vi + ": giá trị", en + ": value", old, line, l -> display(l.value()));
            compare(changes, vi + ": trạng thái", en + ": status", old, line, CardViews.IndicatorLine::statusVi);
            compare(changes, vi + ": điểm", en + ": points", old, line, l -> decimal(l.points()));
            compare(changes, vi + ": giá trị thẩm định", en + ": appraised value", old, line, l -> display(l.appraisedValue()));
            compare(changes, vi + ": kết quả thẩm định", en + ": appraised status", old, line, CardViews.IndicatorLine::appraisedStatus);
        }
        return changes;
    }

    /** One thing shown on both sides; a side that did not exist yet (no card, no line) shows nothing. */
    private static <T> void compare(List<Change> changes, String what, String whatEn, T before, T after,
                                    Function<T, String> shown) {
        String was = before == null ? null : shown.apply(before);
        String is = shown.apply(after);
        if (!Objects.equals(was, is)) {
            changes.add(new Change(what, whatEn, was, is));
        }
    }

    private static Map<String, CardViews.IndicatorLine> lines(CardViews.CommuneCard card) {
        Map<String, CardViews.IndicatorLine> lines = new LinkedHashMap<>();
        if (card != null) {
            card.pillars().forEach(pillar -> pillar.lines().forEach(line -> lines.put(line.code(), line)));
        }
        return lines;
    }

    /** A score as the card headlines it: points where the framework scores points, and the indicators met. */
    private static String score(CardViews.CommuneCard card, CardViews.Score score) {
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
