package vn.thanhhoa.cds.query.rebuild;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.thanhhoa.cds.infra.actor.Actor;
import vn.thanhhoa.cds.infra.actor.ProvinceOnly;
import vn.thanhhoa.cds.infra.problem.ProblemException;
import vn.thanhhoa.cds.infra.problem.ProblemKind;

import java.net.URI;

/**
 * Rebuilding every read model from the events while the live ones keep answering (started by the province, followed by
 * the province and auditors): one at a time; its progress — events applied of the store's events, the rate, the time left — here and as metrics.
 */
@RestController
@RequestMapping("/api/read-models/rebuild")
@Tag(name = "Dựng lại mô hình đọc — rebuilding the read models")
public class RebuildController {
    private final ReadModelRebuild rebuild;

    public RebuildController(ReadModelRebuild rebuild, MeterRegistry meters) {
        this.rebuild = rebuild;
        Gauge.builder("cds.read.models.rebuild.events", rebuild, r -> r.progress().eventsDone())
                .description("Events the running (or last) rebuild of the read models has applied").tag("of", "done").register(meters);
        Gauge.builder("cds.read.models.rebuild.events", rebuild, r -> r.progress().eventsTotal())
                .description("Events the running (or last) rebuild of the read models has to apply").tag("of", "total").register(meters);
        Gauge.builder("cds.read.models.rebuild.rate", rebuild, r -> r.progress().eventsPerSecond())
                .description("Events a second the running (or last) rebuild applied").register(meters);
    }

    @PostMapping
    @ProvinceOnly
    @Operation(summary = "Dựng lại — rebuild every read model from the first event into new tables while the live ones "
            + "serve, then switch over (PostgreSQL); 202 with the progress, 409 while one runs")
    public ResponseEntity<ReadModelRebuild.Progress> start(Actor actor) {
        allowed(actor);
        if (!rebuild.supported()) {
            throw new ProblemException(ProblemKind.CONFLICT, "REBUILD_NEEDS_POSTGRESQL", null,
                    "Dựng lại trong khi vẫn phục vụ cần PostgreSQL; với kho H2 nhúng, hãy dừng nền tảng, xóa thư mục data và khởi động lại.",
                    "Rebuilding while serving needs PostgreSQL; with the embedded H2 store, stop the platform and start it on an empty read store.");
        }
        if (!rebuild.start()) {
            throw new ProblemException(ProblemKind.CONFLICT, "REBUILD_RUNNING", null,
                    "Đang dựng lại mô hình đọc; hãy theo dõi tiến độ.", "A rebuild is running; follow its progress.");
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create("/api/read-models/rebuild")).body(rebuild.progress());
    }

    @GetMapping
    @Operation(summary = "Tiến độ — the running or last rebuild: state, events done / total, rate, seconds left")
    public ReadModelRebuild.Progress progress(Actor actor) {
        allowed(actor);
        return rebuild.progress();
    }

    private static void allowed(Actor actor) {
        if (!actor.reviewsTheRecord()) {
            throw new ProblemException(ProblemKind.FORBIDDEN, "PROVINCE_OR_AUDITORS_ONLY", "actor",
                    "Chỉ cấp tỉnh và thanh tra, kiểm toán được theo dõi việc dựng lại mô hình đọc.",
                    "Only the province and auditors may follow the rebuild of the read models.");
        }
    }
}
