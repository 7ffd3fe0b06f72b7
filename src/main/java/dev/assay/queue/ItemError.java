package dev.assay.queue;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.assay.platform.ApiException;
import dev.assay.platform.Problem;

/**
 * Why a work item failed, as stored on it and shown with a batch's results: {@code code} is the
 * problem code of a request that cannot succeed (e.g. {@code not-found}), or {@code transient} (an
 * attempt failed and will be retried) or {@code gave-up} (the attempts ran out).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ItemError(String code, Integer status, String detail) {
  static ItemError of(ApiException e) {
    // The problem the API would have answered with, so a batch result reads like a 4xx reply.
    Problem problem = (Problem) e.toResponse().getEntity();
    return new ItemError(problem.code(), problem.status(), problem.detail());
  }

  static ItemError transientFailure(String detail) {
    return new ItemError("transient", null, detail);
  }

  static ItemError gaveUp(String detail) {
    return new ItemError("gave-up", null, detail);
  }
}
