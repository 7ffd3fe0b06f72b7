package dev.assay.scoring;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.assay.embedding.Embedding;
import dev.assay.embedding.EmbeddingService;
import dev.assay.embedding.VectorCache;
import dev.assay.exemplar.ExemplarMatch;
import dev.assay.text.AnswerText;
import dev.assay.text.ContentWords;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;

/**
 * Builds the {@link Evidence} of an answer from its sentence vectors and its retrieved exemplars;
 * exemplar and question texts are profiled (words, content words, sentence vectors) once and
 * cached, since they recur on every grade of their question.
 */
@ApplicationScoped
public class EvidenceBuilder {
  private static final int MAX_PROFILES = 20_000;

  private final VectorCache vectors;
  private final EmbeddingService embeddings;
  private final Cache<String, Profile> profiles =
      Caffeine.newBuilder().maximumSize(MAX_PROFILES).build();

  EvidenceBuilder(VectorCache vectors, EmbeddingService embeddings) {
    this.vectors = vectors;
    this.embeddings = embeddings;
  }

  /** The word-level profile of a text. */
  record Profile(Set<String> words, Set<String> content, int wordCount) {
    static Profile of(String text) {
      return new Profile(
          AnswerText.wordSet(text), ContentWords.of(text), AnswerText.wordCount(text));
    }
  }

  /**
   * Evidence of {@code answer} against {@code neighbours}, whose scores are on a 0..{@code scale}
   * rubric; {@code answerSentences} are the vectors of the answer's sentences.
   */
  public Evidence of(
      String answer,
      List<Embedding> answerSentences,
      String questionPrompt,
      List<ExemplarMatch> neighbours,
      int scale) {
    Profile own = Profile.of(answer);
    Profile question = profile(questionPrompt);
    List<List<Embedding>> sentences =
        vectors.sentencesOfAll(neighbours.stream().map(ExemplarMatch::text).toList());
    List<Evidence.Neighbour> out =
        java.util.stream.IntStream.range(0, neighbours.size())
            .mapToObj(
                i -> {
                  ExemplarMatch m = neighbours.get(i);
                  Profile p = profile(m.text());
                  return new Evidence.Neighbour(
                      Math.max(0, Math.min(1, m.score() / scale)),
                      m.similarity(),
                      p.words(),
                      p.content(),
                      p.wordCount(),
                      sentences.get(i));
                })
            .toList();
    return new Evidence(
        own.words(),
        own.content(),
        own.wordCount(),
        answerSentences,
        question.content(),
        vectors.of(questionPrompt),
        out);
  }

  /**
   * The vectors of an answer's sentences ({@link AnswerText#sentences}); an answer without a
   * sentence counts as one, with {@code whole} as its vector.
   */
  public List<Embedding> sentenceVectors(String answer, Embedding whole) {
    List<String> texts =
        AnswerText.sentences(answer).stream().map(AnswerText.Sentence::text).toList();
    return texts.isEmpty() ? List.of(whole) : embeddings.embedAll(texts);
  }

  private Profile profile(String text) {
    return profiles.get(text, Profile::of);
  }
}
