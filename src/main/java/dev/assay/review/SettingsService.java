package dev.assay.review;

import dev.assay.platform.ApiException;
import dev.assay.workspace.Workspace;
import dev.assay.workspace.WorkspaceRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

/** A workspace's settings for candidate feedback. */
@ApplicationScoped
class SettingsService {
  private final WorkspaceRepository workspaces;

  SettingsService(WorkspaceRepository workspaces) {
    this.workspaces = workspaces;
  }

  /**
   * The settings of a workspace. {@code feedbackShowsScores}: feedback shows scores. {@code
   * feedbackQuotesDescriptors}: feedback may quote the rubric's level descriptors word for word
   * (otherwise it says the level in plain words and offers the criterion's hint).
   */
  record Settings(boolean feedbackShowsScores, boolean feedbackQuotesDescriptors) {
    static Settings of(Workspace w) {
      return new Settings(w.feedbackShowsScores, w.feedbackQuotesDescriptors);
    }
  }

  /** A change of settings; a setting left out (null) keeps its value. */
  record Change(Boolean feedbackShowsScores, Boolean feedbackQuotesDescriptors) {}

  Settings of(long workspaceId) {
    return QuarkusTransaction.requiringNew()
        .call(() -> Settings.of(workspaces.findById(workspaceId)));
  }

  /** Applies the change; 400 when it names no setting. */
  Settings change(long workspaceId, Change change) {
    if (change.feedbackShowsScores() == null && change.feedbackQuotesDescriptors() == null) {
      throw ApiException.badRequest(
          "no-settings",
          "name at least one setting: feedbackShowsScores, feedbackQuotesDescriptors");
    }
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              Workspace w = workspaces.findById(workspaceId);
              if (change.feedbackShowsScores() != null) {
                w.feedbackShowsScores = change.feedbackShowsScores();
              }
              if (change.feedbackQuotesDescriptors() != null) {
                w.feedbackQuotesDescriptors = change.feedbackQuotesDescriptors();
              }
              return Settings.of(w);
            });
  }
}
