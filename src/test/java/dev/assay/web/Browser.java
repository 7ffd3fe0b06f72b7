package dev.assay.web;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * One headless Chromium for a test class: Debian's {@code chromium} driven by its {@code
 * chromium-driver} (bin/assay test installs both), never a browser Selenium would download.
 * Screenshots go to {@code target/screenshots/}.
 */
final class Browser implements AutoCloseable {
  private static final String CHROMIUM = "/usr/bin/chromium";
  private static final String DRIVER = "/usr/bin/chromedriver";
  private static final Path SHOTS = Path.of("target", "screenshots");
  private static final int TALLEST = 8000;

  final ChromeDriver driver;

  Browser(int width, int height) {
    if (!new File(CHROMIUM).canExecute() || !new File(DRIVER).canExecute()) {
      throw new IllegalStateException(
          "browser tests need Debian's chromium and chromium-driver: run bin/assay setup");
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=" + width + "," + height);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER)).build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
  }

  /**
   * Saves the whole page as {@code target/screenshots/<name>.png}: the window is stretched to the
   * page's height (up to {@value #TALLEST} pixels) for the shot, then put back.
   */
  void screenshot(String name) {
    Dimension window = driver.manage().window().getSize();
    Object height = driver.executeScript("return document.documentElement.scrollHeight");
    int page = height instanceof Number n ? n.intValue() : window.getHeight();
    try {
      Files.createDirectories(SHOTS);
      if (page > window.getHeight()) {
        driver.manage().window().setSize(new Dimension(window.getWidth(), Math.min(page, TALLEST)));
      }
      File shot = driver.getScreenshotAs(OutputType.FILE);
      Files.copy(shot.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      driver.manage().window().setSize(window);
    }
  }

  /** Saves a full-page screenshot and checks the page with axe-core: no serious violation. */
  void look(String name) {
    screenshot(name);
    org.junit.jupiter.api.Assertions.assertEquals(
        java.util.List.of(), Axe.seriousViolations(driver), "accessibility of " + name);
  }

  /**
   * The first element matching {@code css}, waiting for it a while: after a click the browser may
   * still be on the page it is leaving.
   */
  org.openqa.selenium.WebElement find(String css) {
    return new org.openqa.selenium.support.ui.WebDriverWait(
            driver, java.time.Duration.ofSeconds(15))
        .until(
            org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated(
                org.openqa.selenium.By.cssSelector(css)));
  }

  /**
   * Waits for the address to contain {@code part}: a click that navigates returns before the
   * browser has left the page, so reading the address at once races the navigation.
   */
  void awaitUrl(String part) {
    new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(15))
        .until(org.openqa.selenium.support.ui.ExpectedConditions.urlContains(part));
  }

  @Override
  public void close() {
    driver.quit();
  }
}
