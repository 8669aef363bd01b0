package vn.thanhhoa.cds.infra.work;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * The platform's scheduled work ({@code @Scheduled}: the live pages' messages and heartbeats, the integrity seals, the
 * verdict reviews, the demo's simulator) on a pool of its own, {@code cds.scheduling.threads} (4) threads named
 * {@code scheduled-}. Without it Spring runs all of it on the one thread of the only ScheduledExecutorService in the
 * context, the command retries': a seal of the log held the live pages' messages for as long as it took, and a
 * command's retry waited behind a heartbeat to two thousand streams. Not a bean: a TaskScheduler bean is also an
 * Executor, which would take the place of Spring Boot's own task executor.
 */
@Configuration(proxyBeanMethods = false)
public class ScheduledWork implements SchedulingConfigurer, DisposableBean {
    private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

    public ScheduledWork(@Value("${cds.scheduling.threads:4}") int threads) {
        scheduler.setPoolSize(threads);
        scheduler.setThreadNamePrefix("scheduled-");
        scheduler.setDaemon(true);
        scheduler.initialize();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.setTaskScheduler(scheduler);
    }

    @Override
    public void destroy() {
        scheduler.shutdown();
    }
}
