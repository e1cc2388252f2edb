package dev.datalifecycle.examples.docs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each docs page shows its snippets as the tests run them: every block between {@code // doc:start}
 * and {@code // doc:end} in a docs contract must appear on its page verbatim (indentation aside).
 * (docs/dependencies-and-delete-rules.md has its example checked by lifecycle-core's
 * {@code DependencyRulesExampleContract}.)
 */
class DocsShowTheTestedCodeTest {

    @ParameterizedTest(name = "{0} shows the code of {1}")
    @CsvSource({
        "docs/recycle-bin.md, RecycleBinDocsContract",
        "docs/using-with-hibernate.md, HibernateDocsContract",
    })
    void everySnippetOfTheContractIsOnItsPage(String page, String contract) throws IOException {
        String text = normalized(Files.readString(Path.of("..").resolve(page)));
        List<String> snippets = snippets(Files.readString(
                Path.of("src/test/java/dev/datalifecycle/examples/docs").resolve(contract + ".java")));
        assertFalse(snippets.isEmpty(), contract + " marks no snippet with // doc:start");
        for (String snippet : snippets) {
            assertTrue(text.contains(normalized(snippet)), () -> page + " must show, verbatim:\n" + snippet);
        }
    }

    /** The blocks between the markers, each as it stands in the source. */
    static List<String> snippets(String source) {
        List<String> snippets = new ArrayList<>();
        int from = 0;
        while (true) {
            int start = source.indexOf("// doc:start", from);
            if (start < 0) {
                return snippets;
            }
            int end = source.indexOf("// doc:end", start);
            String block = source.substring(source.indexOf('\n', start) + 1, end);
            snippets.add(block.substring(0, block.lastIndexOf('\n') + 1).stripTrailing());
            from = end;
        }
    }

    /** Each line without its leading and trailing blanks, blank lines dropped. */
    private static String normalized(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.joining("\n"));
    }
}
