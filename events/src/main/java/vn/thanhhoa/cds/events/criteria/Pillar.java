package vn.thanhhoa.cds.events.criteria;

import java.util.List;

/**
 * A pillar (trụ cột): Chính quyền số, Kinh tế số, Xã hội số, Hạ tầng và nền tảng số.
 */
public record Pillar(String code, String name, String nameEn, List<Indicator> indicators) {
    public Pillar {
        indicators = List.copyOf(indicators);
    }
}
