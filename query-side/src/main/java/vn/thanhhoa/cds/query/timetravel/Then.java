package vn.thanhhoa.cds.query.timetravel;

import org.springframework.jdbc.core.simple.JdbcClient;
import vn.thanhhoa.cds.query.reference.FrameworkReader;
import vn.thanhhoa.cds.query.reference.MapReader;

import java.util.List;

/**
 * The read store as the platform held it at an instant (a scratch store in memory): a slice runs its own queries
 * over it, so a card or dashboard as known then is read by the same code as today's.
 *
 * @param unreadable the events the replay could not read or apply, each "id: why" (reported, never hidden)
 */
public record Then(JdbcClient jdbc, FrameworkReader frameworks, MapReader maps, List<String> unreadable) {
}
