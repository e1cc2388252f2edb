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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's quick start is the real thing: this test takes the Java file from README.md as it
 * stands, compiles it against the library, runs it, and compares what it prints with what the README
 * says it prints.
 */
class ReadmeQuickStartTest {

    private static final String MARK = "<!-- quick start: QuickStart.java -->";

    @Test
    void theQuickStartInTheReadmeCompilesRunsAndPrintsWhatTheReadmeSays(@TempDir Path dir) throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int mark = readme.indexOf(MARK);
        assertTrue(mark >= 0, "README.md has no " + MARK);
        String source = block(readme, readme.indexOf("```java", mark));
        String printed = block(readme, readme.indexOf("It prints:", mark));

        Path file = dir.resolve("QuickStart.java");
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
            loader.loadClass("QuickStart").getMethod("main", String[].class).invoke(null, (Object) new String[0]);
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
