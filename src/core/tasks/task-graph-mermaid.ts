/** Execution status of a task, drawn as a node class. */
export type TaskStatus = 'pending' | 'running' | 'done' | 'failed';

/** What the diagram needs; both the planning preview and the full task plan fit. */
export interface MermaidPlan {
  readonly epics: readonly {
    readonly id: string;
    readonly title: string;
    readonly tasks: readonly {
      readonly id: string;
      readonly title: string;
      readonly dependsOn: readonly string[];
    }[];
  }[];
}

export interface TaskGraphMermaidOptions {
  /** Status per task id; tasks without one get no class. */
  status?: Readonly<Record<string, TaskStatus>>;
}

// GitHub's light-theme palette, so the colours match the rest of the comment.
const statusStyles: Readonly<Record<TaskStatus, string>> = {
  pending: 'fill:#f6f8fa,stroke:#8c959f,color:#1f2328',
  running: 'fill:#ddf4ff,stroke:#0969da,color:#1f2328',
  done: 'fill:#dafbe1,stroke:#1a7f37,color:#1f2328',
  failed: 'fill:#ffebe9,stroke:#cf222e,color:#1f2328',
};

const maxLabelLength = 80;

/**
 * The task graph as a fenced Mermaid block: one subgraph per epic, an edge from each dependency to
 * its dependent. Titles are model text, so every label goes through `mermaidLabel` and every id
 * through a sanitiser: nothing in a title can end the label, add statements, or close the fence.
 */
export function taskGraphMermaid(plan: MermaidPlan, opts: TaskGraphMermaidOptions = {}): string {
  const nodeIds = new NodeIds();
  const nodeOf = new Map<string, string>();
  const lines = ['```mermaid', 'graph TD'];
  for (const epic of plan.epics) {
    lines.push(`  subgraph ${nodeIds.make('e', epic.id)} ["${mermaidLabel(`${epic.id}: ${epic.title}`)}"]`);
    for (const task of epic.tasks) {
      const node = nodeIds.make('t', task.id);
      if (!nodeOf.has(task.id)) nodeOf.set(task.id, node);
      lines.push(`    ${node}["${mermaidLabel(`${task.id}: ${task.title}`)}"]`);
    }
    lines.push('  end');
  }
  for (const task of plan.epics.flatMap((epic) => epic.tasks)) {
    const to = nodeOf.get(task.id)!;
    for (const dep of new Set(task.dependsOn)) {
      const from = nodeOf.get(dep);
      // Unknown dependencies are the validator's to report; the picture just leaves them out.
      if (from !== undefined && from !== to) lines.push(`  ${from} --> ${to}`);
    }
  }
  lines.push(...statusLines(opts.status ?? {}, nodeOf), '```');
  return lines.join('\n');
}

function statusLines(
  status: Readonly<Record<string, TaskStatus>>,
  nodeOf: ReadonlyMap<string, string>,
): string[] {
  const byStatus = new Map<TaskStatus, string[]>();
  for (const [taskId, node] of nodeOf) {
    const value = Object.hasOwn(status, taskId) ? status[taskId] : undefined;
    if (value === undefined || !Object.hasOwn(statusStyles, value)) continue;
    byStatus.set(value, [...(byStatus.get(value) ?? []), node]);
  }
  return [...byStatus].flatMap(([value, nodes]) => [
    `  classDef ${value} ${statusStyles[value]}`,
    `  class ${nodes.join(',')} ${value}`,
  ]);
}

/**
 * Text safe inside a double-quoted Mermaid label. Line breaks and control characters become spaces
 * (a newline would end the statement); every character with meaning to Mermaid, HTML or Markdown
 * becomes a Mermaid entity code (`#34;`), which renders as the character itself. `%` matters because
 * Mermaid looks for `%%{init: …}%%` directives anywhere in the text.
 */
export function mermaidLabel(text: string): string {
  const flat = text.replace(/[\p{Cc}\u2028\u2029]+/gu, ' ').trim();
  const short = flat.length > maxLabelLength ? `${[...flat].slice(0, maxLabelLength - 1).join('')}…` : flat;
  return short.replace(/["#&<>[\](){}|;`%\\]/g, (char) => `#${char.charCodeAt(0)};`);
}

/** Mermaid ids made of `[A-Za-z0-9_]` only, prefixed so words like `end` or `click` cannot appear. */
class NodeIds {
  readonly #used = new Set<string>();

  make(prefix: string, id: string): string {
    const base = `${prefix}_${id.replace(/[^A-Za-z0-9_]/g, '_')}`;
    let candidate = base;
    for (let n = 2; this.#used.has(candidate); n++) candidate = `${base}_${n}`;
    this.#used.add(candidate);
    return candidate;
  }
}
