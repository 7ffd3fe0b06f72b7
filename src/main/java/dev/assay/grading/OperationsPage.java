package dev.assay.grading;

import dev.assay.security.Caller;
import dev.assay.security.Roles;
import dev.assay.web.Formats;
import dev.assay.web.GroupedBars;
import dev.assay.web.Pages;
import dev.assay.web.StackedBars;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The operations dashboard: how scores spread per question, how often grades fell back, were
 * flagged or failed the LLM output checks, and the LLM's tokens and latency, over the last eight
 * weeks of the workspace's grade log ({@link GradeStats}).
 */
@Path("/app/operations")
@RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
@RunOnVirtualThread
class OperationsPage {
  static final int WEEKS = 8;
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d");
  private static final List<String> BANDS =
      List.of("0–19%", "20–39%", "40–59%", "60–79%", "80–100%");

  private final Template page;
  private final GradeStats stats;
  private final Caller caller;
  private final Pages pages;

  OperationsPage(
      @Location("app/operations.html") Template page,
      GradeStats stats,
      Caller caller,
      Pages pages) {
    this.page = page;
    this.stats = stats;
    this.caller = caller;
    this.pages = pages;
  }

  /** The window's totals for the key figures at the top of the page. */
  @TemplateData
  record Totals(
      long grades,
      long llmGrades,
      String fallbackRate,
      String flaggedRate,
      String verificationRate,
      long tokens) {}

  @GET
  @Operation(hidden = true)
  public Response show() {
    long ws = caller.workspaceId();
    OffsetDateTime since = OffsetDateTime.now(ZoneOffset.UTC).minusWeeks(WEEKS);
    List<GradeStats.Week> weeks = stats.weeks(ws, since);
    return pages.page(
        page.data("nav", "operations")
            .data("totals", totals(weeks))
            .data("distribution", distribution(stats.distributions(ws, since)))
            .data("rates", rates(weeks))
            .data("tokens", tokens(weeks))
            .data("latency", latency(weeks))
            .data("stages", stages(stats.stages(ws, since)))
            .data("flags", flags(stats.flags(ws, since), sum(weeks, GradeStats.Week::grades))));
  }

  private static Totals totals(List<GradeStats.Week> weeks) {
    double grades = sum(weeks, GradeStats.Week::grades);
    double llm = sum(weeks, GradeStats.Week::llmGrades);
    return new Totals(
        (long) grades,
        (long) llm,
        share(sum(weeks, GradeStats.Week::fallback), grades),
        share(sum(weeks, GradeStats.Week::flagged), grades),
        share(sum(weeks, GradeStats.Week::verificationFailed), llm + fallbackOf(weeks)),
        (long)
            (sum(weeks, GradeStats.Week::inputTokens) + sum(weeks, GradeStats.Week::outputTokens)));
  }

  /** Fallback grades tried the LLM first, so they count among those the checks could fail. */
  private static double fallbackOf(List<GradeStats.Week> weeks) {
    return sum(weeks, GradeStats.Week::fallback);
  }

  private static StackedBars distribution(List<GradeStats.Distribution> rows) {
    return StackedBars.of(
        "distribution",
        "Overall scores per question, by band of the scale",
        BANDS,
        rows.stream()
            .map(
                d ->
                    new StackedBars.Datum(
                        d.question()
                            + " (n="
                            + d.n()
                            + ", mean "
                            + Math.round(d.meanPercent())
                            + "%)",
                        d.bands()))
            .toList());
  }

  private static GroupedBars rates(List<GradeStats.Week> weeks) {
    return GroupedBars.of(
        "rates",
        "Week by week: share of grades flagged, fallen back to the offline grader, and failing the LLM output checks",
        List.of("flagged", "fallback", "output checks failed"),
        weeks.stream()
            .map(
                w ->
                    new GroupedBars.Datum(
                        week(w),
                        List.of(
                            ratio(w.flagged(), w.grades()),
                            ratio(w.fallback(), w.grades()),
                            ratio(w.verificationFailed(), w.llmGrades() + w.fallback()))))
            .toList(),
        1,
        Formats::percent);
  }

  private static GroupedBars tokens(List<GradeStats.Week> weeks) {
    return GroupedBars.of(
        "tokens",
        "Week by week: LLM tokens sent and received",
        List.of("input", "output"),
        weeks.stream()
            .map(
                w ->
                    new GroupedBars.Datum(
                        week(w), List.of((double) w.inputTokens(), (double) w.outputTokens())))
            .toList(),
        0,
        v -> String.valueOf(Math.round(v)));
  }

  private static GroupedBars latency(List<GradeStats.Week> weeks) {
    return percentiles(
        "latency",
        "Week by week: time to grade an answer, median and 95th percentile (ms)",
        weeks.stream()
            .filter(w -> w.medianMs() != null)
            .map(w -> new GroupedBars.Datum(week(w), List.of(w.medianMs(), w.p95Ms())))
            .toList());
  }

  private static GroupedBars stages(List<GradeStats.StageLatency> stages) {
    return percentiles(
        "stages",
        "Time per grading stage, median and 95th percentile (ms)",
        stages.stream()
            .map(
                s ->
                    new GroupedBars.Datum(
                        s.stage() + " (n=" + s.n() + ")", List.of(s.medianMs(), s.p95Ms())))
            .toList());
  }

  /** Milliseconds, median beside 95th percentile, on an axis that ends at the longest time. */
  private static GroupedBars percentiles(String id, String title, List<GroupedBars.Datum> data) {
    return GroupedBars.of(
        id, title, List.of("median", "95th percentile"), data, 0, v -> Math.round(v) + " ms");
  }

  private static GroupedBars flags(List<GradeStats.FlagCount> flags, double grades) {
    return GroupedBars.of(
        "flags",
        "Share of grades carrying each flag",
        List.of("grades"),
        flags.stream()
            .map(f -> new GroupedBars.Datum(f.flag(), List.of(ratio(f.grades(), (long) grades))))
            .toList(),
        1,
        Formats::percent);
  }

  private static String week(GradeStats.Week w) {
    return "week of " + DAY.format(w.start()) + " (n=" + w.grades() + ")";
  }

  private static double ratio(long part, long whole) {
    return whole == 0 ? 0 : (double) part / whole;
  }

  private static String share(double part, double whole) {
    return whole == 0 ? "–" : Formats.percent(part / whole);
  }

  private static double sum(List<GradeStats.Week> weeks, ToDoubleFunction<GradeStats.Week> field) {
    return weeks.stream().mapToDouble(field).sum();
  }
}
