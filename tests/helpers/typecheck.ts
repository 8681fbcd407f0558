// Type-checks a set of files with the project's tsconfig (strictest), returning the diagnostics
// that fall inside `within` — used to check lesson code blocks and exercise sources in place.
import { join } from 'node:path';
import ts from 'typescript';
import { ROOT } from './server.ts';

export function typeCheckFiles(files: readonly string[], within: string, overrides: ts.CompilerOptions = {}): ts.Diagnostic[] {
  const configFile = ts.readConfigFile(join(ROOT, 'tsconfig.json'), (p) => ts.sys.readFile(p));
  const parsed = ts.parseJsonConfigFileContent(configFile.config, ts.sys, ROOT);
  const program = ts.createProgram({ rootNames: [...files], options: { ...parsed.options, noEmit: true, ...overrides } });
  return ts.getPreEmitDiagnostics(program).filter((d) => !d.file || d.file.fileName.startsWith(within));
}
