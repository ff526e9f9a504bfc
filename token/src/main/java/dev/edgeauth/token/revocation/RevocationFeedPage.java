package dev.edgeauth.token.revocation;

import java.util.List;

/**
 * One answer of {@code GET /internal/revocations?after=<seq>}: the items after that
 * {@code seq}, in {@code seq} order, as JSON {@code {"items":[...]}}.
 *
 * @param items the items, possibly none
 */
public record RevocationFeedPage(List<RevocationFeedItem> items) {

}
