// The handler kit's frameworks: which template files make each scaffold, how it is installed and started
// (its suite's target.start), and where its signature check is (Insert Signature Check). The templates are
// real files under templates/scaffolds/ (compiled and run by test/kit/), shipped in the VSIX as they are.
import { t } from '../l10n';

export const FRAMEWORK_IDS = ['express', 'fastify', 'nextjs', 'nestjs', 'node-http', 'flask', 'fastapi', 'php', 'go'] as const;
export type FrameworkId = (typeof FRAMEWORK_IDS)[number];

export interface ScaffoldFramework {
  id: FrameworkId;
  label: string;
  /** What it needs installed, shown beside the label (translated when asked: the language is set after load). */
  requires: () => string;
  /** Editor language ids whose files can take its signature check. */
  languages: readonly string[];
  /** Output path -> template path, both relative ('/'-separated; templates relative to templates/scaffolds/). */
  files: Readonly<Record<string, string>>;
  /** The file to open after writing. */
  entry: string;
  /** Templates holding the `signature-check` region (the verify function) and the `signature-guard` region. */
  check: { verify: string; guard: string };
  /** Shell commands, run in the scaffold's folder: install (if any), start (the suite's target.start). */
  install?: string;
  start: string;
  /** How long the suite waits for GET /stats after starting (a build first is slow). */
  readySeconds: number;
  /** What the scaffold's .gitignore lists. */
  ignore: readonly string[];
}

const NODE = { verify: 'shared/node/chat2desk-webhook.ts', tsconfig: 'shared/node/tsconfig.json' };
const NODE_IGNORE = ['node_modules/', 'dist/'];

/** A Node scaffold built with tsc: src/server.ts beside the shared module. */
function nodeServer(id: 'express' | 'fastify' | 'node-http', label: string, languages: readonly string[]): ScaffoldFramework {
  return {
    id,
    label,
    requires: () => t('Node.js 20+ and npm'),
    languages,
    files: {
      'src/server.ts': `${id}/src/server.ts`,
      'src/chat2desk-webhook.ts': NODE.verify,
      'package.json': `${id}/package.json`,
      'tsconfig.json': NODE.tsconfig,
    },
    entry: 'src/server.ts',
    check: { verify: NODE.verify, guard: `${id}/src/server.ts` },
    install: 'npm install',
    start: 'npm start',
    readySeconds: 120,
    ignore: NODE_IGNORE,
  };
}

const PYTHON_VERIFY = 'shared/python/chat2desk_webhook.py';
function pythonApp(id: 'flask' | 'fastapi', label: string, debian: string): ScaffoldFramework {
  return {
    id,
    label,
    requires: () => t('Python 3 with {0} (Debian/Ubuntu: apt install {1})', label, debian),
    languages: ['python'],
    files: { 'app.py': `${id}/app.py`, 'chat2desk_webhook.py': PYTHON_VERIFY, 'requirements.txt': `${id}/requirements.txt` },
    entry: 'app.py',
    check: { verify: PYTHON_VERIFY, guard: `${id}/app.py` },
    // PYTHON picks the interpreter that has the packages (a virtualenv's, or /usr/bin/python3 for Debian's).
    start: '${PYTHON:-python3} app.py',
    readySeconds: 30,
    ignore: ['__pycache__/'],
  };
}

export const FRAMEWORKS: readonly ScaffoldFramework[] = [
  nodeServer('express', 'Express', ['typescript', 'javascript']),
  nodeServer('fastify', 'Fastify', ['typescript', 'javascript']),
  {
    id: 'nextjs',
    label: 'Next.js (route handler)',
    requires: () => t('Node.js 20+ and npm'),
    languages: ['typescript'],
    files: {
      'app/webhooks/chat2desk/route.ts': 'nextjs/app/webhooks/chat2desk/route.ts',
      'app/stats/route.ts': 'nextjs/app/stats/route.ts',
      'lib/chat2desk-webhook.ts': NODE.verify,
      'package.json': 'nextjs/package.json',
      'tsconfig.json': 'nextjs/tsconfig.json',
    },
    entry: 'app/webhooks/chat2desk/route.ts',
    check: { verify: NODE.verify, guard: 'nextjs/app/webhooks/chat2desk/route.ts' },
    install: 'npm install',
    start: 'npm run build && npm start',
    readySeconds: 300,
    ignore: [...NODE_IGNORE, '.next/', 'next-env.d.ts'],
  },
  {
    id: 'nestjs',
    label: 'NestJS',
    requires: () => t('Node.js 20+ and npm'),
    languages: ['typescript'],
    files: {
      'src/main.ts': 'nestjs/src/main.ts',
      'src/chat2desk-webhook.ts': NODE.verify,
      'package.json': 'nestjs/package.json',
      'tsconfig.json': 'nestjs/tsconfig.json',
    },
    entry: 'src/main.ts',
    check: { verify: NODE.verify, guard: 'nestjs/src/main.ts' },
    install: 'npm install',
    start: 'npm start',
    readySeconds: 120,
    ignore: NODE_IGNORE,
  },
  nodeServer('node-http', 'Node.js (node:http)', ['typescript', 'javascript']),
  pythonApp('flask', 'Flask', 'python3-flask'),
  pythonApp('fastapi', 'FastAPI', 'python3-fastapi uvicorn'),
  {
    id: 'php',
    label: 'PHP',
    requires: () => t('PHP 8.1+ (Debian/Ubuntu: apt install {0})', 'php-cli'),
    languages: ['php'],
    files: { 'index.php': 'php/index.php' },
    entry: 'index.php',
    check: { verify: 'php/index.php', guard: 'php/index.php' },
    start: 'php -S 127.0.0.1:${PORT:-3000} index.php',
    readySeconds: 30,
    ignore: ['var/'],
  },
  {
    id: 'go',
    label: 'Go (net/http)',
    requires: () => t('Go 1.19+ (Debian/Ubuntu: apt install {0})', 'golang-go'),
    languages: ['go'],
    files: { 'main.go': 'go/main.go', 'go.mod': 'go/go.mod' },
    entry: 'main.go',
    check: { verify: 'go/main.go', guard: 'go/main.go' },
    start: 'go run .',
    readySeconds: 120,
    ignore: [],
  },
];

export function findFramework(id: string): ScaffoldFramework | undefined {
  return FRAMEWORKS.find((framework) => framework.id === id);
}
