package vn.thanhhoa.cds.query.common;

import java.lang.reflect.RecordComponent;

/** What an event names, read from its record's components (events are records; their actor, assessment, document are typed). */
public final class EventComponents {
    /** Each event class's components, read once (a rebuild asks for them hundreds of thousands of times). */
    private static final ClassValue<RecordComponent[]> COMPONENTS = new ClassValue<>() {
        @Override
        protected RecordComponent[] computeValue(Class<?> type) {
            return type.getRecordComponents();
        }
    };

    private EventComponents() {
    }

    /** The event's first component of a type, or null when it has none. */
    public static <T> T first(Record record, Class<T> type) {
        for (RecordComponent component : COMPONENTS.get(record.getClass())) {
            if (type.isAssignableFrom(component.getType())) {
                try {
                    return type.cast(component.getAccessor().invoke(record));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return null;
    }
}
