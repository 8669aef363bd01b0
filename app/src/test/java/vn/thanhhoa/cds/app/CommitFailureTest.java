package vn.thanhhoa.cds.app;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A command whose transaction fails after the aggregate decided — here PostgreSQL itself refuses the commit, through a
 * deferred constraint trigger that fires at COMMIT, after the events and the Idempotency-Key were written — leaves
 * neither an event nor an idempotency record: the retry with the same key runs the command anew. Xã Đông Tiến.
 */
class CommitFailureTest extends PlatformTest {
    private static final String COMMUNE = "16405";
    private static final String MARKER = "TỪ CHỐI KHI GHI";

    @AfterEach
    void removeTrigger() {
        jdbc.sql("drop trigger if exists refuse_at_commit on domainevententry").update();
        jdbc.sql("drop function if exists refuse_at_commit()").update();
    }

    @Test
    void aTransactionThatFailsAtCommitLeavesNeitherEventNorIdempotencyRecord() {
        String base = "/api/communes/" + COMMUNE + "/assessments";
        assertThat(post(base, Map.of("year", 2023, "frameworkId", "TH-XA-1829-2023"), As.commune(COMMUNE))
                .getStatusCode().value()).isEqualTo(201);
        jdbc.sql("create function refuse_at_commit() returns trigger language plpgsql as $$ begin"
                + " if new.payload like '%" + MARKER + "%' then raise exception 'refused at commit'; end if;"
                + " return null; end $$").update();
        jdbc.sql("""
                create constraint trigger refuse_at_commit after insert on domainevententry
                deferrable initially deferred for each row execute function refuse_at_commit()""").update();
        Map<String, Object> value = Map.of("measure", "RATIO", "numerator", 30, "denominator", 31,
                "evidence", java.util.List.of(Map.of("number", MARKER)));
        long before = events();

        ResponseEntity<String> failed = send(HttpMethod.PUT, base + "/2023/indicators/1.1", value, As.commune(COMMUNE), "commit-1");

        assertThat(failed.getStatusCode().value()).as(failed.getBody()).isEqualTo(500);
        assertThat(read(failed.getBody()).path("code").asText()).isEqualTo("INTERNAL_ERROR");
        assertThat(events()).as("no event").isEqualTo(before);
        assertThat(jdbc.sql("select count(*) from idempotency_key where idempotency_key = 'commit-1'")
                .query(Long.class).single()).as("no idempotency record").isZero();

        removeTrigger();
        ResponseEntity<String> retried = send(HttpMethod.PUT, base + "/2023/indicators/1.1", value, As.commune(COMMUNE), "commit-1");
        assertThat(retried.getStatusCode().value()).as(retried.getBody()).isEqualTo(204);
        assertThat(events()).isEqualTo(before + 1);
    }
}
