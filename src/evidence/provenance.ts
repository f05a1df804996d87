import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { Stack, Stage, Token } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { ENVIRONMENT_AGNOSTIC, UNKNOWN, type EvidencePackage, type EvidenceProvenance, type EvidenceTemplate } from './model';

/** The npm name of this library. */
export const LIBRARY_NAME = 'cdk-hitrust-redis';

function readPackage(file: string): { name?: unknown; version?: unknown } | undefined {
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf-8'));
    return typeof parsed === 'object' && parsed !== null ? parsed as { name?: unknown; version?: unknown } : undefined;
  } catch {
    return undefined;
  }
}

function asPackage(json: { name?: unknown; version?: unknown } | undefined, name?: string): EvidencePackage | undefined {
  if (json === undefined || typeof json.name !== 'string' || typeof json.version !== 'string') {
    return undefined;
  }
  return name === undefined || json.name === name ? { name: json.name, version: json.version } : undefined;
}

/** The directories from `dir` up to the file-system root. */
function ancestors(dir: string): string[] {
  const dirs = [path.resolve(dir)];
  for (let parent = path.dirname(dirs[0]); parent !== dirs[dirs.length - 1]; parent = path.dirname(parent)) {
    dirs.push(parent);
  }
  return dirs;
}

/**
 * This library's name and version, from its package.json: two levels above this file (compiled, `lib/evidence/*.js`;
 * under ts-jest, `src/evidence/*.ts`; jsii packages ship package.json at the root), else the closest package.json above
 * it that names this library; the version is `unknown` when neither can be read.
 *
 * @param dir where to start (this file's directory)
 */
export function libraryPackage(dir: string = __dirname): EvidencePackage {
  return asPackage(readPackage(path.join(dir, '..', '..', 'package.json')), LIBRARY_NAME)
    ?? ancestors(dir).map((d) => asPackage(readPackage(path.join(d, 'package.json')), LIBRARY_NAME)).find((p) => p !== undefined)
    ?? { name: LIBRARY_NAME, version: UNKNOWN };
}

/**
 * The name and version of an installed package as Node resolves it from this library: its `package.json` export, else
 * the package.json above its entry point; `unknown` when neither can be read.
 */
export function installedPackage(name: string): EvidencePackage {
  try {
    const found = asPackage(readPackage(require.resolve(`${name}/package.json`)), name);
    if (found) return found;
  } catch {
    // not exported (package.json outside `exports`): look above the entry point
  }
  try {
    const found = ancestors(path.dirname(require.resolve(name)))
      .map((d) => asPackage(readPackage(path.join(d, 'package.json')), name))
      .find((p) => p !== undefined);
    if (found) return found;
  } catch {
    // not installed where this library can resolve it
  }
  return { name, version: UNKNOWN };
}

/** SHA-256 of a file's bytes (lower-case hex), or `unknown` when it cannot be read. */
export function sha256OfFile(file: string): string {
  try {
    return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  } catch {
    return UNKNOWN;
  }
}

/** A stack's account or region: the literal, or `environment-agnostic` when it is a token. */
function environmentValue(value: string): string {
  return Token.isUnresolved(value) ? ENVIRONMENT_AGNOSTIC : value;
}

/** One stack given to the pack, as `IPolicyValidationContext.stackTemplates` describes it. */
export interface ValidatedStackTemplate {
  /** The stack's construct path. */
  readonly stackConstructPath: string;
  /** Absolute path of its template. */
  readonly templatePath: string;
  /** Its account, when known. */
  readonly accountId?: string;
  /** Its region, when known. */
  readonly region?: string;
}

/** What the pack's `validate()` receives, as far as provenance goes (`IPolicyValidationContext`). */
export interface ValidationSource {
  /** Absolute paths of the templates checked. */
  readonly templatePaths: readonly string[];
  /** The same templates with their stacks (aws-cdk-lib >= 2.233). */
  readonly stackTemplates?: readonly ValidatedStackTemplate[];
  /** The app's root construct. */
  readonly appConstruct?: IConstruct;
}

function templateFullPath(stack: Stack, outdir: string): string {
  return path.resolve(Stage.of(stack)?.outdir ?? outdir, stack.templateFile);
}

function relativeFile(outdir: string, file: string): string {
  return path.relative(outdir, file).split(path.sep).join('/');
}

/**
 * Every template checked, hashed as written to the cloud assembly: each of `templatePaths` (sorted by stack), with its
 * stack, account and region (from the stack construct: a token is `environment-agnostic`), then the templates of the
 * nested stacks inside them, in tree order (their resources are checked too).
 *
 * @param outdir the cloud assembly directory the file names are relative to
 */
export function templateProvenance(source: ValidationSource, outdir: string): EvidenceTemplate[] {
  const stacks = source.appConstruct === undefined ? [] : source.appConstruct.node.findAll().filter((c): c is Stack => Stack.isStack(c));
  const byTemplate = new Map(stacks.filter((s) => !s.nested).map((s) => [templateFullPath(s, outdir), s]));
  const checked = new Set<Stack>();
  const templates: EvidenceTemplate[] = source.templatePaths.map((templatePath) => {
    const file = path.resolve(templatePath);
    const described = source.stackTemplates?.find((s) => path.resolve(s.templatePath) === file);
    const stack = byTemplate.get(file) ?? stacks.find((s) => s.node.path === described?.stackConstructPath);
    if (stack) {
      checked.add(stack);
    }
    return {
      stack: stack?.node.path ?? described?.stackConstructPath ?? UNKNOWN,
      templateFile: relativeFile(outdir, file),
      account: stack ? environmentValue(stack.account) : described ? described.accountId ?? ENVIRONMENT_AGNOSTIC : UNKNOWN,
      region: stack ? environmentValue(stack.region) : described ? described.region ?? ENVIRONMENT_AGNOSTIC : UNKNOWN,
      sha256: sha256OfFile(file),
    };
  });
  templates.sort((a, b) => a.stack.localeCompare(b.stack) || a.templateFile.localeCompare(b.templateFile));
  const rootOf = (stack: Stack): Stack => (stack.nestedStackParent ? rootOf(stack.nestedStackParent) : stack);
  for (const nested of stacks.filter((s) => s.nested && checked.has(rootOf(s)))) {
    const file = templateFullPath(nested, outdir);
    if (fs.existsSync(file)) {
      templates.push({
        stack: nested.node.path,
        templateFile: relativeFile(outdir, file),
        account: environmentValue(nested.account),
        region: environmentValue(nested.region),
        sha256: sha256OfFile(file),
        parentStack: nested.nestedStackParent!.node.path,
      });
    }
  }
  return templates;
}

/**
 * The provenance block of the report: this library, cdk-nag and aws-cdk-lib with their versions, and every template
 * checked with its SHA-256.
 */
export function collectProvenance(source: ValidationSource, outdir: string): EvidenceProvenance {
  return {
    library: libraryPackage(),
    cdkNag: installedPackage('cdk-nag'),
    awsCdkLib: installedPackage('aws-cdk-lib'),
    templates: templateProvenance(source, outdir),
  };
}
