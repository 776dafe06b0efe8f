package com.coaching.exports.bench;

import java.io.File;
import java.util.Map;

/**
 * async-profiler in the benchmark's JVM and the worker during the small exports, when
 * {@code BENCH_PROFILER} names its library ({@code libasyncProfiler.so}, from Maven Central's
 * {@code tools.profiler:async-profiler}): loaded through {@code jcmd JVMTI.agent_load}, CPU samples
 * every millisecond ({@code itimer}), written as collapsed stacks to
 * {@code bench/target/profile-<process>.collapsed}. Nothing without it.
 */
final class Profiler {

    private final String library;
    private final Map<String, Long> processes;

    private Profiler(String library, Map<String, Long> processes) {
        this.library = library;
        this.processes = processes;
    }

    static Profiler fromEnvironment(Map<String, Long> processes) {
        return new Profiler(System.getenv("BENCH_PROFILER"), processes);
    }

    void start() throws Exception {
        each("start,event=itimer,interval=1ms", null);
    }

    void stop() throws Exception {
        each("stop,collapsed,file=", "collapsed");
    }

    private void each(String command, String suffix) throws Exception {
        if (library == null || library.isBlank()) {
            return;
        }
        for (Map.Entry<String, Long> process : processes.entrySet()) {
            String options = suffix == null
                    ? command
                    : command + new File("bench/target/profile-" + process.getKey() + "." + suffix).getAbsolutePath();
            String jcmd = System.getProperty("java.home") + File.separator + "bin" + File.separator + "jcmd";
            new ProcessBuilder(jcmd, Long.toString(process.getValue()), "JVMTI.agent_load", library, options)
                    .inheritIO()
                    .start()
                    .waitFor();
        }
    }
}
