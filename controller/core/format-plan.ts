/**
 * Renders a plan for people: a terminal summary (text) and a pull-request comment (markdown).
 * Both are pure functions of the plan document.
 */
import type { PlanFile, PlanStep, PlanStepReasonKind } from '../../schema/generated/plan.ts';
import { compareStrings } from './problems.ts';

const MAX_NAMES = 30;

/** Activations that put a service on a target where it did not run: drawn as new, every other one as changed. */
const NEW_ON_TARGET: ReadonlySet<PlanStepReasonKind> = new Set(['new', 'added-to-target', 'moved-here']);

/** A plan as plain text for a terminal. */
export function formatPlanText(plan: PlanFile, title: string): string {
  const lines: string[] = [];
  const count = (op: PlanStep['op']) => plan.steps.filter((s) => s.op === op).length;
  lines.push(
    `Plan for ${title}: ${count('activate')} to activate, ${count('deactivate')} to deactivate, ${plan.unchanged.length} unchanged`,
  );
  if (plan.steps.length === 0) lines.push('', 'Nothing to do.');
  for (const [op, heading] of [
    ['deactivate', 'Deactivate (dependents first):'],
    ['activate', 'Activate (dependencies first):'],
  ] as const) {
    const steps = plan.steps.map((step, i) => ({ step, i })).filter(({ step }) => step.op === op);
    if (steps.length === 0) continue;
    lines.push('', heading);
    for (const { step, i } of steps) {
      const after = step.requires.length > 0 ? `  [after ${step.requires.map((r) => r + 1).join(', ')}]` : '';
      lines.push(
        `  ${String(i + 1).padStart(3)}. ${step.service} on ${step.target} (${step.container}): ${step.reason.message}${after}`,
      );
    }
  }
  if (plan.placementChanges && plan.placementChanges.length > 0) {
    lines.push('', 'Placements:');
    for (const change of plan.placementChanges)
      lines.push(
        `  ${change.service}: ${change.change === 'placed' ? 'placed on' : 'removed from'} ${change.target} (${change.reason})`,
      );
  }
  if (plan.rollouts && plan.rollouts.length > 0) {
    lines.push('', 'Rollouts (a batch at a time, each health-gated):');
    for (const r of plan.rollouts)
      lines.push(`  ${r.service}: ${r.batches.map((b) => b.join(', ')).join(' | ')}`);
  }
  const reservations = reservationLines(plan);
  if (plan.idChanges.length > 0 || reservations.length > 0) {
    lines.push('', 'IDs:');
    for (const change of plan.idChanges)
      lines.push(`  ${change.pool}.${change.service}: ${describeIdChange(change)}`);
    for (const r of reservations) lines.push(`  ${r.pool} on ${r.target}: ${r.text}`);
  }
  for (const warning of plan.warnings) lines.push('', `warning: ${warning}`);
  return `${lines.join('\n')}\n`;
}

/** A unit of the desired deployment, for the architecture diagram. */
export interface ArchitectureUnit {
  service: string;
  target: string;
  dependsOn: readonly string[];
}

/**
 * A plan as a Markdown pull-request comment: one table per target that changes, ID changes, and, given
 * the desired units, a Mermaid diagram of the deployment (targets as boxes, services inside, dependency
 * arrows; new and changed units marked), as disnix-visualize draws it.
 */
export function formatPlanMarkdown(
  plan: PlanFile,
  title: string,
  architecture?: readonly ArchitectureUnit[],
): string {
  const activate = plan.steps.filter((s) => s.op === 'activate');
  const deactivate = plan.steps.filter((s) => s.op === 'deactivate');
  const targets = new Set([...plan.steps.map((s) => s.target), ...plan.unchanged.map((u) => u.target)]);
  const lines: string[] = [
    `### drover plan for ${title}`,
    '',
    plan.steps.length === 0
      ? `**No changes.** ${plan.unchanged.length} unit${plural(plan.unchanged.length)} stay as they are.`
      : `**${activate.length}** to activate, **${deactivate.length}** to deactivate, **${plan.unchanged.length}** untouched.`,
  ];
  const quiet: string[] = [];
  for (const target of [...targets].sort(compareStrings)) {
    const on = <T extends { target: string }>(list: T[]) => list.filter((x) => x.target === target);
    const [acts, deacts, untouched] = [on(activate), on(deactivate), on(plan.unchanged)];
    if (acts.length === 0 && deacts.length === 0) {
      quiet.push(target);
      continue;
    }
    lines.push('', `#### ${target}`, '', '| | units | |', '|---|---:|---|');
    lines.push(
      `| activate | ${acts.length} | ${names(acts.map((s) => `\`${s.service}\` (${s.reason.message})`))} |`,
    );
    lines.push(
      `| deactivate | ${deacts.length} | ${names(deacts.map((s) => `\`${s.service}\` (${s.reason.message})`))} |`,
    );
    lines.push(`| untouched | ${untouched.length} | ${names(untouched.map((u) => `\`${u.service}\``))} |`);
  }
  if (quiet.length > 0) {
    lines.push('', `Unchanged target${plural(quiet.length)}: ${names(quiet.map((t) => `\`${t}\``))}`);
  }
  if (plan.placementChanges && plan.placementChanges.length > 0) {
    lines.push('', '#### Placements', '', '| service | target | change | why |', '|---|---|---|---|');
    for (const c of plan.placementChanges)
      lines.push(`| \`${c.service}\` | \`${c.target}\` | ${c.change} | ${escapeMarkdown(c.reason)} |`);
  }
  if (plan.rollouts && plan.rollouts.length > 0) {
    lines.push(
      '',
      '#### Rollouts',
      '',
      'A batch at a time, each health-gated; a batch that fails stops the rollout.',
      '',
    );
    lines.push('| service | batches |', '|---|---|');
    for (const r of plan.rollouts)
      lines.push(
        `| \`${r.service}\` | ${r.batches.map((b) => b.map((t) => `\`${t}\``).join(', ')).join(' → ')} |`,
      );
  }
  const reservations = reservationLines(plan);
  if (plan.idChanges.length > 0 || reservations.length > 0) lines.push('', '#### IDs');
  if (plan.idChanges.length > 0) {
    lines.push('', '| pool | service | change |', '|---|---|---|');
    for (const change of plan.idChanges)
      lines.push(`| ${change.pool} | \`${change.service}\` | ${describeIdChange(change)} |`);
  }
  if (reservations.length > 0) {
    lines.push('');
    for (const r of reservations) lines.push(`- ${r.pool} on \`${r.target}\`: ${r.text}`);
  }
  if (plan.warnings.length > 0) {
    lines.push('', '#### Warnings', '');
    for (const warning of plan.warnings) lines.push(`- ${escapeMarkdown(warning)}`);
  }
  if (architecture && architecture.length > 0) {
    lines.push('', '#### Deployment architecture', '', ...architectureDiagram(plan, architecture));
  }
  return `${lines.join('\n')}\n`;
}

