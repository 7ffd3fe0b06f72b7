package dev.assay.scoring;

import dev.assay.embedding.Embedding;
import java.util.List;
import java.util.Set;

/**
 * What the learned scorer knows about one answer: its words and sentence vectors, the question's
 * content words and vector, and the retrieved exemplars with their scores as shares of the scale.
 * Built the same way for a live answer, for an exemplar left out of its own question's exemplars
 * (training) and for an eval row, so the model always sees features made by one rule.
 */
public record Evidence(
    Set<String> answerWords,
    Set<String> answerContent,
    int answerWordCount,
    List<Embedding> answerSentences,
    Set<String> questionContent,
    Embedding questionVector,
    List<Neighbour> neighbours) {

  /** One retrieved exemplar: its score as a share of the scale and how close it is. */
  public record Neighbour(
      double share,
      double similarity,
      Set<String> words,
      Set<String> content,
      int wordCount,
      List<Embedding> sentences) {}
}
