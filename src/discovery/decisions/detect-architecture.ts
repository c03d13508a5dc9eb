import type { Decision } from '../../core/plan/decision.js';

interface PatternRule {
  pattern: string;
  /** Directory names (any depth) whose presence is evidence for the pattern. */
  dirs: string[];
  /** How many distinct evidence dirs are needed before the pattern counts at all. */
  min: number;
  advice: string;
}

// Ordered from the most specific layout to the most generic; ties keep this order.
const RULES: PatternRule[] = [
  {
    pattern: 'Ports and adapters (hexagonal)',
    dirs: ['ports', 'adapters', 'domain', 'core', 'application'],
    min: 2,
    advice: 'new outside dependencies go behind a port with an adapter',
  },
  {
    pattern: 'Monorepo of packages',
    dirs: ['packages', 'apps', 'libs'],
    min: 1,
    advice: 'changes stay inside the package that owns them',
  },
  {
    pattern: 'Model–view–controller',
    dirs: ['models', 'views', 'controllers'],
    min: 2,
    advice: 'logic goes to models/controllers, presentation to views',
  },
  {
    pattern: 'Layered service architecture',
    dirs: ['services', 'repositories', 'routes', 'handlers', 'middleware', 'api'],
    min: 2,
    advice: 'handlers stay thin and call services',
  },
  {
    pattern: 'Feature folders',
    dirs: ['features', 'modules'],
    min: 1,
    advice: 'a new feature gets its own folder',
  },
  {
    pattern: 'Component-based UI',
    dirs: ['components', 'pages', 'hooks'],
    min: 2,
    advice: 'new UI is a component next to its peers',
  },
  {
    pattern: 'Command-line tool',
    dirs: ['cli', 'bin', 'cmd', 'commands'],
    min: 1,
    advice: 'one file per command',
  },
  {
    pattern: 'Library with a flat source tree',
    dirs: ['src', 'lib'],
    min: 1,
    advice: 'follow the existing module layout',
  },
];

/** The architecture pattern the layout shows, with the evidence, so the plan follows it. */
export function detectArchitecture(paths: readonly string[]): Decision {
  const present = new Set<string>();
  for (const p of paths) {
    const parts = p.split('/');
    for (const dir of parts.slice(0, Math.min(parts.length - 1, 4))) present.add(dir.toLowerCase());
  }
  // More evidence wins; on equal evidence the more specific rule (earlier in RULES) wins.
  const scored = RULES.map((rule, order) => ({ rule, order, hits: rule.dirs.filter((d) => present.has(d)) }))
    .filter((s) => s.hits.length >= s.rule.min)
    .sort((a, b) => b.hits.length - a.hits.length || a.order - b.order);
  const [best, ...rest] = scored;
  if (!best) {
    return {
      kind: 'architecture',
      topic: 'Architecture pattern',
      choice: 'Follow the existing file layout',
      rationale: 'No recognisable layout pattern; new code goes next to the code it extends.',
      confidence: 0.5,
      alternatives: [],
      source: 'default',
    };
  }
  const confidence = Math.min(0.9, 0.55 + 0.15 * best.hits.length);
  return {
    kind: 'architecture',
    topic: 'Architecture pattern',
    choice: best.rule.pattern,
    rationale: `The layout has ${best.hits.map((h) => `\`${h}/\``).join(', ')}: ${best.rule.advice}.`,
    confidence: Math.round(confidence * 100) / 100,
    alternatives: rest.slice(0, 2).map((s) => s.rule.pattern),
    source: 'repository',
  };
}
