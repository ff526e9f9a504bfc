package dev.edgeauth.database;

import org.apache.commons.logging.LogFactory;

/**
 * Child JVM for {@link EmbeddedPostgresServerTests}: starts a throw-away embedded server
 * the way a test context does (no Spring shutdown hook runs), prints its port, and exits;
 * with the argument {@code halt} it exits by {@code Runtime.halt}, so no hook at all runs
 * (a test runner giving up on a fork, a training run that exits on refresh).
 */
public final class EphemeralPostgresService {

    private EphemeralPostgresService() {
    }

    public static void main(String[] args) {
        DatabaseServer server = EmbeddedPostgresServer.start(new DatabaseProperties.Embedded(null, 0, false, true),
                java.nio.file.Path.of("unused"), LogFactory.getLog(EphemeralPostgresService.class));
        System.out.println("started " + server.port());
        System.out.flush();
        if (args.length > 0 && "halt".equals(args[0])) {
            Runtime.getRuntime().halt(0);
        }
    }

}
