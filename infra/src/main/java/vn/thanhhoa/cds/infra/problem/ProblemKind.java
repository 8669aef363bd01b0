package vn.thanhhoa.cds.infra.problem;

/** The kinds of refusal the platform gives, each answered with one HTTP status. */
public enum ProblemKind {
    /** the request is malformed or a value breaks an indicator's definition: 400/422 */
    INVALID(422),
    /** no identity: 401 */
    UNAUTHENTICATED(401),
    /** the actor may not do this for this unit: 403 */
    FORBIDDEN(403),
    /** unknown commune, indicator, framework: 404 */
    NOT_FOUND(404),
    /** the assessment is not in a stage that allows it: 409 */
    CONFLICT(409),
    /** too many at once from one person, or in total (e.g. live streams): 429 */
    TOO_MANY(429);

    private final int status;

    ProblemKind(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }
}
