package vn.thanhhoa.cds.query.live;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.*;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import vn.thanhhoa.cds.infra.actor.Actor;
import vn.thanhhoa.cds.query.reference.Mandates;

/** The live stream the pages follow: a 'change' event after each event the dashboards apply. */
@RestController
@RequestMapping("/api")
@Tag(name = "Bảng điều khiển (truy vấn) — dashboards and cards")
public class LiveController {
    private final LiveUpdates live;
    private final Mandates mandates;

    public LiveController(LiveUpdates live, Mandates mandates) {
        this.live = live;
        this.mandates = mandates;
    }

    @GetMapping(path = "/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Cập nhật trực tiếp (SSE) — a 'change' event after each event the dashboards apply; "
            + "429 with Retry-After beyond cds.live.max-streams-per-person or cds.live.max-streams")
    public SseEmitter live(Actor actor, HttpServletRequest request, HttpServletResponse response) {
        HttpSession session = request.getSession(false);
        // beyond a cap: 429, with Retry-After from the refusal's retryAfterSeconds (ProblemAdvice)
        // a stream opened with a bearer token ends when the token does: the client comes back with a valid one
        java.time.Instant until = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication()
                instanceof org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken jwt
                ? jwt.getToken().getExpiresAt() : null;
        SseEmitter emitter = live.subscribe(actor, mandates.of(actor), session == null ? null : session.getId(), until);
        // a reverse proxy (nginx) passes each event on at once instead of buffering the stream
        response.setHeader("X-Accel-Buffering", "no");
        return emitter;
    }

    /**
     * HEAD answers the stream's headers without opening one: Spring MVC would otherwise run the GET handler, and a
     * HEAD, which reads no body, would leave a stream registered for half an hour. Not an operation of its own in the
     * API document: HEAD belongs to the GET.
     */
    @RequestMapping(path = "/live", method = RequestMethod.HEAD)
    @Operation(hidden = true)
    public ResponseEntity<Void> liveHead() {
        return ResponseEntity.ok().contentType(MediaType.TEXT_EVENT_STREAM).cacheControl(CacheControl.noStore()).build();
    }
}
