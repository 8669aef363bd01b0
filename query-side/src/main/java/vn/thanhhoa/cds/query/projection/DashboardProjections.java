package vn.thanhhoa.cds.query.projection;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessageHandler;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;

/**
 * The {@value Dashboards#GROUP} projections over a read store other than the live one — a scratch store in memory
 * (what the platform showed at an instant), the rebuild's new tables — with the readers of the frameworks and the map
 * they share, which the queries over that store use too. One place that knows which projections make the dashboards.
 */
public record DashboardProjections(FrameworkReader frameworks, MapReader maps, List<EventMessageHandler> handlers) {

    public static DashboardProjections over(JdbcClient store, ObjectMapper json) {
        FrameworkReader frameworks = new FrameworkReader(store, json);
        MapReader maps = new MapReader(store);
        return new DashboardProjections(frameworks, maps, List.of(
                new AnnotationEventHandlerAdapter(new ReferenceProjection(store, json, frameworks, maps)),
                new AnnotationEventHandlerAdapter(new AssessmentProjection(store, frameworks))));
    }
}
