package vn.thanhhoa.cds.command.assessment;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.thanhhoa.cds.command.assessment.AssessmentCommands.ReviewVerdict;
import vn.thanhhoa.cds.events.assessment.AssessmentId;
import vn.thanhhoa.cds.events.criteria.FrameworkPointsAmended;
import vn.thanhhoa.cds.infra.eventstore.HandlerFailures;

/**
 * When a framework's points are amended, every assessment under it is asked whether its concluded verdict still
 * holds ({@link ReviewVerdict}); the assessment decides and records it. A tracking processor of its own
 * ({@value #GROUP}): its position is stored, so a restart carries on, and asking again records nothing new.
 */
@Component
@ProcessingGroup(VerdictReviews.GROUP)
public class VerdictReviews {
    /** A review that fails (the database away) is retried, not skipped: the processor stops on it and tries again. */
    @Configuration(proxyBeanMethods = false)
    static class FailuresAreRetried {
        @Bean
        ConfigurerModule verdictReviewsRetryFailures() {
            return HandlerFailures.propagate(GROUP);
        }
    }

    public static final String GROUP = "verdict-reviews";

    private final CommandGateway commands;
    private final JdbcClient jdbc;

    public VerdictReviews(CommandGateway commands, JdbcClient jdbc) {
        this.commands = commands;
        this.jdbc = jdbc;
    }

    /**
     * On a replay too: a review records only what the current points and values say and nothing twice, so replaying
     * the amendments of a store that predates the reviews puts in question the verdicts they overturned back then.
     */
    @EventHandler
    void on(FrameworkPointsAmended event) {
        jdbc.sql("select assessment_id from cmd_assessment where framework_id = :id order by assessment_id")
                .param("id", event.frameworkId()).query(String.class).list()
                .forEach(id -> commands.sendAndWait(new ReviewVerdict(AssessmentId.parse(id), event.frameworkId(),
                        event.decision(), event.actedBy())));
    }
}
