import { describe, expect, it } from "vitest";
import { modelMessages } from "./history";

const u = (content: string) => ({ role: "user", content, status: "complete" });
const a = (content: string, status = "complete") => ({ role: "assistant", content, status });

describe("modelMessages", () => {
  it("keeps seen replies and drops failed, retried and the new streaming turn", () => {
    const turns = [u("q1"), a("r1"), u("q2"), a("", "failed"), a("partial", "stopped"), a("r2b"), u("q3"), a("", "streaming")];
    expect(modelMessages(turns)).toEqual([
      { role: "user", content: "q1" },
      { role: "assistant", content: "r1" },
      { role: "user", content: "q2" },
      { role: "assistant", content: "r2b" },
      { role: "user", content: "q3" },
    ]);
  });
  it("joins user messages left next to each other by a failed reply; keeps a stopped reply the participant answered", () => {
    const turns = [u("q1"), a("", "failed"), u("q2"), a("half", "stopped"), u("q3"), a("", "streaming")];
    expect(modelMessages(turns)).toEqual([
      { role: "user", content: "q1\n\nq2" },
      { role: "assistant", content: "half" },
      { role: "user", content: "q3" },
    ]);
  });
  it("a retry leaves the replaced reply out", () => {
    expect(modelMessages([u("q1"), a("cut", "stopped"), a("", "streaming")])).toEqual([{ role: "user", content: "q1" }]);
  });
});
