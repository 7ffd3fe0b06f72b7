package dev.assay.grading;

import dev.assay.bank.QuestionService.QuestionRef;
import dev.assay.embedding.EmbeddingService;
import dev.assay.exemplar.ExemplarMatch;
import dev.assay.grading.manipulation.Inspection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.Optional;

/**
 * The pipeline's screening stage: measures what {@link Screening} judges (closeness to the
 * question, to the nearest exemplar and to other candidates' answers for the same question, and the
 * content floor) for one answer.
 */
@ApplicationScoped
class AnswerScreen {
  private final GradingConfig settings;
  private final TextVectors vectors;
  private final GradeRepository grades;
  private final EmbeddingService embeddings;

  AnswerScreen(
      GradingConfig settings,
      TextVectors vectors,
      GradeRepository grades,
      EmbeddingService embeddings) {
    this.settings = settings;
    this.vectors = vectors;
    this.grades = grades;
    this.embeddings = embeddings;
  }

  Screening.Result screen(
      long workspaceId,
      GradeRequest request,
      QuestionRef question,
      GradingInput input,
      Inspection inspection) {
    if (input.answerVector() == null) {
      return Screening.screen(
          settings,
          input.answer(),
          question.prompt(),
          0,
          0,
          null,
          null,
          inspection,
          Optional.empty());
    }
    double questionSimilarity = input.answerVector().cosine(vectors.of(question.prompt()));
    ExemplarMatch nearest =
        input.exemplars().stream()
            .max(Comparator.comparingDouble(ExemplarMatch::similarity))
            .orElse(null);
    GradeRepository.Neighbour other =
        grades
            .nearestOtherCandidates(
                workspaceId,
                question.id(),
                request.candidateRef(),
                input.answerVector().vector(),
                embeddings.modelId(),
                1)
            .stream()
            .findFirst()
            .orElse(null);
    return Screening.screen(
        settings,
        input.answer(),
        question.prompt(),
        questionSimilarity,
        input.maxExemplarSimilarity(),
        nearest == null ? null : nearest.id(),
        other,
        inspection,
        ContentFloor.check(
            input.answer(),
            question.prompt(),
            input.exemplars(),
            ContentFloor.Closeness.of(input.maxExemplarSimilarity(), input.exemplars(), vectors)));
  }
}
