/**
 * The registry's part of the location hash: #/registry for the list, #/registry/subject/<id> for a subject's card
 * (the map inspector's "open in the registry" links it; a reload or a shared link opens the same card).
 */

/** The subject a location hash opens, or null. */
export function subjectFromHash(hash: string): number | null {
  const match = /^#\/registry\/subject\/([1-9]\d{0,14})$/.exec(hash);
  return match ? Number(match[1]) : null;
}

/** The hash of the registry with this subject's card open (null: the list). */
export function registryHash(subjectId: number | null): string {
  return subjectId === null ? '#/registry' : `#/registry/subject/${subjectId}`;
}
