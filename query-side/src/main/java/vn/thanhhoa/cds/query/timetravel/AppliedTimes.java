package vn.thanhhoa.cds.query.timetravel;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.thanhhoa.cds.query.common.Dashboards;
import vn.thanhhoa.cds.query.common.PlannedEachTime;
import vn.thanhhoa.cds.query.common.ReadBatch;
import vn.thanhhoa.cds.query.common.Stored;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * When the {@value Dashboards#GROUP} processor applied each event (table {@code read_model_applied}), written in the
 * transaction that applied it, just before it commits: what the pages showed at an instant is what had been applied
 * by then, which is what "as known at" answers (KnownAt) — not what the events' stamps say, 30–120 ms earlier. The
 * versions the projection kept for the event are moved to that time too. An event applied again (a replay) keeps the
 * time it was first applied; a rebuild takes the versions' times from here (ReadModelRebuild).
 */
@Configuration(proxyBeanMethods = false)
public class AppliedTimes {
    private static final String RESOURCE = AppliedTimes.class.getName();

    @Bean
    ConfigurerModule appliedTimesOfTheDashboards(JdbcClient jdbc, JdbcTemplate batches, Clock clock) {
        boolean held = ReadBatch.heldOn(batches);
        return configurer -> configurer.eventProcessing().registerHandlerInterceptor(Dashboards.GROUP, c ->
                (MessageHandlerInterceptor<EventMessage<?>>) (unitOfWork, chain) -> {
                    ReadBatch.appliedTimesKept();
                    Object result = chain.proceed();
                    // by the event's identifier: a token's position is not the place of an event that filled a gap
                    List<String> applied = unitOfWork.root().getOrComputeResource(RESOURCE, k -> {
                        List<String> events = new ArrayList<>();
                        unitOfWork.root().onPrepareCommit(u -> record(jdbc, batches, clock, events, held));
                        return events;
                    });
                    applied.add(unitOfWork.getMessage().getIdentifier());
                    return result;
                });
    }

    /**
     * @param held the projections held the batch's versions and wrote them as known from the batch's applied instant
     *             (ReadBatch): only those of events applied before need their first time
     */
    private static void record(JdbcClient jdbc, JdbcTemplate batches, Clock clock, List<String> ids, boolean held) {
        if (ids.isEmpty()) {
            return;
        }
        ReadBatch.flushAll(); // the versions this moves are written
        if (held) {
            recordOnPostgres(batches, clock, ids);
            return;
        }
        // a dead-lettered event (or one waiting behind it) was not applied: its time is taken when it is, if ever
        List<String> setAside = jdbc.sql("select eventIdentifier from deadletterentry where eventIdentifier in (:ids)")
                .param("ids", ids).query(String.class).list();
        List<String> applied = ids.stream().filter(id -> !setAside.contains(id)).toList();
        if (applied.isEmpty()) {
            return;
        }
        OffsetDateTime now = Stored.time(Objects.requireNonNullElseGet(ReadBatch.appliedAt(clock), clock::instant));
        batches.batchUpdate("""
                        insert into read_model_applied (event_id, applied_at)
                        select ?, ? where not exists (select 1 from read_model_applied where event_id = ?)""",
                applied.stream().map(id -> new Object[]{id, now, id}).toList());
        for (String table : List.of("q_assessment_known", "q_indicator_known")) {
            jdbc.sql("update " + table + " set known_from = (select a.applied_at from read_model_applied a where a.event_id = "
                            + table + ".event_id) where event_id in (:ids)")
                    .param("ids", applied).update();
        }
    }

    /**
     * The same in statements whose text does not depend on the batch's size (the ids as one array), so each is parsed
     * and cached once per connection, not once per batch size. The projections held the batch's versions and wrote
     * them as known from the batch's applied instant: only those of events applied before need their first time.
     */
    private static void recordOnPostgres(JdbcTemplate batches, Clock clock, List<String> ids) {
        OffsetDateTime now = Stored.time(Objects.requireNonNullElseGet(ReadBatch.appliedAt(clock), clock::instant));
        // a dead-lettered event (or one waiting behind it) was not applied: its time is taken when it is, if ever;
        // the events applied now for the first time answer, the others were applied before (a replay)
        List<String> before = batches.query(connection -> {
            PreparedStatement insert = connection.prepareStatement("""
                    with batch as (select id from unnest(?::varchar[]) as batch (id)
                                   where not exists (select 1 from deadletterentry where eventIdentifier = batch.id)),
                         first as (insert into read_model_applied (event_id, applied_at) select id, ? from batch
                                   on conflict (event_id) do nothing returning event_id)
                    select id from batch where id not in (select event_id from first)""");
            insert.setArray(1, connection.createArrayOf("varchar", ids.toArray()));
            insert.setObject(2, now);
            return insert;
        }, (row, n) -> row.getString(1));
        if (before.isEmpty()) {
            return;
        }
        for (String table : List.of("q_assessment_known", "q_indicator_known")) {
            batches.update(PlannedEachTime.byIds("update " + table + " set known_from = (select a.applied_at from "
                    + "read_model_applied a where a.event_id = " + table + ".event_id) where event_id = any(?)", before));
        }
    }
}
