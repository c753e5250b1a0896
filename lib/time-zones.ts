/** IANA time zones as this runtime knows them. */

/**
 * The zone's name as given when this runtime knows it, else null. Only the letter case is set
 * right (europe/berlin → Europe/Berlin): ICU would also turn IANA names into its older aliases
 * (Asia/Kolkata into Asia/Calcutta), and a user's zone must read back as it was chosen.
 */
export function timeZoneName(zone: string): string | null {
  if (!zone || zone.length > 64 || /\s/.test(zone)) return null;
  try {
    const resolved = new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone;
    return resolved.toLowerCase() === zone.toLowerCase() ? resolved : zone;
  } catch {
    return null;
  }
}

export function isValidTimeZone(zone: string): boolean {
  return timeZoneName(zone) !== null;
}

export function listTimeZones(): string[] {
  const zones = Intl.supportedValuesOf("timeZone");
  return zones.includes("UTC") ? zones : ["UTC", ...zones];
}
