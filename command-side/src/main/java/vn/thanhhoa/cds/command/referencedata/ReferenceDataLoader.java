package vn.thanhhoa.cds.command.referencedata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import vn.thanhhoa.cds.command.reporting.ReportingCommands.AssignFrameworkToYear;
import vn.thanhhoa.cds.command.reporting.ReportingYear;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import vn.thanhhoa.cds.command.criteria.FrameworkCatalog;
import vn.thanhhoa.cds.command.criteria.FrameworkCommands.PublishCriteriaFramework;
import vn.thanhhoa.cds.command.map.MapCommands.DesignateAppraisalAuthority;
import vn.thanhhoa.cds.command.map.MapCommands.ReorganiseMap;
import vn.thanhhoa.cds.command.map.RegisterAdministrativeUnits;
import vn.thanhhoa.cds.command.map.UnitDirectory;
import vn.thanhhoa.cds.command.targets.AssignYearlyTargets;
import vn.thanhhoa.cds.events.common.ActedBy;
import vn.thanhhoa.cds.events.common.DocumentRef;
import vn.thanhhoa.cds.events.criteria.CriteriaFramework;
import vn.thanhhoa.cds.events.map.UnitId;
import vn.thanhhoa.cds.events.map.UnitLevel;
import vn.thanhhoa.cds.events.targets.TargetAllocation;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * At start, records the reference data as events — exactly once: the map of Thanh Hóa before the 2025 reform (27
 * districts, 559 communes), then the 2025 reform (166 communes, no districts), the two criteria frameworks, and the
 * yearly targets of Decision 969/QĐ-UBND. Each part
 * is skipped when the store already holds it, and the aggregates ignore what they already have, so a second start
 * appends nothing.
 */
@Component
@Order(0)
@ConditionalOnProperty(name = "cds.reference-data.load", havingValue = "true", matchIfMissing = true)
public class ReferenceDataLoader implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(ReferenceDataLoader.class);
    static final String PROVINCE = "38";
    static final List<String> FRAMEWORKS = List.of("TH-XA-2022.json", "TH-XA-1829-2023.json");
    static final LocalDate DECISION_969_DATE = LocalDate.of(2022, 3, 18);
    /** the appraiser of communes without a district: a provincial body, recorded as a unit of level AGENCY */
    public static final UnitId APPRAISER_2025 = new UnitId("38-SKHCN", Reform2025.EFFECTIVE);
    static final String APPRAISER_2025_BASIS = "Sở KH&CN tiếp nhận vai trò của Sở TT&TT cũ trong thẩm định chuyển đổi số cấp xã "
            + "(ghi nhận khi nạp bản đồ 2025; thay bằng số quyết định giao nhiệm vụ chính thức)";

    private final CommandGateway commands;
    private final UnitDirectory units;
    private final FrameworkCatalog frameworks;
    private final ObjectMapper json;
    private final Clock clock;

    public ReferenceDataLoader(CommandGateway commands, UnitDirectory units, FrameworkCatalog frameworks,
                               ObjectMapper json, Clock clock) {
        this.commands = commands;
        this.units = units;
        this.frameworks = frameworks;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        ActedBy system = ActedBy.system(PROVINCE, clock.instant());
        PreReformMap map = PreReformMap.read(resource("thanh-hoa-communes.csv"));
        if (units.count() == 0) {
            int registered = commands.sendAndWait(new RegisterAdministrativeUnits(PROVINCE, map.units(), PreReformMap.BASIS, system));
            log.info("Bản đồ hành chính: {} đơn vị đã ghi nhận / administrative units registered", registered);
        }
        for (String file : FRAMEWORKS) {
            CriteriaFramework framework = json.readValue(resource(file), CriteriaFramework.class);
            if (frameworks.find(framework.id()).isEmpty()) {
                commands.sendAndWait(new PublishCriteriaFramework(framework.id(), framework, system));
                log.info("Bộ tiêu chí {} đã ban hành / framework published", framework.id());
            }
        }
        assignFrameworksToYears(system);
        recordReform2025(map, system);
        JsonNode targets = json.readTree(resource("TH-targets-969-2022.json"));
        for (Iterator<Map.Entry<String, JsonNode>> it = targets.get("communeTargets").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> year = it.next();
            int total = year.getValue().asInt();
            commands.sendAndWait(new AssignYearlyTargets(PROVINCE, Integer.parseInt(year.getKey()), total,
                    TargetSplit.proportional(total, map.communesPerDistrict()),
                    TargetAllocation.PROPORTIONAL_TO_COMMUNE_COUNT,
                    new DocumentRef("969/QĐ-UBND", DECISION_969_DATE, targets.get("basis").asText()), system));
        }
    }

    /**
     * Which framework each year of the record was assessed under: 2022 by the indicator list of CV 2115/STTTT-CNTT,
     * 2023–2025 by Decision 1829/QĐ-UBND ("đến năm 2025"). A later year is the province's decision (the API).
     */
    private void assignFrameworksToYears(ActedBy system) {
        DocumentRef list2022 = new DocumentRef("2115/STTTT-CNTT", LocalDate.of(2022, 10, 5),
                "Hướng dẫn chỉ tiêu chuyển đổi số cấp xã năm 2022");
        DocumentRef decision1829 = new DocumentRef("1829/QĐ-UBND", LocalDate.of(2023, 5, 30),
                "Tiêu chí chuyển đổi số cấp xã đến năm 2025");
        commands.sendAndWait(new AssignFrameworkToYear(ReportingYear.streamId(2022), 2022, "TH-XA-2022", list2022, system));
        for (int year = 2023; year <= 2025; year++) {
            commands.sendAndWait(new AssignFrameworkToYear(ReportingYear.streamId(year), year, "TH-XA-1829-2023", decision1829, system));
        }
    }

    /**
     * The two-tier map from 01/07/2025 (recorded once, by the reorganisation's id), and who appraises communes from
     * then on: the provincial department of science and technology, which took over the former Sở TT&TT's role.
     */
    private void recordReform2025(PreReformMap before, ActedBy system) throws IOException {
        ReorganiseMap reform = Reform2025.read(resource("thanh-hoa-communes-2025.csv"),
                resource("thanh-hoa-lineage-2025-detailed.csv"), before, system);
        int changed = commands.sendAndWait(reform);
        if (changed > 0) {
            log.info("Sắp xếp đơn vị hành chính 2025: {} đơn vị mới, {} thay đổi / 2025 reform recorded",
                    reform.newUnits().size(), changed);
        }
        UnitId province = new UnitId(PROVINCE, PreReformMap.EFFECTIVE_FROM);
        commands.sendAndWait(new RegisterAdministrativeUnits(PROVINCE, List.of(new RegisterAdministrativeUnits.Unit(
                APPRAISER_2025, "Sở Khoa học và Công nghệ tỉnh Thanh Hóa", UnitLevel.AGENCY, "so", province)),
                APPRAISER_2025_BASIS, system));
        if (units.designatedAppraiser(Reform2025.EFFECTIVE).isEmpty()) {
            commands.sendAndWait(new DesignateAppraisalAuthority(PROVINCE, APPRAISER_2025, Reform2025.EFFECTIVE,
                    new DocumentRef("Ghi nhận khi nạp bản đồ 2025", Reform2025.EFFECTIVE, APPRAISER_2025_BASIS), system));
        }
    }

    private static InputStream resource(String name) throws IOException {
        return new ClassPathResource("reference-data/" + name).getInputStream();
    }
}
