import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The soak's load and its reconciliation (bench/soak.sh runs it; not a test).
 *
 * <pre>
 *   java -cp postgresql.jar bench/soak/SoakDriver.java --url http://127.0.0.1:19080
 *       --auth-jdbc jdbc:postgresql://... --task-jdbc jdbc:postgresql://...
 *       [--seconds 300] [--max-requests 2000000] [--clients 16] [--users 1000]
 * </pre>
 *
 * First every user signs up (201). Then {@code clients} threads, each owning its own
 * users, send requests through HAProxy until the time or the request count runs out,
 * each request drawn at random: 40 % task reads, 20 % task writes, 15 % refreshes (a third
 * of them two at once on one token, which must both get the same successor), 10 % logins,
 * 5 % logouts, 10 % hostile (a forged token, identity headers a client made up, a login
 * flood from one address with a new unknown email each time). Every user has an address
 * of its own, sent as {@code X-Forwarded-For} (the driver runs on 127.0.0.1, which the
 * gateways trust as a proxy, HAProxy's address here), so the per-IP limits see many
 * clients, and the flood one.
 *
 * <p>
 * Afterwards it reconciles both databases against the answers it received: users,
 * sessions (all and live), refresh tokens, tasks and the audit rows by type and outcome,
 * each exactly as the answers imply. It prints the figures as Markdown and exits 1 on a
 * 5xx, an unexpected status or a row too many or too few.
 */
public class SoakDriver {

    private static final String PASSWORD = "correct horse battery staple";

    private static final Pattern FIELD = Pattern.compile("\"%s\"\\s*:\\s*\"([^\"]*)\"");

    private final HttpClient http = HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(5))
        .executor(Executors.newFixedThreadPool(4))
        .build();

    private final String url;

    private final String runId = Long.toString(System.currentTimeMillis(), 36);

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    private final Map<String, List<Long>> latencies = new ConcurrentHashMap<>();

    private final List<String> unexpected = Collections.synchronizedList(new ArrayList<>());

    private final AtomicLong requests = new AtomicLong();

    private final ExecutorService pairs = Executors.newCachedThreadPool();

    SoakDriver(String url) {
        this.url = url;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new TreeMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        SoakDriver driver = new SoakDriver(options.getOrDefault("url", "http://127.0.0.1:19080"));
        int clients = Integer.parseInt(options.getOrDefault("clients", "16"));
        int users = Integer.parseInt(options.getOrDefault("users", "1000"));
        long seconds = Long.parseLong(options.getOrDefault("seconds", "300"));
        long maxRequests = Long.parseLong(options.getOrDefault("max-requests", "2000000"));

        List<User> population = driver.signUp(users, clients);
        long started = System.nanoTime();
        long deadline = started + Duration.ofSeconds(seconds).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            List<User> own = new ArrayList<>();
            for (int i = c; i < population.size(); i += clients) {
                own.add(population.get(i));
            }
            long seed = 31L * c + 7;
            running.add(pool.submit(() -> driver.drive(own, new Random(seed), deadline, maxRequests)));
        }
        for (Future<?> client : running) {
            client.get();
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        driver.pairs.shutdown();

        boolean reconciled = driver.reconcile(options.get("auth-jdbc"), options.get("task-jdbc"), users);
        driver.report(elapsed, clients, users);
        boolean clean = driver.unexpected.isEmpty() && driver.count("5xx") == 0;
        System.out.println();
        System.out.println("Result: " + ((clean && reconciled) ? "**clean**: no 5xx, no unexpected answer, "
                + "every row as the answers imply" : "**NOT clean**"));
        System.exit((clean && reconciled) ? 0 : 1);
    }

    // --- the load

    private List<User> signUp(int users, int clients) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<User>> made = new ArrayList<>();
        for (int n = 0; n < users; n++) {
            int index = n;
            made.add(pool.submit(() -> {
                User user = new User("soak-" + this.runId + "-" + index + "@soak.example",
                        "10." + (index >> 16 & 255) + "." + (index >> 8 & 255) + "." + (index & 255));
                Answer answer = send("signup", "POST", "/auth/signup", user.address, null, credentials(user.email));
                if (expect(answer, 201)) {
                    add("signups 201");
                    user.sessions.add(new Session(field(answer.body, "access_token"), field(answer.body, "refresh_token")));
                }
                return user;
            }));
        }
        List<User> population = new ArrayList<>();
        for (Future<User> user : made) {
            population.add(user.get());
        }
        pool.shutdown();
        return population;
    }

    private void drive(List<User> users, Random random, long deadline, long maxRequests) {
        while (System.nanoTime() < deadline && this.requests.get() < maxRequests) {
            User user = users.get(random.nextInt(users.size()));
            int draw = random.nextInt(100);
            try {
                if (draw < 40) {
                    read(user, random);
                }
                else if (draw < 60) {
                    write(user, random);
                }
                else if (draw < 75) {
                    refresh(user, random, random.nextInt(3) == 0);
                }
                else if (draw < 85) {
                    login(user);
                }
                else if (draw < 90) {
                    logout(user, random);
                }
                else {
                    hostile(user, random);
                }
            }
            catch (Exception ex) {
                this.unexpected.add("exception: " + ex);
            }
        }
    }

    private void read(User user, Random random) throws Exception {
        Session session = user.any(random);
        if (session == null) {
            login(user);
            return;
        }
        expect(send("task read", "GET", "/api/tasks?limit=10", user.address, session.access, null), 200);
    }

    private void write(User user, Random random) throws Exception {
        Session session = user.any(random);
        if (session == null) {
            login(user);
            return;
        }
        if (expect(send("task write", "POST", "/api/tasks", user.address, session.access,
                "{\"title\":\"soak " + random.nextInt(1_000_000) + "\"}"), 201)) {
            add("tasks created");
        }
    }

    private void refresh(User user, Random random, boolean pair) throws Exception {
        Session session = user.any(random);
        if (session == null) {
            login(user);
            return;
        }
        String body = "{\"refresh_token\":\"" + session.refresh + "\"}";
        if (!pair) {
            Answer answer = send("refresh", "POST", "/auth/refresh", user.address, null, body);
            if (expect(answer, 200)) {
                add("rotations");
                add("refresh 200");
                session.rotate(field(answer.body, "access_token"), field(answer.body, "refresh_token"));
            }
            return;
        }
        CompletableFuture<Answer> first = CompletableFuture
            .supplyAsync(() -> sendUnchecked("refresh pair", "/auth/refresh", user.address, body), this.pairs);
        CompletableFuture<Answer> second = CompletableFuture
            .supplyAsync(() -> sendUnchecked("refresh pair", "/auth/refresh", user.address, body), this.pairs);
        Answer a = first.get();
        Answer b = second.get();
        boolean both = expect(a, 200) & expect(b, 200);
        if (both) {
            add("refresh 200", 2);
            add("rotations");
            String successor = field(a.body, "refresh_token");
            if (!successor.equals(field(b.body, "refresh_token"))) {
                this.unexpected.add("a concurrent pair got two successors");
            }
            session.rotate(field(a.body, "access_token"), successor);
        }
    }

    private void login(User user) throws Exception {
        Answer answer = send("login", "POST", "/auth/login", user.address, null, credentials(user.email));
        if (expect(answer, 200)) {
            add("logins 200");
            user.sessions.add(new Session(field(answer.body, "access_token"), field(answer.body, "refresh_token")));
        }
    }

    private void logout(User user, Random random) throws Exception {
        Session session = user.any(random);
        if (session == null) {
            login(user);
            return;
        }
        if (expect(send("logout", "POST", "/auth/logout", user.address, session.access, null), 204)) {
            add("logouts 204");
            user.sessions.remove(session);
        }
    }

    private void hostile(User user, Random random) throws Exception {
        switch (random.nextInt(3)) {
            case 0 -> {
                // A real token's header and claims with another signature.
                Session session = user.any(random);
                String token = (session != null) ? session.access : "eyJhbGciOiJFZERTQSJ9.e30.AAAA";
                String forged = token.substring(0, token.lastIndexOf('.') + 1)
                        + Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[64]);
                expect(send("hostile: forged token", "GET", "/api/tasks", user.address, forged, null), 401);
            }
            case 1 -> {
                // Identity headers the client made up, without a token: the gateway strips them.
                Answer answer = sendWithHeaders("hostile: spoofed identity", "GET", "/api/tasks", user.address,
                        Map.of("X-User-Id", "00000000-0000-0000-0000-000000000001", "X-User-Roles", "admin"));
                expect(answer, 401);
            }
            default -> {
                // A flood from one address, a new unknown email each time: the gateway's per-IP login limit
                // refuses most (429, no audit row); those it lets through are 401 and one audit row each.
                String email = "flood-" + this.runId + "-" + random.nextInt(Integer.MAX_VALUE) + "@nobody.example";
                Answer answer = send("hostile: login flood", "POST", "/auth/login", "10.255.0.1", null,
                        "{\"email\":\"" + email + "\",\"password\":\"not the password\"}");
                if (answer.status == 401) {
                    add("flood reached auth");
                }
                else if (answer.status != 429 || !answer.body.contains("Too many requests")) {
                    this.unexpected.add("login flood: " + answer.status + " " + answer.body);
                }
            }
        }
    }

    // --- HTTP

    private Answer sendUnchecked(String route, String path, String address, String body) {
        try {
            return send(route, "POST", path, address, null, body);
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    private Answer send(String route, String method, String path, String address, String accessToken, String json)
            throws IOException, InterruptedException {
        Map<String, String> headers = new TreeMap<>();
        if (accessToken != null) {
            headers.put("Authorization", "Bearer " + accessToken);
        }
        if (json != null) {
            headers.put("Content-Type", "application/json");
        }
        return exchange(route, method, path, address, headers, json);
    }

    private Answer sendWithHeaders(String route, String method, String path, String address,
            Map<String, String> headers) throws IOException, InterruptedException {
        return exchange(route, method, path, address, headers, null);
    }

    private Answer exchange(String route, String method, String path, String address, Map<String, String> headers,
            String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.url + path))
            .timeout(Duration.ofSeconds(30))
            .header("X-Forwarded-For", address)
            .method(method, (json != null) ? HttpRequest.BodyPublishers.ofString(json)
                    : HttpRequest.BodyPublishers.noBody());
        headers.forEach(request::header);
        long started = System.nanoTime();
        HttpResponse<String> response = this.http.send(request.build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        long micros = (System.nanoTime() - started) / 1_000;
        this.requests.incrementAndGet();
        this.latencies.computeIfAbsent(route, (r) -> Collections.synchronizedList(new ArrayList<>())).add(micros);
        add("status " + response.statusCode());
        if (response.statusCode() >= 500) {
            add("5xx");
        }
        return new Answer(route, response.statusCode(), response.body());
    }

    private boolean expect(Answer answer, int status) {
        if (answer.status == status) {
            return true;
        }
        this.unexpected.add(answer.route + ": " + answer.status + " " + answer.body);
        return false;
    }

    private static String credentials(String email) {
        return "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}";
    }

    private static String field(String json, String name) {
        Matcher matcher = Pattern.compile(String.format(FIELD.pattern(), name)).matcher(json);
        return matcher.find() ? matcher.group(1) : "";
    }

    private void add(String name) {
        add(name, 1);
    }

    private void add(String name, long by) {
        this.counts.computeIfAbsent(name, (n) -> new LongAdder()).add(by);
    }

    private long count(String name) {
        LongAdder adder = this.counts.get(name);
        return (adder != null) ? adder.sum() : 0;
    }

    // --- reconciliation

    private boolean reconcile(String authJdbc, String taskJdbc, int users) throws SQLException {
        long signups = count("signups 201");
        long logins = count("logins 200");
        long sessions = signups + logins;
        long live = sessions - count("logouts 204");
        Map<String, long[]> rows = new TreeMap<>();
        try (Connection auth = DriverManager.getConnection(authJdbc); Statement sql = auth.createStatement()) {
            String ours = "u.email LIKE 'soak-" + this.runId + "-%'";
            rows.put("users", new long[] { signups,
                    one(sql, "SELECT count(*) FROM auth.users u WHERE " + ours) });
            rows.put("sessions", new long[] { sessions,
                    one(sql, "SELECT count(*) FROM auth.sessions s JOIN auth.users u ON u.id = s.user_id WHERE " + ours) });
            rows.put("live sessions", new long[] { live, one(sql, "SELECT count(*) FROM auth.sessions s JOIN auth.users u"
                    + " ON u.id = s.user_id WHERE s.revoked_at IS NULL AND " + ours) });
            rows.put("refresh tokens", new long[] { sessions + count("rotations"),
                    one(sql, "SELECT count(*) FROM auth.refresh_tokens t JOIN auth.sessions s ON s.id = t.session_id"
                            + " JOIN auth.users u ON u.id = s.user_id WHERE " + ours) });
            rows.put("audit signup/success", new long[] { signups, audit(sql, "signup", "success", ours) });
            rows.put("audit login_succeeded/success", new long[] { logins, audit(sql, "login_succeeded", "success", ours) });
            rows.put("audit token_refreshed/success",
                    new long[] { count("refresh 200"), audit(sql, "token_refreshed", "success", ours) });
            rows.put("audit logout/success", new long[] { count("logouts 204"), audit(sql, "logout", "success", ours) });
            rows.put("audit rows of the users, any other type or outcome", new long[] { 0,
                    one(sql, "SELECT count(*) FROM auth.auth_events e JOIN auth.users u ON u.id = e.user_id WHERE "
                            + ours + " AND (e.type, e.outcome) NOT IN (('signup','success'), ('login_succeeded','success'),"
                            + " ('token_refreshed','success'), ('logout','success'))") });
            rows.put("audit login_failed/failure (the flood that passed the gateway)",
                    new long[] { count("flood reached auth"), one(sql, "SELECT count(*) FROM auth.auth_events"
                            + " WHERE type = 'login_failed' AND outcome = 'failure' AND user_id IS NULL") });
        }
        try (Connection task = DriverManager.getConnection(taskJdbc); Statement sql = task.createStatement()) {
            rows.put("tasks", new long[] { count("tasks created"), one(sql, "SELECT count(*) FROM tasks.tasks") });
        }
        boolean all = true;
        System.out.println("| rows | implied by the answers | in the database |");
        System.out.println("|---|---:|---:|");
        for (Map.Entry<String, long[]> row : rows.entrySet()) {
            boolean same = row.getValue()[0] == row.getValue()[1];
            all &= same;
            System.out.printf("| %s | %d | %d%s |%n", row.getKey(), row.getValue()[0], row.getValue()[1],
                    same ? "" : " **≠**");
        }
        return all;
    }

    private static long audit(Statement sql, String type, String outcome, String ours) throws SQLException {
        return one(sql, "SELECT count(*) FROM auth.auth_events e JOIN auth.users u ON u.id = e.user_id WHERE "
                + ours + " AND e.type = '" + type + "' AND e.outcome = '" + outcome + "'");
    }

    private static long one(Statement sql, String query) throws SQLException {
        try (ResultSet row = sql.executeQuery(query)) {
            row.next();
            return row.getLong(1);
        }
    }

    // --- report

    private void report(double elapsed, int clients, int users) {
        System.out.println();
        System.out.printf("%d requests in %.0f s (%.0f/s), %d clients, %d users%n%n", this.requests.get(), elapsed,
                this.requests.get() / elapsed, clients, users);
        System.out.println("| route | requests | p50 ms | p99 ms |");
        System.out.println("|---|---:|---:|---:|");
        new TreeMap<>(this.latencies).forEach((route, values) -> {
            List<Long> sorted = new ArrayList<>(values);
            Collections.sort(sorted);
            System.out.printf("| %s | %d | %.1f | %.1f |%n", route, sorted.size(), percentile(sorted, 50),
                    percentile(sorted, 99));
        });
        System.out.println();
        System.out.println("| status | count |");
        System.out.println("|---|---:|");
        new TreeMap<>(this.counts).forEach((name, count) -> {
            if (name.startsWith("status ")) {
                System.out.printf("| %s | %d |%n", name.substring(7), count.sum());
            }
        });
        System.out.println();
        System.out.println("Unexpected answers: " + this.unexpected.size()
                + (this.unexpected.isEmpty() ? "" : " (first: " + this.unexpected.get(0) + ")"));
    }

    private static double percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index)) / 1000.0;
    }

    // --- state

    private record Answer(String route, int status, String body) {
    }

    private static final class User {

        final String email;

        final String address;

        final List<Session> sessions = Collections.synchronizedList(new ArrayList<>());

        User(String email, String address) {
            this.email = email;
            this.address = address;
        }

        Session any(Random random) {
            synchronized (this.sessions) {
                return this.sessions.isEmpty() ? null : this.sessions.get(random.nextInt(this.sessions.size()));
            }
        }

    }

    private static final class Session {

        volatile String access;

        volatile String refresh;

        Session(String access, String refresh) {
            this.access = access;
            this.refresh = refresh;
        }

        void rotate(String access, String refresh) {
            this.access = access;
            this.refresh = refresh;
        }

    }

}
