import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mermaidLabel, taskGraphMermaid } from '../../../src/core/tasks/task-graph-mermaid.js';
import { task } from './task-plan-builders.js';

const plan = {
  epics: [
    { id: 'E1', title: 'Data', tasks: [task('E1.T1', [], { title: 'Add schema' })] },
    {
      id: 'E2',
      title: 'UI',
      tasks: [
        task('E2.T1', ['E1.T1'], { title: 'Add toggle' }),
        task('end', ['E2.T1', 'E9'], { title: 'Docs' }),
      ],
    },
  ],
};

const hostileTitles = [
  '"]; click A href "javascript:alert(1)"',
  'close ``` the fence',
  'A --> B',
  '<img src=x onerror=alert(1)>',
  '%%{init: {"theme": "dark"}}%%',
  'two\nlines\r\nand\u2028more',
  'end',
  '#quot; entity',
  '[brackets] (parens) {braces} |pipes|',
];

describe('taskGraphMermaid', () => {
  it('draws one subgraph per epic and an edge from each dependency', () => {
    expect(taskGraphMermaid(plan)).toMatchInlineSnapshot(`
      "\`\`\`mermaid
      graph TD
        subgraph e_E1 ["E1: Data"]
          t_E1_T1["E1.T1: Add schema"]
        end
        subgraph e_E2 ["E2: UI"]
          t_E2_T1["E2.T1: Add toggle"]
          t_end["end: Docs"]
        end
        t_E1_T1 --> t_E2_T1
        t_E2_T1 --> t_end
      \`\`\`"
    `);
  });

  it('colours tasks by status', () => {
    const diagram = taskGraphMermaid(plan, {
      status: { 'E1.T1': 'done', 'E2.T1': 'running', end: 'failed' },
    });
    expect(diagram).toContain('  class t_E1_T1 done');
    expect(diagram).toContain('  class t_E2_T1 running');
    expect(diagram).toContain('  class t_end failed');
    expect(diagram).toMatch(/classDef done fill:/);
  });

  it('keeps ids that sanitise to the same name apart', () => {
    const diagram = taskGraphMermaid({
      epics: [{ id: 'E1', title: 'x', tasks: [task('a.b'), task('a_b', ['a.b'])] }],
    });
    expect(diagram).toContain('t_a_b_2["a_b: ');
    expect(diagram).toContain('t_a_b --> t_a_b_2');
  });

  it.each(hostileTitles)('keeps the hostile title %j inside its label', (title) => {
    const diagram = taskGraphMermaid({ epics: [{ id: 'E1', title, tasks: [task('T1', [], { title })] }] });
    const lines = diagram.split('\n');
    expect(lines).toHaveLength(6);
    expect(lines[0]).toBe('```mermaid');
    expect(lines.at(-1)).toBe('```');
    // Inside the quotes: plain characters, or `#` and `;` only as parts of entity codes.
    const label = '(?:[^"[\\]<>`;%#]|#\\d+;)*';
    expect(lines[2]).toMatch(new RegExp(String.raw`^ {2}subgraph e_E1 \["E1: ${label}"\]$`));
    expect(lines[3]).toMatch(new RegExp(String.raw`^ {4}t_T1\["T1: ${label}"\]$`));
    expect(lines[4]).toBe('  end');
  });

  it('never lets a label close its quotes, add a line or touch the fence', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const label = mermaidLabel(text);
        expect(label).not.toMatch(/["\n\r`<>[\]{}();%|\\\u2028\u2029]/);
        expect([...label.replace(/#\d+;/g, '')].length).toBeLessThanOrEqual(80);
      }),
    );
  });
});

describe('mermaidLabel', () => {
  it.each([
    ['Add "dark" mode', 'Add #34;dark#34; mode'],
    ['a --> b', 'a --#62; b'],
    ['`code`', '#96;code#96;'],
    ['  spaced\tout  ', 'spaced out'],
  ])('writes %j as %j', (text, label) => {
    expect(mermaidLabel(text)).toBe(label);
  });

  it('shortens long titles with an ellipsis', () => {
    expect(mermaidLabel('x'.repeat(200))).toBe(`${'x'.repeat(79)}…`);
  });
});
