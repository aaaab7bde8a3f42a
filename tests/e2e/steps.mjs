// Steps of a browser story, which depend on each other: after a failure the rest are skipped instead of
// failing noisily, and the failure carries every page's script errors and a screenshot of each page.
import { test } from "node:test";
import { screenshot } from "./support.mjs";

/** `pages()` gives the pages to report, by who uses them: { admin: { page, problems }, … } ("" for one page). */
export function storySteps(pages) {
  let broken = false;
  return function step(name, body) {
    test(name, async (t) => {
      if (broken) return t.skip("an earlier step failed");
      try {
        await body();
      } catch (error) {
        broken = true;
        for (const [who, person] of Object.entries(pages())) {
          if (!person?.page) continue;
          if (person.problems.length) error.message += `\nin the ${who || "page"}${who ? "'s page" : ""}:\n${person.problems.join("\n")}`;
          const shot = `failed-${who ? who + "-" : ""}${name.replace(/\W+/g, "-")}`;
          await screenshot(person.page, shot).catch(() => undefined);
        }
        throw error;
      }
    });
  };
}
