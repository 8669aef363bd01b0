package vn.thanhhoa.cds.query.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * always sees the change it was told of. Otherwise the first request computes again and the ones arriving meanwhile
 * wait for that answer instead of computing it too: fifty viewers refreshing after the same event cost one
 * computation, and a steady stream of events costs at most a few computations a second, whatever the number of viewers.
 * <p>
 * Only today's dashboards are kept (no {@code asOf}): they are the ones many people watch, and their keys are few (a
 * year, a view, a district), so the cache stays small whatever a client asks for.
 */
@Component
public class DashboardCache {
    /** The header in which a page names the read-model position it has been told of. */
    public static final String AT_LEAST = "X-Read-Model-At-Least";
    /** Enough for every district of a few years; a client cannot grow it past this. */
    private static final int MAX_ENTRIES = 512;

    private record Answer(long epoch, long position, long computedAt, byte[] body, String etag) {
    }

    private final ReadModelVersion version;
    private final ObjectMapper json;
    private final Clock clock;
    private final long maxStalenessNanos;
    private final Map<Object, Answer> answers = new ConcurrentHashMap<>();
    private final Map<Object, Object> computing = new ConcurrentHashMap<>();

    public DashboardCache(ReadModelVersion version, ObjectMapper json, Clock clock,
                          @Value("${cds.dashboards.max-staleness-ms:250}") long maxStalenessMs) {
        this.version = version;
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
        Answer answer = answer(List.of(LocalDate.now(clock), question), atLeast == null ? -1 : atLeast, compute);
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok().eTag(answer.etag())
                // the browser keeps the bytes and asks again with If-None-Match: a 304 moves no body
                .cacheControl(CacheControl.noCache().cachePrivate());
        if (ifNoneMatch != null && ifNoneMatch.contains(answer.etag())) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(answer.etag())
                    .cacheControl(CacheControl.noCache().cachePrivate()).build();
        }
        return ok.contentType(MediaType.APPLICATION_JSON).body(answer.body());
    }

    private Answer answer(Object key, long atLeast, Supplier<?> compute) {
        Answer kept = answers.get(key);
        if (fresh(kept, atLeast)) {
            return kept;
        }
        synchronized (computing.computeIfAbsent(key, k -> new Object())) {
            kept = answers.get(key);
            if (fresh(kept, atLeast)) {
                return kept; // computed by the request this one waited for
            }
            // read before computing: if an event commits meanwhile, the answer is not taken for the newer epoch
            long epoch = version.epoch();
            long position = version.position();
            byte[] body = serialise(compute.get());
            Answer answer = new Answer(epoch, position, System.nanoTime(), body, etag(body));
            if (answers.size() >= MAX_ENTRIES) {
                answers.clear();
                computing.clear(); // its keys carry the day too: without this, one lock object a key a day for ever
            }
            answers.put(key, answer);
            return answer;
        }
    }

    private boolean fresh(Answer kept, long atLeast) {
        if (kept == null || kept.position() < atLeast) {
            return false;
        }
        return kept.epoch() == version.epoch() || System.nanoTime() - kept.computedAt() < maxStalenessNanos;
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
