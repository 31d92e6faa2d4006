package io.herald.push;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an application programs against is one package, {@code io.herald.push}, that reads on its own: every
 * public member has Javadoc, no type of Herald's internals appears in a signature (so an application never
 * imports one), it imports nothing else of Herald, and one operation takes its arguments in one order.
 */
class PushApiTest {
    private static final Path PUSH_SOURCES = Path.of("src/main/java/io/herald/push");
    private static final Path MAIN_SOURCES = Path.of("src/main/java/io/herald");

    @Test
    void everyPublicMemberHasJavadoc(@TempDir Path out) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, null)) {
            String classPath = jarOf(jakarta.inject.Qualifier.class) + java.io.File.pathSeparator
                    + jarOf(jakarta.enterprise.util.AnnotationLiteral.class);
            List<String> options = List.of("-Xdoclint:missing/protected", "-Xmaxwarns", "10000", "-proc:none",
                    "-cp", classPath, "-d", out.toString());
            boolean compiled = javac.getTask(null, files, diagnostics, options, null,
                    files.getJavaFileObjectsFromPaths(sources(PUSH_SOURCES))).call();
            assertTrue(compiled, () -> "the API package compiles on its own: " + diagnostics.getDiagnostics());
        }
        List<String> missing = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getMessage(null).contains("no comment")) missing.add(d.getSource().getName() + ":" + d.getLineNumber());
        }
        assertEquals(List.of(), missing, "public members without Javadoc");
    }

    @Test
    void noInternalTypeAppearsInASignature() throws IOException {
        List<String> leaks = new ArrayList<>();
        for (Class<?> type : apiTypes()) {
            for (Method m : type.getDeclaredMethods()) {
                if (!Modifier.isPublic(m.getModifiers()) || m.isSynthetic()) continue;
                check(m.getGenericReturnType(), type.getSimpleName() + "." + m.getName(), leaks);
                for (Type p : m.getGenericParameterTypes()) check(p, type.getSimpleName() + "." + m.getName(), leaks);
            }
            for (Constructor<?> c : type.getDeclaredConstructors()) {
                if (!Modifier.isPublic(c.getModifiers())) continue;
                for (Type p : c.getGenericParameterTypes()) check(p, type.getSimpleName() + "()", leaks);
            }
            for (Field f : type.getDeclaredFields()) {
                if (Modifier.isPublic(f.getModifiers())) check(f.getGenericType(), type.getSimpleName() + "." + f.getName(), leaks);
            }
        }
        assertEquals(List.of(), leaks, "internal types in the API's signatures");
    }

    @Test
    void theApiPackageImportsNothingElseOfHerald() throws IOException {
        List<String> imports = new ArrayList<>();
        for (Path source : sources(PUSH_SOURCES)) {
            for (String line : Files.readAllLines(source)) {
                if (line.startsWith("import io.herald.") && !line.startsWith("import io.herald.push.")) {
                    imports.add(source.getFileName() + ": " + line);
                }
            }
        }
        assertEquals(List.of(), imports);
    }

    @Test
    void theCdiLayerDoesNotImportTheHttpApi() throws IOException {
        // api's servlets find the CDI bean; cdi importing api as well made a cycle (HeraldShutdown -> HeraldLookup).
        List<String> imports = new ArrayList<>();
        for (Path source : sources(MAIN_SOURCES.resolve("cdi"))) {
            for (String line : Files.readAllLines(source)) {
                if (line.startsWith("import io.herald.api.")) imports.add(source.getFileName() + ": " + line);
            }
        }
        assertEquals(List.of(), imports);
    }

    @Test
    void aSocketAndABroadcastTakeEmitWithAckInOneOrder() throws NoSuchMethodException {
        Class<?>[] order = {Duration.class, String.class, Object[].class};
        assertArrayEquals(order, PushSocket.class.getMethod("emitWithAck", order).getParameterTypes());
        assertArrayEquals(order, Broadcast.class.getMethod("emitWithAck", order).getParameterTypes());
    }

    private static final Set<String> ALLOWED_PREFIXES = Set.of("java.", "jakarta.", "io.herald.push.");

    private static void check(Type type, String where, List<String> leaks) {
        if (type instanceof Class<?> c) {
            while (c.isArray()) c = c.getComponentType();
            String name = c.getName();
            if (!c.isPrimitive() && ALLOWED_PREFIXES.stream().noneMatch(name::startsWith)) leaks.add(where + ": " + name);
        } else if (type instanceof ParameterizedType p) {
            check(p.getRawType(), where, leaks);
            for (Type arg : p.getActualTypeArguments()) check(arg, where, leaks);
        } else if (type instanceof GenericArrayType a) {
            check(a.getGenericComponentType(), where, leaks);
        } else if (type instanceof WildcardType w) {
            for (Type t : w.getUpperBounds()) check(t, where, leaks);
            for (Type t : w.getLowerBounds()) check(t, where, leaks);
        } else if (type instanceof TypeVariable<?> v) {
            for (Type t : v.getBounds()) check(t, where, leaks);
        }
    }

    /** The package's public types, nested ones too. */
    private static List<Class<?>> apiTypes() throws IOException {
        List<Class<?>> types = new ArrayList<>();
        for (Path source : sources(PUSH_SOURCES)) {
            String name = source.getFileName().toString().replace(".java", "");
            try {
                Class<?> type = Class.forName(PushApiTest.class.getPackageName() + "." + name);
                if (!Modifier.isPublic(type.getModifiers())) continue;
                types.add(type);
                for (Class<?> nested : type.getClasses()) types.add(nested);
            } catch (ClassNotFoundException e) {
                throw new AssertionError(e);
            }
        }
        assertTrue(types.size() >= 10, "found the API's types: " + types);
        return types;
    }

    private static List<Path> sources(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    private static String jarOf(Class<?> type) {
        assertNotNull(type.getProtectionDomain().getCodeSource(), type + " comes from a jar");
        return Path.of(java.net.URI.create(type.getProtectionDomain().getCodeSource().getLocation().toString())).toString();
    }
}
