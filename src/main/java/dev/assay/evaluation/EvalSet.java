package dev.assay.evaluation;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.platform.Json;
import dev.assay.platform.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads an eval set: JSON Lines, one human-graded answer per line. */
public final class EvalSet {
  private static final ObjectMapper JSON = Json.files();

  private EvalSet() {}

  /** Field errors ({@code rows[i]: ...}) for rows that cannot be evaluated; empty when all can. */
  public static List<Problem.FieldError> problems(List<EvalRow> rows) {
    List<Problem.FieldError> out = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      String problem = rows.get(i) == null ? "row is empty" : rows.get(i).problem();
      if (problem != null) {
        out.add(new Problem.FieldError("rows[" + i + "]", problem));
      }
    }
    return out;
  }

  /** Rows of a JSON Lines eval set on the class path (one shipped with the service). */
  public static List<EvalRow> readResource(String resource) {
    try (java.io.InputStream in =
        Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      List<EvalRow> rows = new ArrayList<>();
      for (String line :
          new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          rows.add(JSON.readValue(line, EvalRow.class));
        }
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  public static List<EvalRow> read(Path file) {
    List<EvalRow> rows = new ArrayList<>();
    try {
      int n = 0;
      for (String line : Files.readAllLines(file)) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        EvalRow row;
        try {
          row = JSON.readValue(line, EvalRow.class);
        } catch (IOException e) {
          throw new IllegalArgumentException(
              file + " line " + n + " is not an eval row: " + e.getMessage(), e);
        }
        if (row.problem() != null) {
          throw new IllegalArgumentException(file + " line " + n + ": " + row.problem());
        }
        rows.add(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return rows;
  }
}
