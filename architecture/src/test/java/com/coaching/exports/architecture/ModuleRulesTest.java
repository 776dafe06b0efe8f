package com.coaching.exports.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.regex.Pattern;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RestController;

/**
 * The module and package rules, checked on the main classes of every module but local (never their tests,
 * which may use the embedded stand-ins and reach across modules).
 */
@AnalyzeClasses(
        packages = ModuleRulesTest.ROOT,
        importOptions = {ImportOption.DoNotIncludeTests.class, ModuleRulesTest.DoNotIncludeTestJars.class})
class ModuleRulesTest {

    static final String ROOT = "com.coaching.exports";

    private static final String SHARED = ROOT + ".shared..";
    private static final String API = ROOT + ".api..";
    private static final String WORKER = ROOT + ".worker..";
    private static final String EMBEDDED = ROOT + ".embedded..";

    @ArchTest
    static final ArchRule shared_imports_neither_the_api_nor_the_worker = noClasses()
            .that()
            .resideInAPackage(SHARED)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(API, WORKER)
            .because("both sides build on shared; it must not know either of them");

    @ArchTest
    static final ArchRule the_api_never_imports_the_worker = noClasses()
            .that()
            .resideInAPackage(API)
            .should()
            .dependOnClassesThat()
            .resideInAPackage(WORKER)
            .because("api and worker speak only through the job table, the message contract and the datasets");

    @ArchTest
    static final ArchRule the_worker_never_imports_the_api = noClasses()
            .that()
            .resideInAPackage(WORKER)
            .should()
            .dependOnClassesThat()
            .resideInAPackage(API)
            .because("api and worker speak only through the job table, the message contract and the datasets");

    @ArchTest
    static final ArchRule controllers_do_not_touch_jdbc = noClasses()
            .that()
            .areAnnotatedWith(RestController.class)
            .or()
            .areAnnotatedWith(Controller.class)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework.jdbc..", "java.sql..", "javax.sql..")
            .because("SQL lives in the repositories and services, so a controller reads as the HTTP contract");

    @ArchTest
    static final ArchRule no_production_module_depends_on_the_embedded_stand_ins = noClasses()
            .that()
            .resideInAnyPackage(SHARED, API, WORKER)
            .should()
            .dependOnClassesThat()
            .resideInAPackage(EMBEDDED)
            .because("the embedded module is a test and run-command dependency, never on a production classpath");

    /** A slice a package: a cycle between two packages of one module is a cycle, not a shared slice. */
    private static final SliceAssignment EACH_PACKAGE = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String packageName = javaClass.getPackageName();
            return packageName.startsWith(ROOT) ? SliceIdentifier.of(packageName) : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "every package of " + ROOT;
        }
    };

    @ArchTest
    static final ArchRule packages_are_free_of_cycles =
            slices().assignedFrom(EACH_PACKAGE).should().beFreeOfCycles();

    @ArchTest
    static final ArchRule packages_are_named_by_capability_not_by_layer = noClasses()
            .should()
            .resideInAnyPackage(
                    "..controller..",
                    "..controllers..",
                    "..service..",
                    "..services..",
                    "..repository..",
                    "..repositories..",
                    "..util..",
                    "..utils..",
                    "..helper..",
                    "..helpers..",
                    "..impl..")
            .because("a package holds a capability (job, dataset, storage, web), as in the house style");

    /** The rules above pass on nothing at all: they only mean something if every module was imported. */
    @ArchTest
    static void the_main_classes_of_every_module_and_no_test_class_are_checked(JavaClasses classes) {
        for (String module : new String[] {"shared", "api", "worker", "embedded", "bench"}) {
            assertThat(classes.containPackage(ROOT + "." + module))
                    .as("main classes of %s imported", module)
                    .isTrue();
        }
        // the shared test clients are main classes of testkit (bench uses them); test classes are not imported
        assertThat(classes.containPackage(ROOT + ".testkit")).isTrue();
        assertThat(classes.contain(ROOT + ".architecture.ModuleRulesTest")).isFalse();
    }

    /**
     * {@link ImportOption.DoNotIncludeTests} knows target/test-classes, but in a reactor build after
     * `package` a module's test helpers come as its test jar (the worker builds one, for local).
     */
    static final class DoNotIncludeTestJars implements ImportOption {
        private static final Pattern TEST_JAR = Pattern.compile(".*-tests\\.jar!/.*");

        @Override
        public boolean includes(Location location) {
            return !location.matches(TEST_JAR);
        }
    }
}
