package vn.thanhhoa.cds.infra.cache;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

class KeyedUntilChangedTest {
    /** The other nodes, as this node hears them: the listeners registered, called by the test. */
    private final List<Consumer<String>> listeners = new ArrayList<>();
    private final List<String> sent = new ArrayList<>();
    private final NodeSignals signals = new NodeSignals() {
        @Override
        public void listen(String topic, Consumer<String> listener) {
            listeners.add(listener);
        }

        @Override
        public void send(String topic, String detail) {
            sent.add(topic);
        }
    };
    private final Map<String, Integer> table = new HashMap<>(Map.of("15274/2026", 1));
    private final Map<String, Integer> loads = new HashMap<>();
    private Runnable duringLoad = () -> {
    };

    private final KeyedUntilChanged<String, Integer> held = new KeyedUntilChanged<>(signals, "command-assessments", 100, key -> {
        loads.merge(key, 1, Integer::sum);
        Optional<Integer> value = Optional.ofNullable(table.get(key));
        duringLoad.run();
        return value;
    });

    @Test
    void eachKeyIsLoadedOnceAndTheAbsenceIsHeldToo() {
        assertThat(held.get("15274/2026")).contains(1);
        assertThat(held.get("15274/2026")).contains(1);
        assertThat(held.get("15286/2026")).isEmpty();
        assertThat(held.get("15286/2026")).isEmpty();
        assertThat(loads).isEqualTo(Map.of("15274/2026", 1, "15286/2026", 1));
    }

    @Test
    void aChangeHereDropsEveryKeyAndTellsTheOtherNodes() {
        held.get("15274/2026");
        held.get("15286/2026");
        table.put("15286/2026", 2);
        held.changed();
        assertThat(held.get("15286/2026")).contains(2);
        assertThat(held.get("15274/2026")).contains(1);
        assertThat(loads).isEqualTo(Map.of("15274/2026", 2, "15286/2026", 2));
        assertThat(sent).containsExactly("command-assessments");
    }

    @Test
    void aChangeHeardFromAnotherNodeDropsEveryKey() {
        held.get("15274/2026");
        table.put("15274/2026", 3);
        listeners.forEach(listener -> listener.accept(null));
        assertThat(held.get("15274/2026")).contains(3);
    }

    @Test
    void aValueLoadedWhileAChangeWasMadeIsNotKept() {
        duringLoad = () -> {
            table.put("15274/2026", 4);
            held.changed();
        };
        assertThat(held.get("15274/2026")).contains(1); // read before the change: answered, not kept
        duringLoad = () -> {
        };
        assertThat(held.get("15274/2026")).contains(4);
        assertThat(held.get("15274/2026")).contains(4);
        assertThat(loads.get("15274/2026")).isEqualTo(2);
    }
}
