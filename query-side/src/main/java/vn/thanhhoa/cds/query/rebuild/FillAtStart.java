package vn.thanhhoa.cds.query.rebuild;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * An empty read store beside an event store with history is filled by the rebuild's fold at start
 * ({@link ReadStoreFill#prepareFillAtStart}), not by the processors replaying the history event by event (~1 000
 * events a second: hours for a country). Two steps of the application's start: before Axon starts its processors
 * (Axon's own phase is {@code Integer.MAX_VALUE - 3072}) their tokens are set at the head, and once they have started,
 * before the web server takes requests ({@code Integer.MAX_VALUE - 1024}), they are stopped and the fold fills in the
 * background. {@code cds.rebuild.fill-at-start-from}: the fewest stored events worth it (0: never).
 */
@Configuration(proxyBeanMethods = false)
class FillAtStart {

    @Bean
    SmartLifecycle readStoreFillPrepared(ReadStoreFill fill, @Value("${cds.rebuild.fill-at-start-from:20000}") long from) {
        return step(Integer.MAX_VALUE - 4096, () -> fill.prepareFillAtStart(from));
    }

    @Bean
    SmartLifecycle readStoreFilled(ReadStoreFill fill) {
        return step(Integer.MAX_VALUE - 2048, () -> {
            try {
                fill.fillAtStart();
            } catch (Exception e) {
                throw new IllegalStateException("the read models' processors could not be stopped for the fill", e);
            }
        });
    }

    private static SmartLifecycle step(int phase, Runnable step) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                step.run();
                running = true;
            }

            @Override
            public void stop() {
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            @Override
            public int getPhase() {
                return phase;
            }
        };
    }
}
