package vn.thanhhoa.cds.command.referencedata;

import com.fasterxml.jackson.databind.JsonNode;
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
import vn.thanhhoa.cds.command.criteria.FrameworkCatalog;
import vn.thanhhoa.cds.command.criteria.FrameworkCommands.PublishCriteriaFramework;
import vn.thanhhoa.cds.command.map.RegisterAdministrativeUnits;
import vn.thanhhoa.cds.command.map.UnitDirectory;
import vn.thanhhoa.cds.command.targets.AssignYearlyTargets;
import vn.thanhhoa.cds.events.common.ActedBy;
import vn.thanhhoa.cds.events.common.DocumentRef;
import vn.thanhhoa.cds.events.criteria.CriteriaFramework;
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
 * districts, 559 communes), the two criteria frameworks, and the yearly targets of Decision 969/QĐ-UBND. Each part
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

    private static InputStream resource(String name) throws IOException {
        return new ClassPathResource("reference-data/" + name).getInputStream();
    }
}
