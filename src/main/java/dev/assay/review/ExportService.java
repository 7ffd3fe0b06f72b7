package dev.assay.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.grading.GradeQuery;
import dev.assay.grading.GradeView;
import dev.assay.grading.GradingService;
import dev.assay.grading.Provenance;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Grades with their reviews for auditors, as CSV or JSON Lines. */
@ApplicationScoped
class ExportService {
  static final List<String> CSV_COLUMNS =
      List.of(
          "grade_id",
          "created_at",
          "question_id",
          "rubric_version",
          "candidate_ref",
          "mode",
          "automated_overall",
          "max_score",
          "automated_percent",
          "confidence",
          "flags",
          "effective_overall",
          "effective_source",
          "overrides",
          "confirmations",
          "last_override_reason_code",
          "last_override_reason",
          "last_override_by",
          "last_override_at",
          "grader",
          "prompt_id",
          "prompt_version",
          "prompt_hash",
          "model",
          "embedding_model");
  private static final int PAGE = 200;

  private final GradingService grading;
  private final ReviewService reviews;
  private final ObjectMapper json;

  ExportService(GradingService grading, ReviewService reviews, ObjectMapper json) {
    this.grading = grading;
    this.reviews = reviews;
    this.json = json;
  }

  /** Writes every matching grade, oldest page first, one line each. */
  void export(long workspaceId, GradeQuery query, boolean csv, Consumer<String> out) {
    if (csv) {
      out.accept(String.join(",", CSV_COLUMNS) + "\n");
    }
    for (int page = 0; ; page++) {
      List<GradeView> grades = grading.list(workspaceId, query, null, page, PAGE).items();
      for (GradeView g : grades) {
        ReviewService.History history = reviews.history(workspaceId, g.id());
        out.accept(csv ? csvLine(g, history) : jsonLine(g, history));
      }
      if (grades.size() < PAGE) {
        return;
      }
    }
  }

  private String jsonLine(GradeView grade, ReviewService.History history) {
    try {
      return json.writeValueAsString(Map.of("grade", grade, "history", history)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("grade is not serialisable", e);
    }
  }

  private static String csvLine(GradeView g, ReviewService.History h) {
    List<ReviewEvent> overrides =
        h.events().stream().filter(e -> e.kind() == EventKind.OVERRIDDEN).toList();
    long confirmations = h.events().stream().filter(e -> e.kind() == EventKind.CONFIRMED).count();
    ReviewEvent last = overrides.isEmpty() ? null : overrides.get(overrides.size() - 1);
    Provenance p = g.provenance();
    Provenance.PromptRef prompt = p.prompt();
    Provenance.LlmModel model = p.model();
    List<Object> cells = new ArrayList<>();
    cells.add(g.id());
    cells.add(g.createdAt());
    cells.add(g.questionId());
    cells.add(g.rubricVersion());
    cells.add(g.candidateRef());
    cells.add(g.mode().wire());
    cells.add(g.overall().score());
    cells.add(g.overall().maxScore());
    cells.add(g.overall().percent());
    cells.add(g.confidence());
    cells.add(String.join(";", g.flags()));
    cells.add(h.effective().overall());
    cells.add(h.effective().source());
    cells.add(overrides.size());
    cells.add(confirmations);
    cells.add(last == null ? null : last.reasonCode().wire());
    cells.add(last == null ? null : last.reason());
    cells.add(last == null ? null : last.actorKey());
    cells.add(last == null ? null : last.at());
    cells.add(p.grader());
    cells.add(prompt == null ? null : prompt.id());
    cells.add(prompt == null ? null : prompt.version());
    cells.add(prompt == null ? null : prompt.hash());
    cells.add(model == null ? null : model.name());
    cells.add(p.embeddingModel());
    return String.join(",", cells.stream().map(ExportService::cell).toList()) + "\n";
  }

  /** RFC 4180: quote a cell holding a comma, quote or line break; double inner quotes. */
  static String cell(Object value) {
    if (value == null) {
      return "";
    }
    String s = value.toString();
    if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
      return "\"" + s.replace("\"", "\"\"") + "\"";
    }
    return s;
  }
}
