package vn.thanhhoa.cds.query.reference;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.thanhhoa.cds.infra.cache.LoadedUntilChanged;
import vn.thanhhoa.cds.infra.cache.NodeSignals;

/**
 * The map over time as the queries read it, held in memory until the reference projection changes it: a dashboard or
 * a card does not read the few thousand rows of the map for every request.
 */
@Component
public class MapReader {
    private final LoadedUntilChanged<MapSnapshot> map;

    public MapReader(JdbcClient jdbc, NodeSignals signals) {
        this.map = new LoadedUntilChanged<>(signals, "read-map", () -> new MapSnapshot(jdbc));
    }

    public MapSnapshot current() {
        return map.get();
    }

    /** Called by a projection that wrote the map's tables, in its transaction (or after the tables were replaced). */
    public void changed() {
        map.changed();
    }
}
