package dev.assay.grading;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.assay.bank.CriterionSpec;
import dev.assay.bank.RubricSpec;
import dev.assay.embedding.Embedding;
import dev.assay.embedding.EmbeddingService;
import dev.assay.exemplar.BankVocabulary;
import dev.assay.exemplar.ExemplarMatch;
import dev.assay.exemplar.ExemplarService;
import dev.assay.text.ContentWords;
import dev.assay.text.OnTopic;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Off-topic sentences never earn credit in an offline grade. The learned scorer reads the whole
 * answer, and words that say nothing about the rubric still move its features (length, new words,
 * the answer's embedding and so the exemplars it retrieves): filler lifted scores by +0.018 of the
 * scale in the counterfactual probe (docs/fairness.md). So an answer with off-topic sentences
 * ({@link OnTopic}: judged against the question's rubric, prompt and exemplars and the whole bank's
 * words) is graded a second time without them, embedding and retrieval included, and the lower of
 * the two grades stands: adding sentences that carry no content can lower a grade but not raise it.
 * Answers whose every sentence is on topic, nearly every honest one, are graded once.
 */
@ApplicationScoped
class OffTopicGuard {
  private final OfflineGrader offline;
  private final EmbeddingService embeddings;
  private final ExemplarService exemplars;
  private final BankVocabulary vocabulary;

  /** The words of each rubric version met (a version never changes, so they never go stale). */
  private final Cache<Long, Set<String>> rubricWords =
      Caffeine.newBuilder().maximumSize(1_000).build();

  OffTopicGuard(
      OfflineGrader offline,
      EmbeddingService embeddings,
      ExemplarService exemplars,
      BankVocabulary vocabulary) {
    this.offline = offline;
    this.embeddings = embeddings;
    this.exemplars = exemplars;
    this.vocabulary = vocabulary;
  }

  /** The offline grade of the answer, or of its on-topic part when that grade is lower. */
  Verdict grade(GradingInput input, OfflineGrader.Setup setup) {
    Verdict whole = offline.grade(input, setup);
    if (input.answerVector() == null || input.exemplars().isEmpty()) {
      return whole;
    }
    long questionId = input.question().id();
    Set<String> rubric =
        rubricWords.get(
            input.question().rubricVersionId(), id -> rubricWords(input.question().rubric()));
    OnTopic.Split split =
        OnTopic.of(
            input.answer(),
            union(vocabulary.question(questionId), rubric),
            () -> union(vocabulary.bank(questionId), rubric));
    if (split.whole()) {
      return whole;
    }
    String onTopic = split.onTopic();
    Embedding vector = embeddings.embed(onTopic);
    List<ExemplarMatch> matches = exemplars.nearest(questionId, vector, setup.spec().k());
    Verdict narrowed =
        offline.grade(new GradingInput(input.question(), onTopic, vector, matches), setup);
    var rubricSpec = input.question().rubric();
    if (GradingPipeline.overall(rubricSpec, narrowed.criteria())
        >= GradingPipeline.overall(rubricSpec, whole.criteria())) {
      return whole;
    }
    return new Verdict(
        narrowed.criteria(),
        notCredited(split.offTopic()) + narrowed.rationale(),
        narrowed.confidence());
  }

  /** Tells an auditor which sentences earned nothing, the first two quoted (shortened). */
  static String notCredited(List<String> offTopic) {
    String quoted =
        offTopic.stream()
            .limit(2)
            .map(s -> "\"" + (s.length() > 80 ? s.substring(0, 77) + "..." : s) + "\"")
            .collect(Collectors.joining(", "));
    int more = offTopic.size() - 2;
    return (offTopic.size() == 1
            ? "One sentence that does not speak"
            : offTopic.size() + " sentences that do not speak")
        + " to the question earned no credit ("
        + quoted
        + (more > 0 ? " and " + more + " more" : "")
        + "); the grade is of the rest. ";
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new HashSet<>(a);
    all.addAll(b);
    return all;
  }

  /** The words of the rubric: criteria and level descriptors. */
  private static Set<String> rubricWords(RubricSpec rubric) {
    Set<String> words = new HashSet<>();
    for (CriterionSpec c : rubric.criteria()) {
      words.addAll(ContentWords.of(c.description()));
      words.addAll(ContentWords.of(c.levels().strong()));
      words.addAll(ContentWords.of(c.levels().acceptable()));
      words.addAll(ContentWords.of(c.levels().weak()));
    }
    return Set.copyOf(words);
  }
}
