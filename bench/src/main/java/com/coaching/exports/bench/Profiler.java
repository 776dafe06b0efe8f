package com.coaching.exports.bench;

import com.sun.tools.attach.VirtualMachine;
import java.io.File;
import java.util.Map;

/**
 * async-profiler in the benchmark's JVM and the worker during the bulk and the small exports, when
 * {@code BENCH_PROFILER} names its library ({@code libasyncProfiler.so}, from Maven Central's
 * {@code tools.profiler:async-profiler}): loaded through the attach API (the benchmark's own JVM needs
 * {@code -Djdk.attach.allowAttachSelf=true}, which {@code bench/run} gives it), CPU samples
 * every millisecond ({@code itimer}), written as collapsed stacks (each under its thread's name) to
 * {@code bench/target/profile-<phase>-<process>.collapsed}. Nothing without it.
 */
final class Profiler {

    private final String library;
    private final String phase;
    private final Map<String, Long> processes;

    private Profiler(String library, String phase, Map<String, Long> processes) {
        this.library = library;
        this.phase = phase;
        this.processes = processes;
    }

    static Profiler fromEnvironment(String phase, Map<String, Long> processes) {
        return new Profiler(System.getenv("BENCH_PROFILER"), phase, processes);
    }

    void start() throws Exception {
        each("start,event=itimer,interval=1ms,threads,collapsed,file=");
    }

    void stop() throws Exception {
        each("stop,collapsed,file=");
    }

    private void each(String command) throws Exception {
        if (library == null || library.isBlank()) {
            return;
        }
        for (Map.Entry<String, Long> process : processes.entrySet()) {
            String file =
                    new File("bench/target/profile-" + phase + "-" + process.getKey() + ".collapsed").getAbsolutePath();
            VirtualMachine vm = VirtualMachine.attach(Long.toString(process.getValue()));
            try {
                vm.loadAgentPath(library, command + file);
            } finally {
                vm.detach();
            }
        }
    }
}
