package vn.thanhhoa.cds.command.assessment;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import vn.thanhhoa.cds.command.assessment.AssessmentCommands.ReviewVerdict;
import vn.thanhhoa.cds.events.assessment.AssessmentId;
import vn.thanhhoa.cds.events.common.ActedBy;
import vn.thanhhoa.cds.events.common.DocumentRef;
import vn.thanhhoa.cds.events.criteria.FrameworkPointsAmended;
import vn.thanhhoa.cds.infra.eventstore.HandlerFailures;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * When a framework's points are amended, every assessment under it is asked whether its concluded verdict still
 * holds ({@link ReviewVerdict}); the assessment decides and records it. The tracking processor of its own
 * ({@value #GROUP}) only queues the questions (one row each, in the transaction that moves its token); they are
 * asked one at a time, each in a unit of work of its own, so that one amendment never holds a lock on every
 * assessment of a framework or replays them all on one failure. A restart carries on with those not yet asked;
 * asking again records nothing new. The province reads the progress ({@link #progress}).
 */
@Component
@ProcessingGroup(VerdictReviews.GROUP)
public class VerdictReviews {
    private static final Logger log = LoggerFactory.getLogger(VerdictReviews.class);
    /** A question that fails this often (a broken assessment, not the database away) is set aside with its cause. */
    static final int MAX_ATTEMPTS = 5;

    /** Queuing that fails (the database away) is retried, not skipped: the processor stops on it and tries again. */
    @Configuration(proxyBeanMethods = false)
    @org.springframework.scheduling.annotation.EnableScheduling // the questions are asked on a schedule, in every role that holds this
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
    void on(FrameworkPointsAmended event, @MessageIdentifier String amendmentId) {
        DocumentRef decision = event.decision();
        ActedBy actor = event.actedBy();
        jdbc.sql("""
                        insert into cmd_verdict_review (amendment_id, assessment_id, framework_id, decision_number,
                                                        decision_date, decision_title, subject, role, unit, acted_at, queued_at)
                        select :amendment, a.assessment_id, a.framework_id, :number, :date, :title, :subject, :role, :unit,
                               :actedAt, :actedAt
                        from cmd_assessment a
                        where a.framework_id = :framework and not exists (select 1 from cmd_verdict_review r
                              where r.amendment_id = :amendment and r.assessment_id = a.assessment_id)""")
                .param("amendment", amendmentId).param("framework", event.frameworkId())
                .param("number", decision.number()).param("date", decision.date()).param("title", decision.title())
                .param("subject", actor.subject()).param("role", actor.role()).param("unit", actor.unit())
                .param("actedAt", OffsetDateTime.ofInstant(actor.at(), ZoneOffset.UTC))
                .update();
    }

    private record Question(String amendmentId, String assessmentId, String frameworkId, DocumentRef decision, ActedBy actor,
                            int attempts) {
    }

    /** Asks the questions not yet asked, oldest first, a batch at a time; each one its own command. */
    @Scheduled(initialDelayString = "${cds.verdict-reviews.interval-ms:500}", fixedDelayString = "${cds.verdict-reviews.interval-ms:500}")
    public void askPending() {
        List<Question> pending = jdbc.sql("""
                        select amendment_id, assessment_id, framework_id, decision_number, decision_date, decision_title,
                               subject, role, unit, acted_at, attempts
                        from cmd_verdict_review where done_at is null and failure is null
                        order by queued_at, amendment_id, assessment_id limit 100""")
                .query((rs, n) -> new Question(rs.getString(1), rs.getString(2), rs.getString(3),
                        new DocumentRef(rs.getString(4), rs.getObject(5, LocalDate.class), rs.getString(6)),
                        new ActedBy(rs.getString(7), rs.getString(8), rs.getString(9),
                                rs.getObject(10, OffsetDateTime.class).toInstant()), rs.getInt(11))).list();
        for (Question question : pending) {
            try {
                commands.sendAndWait(new ReviewVerdict(AssessmentId.parse(question.assessmentId()), question.frameworkId(),
                        question.decision(), question.actor()));
                jdbc.sql("update cmd_verdict_review set done_at = current_timestamp, attempts = attempts + 1 "
                                + "where amendment_id = :amendment and assessment_id = :assessment")
                        .param("amendment", question.amendmentId()).param("assessment", question.assessmentId()).update();
            } catch (RuntimeException failed) {
                boolean giveUp = question.attempts() + 1 >= MAX_ATTEMPTS;
                log.warn("Xem xét lại kết luận {} ({}) thất bại lần {}{} / reviewing the verdict failed", question.assessmentId(),
                        question.amendmentId(), question.attempts() + 1, giveUp ? ", để riêng" : "", failed);
                try {
                    jdbc.sql("update cmd_verdict_review set attempts = attempts + 1, failure = :failure "
                                    + "where amendment_id = :amendment and assessment_id = :assessment")
                            .param("failure", giveUp ? String.valueOf(failed.getMessage()) : null)
                            .param("amendment", question.amendmentId()).param("assessment", question.assessmentId()).update();
                } catch (RuntimeException databaseAway) {
                    return; // the next run asks again
                }
            }
        }
    }

    /** How far the reviews of a framework's amendments have come. */
    public record Progress(String amendmentId, String decisionNumber, long total, long done, long failed, long pending) {
    }

    public List<Progress> progress(String frameworkId) {
        return jdbc.sql("""
                        select amendment_id, max(decision_number), count(*),
                               sum(case when done_at is not null then 1 else 0 end),
                               sum(case when failure is not null then 1 else 0 end)
                        from cmd_verdict_review where framework_id = :framework
                        group by amendment_id order by min(queued_at)""")
                .param("framework", frameworkId)
                .query((rs, n) -> new Progress(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(3) - rs.getLong(4) - rs.getLong(5))).list();
    }
}
