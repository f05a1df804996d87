/**
 * One behaviour of AWS that the library relies on, cited from AWS's own documentation. The catalogue of these
 * (test/aws-facts/catalogue.ts) drives tests that enforce each fact on the synthesized templates: a fact about
 * AWS is cited, not believed.
 */
export interface AwsFact {
  /** Stable ID, kebab-case, e.g. `valkey-user-group-authenticated-users-only`. */
  readonly id: string;
  /** The AWS documentation page (https://docs.aws.amazon.com/...). */
  readonly url: string;
  /** The page's title or section heading where the sentence is. */
  readonly section: string;
  /** The exact sentence(s), copied from the page, unchanged. */
  readonly quote: string;
  /** What the fact constrains: resource types and properties (or `Events` / `Policy` for non-property facts). */
  readonly constrains: readonly { readonly resourceType: string; readonly property: string }[];
  /** What the library does about it, in one sentence (the test that enforces it is named after `id`). */
  readonly consequence: string;
}
