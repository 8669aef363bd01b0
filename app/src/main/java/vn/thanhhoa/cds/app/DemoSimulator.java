package vn.thanhhoa.cds.app;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import vn.thanhhoa.cds.command.assessment.AssessmentCommands.*;
import vn.thanhhoa.cds.command.assessment.AssessmentDirectory;
import vn.thanhhoa.cds.command.criteria.FrameworkCatalog;
import vn.thanhhoa.cds.command.map.UnitDirectory;
import vn.thanhhoa.cds.events.assessment.AssessmentId;
import vn.thanhhoa.cds.events.common.ActedBy;
import vn.thanhhoa.cds.events.map.UnitId;
import vn.thanhhoa.cds.events.common.DocumentRef;
import vn.thanhhoa.cds.events.criteria.CriteriaFramework;
import vn.thanhhoa.cds.events.criteria.Indicator;
import vn.thanhhoa.cds.events.criteria.IndicatorValue;
import vn.thanhhoa.cds.events.criteria.Measure;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.*;

/**
 * The standalone demo's simulator (off unless {@code cds.simulator.enabled}): every tick it moves one commune of
 * Huyện Bá Thước or Huyện Hà Trung one step through the 2023 lifecycle — register, report, submit, appraisal,
 * conclusion, recognition — through the real command path, acting as the commune, its district and the province. The
 * values are drawn from a seeded random source, so most communes pass and some fall short.
 */
@Component
@ConditionalOnProperty(name = "cds.simulator.enabled", havingValue = "true")
public class DemoSimulator {
    private static final Logger log = LoggerFactory.getLogger(DemoSimulator.class);
    private static final int YEAR = 2023;
    private static final String FRAMEWORK = "TH-XA-1829-2023";
    private static final List<String> DISTRICTS = List.of("386", "392");

    private final CommandGateway commands;
    private final UnitDirectory units;
    private final AssessmentDirectory assessments;
    private final FrameworkCatalog frameworks;
    private final Clock clock;
    private final Random random = new Random(2023);
    private final Map<String, Integer> step = new LinkedHashMap<>();
    private List<UnitDirectory.KnownUnit> communes;

    public DemoSimulator(CommandGateway commands, UnitDirectory units, AssessmentDirectory assessments,
                         FrameworkCatalog frameworks, Clock clock) {
        this.commands = commands;
        this.units = units;
        this.assessments = assessments;
        this.frameworks = frameworks;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${cds.simulator.initial-delay-ms:15000}", fixedRateString = "${cds.simulator.interval-ms:2000}")
    void tick() {
        try {
            if (communes == null) {
                communes = units.communesOf(DISTRICTS, LocalDate.of(YEAR, 12, 31));
            }
            for (UnitDirectory.KnownUnit commune : communes) {
                if (advance(commune)) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            log.warn("Mô phỏng: bỏ qua một bước / simulator skipped a step: {}", e.getMessage());
        }
    }

    /** @return true when it did something */
    private boolean advance(UnitDirectory.KnownUnit commune) {
        AssessmentId id = new AssessmentId(commune.unitId(), YEAR);
        int at = step.getOrDefault(commune.unitId().code(), assessments.find(commune.unitId(), YEAR).isPresent() ? 99 : 0);
        if (at >= 99) {
            return false;
        }
        // a commune that has ceased is acted for by the one that stepped in for it (Succession)
        String officerUnit = units.actingFor(commune.unitId(), LocalDate.now(clock)).map(UnitId::code)
                .orElse(commune.unitId().code());
        ActedBy officer = actor("sim-xa-" + officerUnit, "COMMUNE", officerUnit);
        ActedBy district = actor("sim-huyen-" + commune.parent().code(), "DISTRICT", commune.parent().code());
        ActedBy province = actor("sim-tinh", "PROVINCE", "38");
        CriteriaFramework framework = frameworks.find(FRAMEWORK).orElseThrow();
        boolean strong = random.nextInt(10) < 8;
        switch (at) {
            case 0 -> commands.sendAndWait(new RegisterAssessment(id, FRAMEWORK, officer));
            case 1 -> {
                for (Indicator indicator : framework.indicators()) {
                    commands.sendAndWait(new ReportIndicatorValue(id, indicator.code(), value(indicator, strong),
                            List.of(DocumentRef.of("mô phỏng", LocalDate.now(clock))), officer));
                }
            }
            case 2 -> commands.sendAndWait(new SubmitSelfAssessment(id, DocumentRef.of(random.nextInt(300) + "/BC-UBND", LocalDate.now(clock)), officer));
            case 3 -> commands.sendAndWait(new StartAppraisal(id, district));
            case 4 -> commands.sendAndWait(new ConcludeAppraisal(id, DocumentRef.of(random.nextInt(300) + "/BC-UBND", LocalDate.now(clock)), district));
            case 5, 6, 7 -> {
                try {
                    provinceStep(at, id, province);
                } catch (RuntimeException notPassed) {
                    // appraised Không đạt: stays so
                    step.put(commune.unitId().code(), 99);
                    return true;
                }
            }
            default -> {
                step.put(commune.unitId().code(), 99);
                return false;
            }
        }
        step.put(commune.unitId().code(), at + 1);
        return true;
    }

    /** The department's review and proposal of this one commune, then the chairman's decision over it. */
    private void provinceStep(int at, AssessmentId id, ActedBy province) {
        ActedBy department = actor("sim-so", "DEPARTMENT", "38");
        String proposal = "TTr-" + id.commune().code() + "/" + YEAR;
        switch (at) {
            case 5 -> commands.sendAndWait(new AcceptForReview(id, "", department));
            case 6 -> commands.sendAndWait(new ProposeForRecognition(YEAR, DocumentRef.of(proposal, LocalDate.now(clock)),
                    List.of(id), department));
            default -> commands.sendAndWait(new DecideOnProposal(YEAR, proposal, DocumentRef.of(random.nextInt(9000)
                    + "/QĐ-UBND", LocalDate.now(clock)), List.of(new DecideOnProposal.Outcome(id, true, null)), province));
        }
    }

    /** A strong commune meets its mandatory indicators and most others; a weak one falls short here and there. */
    private IndicatorValue value(Indicator indicator, boolean strong) {
        if (random.nextInt(20) == 0 && !(strong && indicator.mandatory())) {
            return new IndicatorValue.InProgress();
        }
        if (indicator.measure() == Measure.BOOLEAN) {
            return new IndicatorValue.YesNo(strong || random.nextBoolean());
        }
        int denominator = 20 + random.nextInt(200);
        double target = indicator.target().doubleValue();
        double share = strong ? target + random.nextDouble() * (1 - target) : 0.3 + random.nextDouble() * 0.6;
        long numerator = Math.min(denominator, (long) Math.ceil(denominator * share));
        return new IndicatorValue.Ratio(BigDecimal.valueOf(numerator), BigDecimal.valueOf(denominator));
    }

    private ActedBy actor(String subject, String role, String unit) {
        return new ActedBy(subject, role, unit, clock.instant());
    }
}
