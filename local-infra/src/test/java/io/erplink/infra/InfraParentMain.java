package io.erplink.infra;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

/** The parent JVM that {@link ParentDeathTest} kills: starts servers, prints their pids, waits. */
public final class InfraParentMain {

    public static void main(String[] args) throws Exception {
        if (args[0].equals("infra")) {
            LocalInfra infra = LocalInfra.start();
            long postmaster = InfraFiles.readPid(infra.postgres().dataDir().resolve("postmaster.pid"))
                    .orElseThrow();
            long broker = InfraFiles.readPid(infra.kafka().dir().resolve("broker.pid"))
                    .orElseThrow();
            System.out.println("READY " + postmaster + " " + broker + " "
                    + infra.postgres().dataDir());
        } else {
            PostgresServer server = PostgresServer.start(0, Path.of(args[1]));
            server.createDatabase("kept");
            try (Connection connection = server.connect("kept");
                    Statement statement = connection.createStatement()) {
                statement.execute("create table marker (note text)");
                statement.execute("insert into marker values ('before the crash')");
            }
            long postmaster = InfraFiles.readPid(server.dataDir().resolve("postmaster.pid"))
                    .orElseThrow();
            System.out.println("READY " + postmaster);
        }
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
