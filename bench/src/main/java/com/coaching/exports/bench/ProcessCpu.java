package com.coaching.exports.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The CPU time processes of this machine have used, from {@code /proc/<pid>/stat} (user + system
 * time, in clock ticks of 10 ms). PostgreSQL counts as its postmaster, every process it started
 * (backends, checkpointer, WAL writer, ...) and the children that ended since it last looked: their
 * time is in the postmaster's {@code cutime}/{@code cstime}. Linux only; zero elsewhere.
 */
final class ProcessCpu {

    private static final Path PROC = Path.of("/proc");
    /** USER_HZ: 100 on every Linux this runs on. */
    private static final double MS_PER_TICK = 10;

    private ProcessCpu() {}

    /** The milliseconds of CPU {@code pid} has used (its own, not its ended children's). */
    static double ms(long pid) {
        return ticks(pid, false) * MS_PER_TICK;
    }

    /** The milliseconds of CPU of the JVM {@code pid}'s JIT compiler threads. */
    static double compilerMs(long pid) {
        return compilerTicks(pid) * MS_PER_TICK;
    }

    /** The milliseconds of CPU of PostgreSQL: the postmaster and what it started (0 for none). */
    static double postgresMs(long postmaster) {
        return postmaster > 0 ? postgresTicks(postmaster) * MS_PER_TICK : 0;
    }

    /** The process of this machine whose command is {@code command} ({@code beam.smp}: RabbitMQ), or 0. */
    static long named(String command) {
        try (DirectoryStream<Path> all = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path process : all) {
                try {
                    if (Files.readString(process.resolve("comm"), StandardCharsets.US_ASCII)
                            .strip()
                            .equals(command)) {
                        return Long.parseLong(process.getFileName().toString());
                    }
                } catch (IOException e) {
                    // it ended meanwhile
                }
            }
        } catch (IOException e) {
            // no /proc
        }
        return 0;
    }

    /** {@code after - before}, process by process. */
    static Map<String, Double> since(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> used = new LinkedHashMap<>();
        after.forEach((name, ms) -> used.put(name, ms - before.getOrDefault(name, 0.0)));
        return used;
    }

    /** The parent of {@code pid}: a PostgreSQL backend's is the postmaster. */
    static long parent(long pid) {
        String[] fields = fields(pid);
        return fields == null ? -1 : Long.parseLong(fields[1]);
    }

    private static long postgresTicks(long postmaster) {
        long ticks = ticks(postmaster, true);
        try (DirectoryStream<Path> all = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path process : all) {
                long pid = Long.parseLong(process.getFileName().toString());
                if (pid != postmaster && parent(pid) == postmaster) {
                    ticks += ticks(pid, false);
                }
            }
        } catch (IOException e) {
            // no /proc: nothing counted
        }
        return ticks;
    }

    /** The CPU ticks of the JVM's JIT compiler threads ("C1 CompilerThre…", "C2 CompilerThre…"). */
    private static long compilerTicks(long pid) {
        long ticks = 0;
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(PROC.resolve(pid + "/task"), "[0-9]*")) {
            for (Path thread : threads) {
                String stat = Files.readString(thread.resolve("stat"), StandardCharsets.US_ASCII);
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ", -1);
                    ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process or a thread ended: what was read so far
        }
        return ticks;
    }

    /** utime + stime, and with {@code children} the ended children's cutime + cstime. */
    private static long ticks(long pid, boolean children) {
        String[] fields = fields(pid);
        if (fields == null) {
            return 0;
        }
        // fields after "(comm)": [0] state, [1] ppid, ... [11] utime, [12] stime, [13] cutime, [14] cstime
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return children ? ticks + Long.parseLong(fields[13]) + Long.parseLong(fields[14]) : ticks;
    }

    /** The fields of /proc/pid/stat after the command name (which may hold spaces), or null when it ended. */
    private static String @Nullable [] fields(long pid) {
        try {
            String stat = Files.readString(PROC.resolve(pid + "/stat"), StandardCharsets.US_ASCII);
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
