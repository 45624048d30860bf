import { describe, expect, it } from "vitest";
import { describeAudit } from "./audit-text";

describe("describeAudit", () => {
  it("says what happened in words, with the details that matter", () => {
    expect(describeAudit("imported", { items: 10, audioFiles: 10 })).toBe("imported 10 items with 10 audio files");
    expect(describeAudit("edited", { version: 2, status: "live" })).toBe("edited the settings: configuration v2");
    expect(describeAudit("edited", { version: 1, status: "draft" })).toBe("edited the draft's settings");
    expect(describeAudit("exported", { what: "3", format: "tex" })).toBe("exported table 3 (TEX)");
    expect(describeAudit("exported", { what: "config", format: "json" })).toBe("exported the configuration (JSON)");
    expect(describeAudit("shared", { email: "bob@x.org", role: "viewer" })).toBe("shared it with bob@x.org as viewer");
    expect(describeAudit("shared", { email: "bob@x.org", role: "editor", previousRole: "viewer" })).toBe("changed bob@x.org from viewer to editor");
    expect(describeAudit("unshared", { email: "bob@x.org", role: "editor" })).toBe("removed bob@x.org's access (editor)");
    expect(describeAudit("duplicated", { copyId: "x", copyTitle: "S (copy)" })).toBe('duplicated it as "S (copy)"');
    expect(describeAudit("something_new", null)).toBe("something_new");
  });
});
