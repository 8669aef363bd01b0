package vn.thanhhoa.cds.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.stereotype.Component;
import vn.thanhhoa.cds.events.assessment.IndicatorValueReported;

import java.math.BigDecimal;

/**
 * For the tests only, a past the platform never had: an {@code IndicatorValueReported} of revision "0" whose value was
 * a text ("10/31"), read as revision "1" ({"measure":"RATIO","numerator":10,"denominator":31}). Every reader of the
 * store must go through the upcaster chain for such an event to count (UpcastEventsTest); no test but that one writes
 * revision "0", so the other tests' contexts do not notice it.
 */
@Component
public class RatioAsTextUpcaster extends SingleEventUpcaster {
    static final String TYPE = IndicatorValueReported.class.getName();

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return representation.getType().getName().equals(TYPE) && "0".equals(representation.getType().getRevision());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(new SimpleSerializedType(TYPE, "1"), JsonNode.class, payload -> {
            ObjectNode event = (ObjectNode) payload;
            String[] ratio = event.path("value").asText().split("/");
            ObjectNode value = event.putObject("value");
            value.put("measure", "RATIO");
            value.put("numerator", new BigDecimal(ratio[0].trim()));
            value.put("denominator", new BigDecimal(ratio[1].trim()));
            return event;
        });
    }
}
