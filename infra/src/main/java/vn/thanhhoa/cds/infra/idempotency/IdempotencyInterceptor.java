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
import vn.thanhhoa.cds.infra.integrity.ChainedAppend;
import vn.thanhhoa.cds.infra.problem.ProblemException;
import vn.thanhhoa.cds.infra.problem.ProblemKind;

import java.sql.Timestamp;
import java.time.Instant;

/**
 * Honours the Idempotency-Key of a command. The key is recorded first, in the transaction that will append the
 * command's events — one statement that inserts it unless it is there — so a command either appended its events and
 * recorded its key, or did neither: a retry with the same key finds it, gets the first answer and appends nothing.
 * Two racing requests meet at the key's primary key: the loser is retried by the command gateway and gets the
 * winner's answer. Inserting first also gives the transaction its id before its events take their places in the
 * global order, which the hash chain's append would otherwise ask for ({@link ChainedAppend}).
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
        boolean first;
        try {
            first = jdbc.sql("""
                            insert into idempotency_key
                            (actor_subject, idempotency_key, command_name, request_fingerprint, recorded_at)
                            select :subject, :key, :command, :fingerprint, :at
                            where not exists (select 1 from idempotency_key where actor_subject = :subject and idempotency_key = :key)""")
                    .param("subject", subject).param("key", key.toString()).param("command", command.getCommandName())
                    .param("fingerprint", fingerprint).param("at", Timestamp.from(Instant.now()))
                    .update() == 1;
        } catch (DuplicateKeyException raced) {
            // a request with this key, not yet committed when this one looked, committed first: the gateway retries
            // this one, which then finds its answer
            throw new ConcurrencyException("Idempotency-Key " + key + " recorded by a concurrent request", raced);
        }
        if (!first) {
            Recorded earlier = jdbc.sql("""
                            select request_fingerprint, result_type, result_json from idempotency_key
                            where actor_subject = :subject and idempotency_key = :key""")
                    .param("subject", subject).param("key", key.toString())
                    .query((rs, n) -> new Recorded(rs.getString(1), rs.getString(2), rs.getString(3)))
                    .single();
            if (!earlier.fingerprint().equals(fingerprint)) {
                throw new ProblemException(ProblemKind.INVALID, "IDEMPOTENCY_KEY_REUSED", "Idempotency-Key",
                        "Khóa Idempotency-Key này đã được dùng cho một yêu cầu khác.",
                        "This Idempotency-Key was already used for a different request.");
            }
            return earlier.result(json);
        }
        ChainedAppend.transactionIdTaken(unitOfWork);
        Object result = chain.proceed();
        if (result != null) {
            jdbc.sql("update idempotency_key set result_type = :type, result_json = :result where actor_subject = :subject and idempotency_key = :key")
                    .param("type", result.getClass().getName()).param("result", json.writeValueAsString(result))
                    .param("subject", subject).param("key", key.toString())
                    .update();
        }
        return result;
    }

    private record Recorded(String fingerprint, String type, String resultJson) {
        Object result(ObjectMapper json) throws JsonProcessingException, ClassNotFoundException {
            return type == null ? null : json.readValue(resultJson, Class.forName(type));
        }
    }
}
