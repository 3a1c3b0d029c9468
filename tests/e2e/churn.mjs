// A busy CRM page, played in a real browser page: the page changes its own DOM 60 times in 3 s
// (rows added, every third one removed), while a PerformanceObserver records its longest
// main-thread task. Shared by tests/e2e/hostile.test.mjs (the page stays responsive) and
// bench/tools/selector-tips.mjs (what each batch costs).

/** Records the longest main-thread task of the page (PerformanceObserver 'longtask') from now on. */
export async function watchLongTasks(page) {
  await page.evaluate(() => {
    window.__longest = 0;
    new window.PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
    }).observe({ type: 'longtask' });
  });
}

/** The longest task seen since watchLongTasks (ms). */
export function longestTask(page) {
  return page.evaluate(() => window.__longest);
}

/** Churns the page: 60 changes, 50 ms apart. */
export async function churn(page) {
  await page.evaluate(async () => {
    const box = document.createElement('div');
    document.body.append(box);
    for (let i = 0; i < 60; i++) {
      const row = document.createElement('div');
      row.className = `churn-${i}`;
      row.textContent = `row ${i}`;
      box.append(row);
      if (i % 3 === 0) box.firstChild?.remove();
      await new Promise((r) => setTimeout(r, 50));
    }
  });
}
