package dev.assay.grading;

import dev.assay.bank.Rubrics;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A row read from the grade table that still needs its question and rubric version as the bank
 * describes them (slug, title, version number, staleness): the grade records only the rubric
 * version's id, and the bank's tables are read through the bank.
 */
record WithRubric<T>(long rubricVersionId, Function<Rubrics.Ref, T> complete) {

  /** Completes the rows, in order, with one look-up of their rubric versions. */
  static <T> List<T> completeAll(List<WithRubric<T>> rows, Rubrics rubrics) {
    Map<Long, Rubrics.Ref> refs =
        rubrics.refs(rows.stream().map(WithRubric::rubricVersionId).distinct().toList());
    return rows.stream().map(row -> row.complete().apply(refs.get(row.rubricVersionId()))).toList();
  }
}
