package io.herald.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.config.ConfigSource;
import io.herald.config.HeraldConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README is what a newcomer configures Herald from: its settings table must be the settings the code reads
 * (names, environment variables, defaults), each setting exercised by some test, and each security claim in its
 * "Security by default" table must name tests that exist.
 */
class ReadmeTest {
    private static final Path README = Path.of("README.md");
    private static final Path TESTS = Path.of("src/test/java");
    private static final Path CONFIG_CODE = Path.of("src/main/java/io/herald/config");
    /** A secret good enough for every check, so the default app's random one does not differ between loads. */
    private static final String SECRET = "ReadmeTest-4f9c1e7a2b8d6035e1c9a7f3b2d4e6a8";

    /** One row of the settings table. */
    record Setting(String property, String env, String defaultValue) {
        /** The default when the README gives it as a literal (in backticks), else {@code null}. */
        String literalDefault() {
            Matcher m = Pattern.compile("^`([^`]*)`$").matcher(defaultValue);
            return m.matches() ? m.group(1) : null;
        }
    }

    static Map<String, Setting> documented() throws IOException {
        Map<String, Setting> rows = new LinkedHashMap<>();
        Pattern row = Pattern.compile("^\\| `(herald\\.[^`]+)` \\| `([A-Z0-9_]+)` \\| ([^|]+) \\|");
        for (String line : section("## Configuration")) {
            Matcher m = row.matcher(line);
            if (m.find()) {
                Setting previous = rows.put(m.group(1), new Setting(m.group(1), m.group(2), m.group(3).trim()));
                assertEquals(null, previous, m.group(1) + " is documented twice");
            }
        }
        assertFalse(rows.isEmpty(), "no settings table found in the README's Configuration section");
        return rows;
    }

    /** Every {@code herald.*} name the configuration code reads: those asked for at start, and its literals. */
    static Set<String> read() throws IOException {
        Set<String> names = new TreeSet<>();
        HeraldConfig.load(name -> {
            names.add(name);
            return name.equals("herald.secret") ? SECRET : null;
        });
        Pattern literal = Pattern.compile("\"(herald\\.[A-Za-z0-9.]+)\"");
        try (Stream<Path> files = Files.walk(CONFIG_CODE)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = literal.matcher(Files.readString(file));
                while (m.find()) names.add(m.group(1));
            }
        }
        return names;
    }

    @Test
    void theSettingsTableListsExactlyTheSettingsTheCodeReads() throws IOException {
        Set<String> documented = new TreeSet<>(documented().keySet());
        Set<String> read = read();
        Set<String> undocumented = new TreeSet<>(read);
        undocumented.removeAll(documented);
        Set<String> unread = new TreeSet<>(documented);
        unread.removeAll(read);
        assertTrue(undocumented.isEmpty(), "read by the code but not in the README's table: " + undocumented);
        assertTrue(unread.isEmpty(), "in the README's table but read by no code: " + unread);
    }

    @Test
    void eachEnvironmentVariableIsTheOneHeraldLooksUp() throws IOException {
        for (Setting s : documented().values()) {
            assertEquals(ConfigSource.envName(s.property()), s.env(), "environment variable of " + s.property());
        }
    }

    @Test
    void eachDocumentedDefaultIsTheDefault() throws IOException {
        String unset = Fingerprint.of(load(Map.of()));
        List<String> checked = new ArrayList<>();
        for (Setting s : documented().values()) {
            String value = s.literalDefault();
            if (value == null) continue;
            assertEquals(unset, Fingerprint.of(load(Map.of(s.property(), value))),
                    s.property() + "=" + value + " (its documented default) must change nothing");
            checked.add(s.property());
        }
        assertTrue(checked.size() > 10, "defaults checked: " + checked);
    }

    @Test
    void eachSettingIsExercisedByATest() throws IOException {
        String tests;
        try (Stream<Path> files = Files.walk(TESTS)) {
            tests = files.filter(f -> f.toString().endsWith(".java") && !f.endsWith("ReadmeTest.java"))
                    .map(ReadmeTest::read).collect(Collectors.joining("\n"));
        }
        Set<String> untested = new TreeSet<>();
        for (String property : documented().keySet()) {
            if (!tests.contains("\"" + property + "\"")) untested.add(property);
        }
        assertTrue(untested.isEmpty(), "settings no test names: " + untested);
    }

    @Test
    void eachSecurityClaimNamesTestsThatExist() throws IOException {
        Pattern row = Pattern.compile("^\\| (.+?) \\| (.+) \\|$");
        Pattern reference = Pattern.compile("`([A-Z][A-Za-z0-9]*)\\.([a-z][A-Za-z0-9]*)`");
        Map<String, Path> testFiles = new HashMap<>();
        try (Stream<Path> files = Files.walk(TESTS)) {
            files.filter(f -> f.toString().endsWith(".java"))
                    .forEach(f -> testFiles.put(f.getFileName().toString().replace(".java", ""), f));
        }
        int claims = 0;
        for (String line : section("## Security by default")) {
            Matcher m = row.matcher(line);
            if (!m.matches() || line.startsWith("|---") || m.group(1).equals("claim")) continue;
            claims++;
            Matcher ref = reference.matcher(m.group(2));
            int references = 0;
            while (ref.find()) {
                references++;
                Path file = testFiles.get(ref.group(1));
                assertTrue(file != null, "no test class " + ref.group(1) + " for: " + m.group(1));
                assertTrue(Pattern.compile("void " + ref.group(2) + "\\(").matcher(read(file)).find(),
                        ref.group(1) + " has no test " + ref.group(2) + " for: " + m.group(1));
            }
            assertTrue(references > 0, "no test named for the claim: " + m.group(1));
        }
        assertTrue(claims >= 5, "the README's Security by default table has " + claims + " claims");
    }

    private static HeraldConfig load(Map<String, String> values) {
        Map<String, String> all = new HashMap<>(values);
        all.put("herald.secret", SECRET);
        return HeraldConfig.load(ConfigSource.of(all));
    }

    /** The lines of a README section, from its heading to the next heading of the same level. */
    private static List<String> section(String heading) throws IOException {
        List<String> lines = Files.readAllLines(README);
        int start = lines.indexOf(heading);
        assertTrue(start >= 0, "the README has no section " + heading);
        List<String> body = new ArrayList<>();
        for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("## "); i++) body.add(lines.get(i));
        return body;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
