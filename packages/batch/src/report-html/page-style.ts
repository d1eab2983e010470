// The class report's stylesheet, inlined into the page (the page loads nothing from anywhere).
export const PAGE_STYLE = `
:root {
  --ink: #1d2430; --muted: #667085; --line: #e4e7ec; --panel: #ffffff; --bg: #f5f6f8;
  --accent: #3b6fd8; --accent-soft: #dce6fa; --good: #2f9e5b; --fair: #d89a1c; --poor: #d14b4b;
  --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace;
}
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--ink); background: var(--bg); }
header { background: #1f2a44; color: #fff; padding: 22px 32px 18px; }
header h1 { margin: 0 0 4px; font-size: 22px; font-weight: 600; }
header p { margin: 0; color: #c4cde0; font-size: 13px; }
main { max-width: 1180px; min-width: 0; margin: 0 auto; padding: 22px 24px 48px; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 12px; margin-bottom: 18px; }
.card { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; padding: 12px 14px; }
.card .k { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
.card .v { font-size: 24px; font-weight: 600; margin-top: 2px; }
.card .v small { font-size: 13px; color: var(--muted); font-weight: 400; }
.grid2 { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 16px; }
@media (max-width: 900px) { .grid2 { grid-template-columns: 1fr; } }
.panel { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; padding: 14px 18px 16px; margin-bottom: 16px; }
.panel h2 { margin: 0 0 10px; font-size: 16px; font-weight: 600; }
.panel h2 .hint { font-weight: 400; color: var(--muted); font-size: 12.5px; margin-left: 6px; }
.chart { width: 100%; height: auto; display: block; }
.chart text { font-family: inherit; }
.chart .grid { stroke: var(--line); stroke-width: 1; }
.chart .axis { fill: var(--muted); font-size: 11px; }
.chart .bar { fill: var(--accent); }
.chart .bar.cached { fill: #9db5e8; }
.chart .bar.failed { fill: var(--poor); }
.chart .bin:hover .bar, .chart .time:hover { fill: #2a56b0; }
.chart .value { fill: var(--ink); font-size: 11.5px; font-weight: 600; }
.chart .value .muted { fill: var(--muted); font-weight: 400; }
.chart .group { fill: var(--ink); font-size: 12.5px; font-weight: 600; }
.chart .label { fill: var(--ink); font-size: 12px; font-family: var(--mono); }
.chart .track { fill: #eef0f4; }
.chart .fill.good { fill: var(--good); } .chart .fill.fair { fill: var(--fair); } .chart .fill.poor { fill: var(--poor); }
.legend { color: var(--muted); font-size: 12px; margin-top: 6px; }
.legend i { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin: 0 4px 0 10px; vertical-align: -1px; }
.m-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); gap: 12px; }
.m-card { border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; }
.m-card h3 { margin: 0 0 6px; font-size: 13.5px; }
.m-card ol { list-style: none; margin: 0; padding: 0; }
.misconception { padding: 5px 0; border-top: 1px dashed var(--line); }
.misconception:first-child { border-top: 0; }
.m-head { display: flex; justify-content: space-between; gap: 8px; }
.m-count { font-weight: 600; white-space: nowrap; }
.m-bar { height: 6px; background: #f1e2e2; border-radius: 3px; margin: 4px 0; }
.m-bar span { display: block; height: 100%; background: var(--poor); border-radius: 3px; }
.m-foot { color: var(--muted); font-size: 12px; }
code { font-family: var(--mono); font-size: 12px; background: #f2f4f7; padding: 0 4px; border-radius: 4px; }
a { color: var(--accent); }
.small { font-size: 12px; } .muted { color: var(--muted); } .empty { color: var(--muted); font-style: italic; }
.toolbar { display: flex; gap: 10px; align-items: center; margin-bottom: 8px; }
.toolbar input { flex: 0 1 260px; padding: 6px 10px; border: 1px solid var(--line); border-radius: 6px; font: inherit; }
.students-wrap { display: grid; grid-template-columns: minmax(340px, 5fr) minmax(0, 7fr); gap: 16px; align-items: start; }
@media (max-width: 900px) { .students-wrap { grid-template-columns: 1fr; } }
.table-scroll { max-height: 620px; overflow: auto; border: 1px solid var(--line); border-radius: 8px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--line); white-space: nowrap; }
th { position: sticky; top: 0; background: #f9fafb; font-size: 12px; color: var(--muted); cursor: pointer; user-select: none; }
th.num, td.num { text-align: right; font-variant-numeric: tabular-nums; }
tbody tr { cursor: pointer; }
tbody tr:hover { background: #f6f8fd; }
tbody tr.selected { background: var(--accent-soft); }
.badge { display: inline-block; font-size: 11px; padding: 1px 7px; border-radius: 999px; font-weight: 600; }
.badge.passed, .badge.graded { background: #e3f4ea; color: #1e7044; }
.badge.failed, .badge.error, .badge.crashed, .badge.build-error { background: #fbe4e4; color: #a22f2f; }
.badge.timeout { background: #fdf0d5; color: #8a5a00; }
.badge.not-implemented, .badge.not-submitted { background: #eceff3; color: #555f6d; }
.pct { display: inline-block; width: 54px; height: 6px; background: #eef0f4; border-radius: 3px; margin-left: 6px; vertical-align: 1px; }
.pct span { display: block; height: 100%; border-radius: 3px; background: var(--accent); }
#detail { min-height: 200px; min-width: 0; max-height: 760px; overflow: auto; }
#detail .placeholder { color: var(--muted); padding: 30px 10px; text-align: center; }
#detail h3 { margin: 0 0 2px; font-size: 17px; }
.ex { border: 1px solid var(--line); border-radius: 8px; margin-top: 10px; overflow: hidden; }
.ex-head { display: flex; justify-content: space-between; align-items: center; padding: 7px 12px; background: #f9fafb; border-bottom: 1px solid var(--line); }
.ex-head strong { font-family: var(--mono); font-size: 13px; }
.check { padding: 8px 12px; border-top: 1px solid var(--line); }
.check:first-of-type { border-top: 0; }
.check-head { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
.check-head .cid { font-family: var(--mono); font-size: 12.5px; }
.check-head .pts { margin-left: auto; font-variant-numeric: tabular-nums; color: var(--muted); }
.feedback { white-space: pre-wrap; overflow-wrap: anywhere; margin: 5px 0 0; font: 12px/1.45 var(--mono); background: #fafbfc; border-left: 3px solid #f0c9c9; padding: 6px 8px; border-radius: 0 4px 4px 0; }
.check.passed .feedback { color: var(--muted); font: 12px/1.4 inherit; background: none; border: 0; padding: 0; margin-top: 2px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.diag { font-size: 12px; margin-top: 4px; }
.diag code { background: #fbe4e4; color: #a22f2f; }
details { margin-top: 5px; } summary { cursor: pointer; color: var(--muted); font-size: 12px; }
pre.cx { background: #f6f7f9; border-radius: 6px; padding: 8px; font: 11.5px/1.4 var(--mono); overflow: auto; max-height: 220px; margin: 4px 0 0; }
.ex-msg { white-space: pre-wrap; overflow-wrap: anywhere; font: 12px/1.4 var(--mono); color: #a22f2f; padding: 8px 12px; margin: 0; }
`;
