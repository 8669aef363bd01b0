package vn.thanhhoa.cds.query.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.flipkart.zjsonpatch.DiffFlags;
import com.flipkart.zjsonpatch.JsonDiff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import vn.thanhhoa.cds.query.common.DashboardCache;
import vn.thanhhoa.cds.query.common.LiveFollowers;
import vn.thanhhoa.cds.query.common.ReadModelVersion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The dashboards a page shows, sent to it as they change instead of fetched again: a page that asks for a dashboard
 * naming its live stream (header {@value DashboardCache#STREAM}) is answered as usual, and from then on its stream carries the
 * answer's changes — a JSON Patch (RFC 6902) from the answer it holds, or the whole answer when it holds another — at
 * most once per {@code cds.live.view-interval-ms} (100 ms) while events land. So a steering committee's page shows a
 * change a moment after it is applied without fetching anything: with one message a second naming the change, a page
 * that fetched at most four times a second would show it up to a quarter of a second late.
 * <p>
 * Each view is computed once per interval whatever the number of pages following it (the shared answer of
 * DashboardCache, which the pages' own fetches are then served from), and only when a change of its year came; a
 * district's answer is kept by DashboardCache until what it shows changes (its communes, their assessments — wherever
 * a transfer moved them), and a view whose answer is the one last sent is not sent again. Each patch is made once for
 * all of them.
 * Only the cached dashboards (today's, in this node's read models) are followed; the ones asked for a past day or
 * instant do not change. Who may see a view is decided when the page asks for it: the person's scope is checked then,
 * exactly as for a fetch, and the view is sent only to the stream that person opened.
 */
@Component
public class LiveViews implements LiveFollowers {
    /** How often the scheduler looks for changes: a check of a flag, nothing computed unless one came. */
    static final long POLL_MS = 20;
    private static final Logger log = LoggerFactory.getLogger(LiveViews.class);

    private final DashboardCache cache;
    private final LiveUpdates live;
    private final ReadModelVersion version;
    private final ObjectMapper json;
    private final long minIntervalNanos;
    /** When the views were last sent (System.nanoTime): only the scheduler's one run at a time touches it. */
    private long lastSent = Long.MIN_VALUE / 2;
    /** The answer each view was last sent as: the base of its next patch. */
    private final Map<String, DashboardCache.Answer> sent = new ConcurrentHashMap<>();

    public LiveViews(DashboardCache cache, LiveUpdates live, ReadModelVersion version, ObjectMapper json,
                     @Value("${cds.live.view-interval-ms:100}") long intervalMs) {
        this.minIntervalNanos = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(intervalMs);
        this.cache = cache;
        this.live = live;
        this.version = version;
        this.json = json;
    }

    @Override
    public void follow(String stream, String subject, String key, String etag) {
        live.follow(stream, subject, key, etag);
    }

    /**
     * After events landed: each followed view computed once, and its change sent to the streams following it — within
     * {@value #POLL_MS} ms of the first change after a quiet moment, then at most once per {@code cds.live.view-interval-ms}.
     */
    @Scheduled(fixedDelay = POLL_MS)
    public void send() {
        long now = System.nanoTime();
        if (now - lastSent < minIntervalNanos) {
            return;
        }
        LiveUpdates.ViewChanges changes = live.takeViewChanges();
        if (changes.none()) {
            return;
        }
        lastSent = now;
        Instant at = changes.latest(); // taken before computing: every answer below includes it
        long position = version.position();
        Set<String> followed = live.followedViews();
        sent.keySet().retainAll(followed);
        for (String key : followed) {
            if (!touched(key, changes)) {
                continue; // another year's: its answer is as it was
            }
            try {
                cache.followed(key, position)
                        .filter(answer -> answer != sent.get(key)) // kept: nothing it shows changed (another district's)
                        .ifPresent(answer -> send(key, answer, at));
            } catch (RuntimeException e) {
                // one view failing (its read model being rebuilt, say) does not keep the others from their pages
                log.warn("live view {} not sent: {}", key, e.toString());
            }
        }
    }

    /**
     * Whether the changes may touch the view: a change of an assessment of its year (province/{year}/…, heatmap/{year},
     * district/{code}/{year}), or of anything else. Which district a change touches is not decided here by the commune
     * an assessment's id names: a transfer moves the assessment to a commune of another district (DashboardCache keeps a
     * district's answer by what it shows instead).
     */
    private static boolean touched(String key, LiveUpdates.ViewChanges changes) {
        String[] parts = key.split("/");
        try {
            int year = Integer.parseInt(parts[0].equals("district") ? parts[2] : parts[1]);
            return changes.touch(year);
        } catch (RuntimeException notAYearView) {
            return true; // a view of another shape: always sent again
        }
    }

    private void send(String key, DashboardCache.Answer answer, Instant at) {
        DashboardCache.Answer before = sent.put(key, answer);
        Supplier<JsonNode> body = once(() -> read(answer.body())); // parsed once, if at all, for all below
        ObjectNode head = json.createObjectNode().put("view", key).put("etag", answer.etag())
                .put("position", answer.position());
        if (at != null) {
            head.put("at", at.toString());
        }
        String unchanged = head.toString();
        Supplier<String> whole = once(() -> head.deepCopy().set("body", body.get()).toString());
        Supplier<String> patch = before == null || before.etag().equals(answer.etag()) ? whole : once(() -> {
            ObjectNode message = head.deepCopy().put("base", before.etag());
            message.set("patch", JsonDiff.asJson(read(before.body()), body.get(),
                    EnumSet.of(DiffFlags.OMIT_MOVE_OPERATION, DiffFlags.OMIT_COPY_OPERATION)));
            return message.toString();
        });
        live.tellView(key, answer.etag(), before == null ? null : before.etag(), patch, whole, unchanged);
    }

    private JsonNode read(byte[] body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Made when first needed, then the same for every stream. */
    private static <T> Supplier<T> once(Supplier<T> make) {
        return new Supplier<>() {
            private T made;

            @Override
            public synchronized T get() {
                if (made == null) {
                    made = make.get();
                }
                return made;
            }
        };
    }
}
