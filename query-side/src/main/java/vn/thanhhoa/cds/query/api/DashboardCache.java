package vn.thanhhoa.cds.query.api;

import org.springframework.stereotype.Component;
import vn.thanhhoa.cds.query.projection.ReadModelVersion;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The live dashboards, computed once per change of the read models rather than once per request: an answer is kept
 * with the read models' version it was computed at, and served until the version moves on. When it has, the first
 * request computes again and the ones arriving meanwhile wait for that answer instead of computing it too — fifty
 * viewers refreshing after the same event cost one computation.
 * <p>
 * Only today's dashboards are kept (no {@code asOf}): they are the ones many people watch, and their keys are few (a
 * year, a view, a district), so the cache stays small whatever a client asks for.
 */
@Component
public class DashboardCache {
    /** Enough for every district of a few years; a client cannot grow it past this. */
    private static final int MAX_ENTRIES = 512;

    private record Answer(long version, Object value) {
    }

    private final ReadModelVersion version;
    private final Clock clock;
    private final Map<Object, Answer> answers = new ConcurrentHashMap<>();
    private final Map<Object, Object> computing = new ConcurrentHashMap<>();

    public DashboardCache(ReadModelVersion version, Clock clock) {
        this.version = version;
        this.clock = clock;
    }

    /** @param question what is asked (its parts must have equals); today's date is added: the year's map may be today's */
    @SuppressWarnings("unchecked")
    public <T> T get(List<?> question, Supplier<T> compute) {
        Object key = List.of(LocalDate.now(clock), question);
        long now = version.current();
        Answer kept = answers.get(key);
        if (kept != null && kept.version() == now) {
            return (T) kept.value();
        }
        synchronized (computing.computeIfAbsent(key, k -> new Object())) {
            now = version.current();
            kept = answers.get(key);
            if (kept != null && kept.version() == now) {
                return (T) kept.value(); // computed by the request this one waited for
            }
            T value = compute.get();
            if (answers.size() >= MAX_ENTRIES) {
                answers.clear();
            }
            // kept under the version read before computing: if an event committed meanwhile, it is computed again
            answers.put(key, new Answer(now, value));
            return value;
        }
    }
}
