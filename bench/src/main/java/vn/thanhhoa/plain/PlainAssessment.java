package vn.thanhhoa.plain;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A commune's assessment for a year: registered once, then indicator values reported with their documents. */
@Aggregate(cache = "plainCache", snapshotTriggerDefinition = "plainSnapshots")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE)
public class PlainAssessment {
    public record Register(@TargetAggregateIdentifier String id, String commune, int year, String frameworkId) {
    }

    public record Report(@TargetAggregateIdentifier String id, String indicatorCode, String measure, BigDecimal numerator,
                         BigDecimal denominator, Boolean value, List<String> documents, String subject) {
    }

    public record Registered(String id, String commune, int year, String frameworkId, Instant at) {
    }

    public record Reported(String id, String indicatorCode, String measure, BigDecimal numerator, BigDecimal denominator,
                           Boolean value, List<String> documents, String subject, Instant at) {
    }

    @AggregateIdentifier
    private String id;
    private String commune;
    private final Map<String, String> values = new HashMap<>();

    protected PlainAssessment() {
    }

    @CommandHandler
    public PlainAssessment(Register command) {
        apply(new Registered(command.id(), command.commune(), command.year(), command.frameworkId(), Instant.now()));
    }

    @CommandHandler
    public void handle(Report command) {
        if ("RATIO".equals(command.measure())) {
            if (command.numerator() == null || command.denominator() == null || command.denominator().signum() <= 0
                    || command.numerator().compareTo(command.denominator()) > 0) {
                throw new IllegalArgumentException("a ratio needs 0 <= numerator <= denominator, denominator > 0");
            }
        } else if ("BOOLEAN".equals(command.measure()) && command.value() == null) {
            throw new IllegalArgumentException("a yes/no value is required");
        }
        apply(new Reported(id, command.indicatorCode(), command.measure(), command.numerator(), command.denominator(),
                command.value(), command.documents(), command.subject(), Instant.now()));
    }

    @EventSourcingHandler
    void on(Registered event) {
        id = event.id();
        commune = event.commune();
    }

    @EventSourcingHandler
    void on(Reported event) {
        values.put(event.indicatorCode(), event.measure() + ":" + event.numerator() + "/" + event.denominator() + ":" + event.value());
    }
}
