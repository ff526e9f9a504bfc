package dev.edgeauth.e2e;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Test fixture: the rows a fault test counts to prove nothing was lost or half done, read
 * over JDBC from a service's own PostgreSQL.
 */
final class Rows {

    private Rows() {
    }

    // One session; its refresh tokens one chain: the first token, then one successor per
    // rotation answered 200, each spent token with exactly one successor, and the one
    // live token the client holds.
    static void assertRefreshChainWhole(Connection auth, UUID userId, int rotated, String liveToken)
            throws SQLException {
        assertThat(count(auth, "SELECT count(*) FROM auth.sessions WHERE user_id = ?", userId)).as("sessions")
            .isEqualTo(1);
        String ofTheSession = " FROM auth.refresh_tokens t JOIN auth.sessions s ON s.id = t.session_id"
                + " WHERE s.user_id = ?";
        assertThat(count(auth, "SELECT count(*)" + ofTheSession, userId)).as("refresh tokens: the first + rotations")
            .isEqualTo(1 + rotated);
        assertThat(count(auth, "SELECT count(*)" + ofTheSession + " AND t.parent_id IS NULL", userId))
            .as("refresh tokens without a parent")
            .isEqualTo(1);
        assertThat(count(auth,
                "SELECT count(*)" + ofTheSession + " AND t.spent_at IS NOT NULL"
                        + " AND (SELECT count(*) FROM auth.refresh_tokens c WHERE c.parent_id = t.id) <> 1",
                userId))
            .as("spent refresh tokens without exactly one successor")
            .isZero();
        assertThat(count(auth,
                "SELECT count(*)" + ofTheSession + " AND t.spent_at IS NULL"
                        + " AND EXISTS (SELECT 1 FROM auth.refresh_tokens c WHERE c.parent_id = t.id)",
                userId))
            .as("live refresh tokens with a successor")
            .isZero();
        try (PreparedStatement live = auth
            .prepareStatement("SELECT t.token_hash" + ofTheSession + " AND t.spent_at IS NULL")) {
            live.setObject(1, userId);
            try (ResultSet rows = live.executeQuery()) {
                assertThat(rows.next()).as("a live refresh token").isTrue();
                assertThat(rows.getBytes(1)).as("the live token is the client's").isEqualTo(sha256(liveToken));
                assertThat(rows.next()).as("a second live refresh token").isFalse();
            }
        }
    }

    static List<String> auditTrail(Connection auth, UUID userId) throws SQLException {
        List<String> events = new ArrayList<>();
        try (PreparedStatement select = auth
            .prepareStatement("SELECT type, outcome FROM auth.auth_events WHERE user_id = ? ORDER BY id")) {
            select.setObject(1, userId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    events.add(rows.getString(1) + "/" + rows.getString(2));
                }
            }
        }
        return events;
    }

    static long count(Connection connection, String sql, Object parameter) throws SQLException {
        try (PreparedStatement count = connection.prepareStatement(sql)) {
            count.setObject(1, parameter);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    // The stored form of a refresh token (SHA-256 of its ASCII).
    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

}
