// Secrets Manager rotation handler for ElastiCache credentials (being written).
export async function handler(): Promise<void> {
  throw new Error('not implemented');
}
