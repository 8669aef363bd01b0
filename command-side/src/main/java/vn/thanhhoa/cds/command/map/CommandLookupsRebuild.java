package vn.thanhhoa.cds.command.map;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.thanhhoa.cds.command.assessment.AssessmentDirectory;
import vn.thanhhoa.cds.command.criteria.FrameworkLookup;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The command-side lookups ({@value UnitDirectory#GROUP}) are derived from the events, so they can be derived again:
 * emptied and rebuilt from the whole event store in one transaction, by the same handlers that keep them as events are
 * appended. At start when they are empty but the store is not (a new node, or a migration that emptied them), or
 * always with {@code cds.command-lookups.rebuild-at-start=true}; before the reference data is looked at.
 */
@Component
@Order(-1)
public class CommandLookupsRebuild implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(CommandLookupsRebuild.class);
    private static final List<String> TABLES = List.of("cmd_assessment", "cmd_lineage", "cmd_appraiser", "cmd_unit_parent",
            "cmd_framework", "cmd_unit", "cmd_reporting_extension", "cmd_reporting_year");

    private final EventStorageEngine events;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final List<AnnotationEventHandlerAdapter> lookups;
    private final boolean always;

    public CommandLookupsRebuild(EventStorageEngine events, JdbcClient jdbc, PlatformTransactionManager transactions,
                                 UnitDirectory units, AssessmentDirectory assessments, FrameworkLookup frameworks,
                                 vn.thanhhoa.cds.command.reporting.ReportingCalendarLookup calendar,
                                 @Value("${cds.command-lookups.rebuild-at-start:false}") boolean always) {
        this.events = events;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.lookups = Stream.of(units, assessments, frameworks, calendar).map(AnnotationEventHandlerAdapter::new).toList();
        this.always = always;
    }

    @Override
    public void run(ApplicationArguments args) {
        boolean empty = jdbc.sql("select count(*) from cmd_unit").query(Long.class).single() == 0;
        boolean stored = jdbc.sql("select count(*) from domainevententry").query(Long.class).single() > 0;
        if (stored && (always || empty)) {
            long applied = rebuild();
            log.info("Tra cứu phía lệnh dựng lại từ {} sự kiện / command-side lookups rebuilt from {} events", applied, applied);
        }
    }

    /** Empties the lookups and applies every stored event to them again, in order; all or nothing. */
    public long rebuild() {
        return transaction.execute(status -> {
            TABLES.forEach(table -> jdbc.sql("delete from " + table).update());
            AtomicLong applied = new AtomicLong();
            try (Stream<? extends EventMessage<?>> stored = events.readEvents(null, false)) {
                stored.forEach(event -> {
                    for (AnnotationEventHandlerAdapter lookup : lookups) {
                        if (lookup.canHandle(event)) {
                            try {
                                lookup.handle(event);
                            } catch (Exception e) {
                                throw new IllegalStateException("Rebuilding the lookups failed at event " + event.getIdentifier(), e);
                            }
                        }
                    }
                    applied.incrementAndGet();
                });
            }
            return applied.get();
        });
    }
}
