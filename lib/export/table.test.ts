import { describe, expect, it } from "vitest";
import { renderTable, texEscape, toCsv, toLatex, toMarkdown, type ResultTable } from "./table";

const simple: ResultTable = {
  id: "t1",
  title: "Demo",
  columns: ["Model", "Count", "%"],
  rows: [
    ["Qwen", 52, "52.0"],
    ["LTU", 29, null],
  ],
};

const nasty: ResultTable = {
  id: "nasty_1",
  title: "Scores & 100% of $x_1$",
  columns: ["Name", "Value"],
  rows: [
    ['He said "hi", then left', "a|b"],
    ["line1\nline2", "#1 {x} ~y^2 \\z"],
  ],
  notes: ["N = 10 participants; 5% excluded."],
};

describe("toCsv", () => {
  it("writes header and rows with CRLF and empty cells for null", () => {
    expect(toCsv(simple)).toBe("Model,Count,%\r\nQwen,52,52.0\r\nLTU,29,\r\n");
  });

  it("quotes commas, quotes and newlines per RFC 4180, then each note as a '# ' comment row", () => {
    expect(toCsv(nasty)).toBe(
      'Name,Value\r\n"He said ""hi"", then left",a|b\r\n"line1\nline2",#1 {x} ~y^2 \\z\r\n# N = 10 participants; 5% excluded.\r\n',
    );
  });

  it("keeps a note with a line break on one comment row", () => {
    expect(toCsv({ ...simple, notes: ["a\nb", "c"] }).endsWith("LTU,29,\r\n# a b\r\n# c\r\n")).toBe(true);
  });
});

describe("toMarkdown", () => {
  it("renders a GitHub pipe table", () => {
    expect(toMarkdown(simple)).toBe(
      "| Model | Count | % |\n|---|---|---|\n| Qwen | 52 | 52.0 |\n| LTU | 29 |  |\n",
    );
  });

  it("escapes pipes, turns newlines into <br>, adds heading and trailing notes", () => {
    expect(toMarkdown(nasty, { heading: true })).toBe(
      [
        "### Scores & 100% of $x_1$",
        "",
        "| Name | Value |",
        "|---|---|",
        '| He said "hi", then left | a\\|b |',
        "| line1<br>line2 | #1 {x} ~y^2 \\z |",
        "",
        "N = 10 participants; 5% excluded.",
        "",
      ].join("\n"),
    );
  });
});

describe("toLatex", () => {
  it("escapes every special character once", () => {
    expect(texEscape("p1\n\np2")).toBe("p1 p2");
    expect(texEscape("a&b%c$d#e_f{g}h~i^j\\k")).toBe(
      "a\\&b\\%c\\$d\\#e\\_f\\{g\\}h\\textasciitilde{}i\\textasciicircum{}j\\textbackslash{}k",
    );
  });

  it("renders a booktabs table with l then r columns", () => {
    expect(toLatex(simple)).toBe(
      [
        "\\begin{table}[ht]",
        "\\centering",
        "\\caption{Demo}",
        "\\label{tab:t1}",
        "\\begin{tabular}{lrr}",
        "\\toprule",
        "Model & Count & \\% \\\\",
        "\\midrule",
        "Qwen & 52 & 52.0 \\\\",
        "LTU & 29 &  \\\\",
        "\\bottomrule",
        "\\end{tabular}",
        "\\end{table}",
        "",
      ].join("\n"),
    );
  });

  it("escapes title, cells and notes", () => {
    expect(toLatex(nasty)).toBe(
      [
        "\\begin{table}[ht]",
        "\\centering",
        "\\caption{Scores \\& 100\\% of \\$x\\_1\\$}",
        "\\label{tab:nasty_1}",
        "\\begin{tabular}{lr}",
        "\\toprule",
        "Name & Value \\\\",
        "\\midrule",
        'He said "hi", then left & a|b \\\\',
        "line1 line2 & \\#1 \\{x\\} \\textasciitilde{}y\\textasciicircum{}2 \\textbackslash{}z \\\\",
        "\\bottomrule",
        "\\end{tabular}",
        "\\par\\smallskip\\footnotesize",
        "N = 10 participants; 5\\% excluded.\\par",
        "\\end{table}",
        "",
      ].join("\n"),
    );
  });
});

describe("renderTable", () => {
  it("picks renderer, content type and extension", () => {
    expect(renderTable(simple, "csv")).toEqual({ body: toCsv(simple), contentType: "text/csv; charset=utf-8", extension: "csv" });
    expect(renderTable(simple, "md")).toEqual({
      body: "### Demo\n\n| Model | Count | % |\n|---|---|---|\n| Qwen | 52 | 52.0 |\n| LTU | 29 |  |\n",
      contentType: "text/markdown; charset=utf-8",
      extension: "md",
    });
    expect(renderTable(simple, "tex")).toMatchObject({ contentType: "application/x-tex; charset=utf-8", extension: "tex" });
    expect(renderTable(simple, "tex").body).toBe(toLatex(simple));
  });
});
