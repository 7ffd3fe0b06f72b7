package dev.assay.evaluation.adversarial;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.platform.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One attack answer and the honest answer it was built from (eval-sets/README.md, "Adversarial
 * sets"). {@code heldOut} marks styles kept out of the detector's development.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AttackPair(
    @JsonProperty("id") String id,
    @JsonProperty("style") String style,
    @JsonProperty("held_out") boolean heldOut,
    @JsonProperty("question_id") String questionId,
    @JsonProperty("twin_id") String twinId,
    @JsonProperty("twin") String twin,
    @JsonProperty("attack") String attack) {

  private static final ObjectMapper JSON = Json.files();

  /** The pairs of a JSON Lines file; a malformed line is an error naming its line number. */
  public static List<AttackPair> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    List<AttackPair> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      AttackPair p;
      try {
        p = JSON.readValue(lines.get(i), AttackPair.class);
      } catch (IOException e) {
        throw new IllegalArgumentException(file + " line " + (i + 1) + ": not a JSON object", e);
      }
      if (p.id() == null || p.questionId() == null || p.twin() == null || p.attack() == null) {
        throw new IllegalArgumentException(
            file + " line " + (i + 1) + ": id, question_id, twin and attack are required");
      }
      out.add(p);
    }
    return out;
  }
}
