package vn.thanhhoa.cds.app;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import vn.thanhhoa.cds.command.referencedata.ReferenceDataLoader;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The event store on PostgreSQL: readable JSON, one writer per stream position, reference data exactly once. */
class EventStoreTest extends PlatformTest {
    @Autowired
    EventStorageEngine storage;
    @Autowired
    ReferenceDataLoader referenceData;

    private static final String STREAM = "event-store-test-stream";

    /** A payload no projection handles, so the shared read models are left alone. */
    record Probe(String note) {
    }

    private static DomainEventMessage<?> event(long sequence) {
        return new GenericDomainEventMessage<>("Probe", STREAM, sequence, new Probe("thử " + sequence));
    }

    private void append(DomainEventMessage<?> event) {
        DefaultUnitOfWork.startAndGet(null).execute(() -> storage.appendEvents(event));
    }

    @Test
    void payloadAndMetadataAreReadableJsonInPlainSql() {
        String payload = jdbc.sql("""
                        select payload::jsonb ->> 'name' from domainevententry
                        where payloadType = 'vn.thanhhoa.cds.events.map.AdministrativeUnitRegistered'
                          and payload::jsonb ->> 'unitId' = '14923@2020-01-01'""")
                .query(String.class).single();
        assertThat(payload).isEqualTo("Thị trấn Cành Nàng");
        JsonNode metaData = read(jdbc.sql("select metaData from domainevententry order by globalIndex limit 1").query(String.class).single());
        assertThat(metaData.isObject()).isTrue();
        assertThat(jdbc.sql("select distinct payloadRevision from domainevententry where payloadType like 'vn.thanhhoa.cds.events.%'").query(String.class).list()).containsExactly("1");
    }

    @Test
    void twoWritersCannotTakeTheSamePositionOfAStream() {
        append(event(0));
        append(event(1));
        assertThatThrownBy(() -> append(event(1))).isInstanceOf(ConcurrencyException.class);
        assertThatThrownBy(() -> append(event(0))).isInstanceOf(AggregateStreamCreationException.class);
        DomainEventStream stream = storage.readEvents(STREAM);
        List<Long> sequences = stream.asStream().map(DomainEventMessage::getSequenceNumber).toList();
        assertThat(sequences).containsExactly(0L, 1L);
        assertThat(stream.asStream().count()).isZero();
        assertThat(storage.readEvents(STREAM).next().getPayload()).isEqualTo(new Probe("thử 0"));
    }

    @Test
    void referenceDataIsRecordedOnceHoweverOftenThePlatformStarts() throws Exception {
        long units = jdbc.sql("select count(*) from domainevententry where payloadType like '%AdministrativeUnitRegistered'")
                .query(Long.class).single();
        // before the reform: the province, 27 districts, 559 communes; the 2025 reform: 166 communes and the appraising body
        assertThat(units).isEqualTo(1 + 27 + 559 + 166 + 1);
        long before = events();
        referenceData.run(new DefaultApplicationArguments());
        assertThat(events()).isEqualTo(before);
        assertThat(jdbc.sql("select count(*) from domainevententry where payloadType like '%CriteriaFrameworkPublished'")
                .query(Long.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from domainevententry where payloadType like '%YearlyTargetsAssigned'")
                .query(Long.class).single()).isEqualTo(4);
    }

    @Test
    void theProvinceDashboardFor2023ListsThe27DistrictsAnd559Communes() {
        JsonNode dashboard = get("/api/province/dashboard?year=2023");
        assertThat(dashboard.path("districts").asInt()).isEqualTo(27);
        assertThat(dashboard.path("communes").asInt()).isEqualTo(559);
        assertThat(dashboard.path("districtRows").size()).isEqualTo(27);
        int communes = 0, targets = 0;
        for (JsonNode row : dashboard.path("districtRows")) {
            communes += row.path("communes").asInt();
            targets += row.path("target").asInt();
        }
        assertThat(communes).isEqualTo(559);
        assertThat(targets).isEqualTo(132);
        assertThat(dashboard.path("targetAllocation").asText()).isEqualTo("PROPORTIONAL_TO_COMMUNE_COUNT");
    }
}
