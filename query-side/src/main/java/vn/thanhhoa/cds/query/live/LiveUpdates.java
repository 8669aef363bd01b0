package vn.thanhhoa.cds.query.live;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import vn.thanhhoa.cds.infra.actor.Actor;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Server-sent events to the open pages: after the read models have committed an event, every page that may read what
 * changed is told (which commune, which year), and fetches what it shows again. Browsers reconnect by themselves
 * after a restart ({@code retry} below).
 */
@Component
public class LiveUpdates {
    private static final Logger log = LoggerFactory.getLogger(LiveUpdates.class);
    private static final long RECONNECT_MS = 2000;

    private record Subscriber(SseEmitter emitter, Actor actor) {
    }

    /** What changed: a commune's assessment (with its appraiser), or reference data (commune null). */
    public record Change(String event, String communeCode, String appraiserCode, Integer year, Instant at) {
    }

    private final CopyOnWriteArrayList<Subscriber> subscribers = new CopyOnWriteArrayList<>();

    public SseEmitter subscribe(Actor actor) {
        SseEmitter emitter = new SseEmitter(30 * 60 * 1000L);
        Subscriber subscriber = new Subscriber(emitter, actor);
        subscribers.add(subscriber);
        emitter.onCompletion(() -> subscribers.remove(subscriber));
        emitter.onTimeout(() -> subscribers.remove(subscriber));
        emitter.onError(e -> subscribers.remove(subscriber));
        send(subscriber, SseEmitter.event().name("hello").reconnectTime(RECONNECT_MS).data(Map.of("at", Instant.now().toString())));
        return emitter;
    }

    public void publish(Change change) {
        for (Subscriber subscriber : subscribers) {
            if (mayRead(subscriber.actor(), change)) {
                send(subscriber, SseEmitter.event().name("change").data(change));
            }
        }
    }

    /** Keeps idle connections open through proxies. */
    @Scheduled(fixedRate = 25_000)
    void heartbeat() {
        subscribers.forEach(s -> send(s, SseEmitter.event().comment("nhịp")));
    }

    public int subscribers() {
        return subscribers.size();
    }

    /** Ends every live connection, as a shutdown does; the pages reconnect by themselves. */
    @jakarta.annotation.PreDestroy
    public void closeAll() {
        subscribers.forEach(s -> s.emitter().complete());
        subscribers.clear();
    }

    private static boolean mayRead(Actor actor, Change change) {
        return actor.readsEverything() || change.communeCode() == null
                || actor.unit().equals(change.communeCode()) || actor.unit().equals(change.appraiserCode());
    }

    private void send(Subscriber subscriber, SseEmitter.SseEventBuilder event) {
        try {
            subscriber.emitter().send(event);
        } catch (IOException | IllegalStateException e) {
            subscribers.remove(subscriber);
            log.debug("live page gone: {}", e.getMessage());
        }
    }
}
