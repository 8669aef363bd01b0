package vn.thanhhoa.cds.infra.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.thanhhoa.cds.infra.problem.ProblemException;
import vn.thanhhoa.cds.infra.problem.ProblemKind;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/**
 * Honours the Idempotency-Key of a command. The key is recorded in the same transaction as the events the command
 * appends, so a command either appended its events and recorded its key, or did neither: a retry with the same key
 * gets the first answer and appends nothing, and two racing requests meet at the key's primary key: the loser is retried
 * by the command gateway and gets the winner's answer.
 */
@Component
public class IdempotencyInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {
    public static final String KEY = "idempotencyKey";
    public static final String FINGERPRINT = "requestFingerprint";
    public static final String SUBJECT = "subject";

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public IdempotencyInterceptor(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        CommandMessage<?> command = unitOfWork.getMessage();
        Object key = command.getMetaData().get(KEY);
        if (key == null) {
            return chain.proceed();
        }
        String subject = String.valueOf(command.getMetaData().getOrDefault(SUBJECT, ""));
        String fingerprint = String.valueOf(command.getMetaData().getOrDefault(FINGERPRINT, command.getCommandName()));
        Optional<Recorded> earlier = jdbc.sql("""
                        select request_fingerprint, result_type, result_json from idempotency_key
                        where actor_subject = :subject and idempotency_key = :key""")
                .param("subject", subject).param("key", key.toString())
                .query((rs, n) -> new Recorded(rs.getString(1), rs.getString(2), rs.getString(3)))
                .optional();
        if (earlier.isPresent()) {
            if (!earlier.get().fingerprint().equals(fingerprint)) {
                throw new ProblemException(ProblemKind.INVALID, "IDEMPOTENCY_KEY_REUSED", "Idempotency-Key",
                        "Khóa Idempotency-Key này đã được dùng cho một yêu cầu khác.",
                        "This Idempotency-Key was already used for a different request.");
            }
            return earlier.get().result(json);
        }
        Object result = chain.proceed();
        try {
            record(subject, key.toString(), command.getCommandName(), fingerprint, result);
        } catch (DuplicateKeyException raced) {
            // another request with this key committed first: the gateway retries this one, which then finds its answer
            throw new ConcurrencyException("Idempotency-Key " + key + " recorded by a concurrent request", raced);
        }
        return result;
    }

    private void record(String subject, String key, String command, String fingerprint, Object result)
            throws JsonProcessingException {
        jdbc.sql("""
                        insert into idempotency_key
                        (actor_subject, idempotency_key, command_name, request_fingerprint, result_type, result_json, recorded_at)
                        values (:subject, :key, :command, :fingerprint, :type, :result, :at)""")
                .param("subject", subject).param("key", key).param("command", command)
                .param("fingerprint", fingerprint)
                .param("type", result == null ? null : result.getClass().getName())
                .param("result", result == null ? null : json.writeValueAsString(result))
                .param("at", Timestamp.from(Instant.now()))
                .update();
    }

    private record Recorded(String fingerprint, String type, String resultJson) {
        Object result(ObjectMapper json) throws JsonProcessingException, ClassNotFoundException {
            return type == null ? null : json.readValue(resultJson, Class.forName(type));
        }
    }
}
