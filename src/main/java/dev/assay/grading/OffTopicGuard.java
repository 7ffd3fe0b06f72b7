package dev.assay.grading;

import dev.assay.bank.CriterionSpec;
import dev.assay.embedding.Embedding;
import dev.assay.embedding.EmbeddingService;
import dev.assay.exemplar.ExemplarMatch;
import dev.assay.exemplar.ExemplarService;
import dev.assay.text.OnTopic;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Off-topic sentences never earn credit in an offline grade. The learned scorer reads the whole
 * answer, and words that say nothing about the rubric still move its features (length, new words,
 * the answer's embedding and so the exemplars it retrieves): filler lifted scores by +0.018 of the
 * scale in the counterfactual probe (docs/fairness.md). So an answer with off-topic sentences
 * ({@link OnTopic}, judged against the question and the exemplars the whole answer retrieved) is
 * graded a second time without them, and the lower of the two grades stands: adding sentences that
 * carry no content can lower a grade but not raise it. Answers whose every sentence is on topic are
 * graded once, as before.
 */
@ApplicationScoped
class OffTopicGuard {
  private final OfflineGrader offline;
  private final EmbeddingService embeddings;
  private final ExemplarService exemplars;

  OffTopicGuard(OfflineGrader offline, EmbeddingService embeddings, ExemplarService exemplars) {
    this.offline = offline;
    this.embeddings = embeddings;
    this.exemplars = exemplars;
  }

  /** The offline grade of the answer, or of its on-topic part when that grade is lower. */
  Verdict grade(GradingInput input, OfflineGrader.Setup setup) {
    Verdict whole = offline.grade(input, setup);
    if (input.answerVector() == null || input.exemplars().isEmpty()) {
      return whole;
    }
    String onTopic = OnTopic.of(input.answer(), input.question().prompt(), vocabulary(input));
    if (onTopic.equals(input.answer())) {
      return whole;
    }
    Embedding vector = embeddings.embed(onTopic);
    List<ExemplarMatch> matches =
        exemplars.nearest(input.question().id(), vector, setup.spec().k());
    Verdict narrowed =
        offline.grade(new GradingInput(input.question(), onTopic, vector, matches), setup);
    var rubric = input.question().rubric();
    return GradingPipeline.overall(rubric, narrowed.criteria())
            < GradingPipeline.overall(rubric, whole.criteria())
        ? narrowed
        : whole;
  }

  /** The texts a sentence on topic shares words with: the rubric and every active exemplar. */
  private List<String> vocabulary(GradingInput input) {
    List<String> texts = new ArrayList<>();
    for (CriterionSpec c : input.question().rubric().criteria()) {
      texts.add(c.description());
      texts.add(c.levels().strong());
      texts.add(c.levels().acceptable());
      texts.add(c.levels().weak());
    }
    exemplars.list(input.question().id(), null, false).forEach(e -> texts.add(e.text()));
    return texts;
  }
}
