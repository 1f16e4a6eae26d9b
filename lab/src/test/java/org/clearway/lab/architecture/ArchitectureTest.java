package org.clearway.lab.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module rules of docs/architecture.md, checked on the production classes of every module. They run in the lab
 * because the lab depends on every module that ships code (core, decisions, routing, ingest, dispatch, dashboard-api,
 * simulator, launcher, embedded, test-support): only here are all their classes on one class path. Test classes are
 * left out ({@link ImportOption.DoNotIncludeTests}); the class size rule is {@link ClassSizeTest}, a walk over the
 * sources that also covers the deploy module.
 */
class ArchitectureTest {

    /** Each service's packages; a service meets the others in the database and on MQTT only. */
    static final Map<String, String> SERVICES = Map.of(
            "ingest", "org.clearway.ingest..",
            "dispatch", "org.clearway.dispatch..",
            "dashboard-api", "org.clearway.api..");

    /** The libraries the services are built on: they import no service. */
    static final List<String> LIBRARIES = List.of("org.clearway.core..", "org.clearway.decisions..",
            "org.clearway.routing..");

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.clearway");
    }

    @Test
    void everyModuleIsOnTheClassPath() {
        for (String pkg : List.of("core", "decisions", "routing", "ingest", "dispatch", "api", "simulator",
                "launcher", "lab")) {
            assertThat(production.stream().anyMatch(c -> c.getPackageName().startsWith("org.clearway." + pkg + ".")
                    || c.getPackageName().equals("org.clearway." + pkg)))
                    .as("classes of org.clearway.%s imported", pkg).isTrue();
        }
    }

    @Test
    void noServiceImportsAnotherService() {
        for (Map.Entry<String, String> service : SERVICES.entrySet()) {
            serviceApart(service.getKey()).check(production);
        }
    }

    @Test
    void theLibrariesImportNoService() {
        librariesFreeOfServices().check(production);
    }

    /**
     * The package cycles found when this rule came (issue 12), each a group of packages that import each other; too
     * big to untangle in the same change, they are listed in docs/architecture.md ("Known package cycles"). A cycle
     * that reaches a package outside its group fails, and so does a group whose cycles are gone (take it off the
     * list).
     */
    static final List<Set<String>> KNOWN_CYCLES = List.of();

    @Test
    void noPackageImportsItselfThroughAnotherBeyondTheKnownCycles() {
        EvaluationResult result = packagesFreeOfCycles().evaluate(production);
        List<Set<String>> cycles = cycles(result);
        List<Set<String>> unknown = cycles.stream()
                .filter(cycle -> KNOWN_CYCLES.stream().noneMatch(known -> known.containsAll(cycle))).toList();
        assertThat(unknown).as("package cycles beyond the known ones:%n%s", result.getFailureReport()).isEmpty();
        for (Set<String> known : KNOWN_CYCLES) {
            assertThat(cycles.stream().anyMatch(known::containsAll))
                    .as("the known cycle among %s is gone: take it off KNOWN_CYCLES and docs/architecture.md", known)
                    .isTrue();
        }
    }

    /** The packages of each cycle the rule reports ("Cycle detected: Slice a -> Slice b -> Slice a"). */
    static List<Set<String>> cycles(EvaluationResult result) {
        List<Set<String>> cycles = new ArrayList<>();
        for (String detail : result.getFailureReport().getDetails()) {
            if (!detail.startsWith("Cycle detected")) {
                continue;
            }
            String path = detail.lines().takeWhile(l -> !l.strip().matches("\\d+\\. .*")).reduce("", String::concat);
            Set<String> packages = new TreeSet<>();
            Matcher m = SLICE.matcher(path);
            while (m.find()) {
                packages.add(m.group(1));
            }
            cycles.add(packages);
        }
        return cycles;
    }

    private static final Pattern SLICE = Pattern.compile("Slice ([\\w.]+)");

    /** The rules can fail: the fixture's two packages import each other, and its "library" imports dispatch. */
    @Test
    void theRulesFindAFixturesCycleAndItsImportOfAService() {
        JavaClasses fixture = new ClassFileImporter().importPackages("org.clearway.lab.architecture.fixture");
        EvaluationResult cycles = packagesFreeOfCycles().evaluate(fixture);
        assertThat(cycles(cycles)).containsExactly(Set.of("org.clearway.lab.architecture.fixture.a",
                "org.clearway.lab.architecture.fixture.b"));
        ArchRule fixtureLibrary = noClasses().that().resideInAPackage("org.clearway.lab.architecture.fixture..")
                .should().dependOnClassesThat().resideInAnyPackage(SERVICES.values().toArray(String[]::new));
        assertThat(fixtureLibrary.evaluate(fixture).getFailureReport().toString())
                .contains("org.clearway.dispatch");
    }

    /** The service's classes depend on no class of the other services. */
    static ArchRule serviceApart(String service) {
        String[] others = SERVICES.entrySet().stream().filter(e -> !e.getKey().equals(service))
                .map(Map.Entry::getValue).toArray(String[]::new);
        return noClasses().that().resideInAPackage(SERVICES.get(service))
                .should().dependOnClassesThat().resideInAnyPackage(others)
                .as("the " + service + " service imports no other service's packages")
                .because("services meet in the database and on MQTT only");
    }

    static ArchRule librariesFreeOfServices() {
        return noClasses().that().resideInAnyPackage(LIBRARIES.toArray(String[]::new))
                .should().dependOnClassesThat().resideInAnyPackage(SERVICES.values().toArray(String[]::new))
                .as("core, decisions and routing import no service")
                .because("the services are built on them, not the other way round");
    }

    /**
     * Every package is a slice of its own (a package and its sub-packages are two), so a cycle between any two
     * packages fails. Maven already forbids cycles between modules, so this finds the cycles inside a module.
     */
    static ArchRule packagesFreeOfCycles() {
        return SlicesRuleDefinition.slices().assignedFrom(new PackageSlices()).should().beFreeOfCycles()
                .as("no package cycles inside a module (every package a slice)");
    }

    /** One slice per package under {@code org.clearway}. */
    private static final class PackageSlices implements SliceAssignment {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String pkg = javaClass.getPackageName();
            return pkg.startsWith("org.clearway.") ? SliceIdentifier.of(pkg) : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "the packages of org.clearway";
        }
    }
}
