// JUnit XML of suite results: one <testsuite> per suite file, one <testcase> per step and per check,
// file and line as attributes and properties (CI annotations read either). Text is escaped for XML 1.0.
import type { SuiteResult } from './results';

/** Escapes markup and drops characters XML 1.0 cannot carry (control characters, lone surrogates). */
export function xmlText(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

export function junitXml(results: readonly SuiteResult[]): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const total = (key: 'passed' | 'failed' | 'errored' | 'skipped') => results.reduce((n, r) => n + r.summary[key], 0);
  const tests = results.reduce((n, r) => n + r.tests.length, 0);
  const time = results.reduce((n, r) => n + r.summary.durationMs, 0);
  lines.push(
    `<testsuites name="webhook-studio" tests="${tests}" failures="${total('failed')}" errors="${total('errored')}" skipped="${total('skipped')}" time="${seconds(time)}">`,
  );
  for (const r of results) {
    const count = (status: string) => r.tests.filter((x) => x.status === status).length;
    lines.push(
      `  <testsuite name="${xmlText(r.name)}" file="${xmlText(r.path)}" tests="${r.tests.length}" failures="${count('failed')}" errors="${count('errored')}" skipped="${count('skipped')}" time="${seconds(r.summary.durationMs)}">`,
    );
    for (const test of r.tests) {
      const where = test.line !== undefined ? ` line="${test.line}"` : '';
      lines.push(
        `    <testcase name="${xmlText(test.name)}" classname="${xmlText(r.name)}" file="${xmlText(r.path)}"${where} time="${seconds(test.durationMs)}">`,
      );
      lines.push(
        `      <properties><property name="id" value="${xmlText(test.id)}"/><property name="file" value="${xmlText(r.path)}"/>${test.line !== undefined ? `<property name="line" value="${test.line}"/>` : ''}</properties>`,
      );
      if (test.status === 'failed') {
        const message = test.failures.map((f) => f.message).join('\n');
        lines.push(`      <failure message="${xmlText(test.failures[0]?.message ?? '')}" type="assertion">${xmlText(message)}</failure>`);
      } else if (test.status === 'errored') {
        const text = [test.error?.message, test.error?.hint].filter(Boolean).join(' ');
        lines.push(`      <error message="${xmlText(test.error?.message ?? '')}" type="${xmlText(test.error?.code ?? 'error')}">${xmlText(text)}</error>`);
      } else if (test.status === 'skipped') lines.push(`      <skipped${test.reason ? ` message="${xmlText(test.reason)}"` : ''}/>`);
      lines.push('    </testcase>');
    }
    if (r.output) lines.push(`    <system-out>${xmlText(r.output)}</system-out>`);
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}
