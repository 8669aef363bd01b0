package vn.thanhhoa.cds.command.assessment;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;
import vn.thanhhoa.cds.command.assessment.AssessmentCommands.AttachEvidenceFile;
import vn.thanhhoa.cds.infra.files.EvidenceStore;

import java.nio.file.Path;

/**
 * An evidence file's bytes are kept in the unit of work that records the event naming them: inside the command's
 * transaction and under the assessment's lock, after the assessment has accepted the file — so a refusal keeps
 * nothing, a retry of the command (a lost race) keeps them again with the event, and the event never commits without
 * its file. The file waits in a temporary file whose path travels in the command's metadata (the command bus is local).
 */
@Component
public class EvidenceKeeping implements MessageHandlerInterceptor<CommandMessage<?>> {
    public static final String STAGED = "evidenceStaged";

    private final EvidenceStore store;

    public EvidenceKeeping(EvidenceStore store) {
        this.store = store;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        CommandMessage<?> command = unitOfWork.getMessage();
        if (!(command.getPayload() instanceof AttachEvidenceFile attach)) {
            return chain.proceed();
        }
        Object staged = command.getMetaData().get(STAGED);
        if (staged == null) {
            throw new IllegalStateException("an evidence file's command without its staged file");
        }
        Object result = chain.proceed();
        store.keep(new EvidenceStore.StagedFile(attach.file().sha256(), attach.file().size(), attach.file().mediaType(),
                attach.file().name(), Path.of(staged.toString())));
        return result;
    }
}
