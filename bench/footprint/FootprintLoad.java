import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A defined, mixed load against the edgeauth gateway, for the memory-footprint benchmark:
 * it leaves the gateway, the auth-service and the task-service holding what a realistic
 * population of users makes them hold (accounts, sessions, refresh tokens, cached token
 * verifications, rate-limit windows, revocations, tasks).
 *
 * <pre>
 *   java bench/footprint/FootprintLoad.java [--url http://localhost:8080] [--users 10000]
 *       [--refreshes 2000] [--logouts 500] [--threads 8] [--max-seconds 1800] [--run-id ID]
 * </pre>
 *
 * Phases, one after another (each ends before the next starts), for users 1..N:
 * <ol>
 * <li>signup: {@code POST /auth/signup} {@code {"email":"<run-id>-<n>@footprint.example","password":...}},
 * 201 expected;</li>
 * <li>login: {@code POST /auth/login} with the same body, 200 expected; its access and refresh
 * tokens are kept;</li>
 * <li>api: {@code POST /api/tasks} {@code {"title":"task <n>"}} (201), then {@code GET /api/tasks}
 * (200), with {@code Authorization: Bearer <access token>};</li>
 * <li>refresh: the first R users {@code POST /auth/refresh} {@code {"refresh_token":...}}, 200
 * expected; the new tokens replace the old;</li>
 * <li>logout: the first L users (all refreshed ones) {@code POST /auth/logout} with their newest
 * access token, 204 expected.</li>
 * </ol>
 * A user whose earlier step gave no token is left out of the later steps that need it (said on
 * stderr); its failure is already counted.
 *
 * <p>
 * <b>Why {@code X-Forwarded-For}.</b> The gateway allows 10 signups and 10 logins a minute per
 * client address, so from one address this load would be refused after the tenth user. Every
 * request of user n carries {@code X-Forwarded-For: 10.a.b.c} (n spread over 10.0.0.0/8, one
 * address per user), and the benchmark runs the gateway with
 * {@code EDGEAUTH_GATEWAY_TRUSTED_PROXIES=127.0.0.1} so it believes that header from the
 * loopback peer. The address is only header text: every connection goes to {@code --url}.
 * Without that setting, the eleventh signup and onward get 429.
 *
 * <p>
 * Output (stdout): one line per phase,
 * {@code phase=<name> requests=<n> seconds=<s> rate=<req/s> status=<code:count,...>}, then
 * {@code total requests=<n> unexpected=<n>}. A response is unexpected when its status is not
 * the one expected for that request, or when a token response lacks its tokens; a request
 * that fails with an {@link IOException} (refused, reset, timed out) counts as status 0. Up
 * to 5 unexpected answers are shown on stderr, and progress at most every 10 s.
 *
 * <p>
 * Exit status: 0 when nothing was unexpected, 1 otherwise, 2 for bad options, 3 when the
 * run exceeded {@code --max-seconds}.
 */
public final class FootprintLoad {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final long PROGRESS_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final int MAX_EXAMPLES = 5;
    private static final int EXAMPLE_LENGTH = 200;
    /** One address per user in 10.0.0.0/8, none ending in .0.0.0 or .255.255.255. */
    private static final int MAX_USERS = (1 << 24) - 2;

    private static final int EXIT_UNEXPECTED = 1;
    private static final int EXIT_USAGE = 2;
    private static final int EXIT_DEADLINE = 3;

    private final Options options;
    private final HttpClient client;
    private final long deadline;
    /** Index n - 1: user n's newest tokens, or null. Published to the next phase by its barrier. */
    private final Tokens[] tokens;
    private final AtomicLong totalRequests = new AtomicLong();
    private final AtomicLong unexpected = new AtomicLong();
    private final AtomicInteger examplesShown = new AtomicInteger();

    private FootprintLoad(Options options) {
        this.options = options;
        this.client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
        this.deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.maxSeconds());
        this.tokens = new Tokens[options.users()];
    }

    public static void main(String[] args) throws InterruptedException {
        Options options;
        try {
            options = Options.parse(args);
        }
        catch (IllegalArgumentException ex) {
            System.err.println("error: " + ex.getMessage());
            System.err.println(Options.USAGE);
            System.exit(EXIT_USAGE);
            return;
        }
        System.exit(new FootprintLoad(options).run());
    }

    /** Runs the phases in order; returns the exit status. */
    private int run() throws InterruptedException {
        System.err.printf(Locale.ROOT, "footprint load: url=%s run-id=%s users=%d refreshes=%d logouts=%d threads=%d%n",
                this.options.url(), this.options.runId(), this.options.users(), this.options.refreshes(),
                this.options.logouts(), this.options.threads());
        ExecutorService pool = Executors.newFixedThreadPool(this.options.threads(), (task) -> {
            Thread thread = new Thread(task, "footprint-load");
            thread.setDaemon(true);
            return thread;
        });
        try {
            runPhase(pool, "signup", this.options.users(), this::signup);
            runPhase(pool, "login", this.options.users(), this::login);
            runPhase(pool, "api", this.options.users(), this::useApi);
            runPhase(pool, "refresh", this.options.refreshes(), this::refresh);
            runPhase(pool, "logout", this.options.logouts(), this::logout);
        }
        catch (DeadlineExceeded ex) {
            System.err.println("aborted: " + ex.getMessage());
            printTotal();
            return EXIT_DEADLINE;
        }
        catch (WorkerFailed ex) {
            System.err.println("aborted: " + ex.getMessage());
            printTotal();
            return EXIT_UNEXPECTED;
        }
        finally {
            pool.shutdownNow();
        }
        printTotal();
        return (this.unexpected.get() == 0) ? 0 : EXIT_UNEXPECTED;
    }

    private void printTotal() {
        System.out.printf(Locale.ROOT, "total requests=%d unexpected=%d%n", this.totalRequests.get(),
                this.unexpected.get());
    }

    // ---- phases ------------------------------------------------------------------------

    /**
     * Runs {@code step} for users 1..{@code users} on the pool's threads, each thread taking the
     * next user until none is left, and returns when all are done (the barrier between phases).
     */
    private void runPhase(ExecutorService pool, String name, int users, UserStep step)
            throws InterruptedException {
        PhaseCounter phase = new PhaseCounter(name, users);
        AtomicInteger nextUser = new AtomicInteger(1);
        int workers = Math.max(1, Math.min(this.options.threads(), users));
        CountDownLatch finished = new CountDownLatch(workers);
        List<Future<?>> futures = new ArrayList<>(workers);
        long start = System.nanoTime();
        for (int i = 0; i < workers; i++) {
            futures.add(pool.submit(() -> {
                try {
                    for (int user = nextUser.getAndIncrement(); user <= users; user = nextUser.getAndIncrement()) {
                        step.run(phase, user);
                        phase.userDone();
                    }
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
                finally {
                    finished.countDown();
                }
                return null;
            }));
        }
        awaitPhase(phase, finished, start);
        for (Future<?> future : futures) {
            try {
                future.get();
            }
            catch (ExecutionException ex) {
                throw new WorkerFailed("phase=" + name + " worker failed: " + describe(ex.getCause()));
            }
        }
        PhaseResult result = phase.result(System.nanoTime() - start);
        System.out.println(result.line());
        if (phase.skipped() > 0) {
            System.err.printf(Locale.ROOT, "phase=%s skipped %d users without a token from an earlier phase%n", name,
                    phase.skipped());
        }
    }

    /** Waits for the phase's workers, showing progress at most every 10 s, up to the run's deadline. */
    private void awaitPhase(PhaseCounter phase, CountDownLatch finished, long start) throws InterruptedException {
        long nextProgress = start + PROGRESS_INTERVAL_NANOS;
        while (true) {
            long now = System.nanoTime();
            long wait = Math.min(nextProgress, this.deadline) - now;
            if (finished.await(Math.max(0, wait), TimeUnit.NANOSECONDS)) {
                return;
            }
            now = System.nanoTime();
            if (now - this.deadline >= 0) {
                throw new DeadlineExceeded("the run exceeded --max-seconds=" + this.options.maxSeconds()
                        + " in phase=" + phase.name() + " at " + phase.progress());
            }
            if (now - nextProgress >= 0) {
                System.err.println("progress phase=" + phase.name() + " " + phase.progress());
                nextProgress = now + PROGRESS_INTERVAL_NANOS;
            }
        }
    }

    private void signup(PhaseCounter phase, int user) throws InterruptedException {
        send(phase, post(user, "/auth/signup", credentials(user)).build(), 201);
    }

    private void login(PhaseCounter phase, int user) throws InterruptedException {
        Answer answer = send(phase, post(user, "/auth/login", credentials(user)).build(), 200);
        keepTokens(phase, user, answer, 200);
    }

    private void useApi(PhaseCounter phase, int user) throws InterruptedException {
        Tokens held = heldOrSkip(phase, user);
        if (held == null) {
            return;
        }
        String taskJson = "{\"title\":" + jsonString("task " + user) + "}";
        send(phase, post(user, "/api/tasks", taskJson).header("Authorization", "Bearer " + held.access()).build(), 201);
        send(phase, request(user, "/api/tasks").header("Authorization", "Bearer " + held.access()).GET().build(), 200);
    }

    private void refresh(PhaseCounter phase, int user) throws InterruptedException {
        Tokens held = heldOrSkip(phase, user);
        if (held == null) {
            return;
        }
        String refreshJson = "{\"refresh_token\":" + jsonString(held.refresh()) + "}";
        Answer answer = send(phase, post(user, "/auth/refresh", refreshJson).build(), 200);
        keepTokens(phase, user, answer, 200);
    }

    private void logout(PhaseCounter phase, int user) throws InterruptedException {
        Tokens held = heldOrSkip(phase, user);
        if (held == null) {
            return;
        }
        HttpRequest logout = request(user, "/auth/logout")
            .header("Authorization", "Bearer " + held.access())
            .POST(HttpRequest.BodyPublishers.noBody())
            .build();
        send(phase, logout, 204);
    }

    /** The user's newest tokens, or null (and the user skipped) when an earlier phase got none. */
    private Tokens heldOrSkip(PhaseCounter phase, int user) {
        Tokens held = this.tokens[user - 1];
        if (held == null) {
            phase.skip();
        }
        return held;
    }

    /** After a token response with the expected status: its tokens become the user's newest. */
    private void keepTokens(PhaseCounter phase, int user, Answer answer, int expectedStatus) {
        if (answer.status() != expectedStatus) {
            return;
        }
        Optional<Tokens> received = Tokens.from(answer.body());
        if (received.isPresent()) {
            this.tokens[user - 1] = received.get();
        }
        else {
            reportUnexpected(phase, answer, "token response without access_token/refresh_token");
        }
    }

    // ---- requests ----------------------------------------------------------------------

    private String credentials(int user) {
        String email = this.options.runId() + "-" + user + "@footprint.example";
        String password = "footprint horse battery staple " + user;
        return "{\"email\":" + jsonString(email) + ",\"password\":" + jsonString(password) + "}";
    }

    private HttpRequest.Builder post(int user, String path, String json) {
        return request(user, path).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    /** Every request of a user comes "from" that user's own address (see the class comment). */
    private HttpRequest.Builder request(int user, String path) {
        return HttpRequest.newBuilder(URI.create(this.options.url() + path))
            .timeout(REQUEST_TIMEOUT)
            .header("X-Forwarded-For", clientAddress(user));
    }

    /** User n's address in 10.0.0.0/8: 10.(n>>16).(n>>8).n, each byte masked. */
    static String clientAddress(int user) {
        return "10." + ((user >> 16) & 0xff) + "." + ((user >> 8) & 0xff) + "." + (user & 0xff);
    }

    /** Sends one request; an IOException is the answer of status 0. */
    private Answer send(PhaseCounter phase, HttpRequest request, int expectedStatus) throws InterruptedException {
        Answer answer;
        try {
            HttpResponse<String> response = this.client.send(request, HttpResponse.BodyHandlers.ofString());
            answer = new Answer(response.statusCode(), response.body());
        }
        catch (IOException ex) {
            answer = new Answer(0, describe(ex));
        }
        phase.count(answer.status());
        this.totalRequests.incrementAndGet();
        if (answer.status() != expectedStatus) {
            reportUnexpected(phase, answer, request.method() + " " + request.uri().getPath() + " expected "
                    + expectedStatus);
        }
        return answer;
    }

    private void reportUnexpected(PhaseCounter phase, Answer answer, String what) {
        this.unexpected.incrementAndGet();
        if (this.examplesShown.getAndIncrement() < MAX_EXAMPLES) {
            String body = (answer.body() == null) ? "" : answer.body();
            if (body.length() > EXAMPLE_LENGTH) {
                body = body.substring(0, EXAMPLE_LENGTH);
            }
            System.err.println("unexpected phase=" + phase.name() + " (" + what + "): status " + answer.status()
                    + " " + body.replace('\n', ' ').replace('\r', ' '));
        }
    }

    /** An exception and its causes on one line, without a stack trace. */
    private static String describe(Throwable error) {
        StringBuilder text = new StringBuilder();
        int depth = 0;
        for (Throwable cause = error; cause != null && depth < 4; cause = cause.getCause(), depth++) {
            if (depth > 0) {
                text.append(" <- ");
            }
            text.append(cause.getClass().getName());
            if (cause.getMessage() != null) {
                text.append(": ").append(cause.getMessage());
            }
        }
        return text.toString();
    }

    // ---- small JSON helpers (the bodies are small and flat enough) ----------------------

    static String jsonString(String value) {
        StringBuilder json = new StringBuilder(value.length() + 2).append('"');
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    }
                    else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }

    /** The first string value of {@code field} anywhere in {@code json}, unescaped for \" and \\ only. */
    static Optional<String> stringField(String json, String field) {
        if (json == null) {
            return Optional.empty();
        }
        Matcher matcher = Pattern.compile("\"" + Pattern.quote(field) + "\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"")
            .matcher(json);
        if (!matcher.find()) {
            return Optional.empty();
        }
        return Optional.of(matcher.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
    }

    // ---- records and small types -----------------------------------------------------

    /** One response: its status (0 when the request failed with an IOException) and body. */
    record Answer(int status, String body) {
    }

    /** The tokens a token response gives. */
    record Tokens(String access, String refresh) {

        static Optional<Tokens> from(String json) {
            Optional<String> access = stringField(json, "access_token");
            Optional<String> refresh = stringField(json, "refresh_token");
            if (access.isEmpty() || refresh.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Tokens(access.get(), refresh.get()));
        }

    }

    /** What one phase did. */
    record PhaseResult(String name, long requests, double seconds, SortedMap<Integer, Long> statuses) {

        String line() {
            double rate = (this.seconds > 0) ? this.requests / this.seconds : 0;
            StringBuilder counts = new StringBuilder();
            this.statuses.forEach((status, count) -> {
                if (counts.length() > 0) {
                    counts.append(',');
                }
                counts.append(status).append(':').append(count);
            });
            return String.format(Locale.ROOT, "phase=%s requests=%d seconds=%.1f rate=%.1f status=%s", this.name,
                    this.requests, this.seconds, rate, counts);
        }

    }

    /** One user's part of a phase, run on a worker thread. */
    @FunctionalInterface
    interface UserStep {

        void run(PhaseCounter phase, int user) throws InterruptedException;

    }

    /** The counts of a running phase, updated by its workers. */
    static final class PhaseCounter {

        private final String name;
        private final int users;
        private final AtomicInteger done = new AtomicInteger();
        private final AtomicInteger skipped = new AtomicInteger();
        private final LongAdder requests = new LongAdder();
        private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();

        PhaseCounter(String name, int users) {
            this.name = name;
            this.users = users;
        }

        String name() {
            return this.name;
        }

        void count(int status) {
            this.requests.increment();
            this.statuses.computeIfAbsent(status, (key) -> new LongAdder()).increment();
        }

        void userDone() {
            this.done.incrementAndGet();
        }

        void skip() {
            this.skipped.incrementAndGet();
        }

        int skipped() {
            return this.skipped.get();
        }

        String progress() {
            return "done=" + this.done.get() + "/" + this.users;
        }

        PhaseResult result(long elapsedNanos) {
            SortedMap<Integer, Long> counts = new TreeMap<>();
            this.statuses.forEach((status, count) -> counts.put(status, count.sum()));
            return new PhaseResult(this.name, this.requests.sum(), elapsedNanos / 1e9, counts);
        }

    }

    /** The command line. */
    record Options(String url, int users, int refreshes, int logouts, int threads, long maxSeconds, String runId) {

        static final String USAGE = "usage: java bench/footprint/FootprintLoad.java [--url http://localhost:8080]"
                + " [--users 10000] [--refreshes 2000] [--logouts 500] [--threads 8] [--max-seconds 1800]"
                + " [--run-id <epoch seconds>]";

        static Options parse(String[] args) {
            String url = "http://localhost:8080";
            int users = 10_000;
            int refreshes = 2_000;
            int logouts = 500;
            int threads = 8;
            long maxSeconds = 1800;
            String runId = Long.toString(System.currentTimeMillis() / 1000);
            for (int i = 0; i < args.length; i += 2) {
                String name = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value for " + name);
                }
                String value = args[i + 1];
                switch (name) {
                    case "--url" -> url = value;
                    case "--users" -> users = number(name, value, 1, MAX_USERS);
                    case "--refreshes" -> refreshes = number(name, value, 0, MAX_USERS);
                    case "--logouts" -> logouts = number(name, value, 0, MAX_USERS);
                    case "--threads" -> threads = number(name, value, 1, 1024);
                    case "--max-seconds" -> maxSeconds = number(name, value, 1, Integer.MAX_VALUE);
                    case "--run-id" -> runId = value;
                    default -> throw new IllegalArgumentException("unknown option " + name);
                }
            }
            if (refreshes > users) {
                throw new IllegalArgumentException("--refreshes must not exceed --users");
            }
            if (logouts > refreshes) {
                throw new IllegalArgumentException("--logouts must not exceed --refreshes (logouts are refreshed users)");
            }
            if (!runId.matches("[A-Za-z0-9._-]{1,40}")) {
                throw new IllegalArgumentException("--run-id must be 1-40 of [A-Za-z0-9._-]");
            }
            return new Options(baseUrl(url), users, refreshes, logouts, threads, maxSeconds, runId);
        }

        private static int number(String name, String value, int min, int max) {
            try {
                int number = Integer.parseInt(value);
                if (number >= min && number <= max) {
                    return number;
                }
            }
            catch (NumberFormatException ex) {
                // reported below
            }
            throw new IllegalArgumentException(name + " must be a whole number from " + min + " to " + max);
        }

        private static String baseUrl(String url) {
            String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
            URI uri;
            try {
                uri = URI.create(base);
            }
            catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("--url is not a URL: " + url);
            }
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException("--url must be http(s)://host[:port]: " + url);
            }
            return base;
        }

    }

    /** The run went past --max-seconds. */
    static final class DeadlineExceeded extends RuntimeException {

        private static final long serialVersionUID = 1L;

        DeadlineExceeded(String message) {
            super(message, null, false, false);
        }

    }

    /** A worker ended with an exception other than an I/O failure (a bug, not an answer). */
    static final class WorkerFailed extends RuntimeException {

        private static final long serialVersionUID = 1L;

        WorkerFailed(String message) {
            super(message, null, false, false);
        }

    }

}
