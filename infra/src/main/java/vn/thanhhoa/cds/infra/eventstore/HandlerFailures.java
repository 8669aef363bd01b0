package vn.thanhhoa.cds.infra.eventstore;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;

/**
 * Axon's default for a failing event handler is to log and go on, which skips the event. The platform's processors
 * that must not skip say so here: a subscribing one then fails the command that appended the event, a tracking one
 * stops on the event and retries it.
 */
public final class HandlerFailures {
    private HandlerFailures() {
    }

    public static ConfigurerModule propagate(String processingGroup) {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(processingGroup, c -> PropagatingErrorHandler.instance());
    }
}
