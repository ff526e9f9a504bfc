package dev.edgeauth.auth.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;

/**
 * Reads audit rows for the admin view: newest first (by row id, which the database
 * assigns in insertion order), filtered, one page at a time.
 */
@Repository
class AuthEventReader {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final TypeReference<Map<String, Object>> DETAILS = new TypeReference<>() {
    };

    private final DatabaseClient database;

    AuthEventReader(DatabaseClient database) {
        this.database = database;
    }

    Mono<AuthEventPage> page(AuthEventQuery query) {
        List<String> conditions = new ArrayList<>();
        if (query.userId() != null) {
            conditions.add("user_id = :userId");
        }
        if (query.type() != null) {
            conditions.add("type = :type");
        }
        if (query.since() != null) {
            conditions.add("occurred_at >= :since");
        }
        if (query.beforeId() != null) {
            conditions.add("id < :beforeId");
        }
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        GenericExecuteSpec select = this.database
            .sql("SELECT id, type, occurred_at, user_id, session_id, ip, user_agent, outcome, details::text AS details"
                    + " FROM auth_events" + where + " ORDER BY id DESC LIMIT :limit")
            .bind("limit", query.limit() + 1);
        if (query.userId() != null) {
            select = select.bind("userId", query.userId());
        }
        if (query.type() != null) {
            select = select.bind("type", query.type().value());
        }
        if (query.since() != null) {
            select = select.bind("since", query.since());
        }
        if (query.beforeId() != null) {
            select = select.bind("beforeId", query.beforeId());
        }
        return select
            .map((row) -> new AuthEventView(row.get("id", Long.class), row.get("type", String.class),
                    row.get("occurred_at", Instant.class), row.get("user_id", UUID.class),
                    row.get("session_id", UUID.class), row.get("ip", String.class), row.get("user_agent", String.class),
                    row.get("outcome", String.class), JSON.readValue(row.get("details", String.class), DETAILS)))
            .all()
            .collectList()
            .map((rows) -> (rows.size() > query.limit())
                    ? new AuthEventPage(rows.subList(0, query.limit()),
                            AuthEventQuery.cursorAfter(rows.get(query.limit() - 1).id()))
                    : new AuthEventPage(rows, null));
    }

}
