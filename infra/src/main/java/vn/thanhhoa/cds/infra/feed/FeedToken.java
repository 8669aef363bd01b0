package vn.thanhhoa.cds.infra.feed;

import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;

import java.util.OptionalLong;

/**
 * How far a processor has read the event feed: the offset of the last record it took from the topic's one partition,
 * and the highest global index of the store among the events taken so far. Kept by Axon's token store in the
 * transaction that changes the read models, so the read models and the position never part.
 * {@link #position()} is the global index: a query role reports its version in the same numbering as the standalone
 * platform and every other query role.
 */
public record FeedToken(long offset, long globalIndex) implements TrackingToken {

    /** The token of a processor, unwrapped from a replay's; null when it has not read the feed. */
    public static FeedToken of(TrackingToken token) {
        return WrappedToken.unwrapUpperBound(token) instanceof FeedToken feed ? feed : null;
    }

    @Override
    public TrackingToken lowerBound(TrackingToken other) {
        return other instanceof FeedToken feed && feed.offset < offset ? feed : this;
    }

    @Override
    public TrackingToken upperBound(TrackingToken other) {
        return other instanceof FeedToken feed && feed.offset > offset ? feed : this;
    }

    @Override
    public boolean covers(TrackingToken other) {
        return other == null || other instanceof FeedToken feed && feed.offset <= offset;
    }

    @Override
    public OptionalLong position() {
        return OptionalLong.of(globalIndex);
    }
}
