package vn.thanhhoa.cds.events.criteria;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A criteria framework (bộ chỉ tiêu / bộ tiêu chí) as published by the province: pillars of indicators, a scoring
 * method and a pass rule. Plain data; {@link Scoring} applies it.
 */
public record CriteriaFramework(String id, String title, String basis, int year, ScoringMethod scoring,
                                PassRule passRule, List<Pillar> pillars) {
    public CriteriaFramework {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(scoring, "scoring");
        Objects.requireNonNull(passRule, "passRule");
        pillars = List.copyOf(pillars);
    }

    public List<Indicator> indicators() {
        return pillars.stream().flatMap(p -> p.indicators().stream()).toList();
    }

    public Optional<Indicator> indicator(String code) {
        return indicators().stream().filter(i -> i.code().equals(code)).findFirst();
    }

    public Optional<Pillar> pillarOf(String indicatorCode) {
        return pillars.stream()
                .filter(p -> p.indicators().stream().anyMatch(i -> i.code().equals(indicatorCode)))
                .findFirst();
    }

    public Map<String, Indicator> indicatorsByCode() {
        return indicators().stream().collect(Collectors.toMap(Indicator::code, Function.identity()));
    }

    /** Sum of the points every indicator can earn (1,000 under Decision 1829). */
    public BigDecimal maxPoints() {
        return indicators().stream().map(Indicator::maxPoints).filter(Objects::nonNull)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** The framework as an amendment leaves it: the one rule for what an amendment of points does, on every side. */
    public CriteriaFramework amendedBy(FrameworkPointsAmended amendment) {
        return withPoints(amendment.newPoints());
    }

    /** The same framework with some indicators' points replaced (an amendment). */
    public CriteriaFramework withPoints(Map<String, BigDecimal> newPoints) {
        List<Pillar> amended = pillars.stream()
                .map(p -> new Pillar(p.code(), p.name(), p.nameEn(), p.indicators().stream()
                        .map(i -> newPoints.containsKey(i.code()) ? i.withMaxPoints(newPoints.get(i.code())) : i)
                        .toList()))
                .toList();
        return new CriteriaFramework(id, title, basis, year, scoring, passRule, amended);
    }
}
