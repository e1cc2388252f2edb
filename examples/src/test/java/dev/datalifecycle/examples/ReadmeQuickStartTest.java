package dev.datalifecycle.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The README's quick starts are the real thing: this test takes each Java file from README.md as it
 * stands (the one for Hibernate, {@code QuickStart}, and the one for plain JDBC, {@code QuickStartJdbc}),
 * compiles it against the library, runs it, and compares what it prints with what the README says it
 * prints.
 */
class ReadmeQuickStartTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"QuickStart", "QuickStartJdbc"})
    void theQuickStartInTheReadmeCompilesRunsAndPrintsWhatTheReadmeSays(String className, @TempDir Path dir) throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        String marker = "<!-- quick start: " + className + ".java -->";
        int mark = readme.indexOf(marker);
        assertTrue(mark >= 0, "README.md has no " + marker);
        String source = block(readme, readme.indexOf("```java", mark));
        String printed = block(readme, readme.indexOf("It prints:", mark));

        Path file = dir.resolve(className + ".java");
        Files.writeString(file, source);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "the tests need a JDK, not a JRE");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = javac.run(null, null, errors, "-d", dir.toString(), "-classpath", classPath, file.toString());
        assertEquals(0, status, () -> "the quick start does not compile:\n" + errors.toString(StandardCharsets.UTF_8));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            Thread.currentThread().setContextClassLoader(loader);
            loader.loadClass(className).getMethod("main", String[].class).invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(original);
            Thread.currentThread().setContextClassLoader(context);
        }
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        assertEquals(printed.lines().toList(), lines);
    }

    /** The fenced block that starts at or after {@code from}. */
    private static String block(String text, int from) {
        int open = text.indexOf("```", from);
        int start = text.indexOf('\n', open) + 1;
        int end = text.indexOf("```", start);
        return text.substring(start, end);
    }
}
