package dev.assay.scoring;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.platform.CanonicalJson;
import dev.assay.platform.Hashing;
import dev.assay.text.AnswerText;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Set;

/**
 * The shipped scorer, trained on the public human-graded data sets ({@code bin/assay train-prior};
 * docs/evaluation.md): the model of a workspace with too few exemplars of its own, and the centre a
 * workspace's model is shrunk toward. It lists hashes of every answer it was trained on, so an
 * evaluation can leave those rows out instead of grading what the model has seen.
 *
 * @param trainedOn the first 16 hex digits of the SHA-256 of each training answer's dedup key
 */
public record PriorModel(ScoringModel model, String hash, Set<String> trainedOn) {
  /** The prior of embedding model {@code key}: its features are made of that model's vectors. */
  static String resource(String key) {
    return "/scoring/prior-" + key + ".json";
  }

  /** The file's contents: the model and the answers it learned from. */
  public record File(ScoringModel model, Set<String> trainedOn) {}

  /** Whether {@code answer} was one of the prior's training answers. */
  public boolean sawAnswer(String answer) {
    return trainedOn.contains(answerKey(answer));
  }

  /** The key under which a training answer is listed. */
  public static String answerKey(String answer) {
    return Hashing.sha256(AnswerText.dedupKey(answer)).substring(0, 16);
  }

  static Optional<PriorModel> load(ObjectMapper json, CanonicalJson canonical, String modelKey) {
    try (InputStream in = PriorModel.class.getResourceAsStream(resource(modelKey))) {
      if (in == null) {
        return Optional.empty();
      }
      File file = json.readValue(in, File.class);
      return Optional.of(
          new PriorModel(file.model(), canonical.hash(file.model()), file.trainedOn()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource(modelKey), e);
    }
  }
}
