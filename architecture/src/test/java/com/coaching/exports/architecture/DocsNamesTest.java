package com.coaching.exports.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every class the README and docs/*.md name in backticks exists, and where they say it is: a name
 * that looks like a Java type ({@code CsvBuffer}, {@code Dataset.inlinedSql}, {@code Leases#renew})
 * is declared (top-level or nested) in some module's src/main or src/test, or is a library class our
 * code imports; with a path ({@code worker/.../csv/CsvBuffer}, {@code export/Leases}) or a module
 * after it ("{@code CsvCells} (worker {@code csv/})", "{@code TrainerJobs} (api)") it is declared there.
 */
class DocsNamesTest {

    private static final Set<String> MODULES =
            Set.of("shared", "api", "worker", "embedded", "testkit", "local", "bench", "architecture");

    /** Words in backticks that look like a type and are none of ours or of a library we import. */
    private static final Set<String> NOT_OUR_CLASSES = Set.of(
            // S3 operations and error codes, as the store's API spells them
            "AbortMultipartUpload",
            "CompleteMultipartUpload",
            "CreateMultipartUpload",
            "HeadBucket",
            "ListMultipartUploads",
            "ListObjectsV2",
            "PutObject",
            "UploadPart",
            "SlowDown",
            // HTTP header names
            "Accept",
            "Allow",
            "Authorization",
            // CSV column headers (docs/api.md)
            "Active",
            "Amount",
            "Currency",
            "Description",
            "Email",
            "Joined",
            "Status",
            "Type",
            // schemas of the API's OpenAPI description
            "Job",
            "Problem",
            // the browser's and the servlet API's names
            "EventSource",
            "Intl",
            "WriteListener",
            // library classes the docs compare with that no code of ours imports
            "BufferedWriter",
            "CopyManager",
            "QuoteMode",
            "SXSSFWorkbook",
            // the style anchors' names (spring-modulith)
            "ApplicationModules",
            "ModularityTests");

    private static final Pattern DECLARATION = Pattern.compile("(?m)^[ \\t]*(?:@\\w+(?:\\([^)]*\\))?\\s+)*"
            + "(?:(?:public|protected|private|static|final|abstract|sealed|non-sealed|strictfp)\\s+)*"
            + "(?:class|interface|enum|record|@interface)\\s+([A-Z]\\w*)");
    private static final Pattern IMPORT =
            Pattern.compile("(?m)^import\\s+(?:static\\s+)?(?:[a-z_]\\w*\\.)+([A-Z]\\w*)");
    private static final Pattern SPAN = Pattern.compile("`([^`\\n]+)`");
    /** An optional path of package folders or {@code ...}, a type name, an optional member. */
    private static final Pattern NAME =
            Pattern.compile("(?:(?<path>(?:[a-z][a-z0-9]*|\\.\\.\\.)(?:/(?:[a-z][a-z0-9]*|\\.\\.\\.))*)/)?"
                    + "(?<name>[A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*)"
                    + "(?:[.#][A-Za-z_][A-Za-z0-9_]*(?:\\([^)]*\\))?)?(?:\\.java)?");
    /** What may follow a name to say where it is: " (worker)", " (worker `csv/`)". */
    private static final Pattern WHERE = Pattern.compile("^ \\((?<module>[a-z]+)(?: `(?<pkg>[a-z][a-z0-9/]*?)/?`)?\\)");

    /** A type's simple name → the path of each declaration, its file's folder and the name: {@code worker/src/main/java/…/csv/CsvBuffer}. */
    private final Map<String, List<String>> declared = new HashMap<>();

    private final Set<String> imported = new HashSet<>();

    @Test
    void every_class_the_docs_name_exists_where_they_say() {
        for (String set : List.of("main", "test")) {
            for (Path file : SourceTree.javaFiles(set)) {
                String source = SourceTree.read(file);
                String folder = file.getParent().toString().replace('\\', '/');
                Matcher declaration = DECLARATION.matcher(source);
                while (declaration.find()) {
                    String name = declaration.group(1);
                    declared.computeIfAbsent(name, n -> new ArrayList<>()).add(folder + "/" + name);
                }
                IMPORT.matcher(source).results().forEach(match -> imported.add(match.group(1)));
            }
        }
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Path doc : docs()) {
            List<String> lines = SourceTree.read(doc).lines().toList();
            boolean fenced = false;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.stripLeading().startsWith("```")) {
                    fenced = !fenced; // a code block shows commands and bodies, not class names
                    continue;
                }
                if (fenced) {
                    continue;
                }
                Matcher span = SPAN.matcher(line);
                while (span.find()) {
                    Matcher name = NAME.matcher(span.group(1));
                    if (!name.matches()) {
                        continue;
                    }
                    checked++;
                    String problem = check(name.group("name"), name.group("path"), line.substring(span.end()));
                    if (problem != null) {
                        wrong.add(doc + ":" + (i + 1) + ": `" + span.group(1) + "` " + problem);
                    }
                }
            }
        }
        assertThat(declared).as("types declared in the modules").hasSizeGreaterThan(200);
        assertThat(checked).as("names checked in the docs").isGreaterThan(100);
        assertThat(wrong)
                .as("names in the docs that are no class of ours (rename or move them in the docs, or, for a"
                        + " word that is no class, add it to NOT_OUR_CLASSES)")
                .isEmpty();
    }

    /** Why {@code name} (with the path before it and the text after it) is wrong, or {@code null}. */
    private String check(String name, String path, String after) {
        String where = path;
        Matcher module = WHERE.matcher(after);
        if (where == null && module.find() && MODULES.contains(module.group("module"))) {
            where = module.group("module") + "/..." + (module.group("pkg") == null ? "" : "/" + module.group("pkg"));
        }
        List<String> declarations = declared.getOrDefault(name, List.of());
        if (where == null) {
            boolean known = !declarations.isEmpty()
                    || imported.contains(name)
                    || NOT_OUR_CLASSES.contains(name)
                    || isJavaLang(name);
            return known ? null : "is no class, record or enum of any module";
        }
        Pattern place = place(where, name);
        if (declarations.stream().noneMatch(d -> place.matcher(d).matches())) {
            return declarations.isEmpty()
                    ? "is no class, record or enum of any module"
                    : "is not in " + where + " but in " + declarations;
        }
        return null;
    }

    /** {@code worker/.../csv} and {@code CsvBuffer} → a pattern for {@code worker/src/main/java/…/csv/CsvBuffer}. */
    private static Pattern place(String where, String name) {
        List<String> segments = List.of(where.split("/"));
        StringBuilder regex = new StringBuilder(MODULES.contains(segments.get(0)) ? "" : "(?:.*/)?");
        for (String segment : segments) {
            regex.append(segment.equals("...") ? "(?:.*/)?" : Pattern.quote(segment) + "/");
        }
        return Pattern.compile(regex + Pattern.quote(name));
    }

    private static boolean isJavaLang(String name) {
        try {
            Class.forName("java.lang." + name, false, ClassLoader.getPlatformClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static List<Path> docs() {
        List<Path> docs = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> files = Files.list(SourceTree.root().resolve("docs"))) {
            files.filter(file -> file.toString().endsWith(".md"))
                    .map(file -> SourceTree.root().relativize(file))
                    .sorted()
                    .forEach(docs::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return docs;
    }
}
