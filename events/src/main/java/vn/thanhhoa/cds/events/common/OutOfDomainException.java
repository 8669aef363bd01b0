package vn.thanhhoa.cds.events.common;

/**
 * A value outside the domain {@link Limits} sets, met where it must not be computed with: an event recorded before
 * the bounds existed, or written by something other than this platform. The read side quarantines such an event.
 */
public class OutOfDomainException extends IllegalArgumentException {
    public OutOfDomainException(String message) {
        super(message);
    }
}
