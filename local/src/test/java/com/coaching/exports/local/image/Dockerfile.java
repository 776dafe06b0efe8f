package com.coaching.exports.local.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The parts of a Dockerfile the build replay needs: its build stage's working directory, {@code COPY}
 * lines and {@code RUN} commands, and the final stage's {@code COPY --from} of the build's output, with
 * the build arguments ({@code ${NAME}}) put in as {@code docker build --build-arg} would.
 */
record Dockerfile(String workdir, List<Copy> copies, List<String> runs, List<Copy> fromBuild) {

    /** {@code COPY sources… destination}. */
    record Copy(List<String> sources, String destination) {}

    static Dockerfile read(Path file, Map<String, String> buildArgs) throws IOException {
        String text = Files.readString(file).replaceAll("\\\\\\R", " ");
        for (var arg : buildArgs.entrySet()) {
            text = text.replace("${" + arg.getKey() + "}", arg.getValue());
        }
        String workdir = "/";
        List<Copy> copies = new ArrayList<>();
        List<String> runs = new ArrayList<>();
        List<Copy> fromBuild = new ArrayList<>();
        int stage = 0;
        for (String line : text.lines().map(String::strip).toList()) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String instruction = line.split("\\s+", 2)[0].toUpperCase();
            String rest = line.substring(instruction.length()).strip();
            if (instruction.equals("FROM")) {
                stage++;
            } else if (stage == 1 && instruction.equals("WORKDIR")) {
                workdir = rest;
            } else if (stage == 1 && instruction.equals("COPY")) {
                if (rest.startsWith("[") || rest.startsWith("--")) {
                    throw new IllegalArgumentException("the replay reads plain COPY lines only: " + line);
                }
                copies.add(copy(rest));
            } else if (stage == 1 && instruction.equals("RUN")) {
                runs.add(rest);
            } else if (stage > 1 && instruction.equals("COPY") && rest.startsWith("--from=build ")) {
                fromBuild.add(copy(rest.substring("--from=build ".length())));
            }
        }
        return new Dockerfile(workdir, copies, runs, fromBuild);
    }

    private static Copy copy(String arguments) {
        List<String> words = Arrays.asList(arguments.strip().split("\\s+"));
        return new Copy(words.subList(0, words.size() - 1), words.get(words.size() - 1));
    }
}
