/** shpjs ships no types; the grid import uses only its two parsers (shapes without reprojection, and the .dbf). */
declare module 'shpjs' {
  export function parseShp(shp: Uint8Array | ArrayBuffer, prj?: string): unknown[];
  export function parseDbf(dbf: Uint8Array | ArrayBuffer, cpg?: string): unknown[];
}
