package dev.assay.bank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.evaluation.EvalSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * eval-sets/content-free.jsonl is what it says: answers to the built-in questions with no
 * substantive content, of every kind the README lists, each scored 0 of 4, in the eval-set format.
 */
class ContentFreeSetTest {
  private static final Path FILE = Path.of("eval-sets/content-free.jsonl");
  private static final Set<String> KINDS =
      Set.of(
          "gibberish",
          "punctuation",
          "emoji",
          "keyword-list",
          "off-topic",
          "restated-question",
          "filler",
          "mixed");

  @Test
  void everyRowAnswersABuiltInQuestionWithNoContentAndScoresZero() throws IOException {
    Map<String, String> prompts =
        BankFiles.builtIn().questions().stream()
            .collect(Collectors.toMap(QuestionSpec::id, QuestionSpec::prompt));
    assertEquals(
        Files.readAllLines(FILE).stream().filter(l -> !l.isBlank()).count(),
        EvalSet.read(FILE).size(),
        "the eval command reads every row");
    ObjectMapper json = new ObjectMapper();
    List<String> problems = new ArrayList<>();
    Map<String, Integer> perKind = new TreeMap<>();
    Map<String, Integer> perQuestion = new TreeMap<>();
    Set<String> answers = new HashSet<>();
    int n = 0;
    for (String line : Files.readAllLines(FILE)) {
      if (line.isBlank()) {
        continue;
      }
      n++;
      JsonNode row = json.readTree(line);
      String id = row.path("question_id").asText();
      String kind = row.path("kind").asText();
      String answer = row.path("answer").asText();
      String at = "row " + n + " (" + id + ", " + kind + "): ";
      if (!prompts.containsKey(id)) {
        problems.add(at + "not a built-in question");
      } else if (!prompts.get(id).equals(row.path("question").asText())) {
        problems.add(at + "question is not the built-in prompt");
      }
      if (!KINDS.contains(kind)) {
        problems.add(at + "unknown kind");
      }
      if (answer.isBlank() || !answers.add(answer)) {
        problems.add(at + "blank or repeated answer");
      }
      if (!row.path("reference_answer").asText("x").isEmpty()
          || row.path("score").asDouble(-1) != 0
          || row.path("max_score").asDouble() != 4
          || !"content-free".equals(row.path("split").asText())) {
        problems.add(at + "reference_answer \"\", score 0, max_score 4, split content-free");
      }
      perKind.merge(kind, 1, Integer::sum);
      perQuestion.merge(id, 1, Integer::sum);
    }
    assertEquals(List.of(), problems);
    assertTrue(n >= 60, n + " rows");
    assertEquals(KINDS, perKind.keySet(), "every kind is present");
    perKind.forEach((kind, count) -> assertTrue(count >= 5, kind + ": " + count));
    assertEquals(
        prompts.keySet().stream().collect(Collectors.toMap(Function.identity(), q -> true)),
        prompts.keySet().stream()
            .collect(
                Collectors.toMap(Function.identity(), q -> perQuestion.getOrDefault(q, 0) >= 2)),
        "every built-in question has at least two rows");
  }
}