/** A Mermaid flowchart: one subgraph per target, a node per unit, an arrow from each unit to what it depends on. */
function architectureDiagram(plan: PlanFile, units: readonly ArchitectureUnit[]): string[] {
  const node = (service: string, target: string) => `${target}__${service}`.replace(/[^A-Za-z0-9_]/g, '_');
  const activated = new Map(
    plan.steps.filter((s) => s.op === 'activate').map((s) => [node(s.service, s.target), s.reason.kind]),
  );
  const lines = ['```mermaid', 'flowchart LR'];
  const byTarget = new Map<string, ArchitectureUnit[]>();
  for (const unit of units) byTarget.set(unit.target, [...(byTarget.get(unit.target) ?? []), unit]);
  for (const [target, list] of [...byTarget].sort(([a], [b]) => compareStrings(a, b))) {
    lines.push(`  subgraph ${node('', target)}["${target}"]`);
    for (const unit of [...list].sort((a, b) => compareStrings(a.service, b.service))) {
      const id = node(unit.service, unit.target);
      const kind = activated.get(id);
      const style = kind === undefined ? '' : NEW_ON_TARGET.has(kind) ? ':::new' : ':::changed';
      lines.push(`    ${id}["${unit.service}"]${style}`);
    }
    lines.push('  end');
  }
  const placed = new Map<string, string[]>();
  for (const unit of units) placed.set(unit.service, [...(placed.get(unit.service) ?? []), unit.target]);
  for (const unit of units) {
    for (const dependency of unit.dependsOn) {
      for (const target of placed.get(dependency) ?? []) {
        lines.push(`  ${node(unit.service, unit.target)} --> ${node(dependency, target)}`);
      }
    }
  }
  lines.push(
    '  classDef new fill:#d4f7d4,stroke:#2a7a2a',
    '  classDef changed fill:#fff3c4,stroke:#9a7a00',
    '```',
  );
  return lines;
}

function describeIdChange(change: PlanFile['idChanges'][number]): string {
  if (change.from === undefined) return `assigned ${change.to}`;
  if (change.to === undefined) return `released ${change.from}`;
  return `${change.from} → ${change.to}`;
}

/**
 * The reservation changes of a plan, one line per target, pool and kind of change:
 * `1000, 1002 reserved (in use there)` or `1005 no longer reserved`.
 */
function reservationLines(plan: PlanFile): { pool: string; target: string; text: string }[] {
  const groups = new Map<string, { pool: string; target: string; change: string; ids: number[] }>();
  for (const { target, pool, id, change } of plan.reservationChanges ?? []) {
    const key = JSON.stringify([target, pool, change]);
    const group = groups.get(key);
    if (group) group.ids.push(id);
    else groups.set(key, { pool, target, change, ids: [id] });
  }
  return [...groups.values()].map(({ pool, target, change, ids }) => ({
    pool,
    target,
    text: `${ids.join(', ')} ${change === 'reserved' ? 'reserved (in use there)' : 'no longer reserved'}`,
  }));
}

function names(list: string[]): string {
  const shown = list.slice(0, MAX_NAMES).join(', ');
  return list.length > MAX_NAMES ? `${shown} and ${list.length - MAX_NAMES} more` : shown;
}

function plural(n: number): string {
  return n === 1 ? '' : 's';
}

function escapeMarkdown(text: string): string {
  return text.replace(/([|*_`<>[\]])/g, '\\$1');
}
