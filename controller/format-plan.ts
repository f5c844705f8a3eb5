/**
 * Renders a plan for people: a terminal summary (text) and a pull-request comment (markdown).
 * Both are pure functions of the plan document.
 */
import type { PlanFile, PlanStep } from '../schema/generated/plan.ts';
import { compareStrings } from './problems.ts';

const MAX_NAMES = 30;

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
        `  ${String(i + 1).padStart(3)}. ${step.service} on ${step.target} (${step.container}): ${step.reason}${after}`,
      );
    }
  }
  if (plan.idChanges.length > 0) {
    lines.push('', 'IDs:');
    for (const change of plan.idChanges)
      lines.push(`  ${change.pool}.${change.service}: ${describeIdChange(change)}`);
  }
  for (const warning of plan.warnings) lines.push('', `warning: ${warning}`);
  return `${lines.join('\n')}\n`;
}

/** A plan as a Markdown pull-request comment: one table per target that changes. */
export function formatPlanMarkdown(plan: PlanFile, title: string): string {
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
    lines.push(`| activate | ${acts.length} | ${names(acts.map((s) => `\`${s.service}\` (${s.reason})`))} |`);
    lines.push(
      `| deactivate | ${deacts.length} | ${names(deacts.map((s) => `\`${s.service}\` (${s.reason})`))} |`,
    );
    lines.push(`| untouched | ${untouched.length} | ${names(untouched.map((u) => `\`${u.service}\``))} |`);
  }
  if (quiet.length > 0) {
    lines.push('', `Unchanged target${plural(quiet.length)}: ${names(quiet.map((t) => `\`${t}\``))}`);
  }
  if (plan.idChanges.length > 0) {
    lines.push('', '#### IDs', '', '| pool | service | change |', '|---|---|---|');
    for (const change of plan.idChanges)
      lines.push(`| ${change.pool} | \`${change.service}\` | ${describeIdChange(change)} |`);
  }
  if (plan.warnings.length > 0) {
    lines.push('', '#### Warnings', '');
    for (const warning of plan.warnings) lines.push(`- ${escapeMarkdown(warning)}`);
  }
  return `${lines.join('\n')}\n`;
}

function describeIdChange(change: PlanFile['idChanges'][number]): string {
  if (change.from === undefined) return `assigned ${change.to}`;
  if (change.to === undefined) return `released ${change.from}`;
  return `${change.from} → ${change.to}`;
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
