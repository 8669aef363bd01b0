package vn.thanhhoa.cds.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import vn.thanhhoa.cds.command.assessment.AssessmentCommands.RegisterAssessment;
import vn.thanhhoa.cds.command.assessment.AssessmentCommands.ReportIndicatorValue;
import vn.thanhhoa.cds.command.assessment.AssessmentCommands.SubmitSelfAssessment;
import vn.thanhhoa.cds.command.assessment.AssessmentDirectory;
import vn.thanhhoa.cds.command.assessment.AssessmentRequests;
import vn.thanhhoa.cds.command.map.UnitDirectory;
import vn.thanhhoa.cds.command.reporting.ReportingCalendar;
import vn.thanhhoa.cds.command.reporting.ReportingCommands;
import vn.thanhhoa.cds.command.reporting.ReportingYear;
import vn.thanhhoa.cds.events.assessment.AssessmentId;
import vn.thanhhoa.cds.events.common.ActedBy;
import vn.thanhhoa.cds.events.common.DocumentRef;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;

/**
 * Demo data of the standalone run: the real 2022 self-assessment of Thị trấn Cành Nàng (report 255/BC-UBND), fed
 * through the command side as the commune would, once.
 */
@Component
@Order(10)
@ConditionalOnProperty(name = "cds.demo.enabled", havingValue = "true")
public class DemoData implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    /** The seed report as a file: also what the end-to-end test feeds through HTTP. */
    public record SeedReport(String source, String note, String communeCode, String districtCode, int year,
                             String frameworkId, AssessmentRequests.Document report,
                             LinkedHashMap<String, AssessmentRequests.Value> values) {
        public static SeedReport read(ObjectMapper json, String resource) throws IOException {
            try (InputStream in = new ClassPathResource(resource).getInputStream()) {
                return json.readValue(in, SeedReport.class);
            }
        }
    }

    private final CommandGateway commands;
    private final UnitDirectory units;
    private final AssessmentDirectory assessments;
    private final ObjectMapper json;
    private final Clock clock;
    private final ReportingCalendar calendar;

    public DemoData(CommandGateway commands, UnitDirectory units, AssessmentDirectory assessments, ObjectMapper json,
                    Clock clock, ReportingCalendar calendar) {
        this.calendar = calendar;
        this.commands = commands;
        this.units = units;
        this.assessments = assessments;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        openThisYear();
        SeedReport seed = SeedReport.read(json, "demo/canh-nang-2022.json");
        UnitDirectory.KnownUnit commune = units.inForce(seed.communeCode(), LocalDate.of(seed.year(), 12, 31)).orElseThrow();
        if (assessments.find(commune.unitId(), seed.year()).isPresent()) {
            return;
        }
        AssessmentId id = new AssessmentId(commune.unitId(), seed.year());
        ActedBy officer = new ActedBy("demo-can-bo-" + seed.communeCode(), "COMMUNE", seed.communeCode(), clock.instant());
        DocumentRef report = new DocumentRef(seed.report().number(), seed.report().date(), seed.report().title());
        commands.sendAndWait(new RegisterAssessment(id, seed.frameworkId(), officer));
        seed.values().forEach((indicator, value) -> {
            var evidence = new java.util.ArrayList<>(value.evidenceRefs());
            evidence.add(0, report);
            commands.sendAndWait(new ReportIndicatorValue(id, indicator, value.toValue(), evidence, officer));
        });
        commands.sendAndWait(new SubmitSelfAssessment(id, report, officer));
        log.info("Dữ liệu mẫu: {} — {}", seed.source(), id);
    }

    /**
     * So that the demo's commune officers have a year to report: this year assessed under Decision 1829's framework,
     * its reporting open from 01/01 to 31/12 — decisions the province takes through the API in production. Once.
     */
    private void openThisYear() {
        int year = LocalDate.now(clock).getYear();
        if (calendar.year(year).map(rules -> rules.period() != null).orElse(false)) {
            return;
        }
        ActedBy province = ActedBy.system("38", clock.instant());
        DocumentRef decision = new DocumentRef("DEMO-" + year + "/QĐ-UBND", LocalDate.of(year, 1, 1),
                "Quyết định mẫu: kỳ đánh giá chuyển đổi số cấp xã năm " + year);
        commands.sendAndWait(new ReportingCommands.AssignFrameworkToYear(ReportingYear.streamId(year), year,
                "TH-XA-1829-2023", decision, province));
        commands.sendAndWait(new ReportingCommands.OpenReportingPeriod(ReportingYear.streamId(year), year,
                LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31), decision, province));
        log.info("Dữ liệu mẫu: kỳ báo cáo năm {} mở đến 31/12/{}", year, year);
    }
}
