/** The pure vocabulary of spreadsheet imports (see server/src/modules/imports/import-target.ts). */

export type ImportFieldType =
  'string' | 'number' | 'integer' | 'date' | 'datetime' | 'boolean' | 'longitude' | 'latitude';

export interface ImportField {
  key: string;
  type: ImportFieldType;
  required: boolean;
  label: { zh: string; en: string };
  /** Header texts that map to this field without asking (compared case- and width-insensitively). */
  aliases: string[];
  /** Allowed values, when the field is an enumeration (the pipeline also accepts their Chinese labels). */
  values?: { value: string; zh: string; en: string; aliases?: string[] }[];
}

export interface RowProblem {
  /** 1-based row number as the user sees it in the spreadsheet (the header row is row 1). */
  row: number;
  /** The spreadsheet column header, or null for a problem of the whole row. */
  column: string | null;
  code: string;
  message: { zh: string; en: string };
}

export type RawRow = Record<string, string | number | boolean | null>;
