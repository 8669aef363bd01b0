package vn.thanhhoa.cds.query.rebuild;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessageHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.thanhhoa.cds.infra.cache.NodeSignals;
import vn.thanhhoa.cds.query.appraisal.AppraisalQueueProjection;
import vn.thanhhoa.cds.query.card.AssessmentProjection;
import vn.thanhhoa.cds.query.card.AssessmentStore;
import vn.thanhhoa.cds.query.common.Dashboards;
import vn.thanhhoa.cds.query.history.AuditTrail;
import vn.thanhhoa.cds.query.reference.FrameworkReader;
import vn.thanhhoa.cds.query.reference.MapReader;
import vn.thanhhoa.cds.query.reference.ReferenceProjection;

import java.util.List;

/**
 * The {@value Dashboards#GROUP} projections over a read store other than the live one — a scratch store in memory
 * (what the platform showed at an instant), the rebuild's new tables — with the readers of the frameworks and the map
 * they share, which the queries over that store use too. One place that knows which projections make the dashboards.
 */
public record DashboardProjections(FrameworkReader frameworks, MapReader maps, List<EventMessageHandler> handlers) {
    /**
     * Every projection a rebuild of the read models runs, the one list of them: the {@value Dashboards#GROUP} ones, as
     * {@link #over} builds them and in its order, and the auditors' history ({@value AuditTrail#GROUP}) the rebuild's
     * fold runs beside them. ArchitectureTest holds every processing-group class of the two groups, and what
     * {@link #over} builds, to this list: a projection added to a group is rebuilt, or the build fails.
     */
    public static final List<Class<?>> REBUILT = List.of(ReferenceProjection.class,
            vn.thanhhoa.cds.query.reporting.ReportingProjection.class, AssessmentProjection.class,
            AppraisalQueueProjection.class, AuditTrail.class);

    public static DashboardProjections over(JdbcClient store, ObjectMapper json) {
        return over(store, json, null);
    }

    /**
     * With the assessments kept in a store of their own ({@code assessments}: the rebuild's fold in memory; null:
     * the tables of {@code store}); the reference data is in the tables of {@code store} either way.
     */
    public static DashboardProjections over(JdbcClient store, ObjectMapper json, AssessmentStore assessments) {
        FrameworkReader frameworks = new FrameworkReader(store, json, NodeSignals.LOCAL);
        MapReader maps = new MapReader(store, NodeSignals.LOCAL);
        return new DashboardProjections(frameworks, maps, List.of(
                new AnnotationEventHandlerAdapter(new ReferenceProjection(store, json, frameworks, maps)),
                new AnnotationEventHandlerAdapter(new vn.thanhhoa.cds.query.reporting.ReportingProjection(store)),
                new AnnotationEventHandlerAdapter(assessments == null ? new AssessmentProjection(store, frameworks)
                        : new AssessmentProjection(store, frameworks, assessments)),
                new AnnotationEventHandlerAdapter(new AppraisalQueueProjection(store))));
    }
}
