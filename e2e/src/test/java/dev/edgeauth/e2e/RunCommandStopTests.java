package dev.edgeauth.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./edgeauth up} as a person runs it: in a terminal (a pseudo-terminal made by
 * util-linux's {@code script}), stopped with Ctrl-C typed into that terminal, so the
 * terminal's line discipline sends SIGINT to the foreground process group. The stack, on
 * free ports and a data folder of the test's own, must say it stopped and nothing else,
 * exit 0, and leave no service or PostgreSQL behind.
 */
@EnabledOnOs(OS.LINUX)
class RunCommandStopTests {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

    private static final byte CTRL_C = 0x03;

    @Test
    void upWhenCtrlCThenSaysStoppedExitsZeroAndLeavesNoProcess(@TempDir Path work) throws Exception {
        // Every process of this stack inherits the mark, even once re-parented to init.
        String markValue = UUID.randomUUID().toString();
        String mark = "EDGEAUTH_STOP_TEST=" + markValue;
        // script runs the command with $SHELL -c. Without exec, a shell that stays as the
        // parent (dash, the /bin/sh script falls back to) dies of the SIGINT itself and
        // script exits 130, whatever ./edgeauth does.
        ProcessBuilder builder = new ProcessBuilder("script", "--quiet", "--flush", "--return", "--command",
                "exec ./edgeauth up --no-build", "/dev/null")
            .directory(repositoryRoot().toFile())
            .redirectErrorStream(true);
        builder.environment().putAll(freePorts());
        builder.environment().put("EDGEAUTH_WORK_DIR", work.toString());
        builder.environment().put("EDGEAUTH_STOP_TEST", markValue);
        // As in CI, where SHELL is not set and script falls back to /bin/sh.
        builder.environment().remove("SHELL");
        // The JVM this build runs on, which made the class-data archives.
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process terminal = builder.start();
        Output output = new Output(terminal.getInputStream());
        try {
            assertThat(output.awaitLine("press Ctrl-C", READY_TIMEOUT, terminal)).as("the stack came up:%n%s", output)
                .isTrue();
            List<ProcessHandle> started = processesMarked(mark);
            assertThat(started).as("the three services")
                .filteredOn((process) -> commandEndsWith(process, "/java"))
                .hasSize(3);
            assertThat(started).as("the two embedded PostgreSQL servers")
                .filteredOn((process) -> commandEndsWith(process, "/postgres"))
                .hasSizeGreaterThanOrEqualTo(2);

            OutputStream keyboard = terminal.getOutputStream();
            keyboard.write(CTRL_C);
            keyboard.flush();

            assertThat(terminal.waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s:%n%s", output).isTrue();
            assertThat(terminal.exitValue()).as("exit status").isZero();
            List<String> afterCtrlC = output.linesAfter("press Ctrl-C");
            assertThat(afterCtrlC).as("what it printed after Ctrl-C").containsExactly("[edgeauth] stopped");
            assertThat(awaitNoProcessMarked(mark, Duration.ofSeconds(15))).as("services or PostgreSQL left running")
                .isEmpty();
        }
        finally {
            terminal.destroyForcibly();
            processesMarked(mark).forEach(ProcessHandle::destroyForcibly);
        }
    }

    private static boolean commandEndsWith(ProcessHandle process, String suffix) {
        return process.info().command().map((command) -> command.endsWith(suffix)).orElse(false);
    }

    private static Map<String, String> freePorts() {
        int task = Stack.freePort();
        int auth = Stack.freePort();
        int authManagement = Stack.freePort();
        return Map.of("EDGEAUTH_TASK_PORT", Integer.toString(task), "EDGEAUTH_TASK_MANAGEMENT_PORT",
                Integer.toString(Stack.freePort()), "EDGEAUTH_AUTH_PORT", Integer.toString(auth),
                "EDGEAUTH_AUTH_MANAGEMENT_PORT", Integer.toString(authManagement), "EDGEAUTH_GATEWAY_PORT",
                Integer.toString(Stack.freePort()), "EDGEAUTH_GATEWAY_MANAGEMENT_PORT",
                Integer.toString(Stack.freePort()), "EDGEAUTH_AUTH_URL", "http://localhost:" + auth,
                "EDGEAUTH_AUTH_INTERNAL_URL", "http://localhost:" + authManagement, "EDGEAUTH_TASK_URL",
                "http://localhost:" + task);
    }

    private static Path repositoryRoot() {
        return Path.of("..").toAbsolutePath().normalize();
    }

    private static List<ProcessHandle> awaitNoProcessMarked(String mark, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ProcessHandle> marked = processesMarked(mark);
        while (!marked.isEmpty() && System.nanoTime() < deadline) {
            marked.get(0).onExit().completeOnTimeout(null, 200, TimeUnit.MILLISECONDS).join();
            marked = processesMarked(mark);
        }
        return marked;
    }

    // Processes whose environment holds the mark (Linux: /proc/<pid>/environ).
    private static List<ProcessHandle> processesMarked(String mark) {
        byte[] wanted = mark.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            return entries.filter((entry) -> entry.getFileName().toString().matches("\\d+"))
                .filter((entry) -> environHolds(entry.resolve("environ"), wanted))
                .map((entry) -> ProcessHandle.of(Long.parseLong(entry.getFileName().toString())))
                .flatMap(Optional::stream)
                .filter((process) -> process.pid() != ProcessHandle.current().pid())
                .toList();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static boolean environHolds(Path environ, byte[] wanted) {
        byte[] content;
        try {
            content = Files.readAllBytes(environ);
        }
        catch (IOException ex) {
            return false;
        }
        int start = 0;
        for (int i = 0; i <= content.length; i++) {
            if (i == content.length || content[i] == 0) {
                if (Arrays.equals(content, start, i, wanted, 0, wanted.length)) {
                    return true;
                }
                start = i + 1;
            }
        }
        return false;
    }

    /** What the terminal shows, read as it comes, in lines without the terminal's CRs. */
    private static final class Output {

        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Output(InputStream stream) {
            Thread reader = new Thread(() -> {
                byte[] buffer = new byte[4096];
                try {
                    int read;
                    while ((read = stream.read(buffer)) != -1) {
                        synchronized (this.bytes) {
                            this.bytes.write(buffer, 0, read);
                            this.bytes.notifyAll();
                        }
                    }
                }
                catch (IOException ex) {
                    // the terminal closed
                }
            }, "run-command-output");
            reader.setDaemon(true);
            reader.start();
        }

        // Whether a line with the text came before the timeout and while the process ran.
        boolean awaitLine(String text, Duration timeout, Process process) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            synchronized (this.bytes) {
                while (lines().stream().noneMatch((line) -> line.contains(text))) {
                    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (left <= 0 || !process.isAlive()) {
                        return false;
                    }
                    this.bytes.wait(Math.min(left, 200));
                }
                return true;
            }
        }

        // The lines after the first that contains the text; the terminal's echo of
        // Ctrl-C (^C) is not the program's output and is dropped.
        List<String> linesAfter(String text) {
            List<String> lines = lines();
            int index = 0;
            while (index < lines.size() && !lines.get(index).contains(text)) {
                index++;
            }
            return lines.subList(Math.min(index + 1, lines.size()), lines.size())
                .stream()
                .map((line) -> line.replace("^C", ""))
                .filter((line) -> !line.isBlank())
                .toList();
        }

        private List<String> lines() {
            synchronized (this.bytes) {
                return this.bytes.toString(StandardCharsets.UTF_8).replace("\r", "").lines().toList();
            }
        }

        @Override
        public String toString() {
            return String.join("\n", lines());
        }

    }

}
