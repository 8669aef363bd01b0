package vn.thanhhoa.plain;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.EhCache3Adapter;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.ehcache.CacheManager;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.CacheManagerBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.core.Ehcache;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * What a Spring/Axon engineer would build instead of the platform, for the benchmark to measure the platform against
 * (issue 30), sharing none of its code: Spring MVC, Spring Security's resource server checking the same RS256 bearer
 * tokens, one event-sourced aggregate on Axon's JDBC event store (in a cache, a snapshot every 100 events, handler
 * timeouts off), one tracking processor writing a row per event in batches of 100. Started by
 * {@code cds-bench-exec.jar plain-service}; never by the platform (it lives outside the platform's packages).
 */
@SpringBootApplication
public class PlainService {

    public static ConfigurableApplicationContext start(String... args) {
        System.setProperty("axoniq.update-checker.disabled", "true");
        return new SpringApplicationBuilder(PlainService.class).properties("spring.config.name=plain-service").run(args);
    }

    @Bean(destroyMethod = "close")
    CacheManager plainCacheManager() {
        return CacheManagerBuilder.newCacheManagerBuilder().build(true);
    }

    /**
     * Bounded by count and held strongly: with Axon's WeakReferenceCache an aggregate nobody holds went at the next
     * collection, so how often the service reloaded followed how often its JVM collected, and the comparison swung
     * with it (session 18). This is the service at its best: every aggregate of the run stays loaded.
     */
    @Bean
    Cache plainCache(CacheManager plainCacheManager) {
        return new EhCache3Adapter((Ehcache) plainCacheManager.createCache("aggregates",
                CacheConfigurationBuilder.newCacheConfigurationBuilder(Object.class, Object.class,
                        ResourcePoolsBuilder.heap(20_000)).build()));
    }

    @Bean
    SnapshotTriggerDefinition plainSnapshots(Snapshotter snapshotter) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, 100);
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        return http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests.requestMatchers("/actuator/health/**").permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(server -> server.jwt(jwt -> { }))
                .build();
    }
}
