package vn.thanhhoa.cds.query.live;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import vn.thanhhoa.cds.infra.actor.Actor;
import vn.thanhhoa.cds.infra.problem.ProblemException;
import vn.thanhhoa.cds.infra.problem.ProblemKind;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The caps on open streams, per person and in total, with small caps and no server. */
class LiveUpdatesTest {
    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final LiveUpdates live = new LiveUpdates(2, 3, 1000, meters);

    private static Actor steering(String subject) {
        return new Actor(subject, Set.of(Actor.Role.STEERING), "38");
    }

    private double gauge() {
        return meters.get("cds.live.streams").gauge().value();
    }

    private double refused(String limit) {
        return meters.get("cds.live.streams.refused").tag("limit", limit).counter().count();
    }

    @Test
    void aPersonHasAtMostTheirCapOfStreams() {
        live.subscribe(steering("a"), java.util.Set.of(), null);
        live.subscribe(steering("a"), java.util.Set.of(), null);

        assertThatThrownBy(() -> live.subscribe(steering("a"), java.util.Set.of(), null))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProblemKind.TOO_MANY);
                    assertThat(e.code()).isEqualTo("TOO_MANY_LIVE_STREAMS");
                    assertThat(e.messageVi()).contains("tối đa 2 mỗi người");
                    assertThat(e.messageEn()).contains("at most 2 per person");
                    assertThat(e.details()).containsEntry("retryAfterSeconds", LiveUpdates.RETRY_AFTER_SECONDS);
                });
        assertThat(live.streams("a")).isEqualTo(2);
        assertThat(gauge()).isEqualTo(2);
        assertThat(refused("per-person")).isEqualTo(1);
    }

    @Test
    void theServerHasAtMostItsCapOfStreams() {
        live.subscribe(steering("a"), java.util.Set.of(), null);
        live.subscribe(steering("b"), java.util.Set.of(), null);
        live.subscribe(steering("c"), java.util.Set.of(), null);

        assertThatThrownBy(() -> live.subscribe(steering("d"), java.util.Set.of(), null))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProblemKind.TOO_MANY);
                    assertThat(e.messageVi()).contains("Máy chủ").contains("tối đa 3");
                    assertThat(e.messageEn()).contains("at most 3");
                });
        assertThat(gauge()).isEqualTo(3);
        assertThat(refused("total")).isEqualTo(1);

        live.closeAll();
        assertThat(gauge()).isZero();
        live.subscribe(steering("d"), java.util.Set.of(), null);
        assertThat(gauge()).isEqualTo(1);
    }

    @Test
    void aSessionsStreamsEndWithIt() {
        live.subscribe(steering("a"), java.util.Set.of(), "session-1");
        live.subscribe(steering("a"), java.util.Set.of(), "session-2");
        live.subscribe(steering("b"), java.util.Set.of(), null);

        live.closeSession("session-1");

        assertThat(live.streams("a")).isEqualTo(1);
        assertThat(live.streams("b")).isEqualTo(1);
        assertThat(gauge()).isEqualTo(2);
    }

    /** Someone signing in over a session gives it a new id: the streams opened under the old one end. */
    @Test
    void aSessionsStreamsEndWhenSomeoneSignsInOverIt() {
        live.subscribe(steering("a"), java.util.Set.of(), "session-1");
        live.subscribe(steering("b"), java.util.Set.of(), "session-2");

        new LiveUpdatesWiring.SessionEnds(live).sessionIdChanged(
                new jakarta.servlet.http.HttpSessionEvent(new org.springframework.mock.web.MockHttpSession(null, "session-3")),
                "session-1");

        assertThat(live.streams("a")).isZero();
        assertThat(live.streams("b")).isEqualTo(1);
    }
}
