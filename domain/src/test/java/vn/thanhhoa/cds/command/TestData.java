package vn.thanhhoa.cds.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.test.aggregate.AggregateTestFixture;
import vn.thanhhoa.cds.command.assessment.CommuneAssessment;
import vn.thanhhoa.cds.command.assessment.MapFacts;
import vn.thanhhoa.cds.command.reporting.ReportingCalendar;
import vn.thanhhoa.cds.command.criteria.FrameworkCatalog;
import vn.thanhhoa.cds.events.common.ActedBy;
import vn.thanhhoa.cds.events.common.DocumentRef;
import vn.thanhhoa.cds.events.criteria.CriteriaFramework;
import vn.thanhhoa.cds.events.criteria.IndicatorValue;
import vn.thanhhoa.cds.events.map.Share;
import vn.thanhhoa.cds.events.map.UnitId;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Real units and frameworks of Thanh Hóa for the tests, and the people who act on them. */
public final class TestData {
    public static final LocalDate MAP_2020 = LocalDate.of(2020, 1, 1);
    public static final UnitId CANH_NANG = new UnitId("14923", MAP_2020);   // Thị trấn Cành Nàng
    public static final UnitId BA_THUOC = new UnitId("386", MAP_2020);      // Huyện Bá Thước
    public static final UnitId HA_TRUNG_TOWN = new UnitId("15271", MAP_2020); // Thị trấn Hà Trung
    public static final UnitId HA_TRUNG = new UnitId("392", MAP_2020);      // Huyện Hà Trung
    public static final Instant AT = Instant.parse("2022-12-16T02:00:00Z");
    public static final DocumentRef REPORT_255 = new DocumentRef("255/BC-UBND", LocalDate.of(2022, 12, 16),
            "Báo cáo kết quả thực hiện các nội dung, chỉ tiêu Chuyển đổi số năm 2022");
    public static final DocumentRef APPRAISAL = DocumentRef.of("12/BC-UBND", LocalDate.of(2023, 1, 10));
    public static final DocumentRef RECOGNITION = DocumentRef.of("1234/QĐ-UBND", LocalDate.of(2023, 2, 1));

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());
    public static final CriteriaFramework FRAMEWORK_2022 = framework("TH-XA-2022.json");
    public static final CriteriaFramework FRAMEWORK_1829 = framework("TH-XA-1829-2023.json");

    private TestData() {
    }

    /** The map before the reform as the rules see it: Cành Nàng under Huyện Bá Thước, which appraises it; neither reorganised. A stand-in for the map's lookups. */
    public static final MapFacts BA_THUOC_MAP = new MapFacts() {
        @Override
        public Optional<UnitId> appraiserOf(UnitId commune, LocalDate day) {
            return commune.equals(CANH_NANG) ? Optional.of(BA_THUOC) : Optional.empty();
        }

        @Override
        public boolean isSuccessor(UnitId predecessor, UnitId successor) {
            return false;
        }

        @Override
        public Map<UnitId, LocalDate> unitsCoded(String code) {
            Map<UnitId, LocalDate> units = new HashMap<>();
            Stream.of(CANH_NANG, BA_THUOC).filter(unit -> unit.code().equals(code)).forEach(unit -> units.put(unit, null));
            return units;
        }

        @Override
        public Map<UnitId, Share> predecessorsOf(UnitId successor) {
            return Map.of();
        }
    };

    public static ActedBy commune(UnitId commune) {
        return new ActedBy("can-bo-" + commune.code(), "COMMUNE", commune.code(), AT);
    }

    public static ActedBy district(UnitId district) {
        return new ActedBy("tham-dinh-" + district.code(), "DISTRICT", district.code(), AT);
    }

    public static ActedBy province() {
        return new ActedBy("so-tttt", "PROVINCE", "38", AT);
    }

    /** Sở Thông tin và Truyền thông, in its role of reviewing appraisals and proposing communes for recognition. */
    public static ActedBy department() {
        return new ActedBy("so-tttt-xem-xet", "DEPARTMENT", "38", AT);
    }

    /** An assessment of Huyện Bá Thước under the 2022 framework, in a year with no reporting period set. */
    public static AggregateTestFixture<CommuneAssessment> baThuocAssessmentFixture() {
        AggregateTestFixture<CommuneAssessment> fixture = new AggregateTestFixture<>(CommuneAssessment.class);
        fixture.registerInjectableResource(catalog(FRAMEWORK_2022));
        fixture.registerInjectableResource(BA_THUOC_MAP);
        fixture.registerInjectableResource((ReportingCalendar) year -> Optional.empty());
        return fixture;
    }

    public static IndicatorValue ratio(long numerator, long denominator) {
        return new IndicatorValue.Ratio(BigDecimal.valueOf(numerator), BigDecimal.valueOf(denominator));
    }

    public static IndicatorValue yes() {
        return new IndicatorValue.YesNo(true);
    }

    /** The catalog the command handlers consult, holding the real frameworks. */
    public static FrameworkCatalog catalog(CriteriaFramework... frameworks) {
        Map<String, CriteriaFramework> byId = new HashMap<>();
        for (CriteriaFramework f : frameworks) {
            byId.put(f.id(), f);
        }
        return id -> Optional.ofNullable(byId.get(id));
    }

    public static CriteriaFramework framework(String file) {
        try (InputStream in = TestData.class.getResourceAsStream("/reference-data/" + file)) {
            return JSON.readValue(in, CriteriaFramework.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The province's decisions on the years, as the rules read them: 2022 under the 2022 list, 2023 onwards under
     * Decision 1829, no reporting period unless a test opens one. A stand-in for the lookup, not the thing under test.
     */
    public static final class Calendar implements vn.thanhhoa.cds.command.reporting.ReportingCalendar {
        private final Map<Integer, YearRules> years = new HashMap<>();

        public Calendar() {
            years.put(2022, new YearRules(2022, "TH-XA-2022", null, Map.of()));
            for (int year = 2023; year <= 2026; year++) {
                years.put(year, new YearRules(year, "TH-XA-1829-2023", null, Map.of()));
            }
        }

        public Calendar withPeriod(int year, vn.thanhhoa.cds.command.reporting.ReportingWindow period,
                                   Map<UnitId, java.time.LocalDate> extensions) {
            years.put(year, new YearRules(year, years.get(year).frameworkId(), period, extensions));
            return this;
        }

        public Calendar without(int year) {
            years.remove(year);
            return this;
        }

        @Override
        public Optional<YearRules> year(int year) {
            return Optional.ofNullable(years.get(year));
        }
    }
}
