package dev.assay.bank;

import jakarta.validation.Valid;
import java.util.List;

/**
 * One bank file or import request: areas, role profiles and questions (each with its rubric and
 * exemplars). {@code area} is the default area of the questions that do not name one. The format is
 * documented in docs/bank-format.md.
 */
public record BankDocument(
    List<@Valid AreaSpec> areas,
    List<@Valid RoleSpec> roles,
    String area,
    List<@Valid QuestionSpec> questions) {

  public BankDocument {
    areas = areas == null ? List.of() : areas;
    roles = roles == null ? List.of() : roles;
    questions = questions == null ? List.of() : questions;
  }

  /** Several files read as one document (areas first, so questions can refer to them). */
  static BankDocument merge(List<BankDocument> docs) {
    List<AreaSpec> areas = docs.stream().flatMap(d -> d.areas().stream()).toList();
    List<RoleSpec> roles = docs.stream().flatMap(d -> d.roles().stream()).toList();
    List<QuestionSpec> questions =
        docs.stream().flatMap(d -> d.questions().stream().map(q -> q.inArea(d.area()))).toList();
    return new BankDocument(areas, roles, null, questions);
  }
}
