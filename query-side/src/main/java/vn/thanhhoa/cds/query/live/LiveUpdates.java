package vn.thanhhoa.cds.query.live;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import vn.thanhhoa.cds.infra.actor.Actor;
import vn.thanhhoa.cds.infra.problem.ProblemException;
import vn.thanhhoa.cds.infra.problem.ProblemKind;
import vn.thanhhoa.cds.query.common.DashboardCache;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Server-sent events to the open pages: after the read models have committed an event, every page that may read what
 * changed is told (which commune, which year), and fetches what it shows again. Browsers reconnect by themselves
 * after a restart ({@code retry} below).
 * <p>
 * Each stream holds a connection for up to 30 minutes, so there are at most {@code cds.live.max-streams-per-person}
 * per person (the pages of one browser share one stream, js/live-worker.js) and {@code cds.live.max-streams} in all;
 * beyond them a request is refused (429, Retry-After). A stream is dropped as soon as a write to it fails. Nothing
 * reads from a stream's connection, so a client's close is only noticed by writing, and the first write after it is
 * still accepted (the client answers it with a reset): the heartbeat writes to every stream every
 * {@value #HEARTBEAT_SECONDS} s, and drops a stream whose client has gone by the second heartbeat after it went.
 * <p>
 * A page hears of changes at most once per {@code cds.live.min-interval-ms} (1 s): the first change at once, the
 * ones after it gathered into one message at the end of the interval. On a deadline day, with hundreds of events a
 * minute, a province page then fetches once a second rather than once per event, and fifty open pages cost the read
 * side fifty fetches a second of one cached answer (DashboardCache), not fifty computations per event.
 * <p>
 * A stream may also follow dashboards its pages asked for (LiveViews): it is then sent their changes as 'view'
 * messages, and those pages fetch nothing on a change.
 */
@Component
public class LiveUpdates {
    private static final Logger log = LoggerFactory.getLogger(LiveUpdates.class);
    private static final long RECONNECT_MS = 2000;
    private static final long TIMEOUT_MS = 30 * 60 * 1000L;
    static final int HEARTBEAT_SECONDS = 5;
    /** By then a stream whose page has gone has been dropped. */
    public static final int RETRY_AFTER_SECONDS = 2 * HEARTBEAT_SECONDS;

    /**
     * @param mandate the unit ids the person reads for (their claim's unit today and the predecessors it stepped in for)
     * @param session the HTTP session the stream was opened with (null for a bearer token): it ends with it
     */
    private record Subscriber(String id, SseEmitter emitter, Actor actor, Set<String> mandate, String session, Pace pace,
                              Map<String, String> views) {
    }

    /** The views a stream follows at most (its tabs' dashboards): the least recently asked for is let go first. */
    static final int MAX_VIEWS_PER_STREAM = 16;

    /** When the stream was last told of a change, and the latest change it has not been told of yet. */
    private static final class Pace {
        private long lastSent = Long.MIN_VALUE / 2;
        private Change pending;
    }

    /**
     * What changed: a commune's assessment (with its appraiser), or reference data (commune null). Units by id
     * ({@code 14923@2025-07-01}): a code alone does not say which unit. {@code version}: the read models' position
     * after it, which the page asks its next answers to include (DashboardCache).
     */
    public record Change(String event, String assessmentId, String communeCode, String communeId, String appraiserId,
                         Integer year, Instant at, long version) {
        public Change withVersion(long newVersion) {
            return new Change(event, assessmentId, communeCode, communeId, appraiserId, year, at, newVersion);
        }
    }

    private final CopyOnWriteArrayList<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    /**
     * What changed since the followed views were last sent: the years of the assessments changed, whether anything else
     * did, and when the latest change was recorded.
     */
    private Set<Integer> changedYears = new java.util.HashSet<>();
    private boolean changedOtherwise;
    private Instant latestChange;
    private final int maxPerPerson;
    private final int maxTotal;
    private final long minIntervalNanos;
    private final Counter refusedPerPerson;
    private final Counter refusedInTotal;

    public LiveUpdates(@Value("${cds.live.max-streams-per-person:4}") int maxPerPerson,
                       @Value("${cds.live.max-streams:2000}") int maxTotal,
                       @Value("${cds.live.min-interval-ms:1000}") long minIntervalMs, MeterRegistry meters) {
        this.maxPerPerson = maxPerPerson;
        this.maxTotal = maxTotal;
        this.minIntervalNanos = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(minIntervalMs);
        Gauge.builder("cds.live.streams", subscribers, CopyOnWriteArrayList::size)
                .description("Open live streams (server-sent events)").register(meters);
        refusedPerPerson = Counter.builder("cds.live.streams.refused").tag("limit", "per-person")
                .description("Live streams refused at a cap").register(meters);
        refusedInTotal = Counter.builder("cds.live.streams.refused").tag("limit", "total")
                .description("Live streams refused at a cap").register(meters);
    }

    /**
     * Opens a stream for the actor, or refuses it (TOO_MANY) at a cap. At the person's cap their streams are written
     * to first: one whose page is gone fails and no longer counts, at once or by the retry.
     */
    public SseEmitter subscribe(Actor actor, Set<String> mandate, String session) {
        return subscribe(actor, mandate, session, null);
    }

    /**
     * As {@link #subscribe(Actor, Set, String)}, for an identity valid until {@code until} (a bearer token's expiry):
     * the stream ends then, and the client opens a new one with its new token.
     */
    public SseEmitter subscribe(Actor actor, Set<String> mandate, String session, Instant until) {
        if (streams(actor.subject()) >= maxPerPerson) {
            subscribers.stream().filter(s -> s.actor().subject().equals(actor.subject()))
                    .forEach(s -> send(s, SseEmitter.event().comment("nhịp")));
        }
        long timeout = until == null ? TIMEOUT_MS
                : Math.max(1, Math.min(TIMEOUT_MS, java.time.Duration.between(Instant.now(), until).toMillis()));
        SseEmitter emitter = new SseEmitter(timeout);
        Subscriber subscriber = new Subscriber(java.util.UUID.randomUUID().toString(), emitter, actor, Set.copyOf(mandate),
                session, new Pace(), viewMap());
        synchronized (subscribers) {
            if (subscribers.size() >= maxTotal) {
                refusedInTotal.increment();
                throw new ProblemException(ProblemKind.TOO_MANY, "TOO_MANY_LIVE_STREAMS", null,
                        "Máy chủ đang phục vụ quá nhiều kết nối cập nhật trực tiếp (tối đa " + maxTotal
                                + "); vui lòng thử lại sau.",
                        "The server has too many live connections open (at most " + maxTotal + "); retry later.",
                        Map.of("maxStreams", maxTotal, "retryAfterSeconds", RETRY_AFTER_SECONDS));
            }
            if (streams(actor.subject()) >= maxPerPerson) {
                refusedPerPerson.increment();
                throw new ProblemException(ProblemKind.TOO_MANY, "TOO_MANY_LIVE_STREAMS", null,
                        "Bạn đang mở quá nhiều kết nối cập nhật trực tiếp (tối đa " + maxPerPerson
                                + " mỗi người); hãy đóng bớt trình duyệt đang mở trang này hoặc thử lại sau.",
                        "You have too many live connections open (at most " + maxPerPerson
                                + " per person); close a browser showing the platform, or retry later.",
                        Map.of("maxStreams", maxPerPerson, "retryAfterSeconds", RETRY_AFTER_SECONDS));
            }
            subscribers.add(subscriber);
        }
        emitter.onCompletion(() -> subscribers.remove(subscriber));
        emitter.onTimeout(() -> {
            subscribers.remove(subscriber);
            emitter.complete(); // the stream ends quietly; the page reconnects by itself
        });
        emitter.onError(e -> subscribers.remove(subscriber));
        // the subject tells the pages of a browser whose stream this is (a shared worker outlives a sign-out); the
        // stream's id is what they name when they ask for a view to follow (LiveViews)
        send(subscriber, SseEmitter.event().name("hello").reconnectTime(RECONNECT_MS)
                .data(Map.of("at", Instant.now().toString(), "subject", actor.subject(), "stream", subscriber.id())));
        return emitter;
    }

    public void publish(Change change) {
        synchronized (this) {
            if (latestChange == null || change.at().isAfter(latestChange)) {
                latestChange = change.at();
            }
            if (change.communeCode() == null || change.year() == null) {
                changedOtherwise = true; // reference data: the map, a framework, the targets
            } else {
                changedYears.add(change.year());
            }
        }
        long now = System.nanoTime();
        for (Subscriber subscriber : subscribers) {
            if (mayRead(subscriber, change)) {
                boolean sendNow;
                synchronized (subscriber.pace()) {
                    sendNow = now - subscriber.pace().lastSent >= minIntervalNanos;
                    if (sendNow) {
                        subscriber.pace().lastSent = now;
                        subscriber.pace().pending = null;
                    } else {
                        subscriber.pace().pending = change;
                    }
                }
                if (sendNow) {
                    send(subscriber, SseEmitter.event().name("change").data(change));
                }
            }
        }
    }

    /** Tells the streams whose interval has run out of the latest change they were not told of. */
    @Scheduled(fixedDelay = 100)
    public void flush() {
        long now = System.nanoTime();
        for (Subscriber subscriber : subscribers) {
            Change due = null;
            synchronized (subscriber.pace()) {
                if (subscriber.pace().pending != null && now - subscriber.pace().lastSent >= minIntervalNanos) {
                    due = subscriber.pace().pending;
                    subscriber.pace().pending = null;
                    subscriber.pace().lastSent = now;
                }
            }
            if (due != null) {
                send(subscriber, SseEmitter.event().name("change").data(due));
            }
        }
    }

    /**
     * The stream {@code stream}, opened by {@code subject}, follows the view {@code key} from the answer tagged
     * {@code etag}: it is sent the view's changes from then on (LiveViews). False when there is no such stream of theirs.
     */
    public boolean follow(String stream, String subject, String key, String etag) {
        for (Subscriber subscriber : subscribers) {
            if (subscriber.id().equals(stream) && subscriber.actor().subject().equals(subject)) {
                synchronized (subscriber.views()) {
                    subscriber.views().put(key, etag);
                }
                return true;
            }
        }
        return false;
    }

    /** The views some open stream follows. */
    public Set<String> followedViews() {
        Set<String> keys = new java.util.HashSet<>();
        for (Subscriber subscriber : subscribers) {
            synchronized (subscriber.views()) {
                keys.addAll(subscriber.views().keySet());
            }
        }
        return keys;
    }

    /**
     * What changed since the views were last sent: the years whose assessments changed, whether anything
     * else did (reference data, which any view may show), and when the latest change was recorded. Taken: the next
     * call answers what came after.
     */
    public synchronized ViewChanges takeViewChanges() {
        ViewChanges changes = new ViewChanges(changedYears, changedOtherwise, latestChange);
        changedYears = new java.util.HashSet<>();
        changedOtherwise = false;
        return changes;
    }

    /**
     * @param years     the year of each assessment changed
     * @param otherwise anything else changed
     * @param latest    when the latest change published so far was recorded (null before any)
     */
    public record ViewChanges(Set<Integer> years, boolean otherwise, Instant latest) {
        public boolean none() {
            return years.isEmpty() && !otherwise;
        }

        /** Whether an answer about {@code year} may have changed. */
        public boolean touch(int year) {
            return otherwise || years.contains(year);
        }
    }

    /**
     * Sends the view {@code key}'s new answer to the streams following it: as {@code patch} to a stream that was sent
     * the answer tagged {@code baseEtag}, whole ({@code whole}) to one that holds another or none, and as
     * {@code unchanged} to one that holds it already (the page then knows it is current). Each message is written once.
     */
    public void tellView(String key, String etag, String baseEtag, Supplier<String> patch, Supplier<String> whole,
                         String unchanged) {
        for (Subscriber subscriber : subscribers) {
            String held;
            synchronized (subscriber.views()) {
                held = subscriber.views().get(key);
                if (held == null) {
                    continue;
                }
                subscriber.views().put(key, etag);
            }
            String message = held.equals(etag) ? unchanged
                    : held.equals(baseEtag) && baseEtag != null ? patch.get() : whole.get();
            send(subscriber, SseEmitter.event().name("view").data(message, MediaType.APPLICATION_JSON));
        }
    }

    /** Whether some open stream reads only some communes (and so needs to know whose a change is). */
    public boolean anyScoped() {
        return subscribers.stream().anyMatch(s -> !s.actor().readsEverything());
    }

    /** Keeps idle connections open through proxies, and finds the streams whose page is gone. */
    @Scheduled(fixedRate = HEARTBEAT_SECONDS * 1000L)
    public void heartbeat() {
        subscribers.forEach(s -> send(s, SseEmitter.event().comment("nhịp")));
    }

    public int subscribers() {
        return subscribers.size();
    }

    /** The streams open for one person. */
    public int streams(String subject) {
        return (int) subscribers.stream().filter(s -> s.actor().subject().equals(subject)).count();
    }

    /** A signed-out (or expired) session's streams end with it: its pages stop receiving, and learn why on reconnect. */
    public void closeSession(String session) {
        subscribers.stream().filter(s -> session.equals(s.session())).forEach(s -> {
            subscribers.remove(s);
            s.emitter().complete();
        });
    }

    /**
     * Ends every live connection; the pages reconnect by themselves. Done first at shutdown: an open stream is an
     * active request, which a graceful shutdown would otherwise wait for until its timeout.
     */
    @EventListener(ContextClosedEvent.class)
    public void closeAll() {
        subscribers.forEach(s -> s.emitter().complete());
        subscribers.clear();
    }

    private static Map<String, String> viewMap() {
        return new java.util.LinkedHashMap<>(4, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > MAX_VIEWS_PER_STREAM;
            }
        };
    }

    private static boolean mayRead(Subscriber subscriber, Change change) {
        return subscriber.actor().readsEverything() || change.communeId() == null
                || subscriber.mandate().contains(change.communeId()) || subscriber.mandate().contains(change.appraiserId());
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
