package dev.assay.batch;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.assay.grading.GradeView;
import dev.assay.queue.ItemError;
import dev.assay.queue.WorkStatus;

/**
 * One answer of a batch: its 1-based {@code line} (position in {@code items} or in the JSON Lines
 * upload), its state ({@code queued}, {@code running}, {@code done}, {@code failed}), and the grade
 * or the error.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ItemResult(
    int line, String candidateRef, WorkStatus status, GradeView grade, ItemError error) {}
