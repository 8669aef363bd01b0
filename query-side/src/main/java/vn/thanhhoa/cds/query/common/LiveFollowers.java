package vn.thanhhoa.cds.query.common;

/**
 * Whoever sends followed dashboards to live pages (query.live): told when a page asks for a dashboard naming its live
 * stream, after the person's scope has been checked for it.
 */
public interface LiveFollowers {
    /**
     * The stream {@code stream}, if {@code subject} opened it, follows the view {@code key} from the answer tagged {@code etag}.
     */
    void follow(String stream, String subject, String key, String etag);
}
