package dev.edgeauth.database;

import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Run in a child JVM by {@link EmbeddedPostgresServerTests}: starts an embedded
 * PostgreSQL on the given data folder, says so, and waits to be killed, leaving the
 * server behind as a killed service would.
 */
public final class OrphanedPostgres {

    private OrphanedPostgres() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
            .setDataDirectory(Path.of(args[0]))
            .setCleanDataDirectory(false)
            .setRegisterShutdownHook(false)
            .start();
        System.out.println("started " + postgres.getPort());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

}
