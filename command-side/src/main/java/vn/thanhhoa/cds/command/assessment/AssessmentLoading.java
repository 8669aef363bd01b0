package vn.thanhhoa.cds.command.assessment;

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
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A command's cost must not grow with its commune's history (a commune reporting 30 indicators monthly writes ~400
 * events a year). Loaded assessments stay in memory, so a command reads no events at all; a node that has not held
 * one yet (a restart, a second node) starts from its latest snapshot and the events after it.
 * <p>
 * A cached assessment that another node has moved on is not trusted blindly: its next append meets the store's unique
 * (aggregate, sequence) key, the unit of work rolls back, which drops the entry, and the command is retried on the
 * state read again (EventStoreConfiguration's retry of lost races).
 */
@Configuration(proxyBeanMethods = false)
public class AssessmentLoading {

    @Bean(destroyMethod = "close")
    CacheManager assessmentCacheManager() {
        return CacheManagerBuilder.newCacheManagerBuilder().build(true);
    }

    /** Bounded by count (not weak references, which the next collection would clear under load). */
    @Bean
    Cache assessmentCache(CacheManager assessmentCacheManager,
                          @Value("${cds.assessments.cached:20000}") long cached) {
        // a heap-only cache is an org.ehcache.core.Ehcache, the type Axon's adapter takes
        return new EhCache3Adapter((Ehcache) assessmentCacheManager.createCache("assessments",
                CacheConfigurationBuilder.newCacheConfigurationBuilder(Object.class, Object.class,
                        ResourcePoolsBuilder.heap(cached)).build()));
    }

    /** A snapshot after every so many events read to load an assessment; @Revision on the aggregate retires old ones. */
    @Bean
    SnapshotTriggerDefinition assessmentSnapshots(Snapshotter snapshotter,
                                                  @Value("${cds.assessments.snapshot-after-events:100}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }
}
