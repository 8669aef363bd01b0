package vn.thanhhoa.cds.command.criteria;

import vn.thanhhoa.cds.events.common.Limits;
import vn.thanhhoa.cds.events.criteria.CriteriaFramework;
import vn.thanhhoa.cds.events.criteria.Indicator;
import vn.thanhhoa.cds.events.criteria.Measure;
import vn.thanhhoa.cds.events.criteria.Pillar;
import vn.thanhhoa.cds.events.criteria.ScoringMethod;
import vn.thanhhoa.cds.events.common.Rejection;

import java.util.HashSet;
import java.util.Set;

import static vn.thanhhoa.cds.events.common.Bound.*;

/**
 * A framework the province publishes must be one every projection can score: each text and number within its domain
 * ({@link Limits}), at least one indicator, indicator codes unique, a ratio's target (and any target given to a yes/no
 * indicator) above 0 — a target of 0 would divide by zero in every scoring — and at most 1, points for every indicator
 * of a POINTS framework.
 */
public final class FrameworkPolicy {
    private FrameworkPolicy() {
    }

    public static void check(CriteriaFramework framework) {
        IDENTIFIER.require("id", framework.id());
        TITLE.require("title", framework.title());
        TITLE.require("basis", framework.basis());
        YEAR.require("year", framework.year());
        if (framework.passRule().minMet() != null
                && (framework.passRule().minMet() < 0 || framework.passRule().minMet() > Limits.INDICATORS)) {
            throw invalid("INVALID_PASS_RULE", "passRule.minMet", "Số chỉ tiêu phải đạt phải từ 0 đến " + Limits.INDICATORS + ".",
                    "passRule.minMet must be from 0 to " + Limits.INDICATORS + ".");
        }
        POINTS.require("passRule.minPoints", framework.passRule().minPoints());
        REASON.require("passRule.note", framework.passRule().note());
        if (framework.pillars().size() > Limits.PILLARS || framework.indicators().size() > Limits.INDICATORS) {
            throw invalid("TOO_MANY_ITEMS", "pillars", "Bộ tiêu chí có quá " + Limits.PILLARS + " trụ cột hoặc quá "
                            + Limits.INDICATORS + " chỉ tiêu.",
                    "A framework has at most " + Limits.PILLARS + " pillars and " + Limits.INDICATORS + " indicators.");
        }
        if (framework.indicators().isEmpty()) {
            throw invalid("EMPTY_FRAMEWORK", "pillars", "Bộ tiêu chí phải có ít nhất một chỉ tiêu.",
                    "A framework needs at least one indicator.");
        }
        Set<String> codes = new HashSet<>();
        for (int p = 0; p < framework.pillars().size(); p++) {
            Pillar pillar = framework.pillars().get(p);
            String at = "pillars[" + p + "]";
            CODE.require(at + ".code", pillar.code());
            TITLE.require(at + ".name", pillar.name());
            TITLE.require(at + ".nameEn", pillar.nameEn());
            for (int i = 0; i < pillar.indicators().size(); i++) {
                check(framework, pillar.indicators().get(i), at + ".indicators[" + i + "]", codes);
            }
        }
    }

    private static void check(CriteriaFramework framework, Indicator indicator, String at, Set<String> codes) {
        CODE.require(at + ".code", indicator.code());
        if (indicator.code().isBlank() || !codes.add(indicator.code())) {
            throw invalid("DUPLICATE_INDICATOR", at + ".code", "Mã chỉ tiêu trống hoặc trùng: " + indicator.code() + ".",
                    "Indicator code blank or repeated: " + indicator.code() + ".");
        }
        TITLE.require(at + ".name", indicator.name());
        TITLE.require(at + ".nameEn", indicator.nameEn());
        if (indicator.measure() == Measure.RATIO || indicator.target() != null) {
            if (indicator.target() == null || !Limits.isShare(indicator.target())) {
                throw invalid("INVALID_TARGET_SHARE", at + ".target",
                        "Chỉ tiêu tỷ lệ " + indicator.code() + " cần mức phải đạt lớn hơn 0 và không quá 1 (ví dụ 0,8 là 80%), "
                                + "tối đa " + Limits.SHARE_DECIMALS + " chữ số thập phân.",
                        "Ratio indicator " + indicator.code() + " needs a target above 0 and at most 1, with at most "
                                + Limits.SHARE_DECIMALS + " decimals.");
            }
        }
        if (framework.scoring() == ScoringMethod.POINTS && indicator.maxPoints() == null) {
            throw invalid("MISSING_POINTS", at + ".maxPoints", "Bộ tiêu chí chấm điểm phải ghi điểm tối đa cho mọi chỉ tiêu.",
                    "A POINTS framework needs points for every indicator.");
        }
        POINTS.require(at + ".maxPoints", indicator.maxPoints());
    }

    private static Rejection invalid(String code, String field, String vi, String en) {
        return new Rejection(Rejection.Reason.INVALID, code, field, vi, en);
    }
}
