package dev.edgeauth.auth.audit;

import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;
import org.springframework.util.Assert;

/**
 * Writes audit rows. The insert joins the caller's reactive transaction when there is
 * one, so a row is committed exactly when the change it records is (contract: "in the
 * same transaction as the change").
 */
@Repository
public class AuthEventWriter {

    private static final String COLUMNS = "type, occurred_at, user_id, session_id, ip, user_agent, outcome, details";

    /** Longer user agents are cut: the column is for people reading an audit trail. */
    static final int MAX_USER_AGENT_LENGTH = 512;

    /** An IPv6 address with a zone fits easily; anything longer is not an address. */
    static final int MAX_IP_LENGTH = 64;

    private static final char REPLACEMENT = '\uFFFD';

    // A plain mapper: details are maps of simple values, their keys already snake_case.
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DatabaseClient database;

    // edgeauth_auth_events_total{type,outcome}: registered once, not looked up per row.
    private final Map<AuthEventType, Map<AuthEventOutcome, Counter>> counters = new EnumMap<>(AuthEventType.class);

    public AuthEventWriter(DatabaseClient database, MeterRegistry meters) {
        Assert.notNull(database, "database cannot be null");
        Assert.notNull(meters, "meters cannot be null");
        this.database = database;
        for (AuthEventType type : AuthEventType.values()) {
            Map<AuthEventOutcome, Counter> byOutcome = new EnumMap<>(AuthEventOutcome.class);
            for (AuthEventOutcome outcome : AuthEventOutcome.values()) {
                byOutcome.put(outcome,
                        Counter.builder("edgeauth.auth.events")
                            .description("Audit events written, by type and outcome")
                            .tag("type", type.value())
                            .tag("outcome", outcome.value())
                            .register(meters));
            }
            this.counters.put(type, byOutcome);
        }
    }

    /**
     * Inserts one row.
     * @param event the event
     * @return completion, in the caller's transaction if any
     */
    public Mono<Void> write(AuthEvent event) {
        GenericExecuteSpec insert = this.database
            .sql("INSERT INTO auth_events (" + COLUMNS + ")"
                    + " VALUES (:type, :occurredAt, :userId, :sessionId, :ip, :userAgent, :outcome,"
                    + " CAST(:details AS jsonb))")
            .bind("type", event.type().value())
            .bind("occurredAt", event.occurredAt())
            .bind("outcome", event.outcome().value())
            .bind("details", JSON.writeValueAsString(event.details()));
        insert = bindNullable(insert, "userId", event.userId(), UUID.class);
        insert = bindNullable(insert, "sessionId", event.sessionId(), UUID.class);
        insert = bindNullable(insert, "ip", printableIp(event.ip()), String.class);
        insert = bindNullable(insert, "userAgent", printableUserAgent(event.userAgent()), String.class);
        return insert.fetch().rowsUpdated().doOnSuccess((rows) -> counted(event.type(), event.outcome())).then();
    }

    /**
     * The audit row of a statement that must write it itself, in one round trip (the
     * refresh rotation, specs/sessions.md): a CTE member that inserts one row, without
     * details, for each row of {@code source}, which has the columns {@code user_id} and
     * {@code id} (the session). The statement binds {@code :now} and the client with
     * {@link #bindClient}; it then calls {@link #counted}.
     * @param name the CTE member's name
     * @param source the CTE member whose rows the audit rows are for
     * @param type the rows' type
     * @param outcome the rows' outcome
     * @return {@code name AS (INSERT ...)}
     */
    public static String insertPerRow(String name, String source, AuthEventType type, AuthEventOutcome outcome) {
        return name + " AS (INSERT INTO auth_events (" + COLUMNS + ") SELECT '" + type.value()
                + "', :now, user_id, id, :auditIp, :auditUserAgent, '" + outcome.value() + "', '{}' FROM " + source
                + ")";
    }

    /**
     * Binds the client of {@link #insertPerRow}'s rows, bounded and printable as every
     * audit row holds it.
     * @param spec the statement
     * @param client the client
     * @return the statement, bound
     */
    public static GenericExecuteSpec bindClient(GenericExecuteSpec spec, ClientInfo client) {
        GenericExecuteSpec bound = bindNullable(spec, "auditIp", printableIp(client.ip()), String.class);
        return bindNullable(bound, "auditUserAgent", printableUserAgent(client.userAgent()), String.class);
    }

    /**
     * Counts a row that another feature's statement inserted itself (the refresh rotation
     * writes its audit row in its one statement, specs/sessions.md). A row of a
     * transaction that later rolls back is counted too: the table is the record, the
     * counter the trend.
     * @param type the row's type
     * @param outcome the row's outcome
     */
    public void counted(AuthEventType type, AuthEventOutcome outcome) {
        this.counters.get(type).get(outcome).increment();
    }

    /**
     * A client address as an audit row holds it: bounded and printable.
     * @param ip the address, or {@code null}
     * @return the column value
     */
    static @Nullable String printableIp(@Nullable String ip) {
        return sanitize(ip, MAX_IP_LENGTH);
    }

    /**
     * A user agent as an audit row holds it: bounded and printable.
     * @param userAgent the user agent, or {@code null}
     * @return the column value
     */
    static @Nullable String printableUserAgent(@Nullable String userAgent) {
        return sanitize(userAgent, MAX_USER_AGENT_LENGTH);
    }

    private static <T> GenericExecuteSpec bindNullable(GenericExecuteSpec spec, String name, @Nullable T value,
            Class<T> type) {
        return (value != null) ? spec.bind(name, value) : spec.bindNull(name, type);
    }

    // Bounded and printable: PostgreSQL text cannot hold U+0000, and an audit trail is
    // read by people, so a hostile header must not be able to break a row or forge a
    // line.
    private static @Nullable String sanitize(@Nullable String text, int maxLength) {
        if (text == null) {
            return null;
        }
        String bounded = (text.length() <= maxLength) ? text : text.substring(0, maxLength);
        StringBuilder safe = new StringBuilder(bounded.length());
        for (int i = 0; i < bounded.length(); i++) {
            char c = bounded.charAt(i);
            safe.append(Character.isISOControl(c) ? REPLACEMENT : c);
        }
        return safe.toString();
    }

}
