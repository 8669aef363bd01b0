package vn.thanhhoa.cds.app;

import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import vn.thanhhoa.cds.query.common.ReadSideSource;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The platform's roles, one runnable, chosen by {@code cds.role}:
 * <ul>
 * <li>{@code standalone} (the default): everything in one process, as the README runs it;</li>
 * <li>{@code command}: the HTTP commands, the event store, the command side's lookups, the integrity seals, and the
 * event feed to Kafka — no read models, no pages;</li>
 * <li>{@code query}: the read models fed from the event feed into a read store of its own, the queries, dashboards,
 * live updates and pages — no commands, no event store of its own.</li>
 * </ul>
 * A role leaves the other side's components out of the application context (the same classes, not scanned) and sets
 * what differs: the query role's processors read the feed instead of the store; in one process, the read side's
 * processors read the store through {@link ReadSideSource} (a batch lingers for the events that follow its first).
 */
public class Roles implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    public static final String PROPERTY = "cds.role";

    enum Role {
        STANDALONE(List.of(), Map.of("axon.eventhandling.processors.dashboards.source", ReadSideSource.BEAN,
                "axon.eventhandling.processors.audit-trail.source", ReadSideSource.BEAN)),
        COMMAND(List.of("vn.thanhhoa.cds.query.", "vn.thanhhoa.cds.app.Demo"),
                Map.of("spring.web.resources.add-mappings", "false")),
        QUERY(List.of("vn.thanhhoa.cds.command.", "vn.thanhhoa.cds.infra.integrity.", "vn.thanhhoa.cds.app.Demo"),
                Map.of("axon.eventhandling.processors.dashboards.source", "feedSource",
                        "axon.eventhandling.processors.audit-trail.source", "feedSource"));

        final List<String> leftOut;
        final Map<String, Object> settings;

        Role(List<String> leftOut, Map<String, Object> settings) {
            this.leftOut = leftOut;
            this.settings = settings;
        }
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Role role = roleOf(context.getEnvironment());
        if (role != Role.STANDALONE && context.getEnvironment().getProperty("cds.feed.bootstrap-servers", "").isBlank()) {
            throw new IllegalStateException("The " + role.name().toLowerCase(Locale.ROOT)
                    + " role needs Apache Kafka: set cds.feed.bootstrap-servers (CDS_FEED_BOOTSTRAP_SERVERS)");
        }
        context.getEnvironment().getPropertySources().addLast(new MapPropertySource("cds-role-" + role, role.settings));
        if (!role.leftOut.isEmpty()) {
            context.getBeanFactory().registerSingleton("cdsRoleFilter", new LeftOut(role.leftOut));
        }
    }

    static Role roleOf(ConfigurableEnvironment environment) {
        String role = environment.getProperty(PROPERTY, "standalone").trim().toUpperCase(Locale.ROOT);
        try {
            return Role.valueOf(role);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(PROPERTY + " must be standalone, command or query, not " + role.toLowerCase(Locale.ROOT));
        }
    }

    /** Spring Boot's component scan asks every {@link TypeExcludeFilter} bean whether to leave a class out. */
    static final class LeftOut extends TypeExcludeFilter {
        private final List<String> prefixes;

        LeftOut(List<String> prefixes) {
            this.prefixes = prefixes;
        }

        @Override
        public boolean match(MetadataReader reader, MetadataReaderFactory factory) {
            String name = reader.getClassMetadata().getClassName();
            return prefixes.stream().anyMatch(name::startsWith);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof LeftOut left && left.prefixes.equals(prefixes);
        }

        @Override
        public int hashCode() {
            return prefixes.hashCode();
        }
    }
}
