package vn.thanhhoa.cds.app;

import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import vn.thanhhoa.cds.events.criteria.IndicatorValue;
import vn.thanhhoa.cds.query.card.AssessmentRow;
import vn.thanhhoa.cds.query.card.BatchedAssessmentStore;
import vn.thanhhoa.cds.query.reference.FrameworkReader;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The live processor's store keeps the assessments its batches committed, and a later batch uses one only while its
 * row in the table is still the version it kept (PostgreSQL's xmin): after another writer, or after the batch that
 * took it rolled back, the row is read again. Batches run here as the processor runs them — a unit of work with its
 * transaction — on a store of the test's own, over the platform's read tables on PostgreSQL.
 */
class KeptAssessmentsTest extends PlatformTest {
    private static final String ID = "kept-" + System.nanoTime() + "@2031";

    @Autowired
    JdbcTemplate tables;
    @Autowired
    FrameworkReader frameworks;
    @Autowired
    PlatformTransactionManager transactions;

    private BatchedAssessmentStore store;

    @BeforeEach
    void registered() {
        store = new BatchedAssessmentStore(tables, frameworks, Clock.systemUTC());
        AssessmentRow row = new AssessmentRow();
        row.assessmentId = ID;
        row.communeId = "15775@2020-01-01";
        row.communeCode = "15775";
        row.year = 2031;
        row.frameworkId = "TH-XA-1829-2023";
        row.stage = "REGISTERED";
        row.registeredAt = Instant.parse("2031-01-05T02:00:00Z");
        row.lastUpdate = row.registeredAt;
        IndicatorValue value = new IndicatorValue.Ratio(BigDecimal.valueOf(5), BigDecimal.valueOf(31));
        row.indicators.put("3.2", new AssessmentRow.Indicator(frameworks.write(value), value, null, row.registeredAt,
                null, null, null, null));
        batch(store -> {
            store.insert(row);
            return null;
        });
    }

    @AfterEach
    void removed() {
        tables.update("delete from q_indicator where assessment_id = ?", ID);
        tables.update("delete from q_assessment where assessment_id = ?", ID);
    }

    @Test
    void anAssessmentNobodyChangedSinceIsTakenAsTheLastBatchLeftIt() {
        AssessmentRow first = batch(store -> changed(store, "KQ-1"));
        AssessmentRow second = batch(store -> changed(store, "KQ-2"));

        assertThat(second).isSameAs(first); // not read again
        assertThat(reportNumber()).isEqualTo("KQ-2");
    }

    @Test
    void anAssessmentAnotherWriterChangedIsReadAgain() {
        AssessmentRow first = batch(store -> changed(store, "KQ-1"));
        tables.update("update q_assessment set stage = 'SUBMITTED' where assessment_id = ?", ID); // another node, a replay

        AssessmentRow second = batch(store -> changed(store, "KQ-2"));

        assertThat(second).isNotSameAs(first);
        assertThat(second.stage).isEqualTo("SUBMITTED");
        assertThat(tables.queryForObject("select stage from q_assessment where assessment_id = ?", String.class, ID))
                .isEqualTo("SUBMITTED"); // the other writer's change is not written over
        assertThat(second.indicators.get("3.2").reported()).isEqualTo(first.indicators.get("3.2").reported());
    }

    @Test
    void anAssessmentWhoseBatchRolledBackIsReadAgainAsTheTableHoldsIt() {
        AssessmentRow first = batch(store -> changed(store, "KQ-1"));
        assertThatThrownBy(() -> batch(store -> {
            changed(store, "KQ-rolled-back");
            throw new IllegalStateException("the batch fails after changing the assessment in memory");
        })).isInstanceOf(IllegalStateException.class);

        AssessmentRow third = batch(store -> store.find(ID).orElseThrow());

        assertThat(third).isNotSameAs(first);
        assertThat(third.reportNumber).isEqualTo("KQ-1");
        assertThat(reportNumber()).isEqualTo("KQ-1");
    }

    private static AssessmentRow changed(BatchedAssessmentStore store, String reportNumber) {
        AssessmentRow row = store.find(ID).orElseThrow();
        row.reportNumber = reportNumber;
        store.update(row, List.of());
        return row;
    }

    private String reportNumber() {
        return tables.queryForObject("select report_number from q_assessment where assessment_id = ?", String.class, ID);
    }

    /** One batch of the processor: a unit of work with its transaction, committed when {@code work} returns. */
    private <T> T batch(Function<BatchedAssessmentStore, T> work) {
        DefaultUnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("a batch"));
        batch.attachTransaction(new SpringTransactionManager(transactions));
        var result = batch.executeWithResult(() -> work.apply(store));
        if (result.isExceptional()) {
            throw result.exceptionResult() instanceof RuntimeException e ? e : new IllegalStateException(result.exceptionResult());
        }
        return result.getPayload();
    }
}
