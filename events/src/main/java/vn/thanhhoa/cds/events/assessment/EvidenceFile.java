package vn.thanhhoa.cds.events.assessment;

/**
 * A file of evidence as the record names it: the SHA-256 of its content (how it is kept and checked), its size in
 * bytes, its type as told from its content, and the name it was uploaded under.
 */
public record EvidenceFile(String sha256, long size, String mediaType, String name) {
}
