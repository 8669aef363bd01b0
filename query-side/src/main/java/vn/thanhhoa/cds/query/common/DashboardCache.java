package vn.thanhhoa.cds.query.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The live dashboards, computed and serialised once per change of the read models rather than once per request,
 * and served to every viewer as the same bytes with an ETag (a viewer that has them gets 304).
 * <p>
 * An answer is kept with the read models' epoch and position it was computed at. It is served while nothing has
 * changed since; after a change, for at most {@code cds.dashboards.max-staleness-ms} (250 ms) to whoever asks no
 * newer — a page asks for at least the position its last change message named (header {@value #AT_LEAST}), so it
 * always sees the change it was told of. Once half that bound has passed, a viewer is still served the kept answer
 * and a new one is computed in the background (one at a time a question), so that viewers of a dashboard that
 * changes all the time do not wait on its computation. Otherwise the first request computes again and the ones
 * arriving meanwhile wait for that answer instead of computing it too: fifty viewers refreshing after the same event
 * cost one computation, and a steady stream of events costs at most a few computations a second, whatever the number
 * of viewers.
 * <p>
 * A page may also follow an answer (header {@value #STREAM}): its live stream is then sent the answer's changes
 * (query.live's LiveViews, through {@link LiveFollowers}), computed here once for all who follow it.
 * <p>
 * Only today's dashboards are kept (no {@code asOf}): they are the ones many people watch, and their keys are few (a
 * year, a view, a district), so the cache stays small whatever a client asks for.
 */
@Component
public class DashboardCache {
    /** The header in which a page names the read-model position it has been told of. */
    public static final String AT_LEAST = "X-Read-Model-At-Least";
    /** The header naming the live stream (its hello's {@code stream}) that is to follow the answer (LiveFollowers). */
    public static final String STREAM = "X-Live-Stream";
    /** The header naming the view an answer is, as the live stream's messages name it. */
    public static final String VIEW = "X-Live-View";
    /** Enough for every district of a few years; a client cannot grow it past this. */
    private static final int MAX_ENTRIES = 512;

    /**
     * An answer as computed: at the read models' epoch and position read before computing it; {@code scope}, what it
     * depends on beside what names no scope (ReadModelVersion), or null: everything.
     */
    public record Answer(long epoch, long position, long computedAt, byte[] body, String etag, java.util.Set<String> scope) {
    }

    /**
     * A view with what it depends on beside what names no scope (ReadModelVersion's {@code assessment} and
     * {@code commune}): kept, and served as current, until one of them changes — a district's dashboard is not
     * computed again for a change in another district.
     */
    public record Scoped(Object view, java.util.Set<String> scope) {
    }

    private final ReadModelVersion version;
    private final ObjectMapper json;
    private final Clock clock;
    private final long maxStalenessNanos;
    private final Map<Object, Answer> answers = new ConcurrentHashMap<>();
    private final Map<Object, Object> computing = new ConcurrentHashMap<>();
    /** The questions live pages follow, by their view's key. */
    private final Map<String, Followed> followed = new ConcurrentHashMap<>();
    private final ObjectProvider<LiveFollowers> followers;
    /** Computes answers ahead of their staleness bound: one thread, a short queue; what it cannot take waits for a viewer. */
    private final java.util.concurrent.ThreadPoolExecutor ahead = new java.util.concurrent.ThreadPoolExecutor(1, 1,
            0, TimeUnit.SECONDS, new java.util.concurrent.ArrayBlockingQueue<>(64), r -> {
                Thread thread = new Thread(r, "dashboards-ahead");
                thread.setDaemon(true);
                return thread;
            }, new java.util.concurrent.ThreadPoolExecutor.DiscardPolicy());
    private final java.util.Set<Object> computingAhead = ConcurrentHashMap.newKeySet();

    private record Followed(List<?> question, Supplier<?> compute) {
    }

    public DashboardCache(ReadModelVersion version, ObjectMapper json, Clock clock,
                          @Value("${cds.dashboards.max-staleness-ms:250}") long maxStalenessMs,
                          ObjectProvider<LiveFollowers> followers) {
        this.version = version;
        this.followers = followers;
        this.json = json;
        this.clock = clock;
        this.maxStalenessNanos = TimeUnit.MILLISECONDS.toNanos(maxStalenessMs);
    }

    /**
     * @param question    what is asked (its parts must have equals); today's date is added: the year's map may be today's
     * @param atLeast     the position the asker has been told of, or null
     * @param ifNoneMatch the asker's ETag, or null
     */
    public ResponseEntity<byte[]> serve(List<?> question, Long atLeast, String ifNoneMatch, Supplier<?> compute) {
        return serve(answer(question, atLeast == null ? -1 : atLeast, compute), ifNoneMatch).build();
    }

    /**
     * As {@link #serve(List, Long, String, Supplier)}; when the request names a live stream ({@value #STREAM}), that
     * stream follows the answer from now on, if {@code subject} opened it. Call it once the person's scope is checked.
     */
    public ResponseEntity<byte[]> serve(List<?> question, Long atLeast, String ifNoneMatch, String stream, String subject,
                                        Supplier<?> compute) {
        Answer answer = answer(question, atLeast == null ? -1 : atLeast, compute);
        String key = question.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining("/"));
        LiveFollowers live = followers.getIfAvailable();
        if (stream != null && !stream.isBlank() && live != null) {
            if (followed.size() >= MAX_ENTRIES && !followed.containsKey(key)) {
                followed.clear(); // the streams that followed a view let go recompute nothing: they ask again at reconnect
            }
            followed.putIfAbsent(key, new Followed(List.copyOf(question), compute));
            live.follow(stream, subject, key, answer.etag());
        }
        return serve(answer, ifNoneMatch).header(VIEW, key).build();
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        ahead.shutdownNow();
    }

    /** The followed view {@code key}'s answer including at least {@code atLeast}; empty when nobody asked for it here. */
    public java.util.Optional<Answer> followed(String key, long atLeast) {
        Followed view = followed.get(key);
        return view == null ? java.util.Optional.empty() : java.util.Optional.of(answer(view.question(), atLeast, view.compute()));
    }

    /** A response being made: the body comes last, after any header. */
    private record Served(ResponseEntity.BodyBuilder response, byte[] body) {
        Served header(String name, String value) {
            response.header(name, value);
            return this;
        }

        ResponseEntity<byte[]> build() {
            return body == null ? response.build() : response.body(body);
        }
    }

    /** The answer as served: its body, or 304 when the asker holds it. */
    private static Served serve(Answer answer, String ifNoneMatch) {
        if (ifNoneMatch != null && ifNoneMatch.contains(answer.etag())) {
            return new Served(ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(answer.etag())
                    .cacheControl(CacheControl.noCache().cachePrivate()), null);
        }
        // the browser keeps the bytes and asks again with If-None-Match: a 304 moves no body
        return new Served(ResponseEntity.ok().eTag(answer.etag()).cacheControl(CacheControl.noCache().cachePrivate())
                .contentType(MediaType.APPLICATION_JSON), answer.body());
    }

    /** Today's answer to the question, including at least the position {@code atLeast} (-1: any kept one). */
    private Answer answer(List<?> question, long atLeast, Supplier<?> compute) {
        return answerFor(List.<Object>of(LocalDate.now(clock), question), atLeast, compute);
    }

    private Answer answerFor(Object key, long atLeast, Supplier<?> compute) {
        Answer kept = answers.get(key);
        if (fresh(kept, atLeast)) {
            if (!current(kept) && System.nanoTime() - kept.computedAt() > maxStalenessNanos / 2
                    && computingAhead.add(key)) {
                ahead.execute(() -> {
                    try {
                        computeUnlessCurrent(key, compute);
                    } finally {
                        computingAhead.remove(key);
                    }
                });
            }
            return kept;
        }
        return computeUnlessCurrent(key, atLeast, compute);
    }

    /** In the background: the answer again, unless one including the read models' current position is kept by now. */
    private void computeUnlessCurrent(Object key, Supplier<?> compute) {
        computeUnlessCurrent(key, version.position(), compute);
    }

    private Answer computeUnlessCurrent(Object key, long atLeast, Supplier<?> compute) {
        synchronized (computing.computeIfAbsent(key, k -> new Object())) {
            Answer kept = answers.get(key);
            if (fresh(kept, atLeast)) {
                return kept; // computed by the request this one waited for
            }
            // read before computing: if an event commits meanwhile, the answer is not taken for the newer epoch
            long epoch = version.epoch();
            long position = version.position();
            Object view = compute.get();
            Scoped scoped = view instanceof Scoped s ? s : null;
            java.util.Set<String> scope = scoped == null ? null : java.util.Set.copyOf(scoped.scope());
            byte[] body = serialise(scoped == null ? view : scoped.view());
            Answer answer = new Answer(epoch, position, System.nanoTime(), body, etag(body), scope);
            if (answers.size() >= MAX_ENTRIES) {
                answers.clear();
                computing.clear(); // its keys carry the day too: without this, one lock object a key a day for ever
            }
            answers.put(key, answer);
            return answer;
        }
    }

    private boolean fresh(Answer kept, long atLeast) {
        if (kept == null) {
            return false;
        }
        if (kept.scope() != null && atLeast <= version.position() && version.unchangedSince(kept.epoch(), kept.scope())) {
            return true; // as it would be computed now, and now includes what the asker was told of
        }
        if (kept.position() < atLeast) {
            return false;
        }
        return kept.epoch() == version.epoch() || System.nanoTime() - kept.computedAt() < maxStalenessNanos;
    }

    /** Whether the answer is what would be computed now. */
    private boolean current(Answer kept) {
        return kept.epoch() == version.epoch() || kept.scope() != null && version.unchangedSince(kept.epoch(), kept.scope());
    }

    private byte[] serialise(Object view) {
        try {
            return json.writeValueAsBytes(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** By content: the same figures give the same tag, whichever computation or node produced them. */
    private static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
