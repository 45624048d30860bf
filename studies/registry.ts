// The study modes MixStudy knows and their study files: adding a mode means adding its folder and one case here.
import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { ZStudyConfig, type TStudyConfig } from "./config";
import { chatMode } from "./chat/mode";
import { listwiseMode } from "./listwise/mode";
import type { TStudyMode } from "./mode";
import { pairwiseMode } from "./pairwise/mode";
import { ratingMode } from "./rating/mode";

export { ZStudyConfig, type TStudyConfig };

/** The one place modes are registered. */
export function modeOf(config: TStudyConfig): TStudyMode<TStudyConfig> {
  // Each mode only ever receives a config of its own mode (the discriminated union guarantees it).
  switch (config.mode) {
    case "pairwise":
      return pairwiseMode as TStudyMode<TStudyConfig>;
    case "listwise":
      return listwiseMode as TStudyMode<TStudyConfig>;
    case "chat":
      return chatMode as TStudyMode<TStudyConfig>;
    case "rating":
      return ratingMode as TStudyMode<TStudyConfig>;
  }
}

const TEMPLATE_DIR = path.join(process.cwd(), "studies", "templates");

/** Template file names without extension, e.g. "mixassist-pairwise". */
export function listTemplates(): string[] {
  return fs.readdirSync(TEMPLATE_DIR).filter((f) => f.endsWith(".yaml")).map((f) => f.replace(/\.yaml$/, "")).sort();
}

/** Parses a study file (YAML or JSON text); errors name the field. */
export function parseStudyFile(text: string): { ok: true; config: TStudyConfig } | { ok: false; error: string } {
  let raw: unknown;
  try {
    raw = YAML.parse(text);
  } catch (err) {
    return { ok: false, error: `the study file is not valid YAML: ${(err as Error).message}` };
  }
  const parsed = ZStudyConfig.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { ok: false, error: `study file field "${first.path.join(".") || "(root)"}": ${first.message}` };
  }
  return { ok: true, config: parsed.data };
}

export function loadTemplate(name: string): TStudyConfig {
  if (!listTemplates().includes(name)) throw new Error(`unknown study template "${name}"`);
  const result = parseStudyFile(fs.readFileSync(path.join(TEMPLATE_DIR, `${name}.yaml`), "utf8"));
  if (!result.ok) throw new Error(`template ${name}: ${result.error}`);
  return result.config;
}
