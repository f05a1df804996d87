/**
 * Thresholds that both the constructs (which enforce them on their props) and the HITRUST pack (which checks them in
 * any template) use, kept in one place so the two sides cannot drift apart.
 */

/** The guide's long-term archive (Step 5: "compliant archiving and storage for at least 6 years"), in days. */
export const MIN_ARCHIVE_RETENTION_DAYS = 6 * 365;
