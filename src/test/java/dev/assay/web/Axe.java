package dev.assay.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * axe-core (from the npm registry, kept in src/test/resources/axe) injected into the current page:
 * the WCAG 2.1 A and AA rules, and the violations a person would be blocked by (serious, critical).
 */
final class Axe {
  private static final String SOURCE = load();

  private Axe() {}

  /** The serious and critical violations on the current page, as "rule: help (n nodes)". */
  @SuppressWarnings("unchecked")
  static List<String> seriousViolations(WebDriver driver) {
    JavascriptExecutor js = (JavascriptExecutor) driver;
    js.executeScript(SOURCE);
    Object result =
        js.executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa',"
                + " 'wcag21a', 'wcag21aa']}}).then(r => done(r.violations.map(v =>"
                + " ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length}))))"
                + ".catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e),"
                + " nodes: 0}]));");
    List<String> out = new ArrayList<>();
    for (Map<String, Object> v : (List<Map<String, Object>>) result) {
      Object impact = v.get("impact");
      if ("serious".equals(impact) || "critical".equals(impact)) {
        out.add(v.get("id") + ": " + v.get("help") + " (" + v.get("nodes") + " nodes)");
      }
    }
    return out;
  }

  private static String load() {
    try (InputStream in = Axe.class.getResourceAsStream("/axe/axe.min.js")) {
      if (in == null) {
        throw new IllegalStateException("axe/axe.min.js is missing from the test resources");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
