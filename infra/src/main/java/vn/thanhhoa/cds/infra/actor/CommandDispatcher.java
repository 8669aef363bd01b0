package vn.thanhhoa.cds.infra.actor;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;
import vn.thanhhoa.cds.events.common.ActedBy;
import vn.thanhhoa.cds.events.common.Limits;
import vn.thanhhoa.cds.infra.idempotency.IdempotencyInterceptor;
import vn.thanhhoa.cds.infra.idempotency.RequestFingerprint;
import vn.thanhhoa.cds.infra.problem.ProblemException;
import vn.thanhhoa.cds.infra.problem.ProblemKind;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Sends a command from an HTTP request: who acted goes into the command's metadata (and so into every event's), the
 * Idempotency-Key with a fingerprint of the request (its canonical form, the same in every JVM) so a reused key with
 * another request is refused.
 */
@Component
public class CommandDispatcher {
    private final CommandGateway gateway;
    private final ObjectMapper json;
    private final Clock clock;

    public CommandDispatcher(CommandGateway gateway, ObjectMapper json, Clock clock) {
        this.gateway = gateway;
        this.json = json;
        this.clock = clock;
    }

    /** Who acted, now, in their writing role. Steering committee members and auditors write nothing. */
    public ActedBy actedBy(Actor actor) {
        Actor.Role role = actor.writingRole().orElseThrow(() -> new ProblemException(ProblemKind.FORBIDDEN, "READ_ONLY_ROLE",
                "actor", "Vai trò của bạn chỉ được xem, không được ghi.", "Your roles may read, not write."));
        return new ActedBy(actor.subject(), role.name(), actor.unit(), clock.instant());
    }

    /**
     * @param request        what the client asked for (path and body), fingerprinted for the idempotency check
     * @param idempotencyKey may be null
     */
    public <R> R send(Object command, Actor actor, String idempotencyKey, Object request) {
        return send(command, actor, idempotencyKey, request, Map.of());
    }

    /** @param extra more metadata for the command's handlers (e.g. where an uploaded file waits to be kept) */
    public <R> R send(Object command, Actor actor, String idempotencyKey, Object request, Map<String, Object> extra) {
        Map<String, Object> meta = new HashMap<>(extra);
        meta.put(IdempotencyInterceptor.SUBJECT, actor.subject());
        meta.put("roles", actor.roles().stream().map(Enum::name).sorted().toList());
        meta.put("unit", actor.unit());
        if (idempotencyKey != null && !idempotencyKey.isBlank()) {
            meta.put(IdempotencyInterceptor.KEY, checkedKey(idempotencyKey.trim()));
            meta.put(IdempotencyInterceptor.FINGERPRINT, RequestFingerprint.of(json, request));
        }
        return gateway.sendAndWait(new GenericCommandMessage<>(command, MetaData.from(meta)));
    }

    /** The key is stored and compared: printable ASCII, bounded like every other input. */
    private static String checkedKey(String key) {
        if (key.length() > Limits.IDEMPOTENCY_KEY || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7E)) {
            throw new ProblemException(ProblemKind.INVALID, "INVALID_IDEMPOTENCY_KEY", "Idempotency-Key",
                    "Idempotency-Key phải gồm tối đa " + Limits.IDEMPOTENCY_KEY + " ký tự ASCII in được, không có khoảng trắng.",
                    "Idempotency-Key must be at most " + Limits.IDEMPOTENCY_KEY + " printable ASCII characters, no spaces.");
        }
        return key;
    }
}
