import type { AwsFact } from './fact';
import { CONTROL_TOWER_FACTS } from './sources/control-tower';
import { NOTIFICATION_AND_EVENT_FACTS } from './sources/notifications-and-events';
import { PLATFORM_FACTS } from './sources/platform';
import { SNAPSHOT_ARCHIVE_FACTS } from './sources/snapshot-archive';

/**
 * Every AWS behaviour the library relies on, each cited with its documentation URL and the exact sentence
 * (./sources/*). test/aws-facts/catalogue.test.ts checks the catalogue's hygiene and that every fact is enforced,
 * either on the synthesized templates of a variant matrix or by a named test file.
 */
export const AWS_FACTS: readonly AwsFact[] = [...NOTIFICATION_AND_EVENT_FACTS, ...PLATFORM_FACTS, ...SNAPSHOT_ARCHIVE_FACTS, ...CONTROL_TOWER_FACTS];
