// Production bundles built in memory with esbuild's metafile, to say which inputs the bytes come
// from, plus the baselines built with the very same settings (esbuild.js's bundleOptions).
import * as esbuild from 'esbuild';
import * as path from 'node:path';
import { repoRoot } from '../../test/harness/repoRoot';

type Options = esbuild.BuildOptions;

interface EsbuildConfig {
  bundleOptions(options: { production: boolean }): Options[];
}

function productionOptions(): Options[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const config = require(path.join(repoRoot(), 'esbuild.js')) as EsbuildConfig;
  return config.bundleOptions({ production: true });
}

/** The production options of the bundle written to `outfile` (e.g. `dist/extension.js`). */
export function optionsFor(outfile: string): Options {
  const found = productionOptions().find(
    (o) => o.outfile === outfile || (o.outdir && outfile.startsWith(`${o.outdir}/`)),
  );
  if (!found) throw new Error(`esbuild.js builds no ${outfile}`);
  return found;
}

export interface BuiltBundle {
  bytes: number;
  text: string;
  /** Bytes in the output per input group: `undici`, `src/chat`, ... largest first. */
  groups: [string, number][];
}

function group(input: string): string {
  const parts = input.split('/');
  const modules = parts.lastIndexOf('node_modules');
  if (modules >= 0)
    return parts[modules + 1]?.startsWith('@')
      ? parts.slice(modules + 1, modules + 3).join('/')
      : (parts[modules + 1] ?? input);
  return parts.length > 2 ? parts.slice(0, 2).join('/') : input;
}

/** Builds in memory; `outputFile` picks one output when the options have several (the webview). */
export async function buildBundle(options: Options, outputFile?: string): Promise<BuiltBundle> {
  const result = await esbuild.build({
    ...options,
    absWorkingDir: repoRoot(),
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const outputs = Object.entries(result.metafile.outputs);
  const [name, output] =
    outputs.find(([file]) => (outputFile ? file.endsWith(outputFile) : file.endsWith('.js'))) ?? [];
  if (!name || !output) throw new Error(`no ${outputFile ?? '.js'} output`);
  const text = result.outputFiles.find((f) => f.path.endsWith(name))?.text ?? '';
  const groups = new Map<string, number>();
  for (const [input, info] of Object.entries(output.inputs)) {
    groups.set(group(input), (groups.get(group(input)) ?? 0) + info.bytesInOutput);
  }
  return {
    bytes: output.bytes,
    text,
    groups: [...groups].sort((a, b) => b[1] - a[1]),
  };
}

/** The extension as one bundle, network client inside: what dist/extension.js was before the split. */
export function unsplitExtension(): Promise<BuiltBundle> {
  const options = optionsFor('dist/extension.js');
  const clientEntry = path.join(repoRoot(), 'src', 'providers', 'clientEntry.ts');
  return buildBundle({
    ...options,
    external: ['vscode'],
    plugins: [
      {
        name: 'bundle-the-client',
        setup(build) {
          build.onResolve({ filter: /^\.\/client\.js$/ }, () => ({ path: clientEntry }));
        },
      },
    ],
  });
}

/** A library alone, bundled with the settings of `like` (e.g. undici with the client's settings). */
export function libraryAlone(library: string, like: string): Promise<BuiltBundle> {
  return buildBundle({
    ...optionsFor(like),
    entryPoints: undefined,
    stdin: {
      contents: `module.exports = require(${JSON.stringify(library)});`,
      resolveDir: repoRoot(),
      loader: 'js',
    },
    outfile: 'library.js',
  });
}

export function formatGroups(groups: readonly [string, number][], top = 4): string {
  return groups
    .slice(0, top)
    .map(([name, bytes]) => `${name} ${(bytes / 1024).toFixed(1)} KB`)
    .join(', ');
}
