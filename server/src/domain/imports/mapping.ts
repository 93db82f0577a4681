/**
 * Which spreadsheet column feeds which field. A mapping the user confirmed is remembered per target and per set of
 * headers (the header signature), so the next file laid out the same way maps itself; otherwise columns are
 * matched by the fields' aliases and labels, compared loosely (headerKey).
 */
import { createHash } from 'node:crypto';
import { headerKey } from './cells';
import type { ImportField } from './types';

export type Mapping = Record<string, string | null>;

/** Same headers in any order, any width or case → same signature. */
export function headerSignature(headers: readonly string[]): string {
  const keys = [...new Set(headers.map(headerKey).filter((k) => k !== ''))].sort();
  return createHash('sha256').update(keys.join('\n')).digest('hex').slice(0, 32);
}

function byAlias(field: ImportField, headers: readonly string[], taken: Set<string>): string | null {
  const wanted = new Set([field.key, field.label.zh, field.label.en, ...field.aliases].map(headerKey));
  return headers.find((header) => !taken.has(header) && wanted.has(headerKey(header))) ?? null;
}

/**
 * The mapping to propose: a remembered one (kept only where its columns still exist), else by alias and label.
 * A column feeds at most one field.
 */
export function proposeMapping(
  fields: readonly ImportField[],
  headers: readonly string[],
  remembered?: Mapping | null,
): Mapping {
  const mapping: Mapping = {};
  const taken = new Set<string>();
  for (const field of fields) {
    const fromMemory = remembered?.[field.key];
    const column =
      fromMemory && headers.includes(fromMemory) && !taken.has(fromMemory)
        ? fromMemory
        : byAlias(field, headers, taken);
    mapping[field.key] = column;
    if (column) taken.add(column);
  }
  return mapping;
}

export interface MappingProblem {
  field: string | null;
  column: string | null;
  message: { zh: string; en: string };
}

/** A user's mapping must name existing columns, fields of the target, each column once, every required field. */
export function checkMapping(
  fields: readonly ImportField[],
  headers: readonly string[],
  mapping: Mapping,
): MappingProblem[] {
  const problems: MappingProblem[] = [];
  const known = new Set(fields.map((f) => f.key));
  const used = new Map<string, string>();
  for (const [key, column] of Object.entries(mapping)) {
    if (!known.has(key)) {
      problems.push({
        field: key,
        column,
        message: { zh: `没有字段「${key}」`, en: `there is no field "${key}"` },
      });
      continue;
    }
    if (column === null) continue;
    if (!headers.includes(column)) {
      problems.push({
        field: key,
        column,
        message: { zh: `表中没有列「${column}」`, en: `the sheet has no column "${column}"` },
      });
    } else if (used.has(column)) {
      problems.push({
        field: key,
        column,
        message: {
          zh: `列「${column}」已对应到「${used.get(column)}」`,
          en: `column "${column}" is already mapped to "${used.get(column)}"`,
        },
      });
    } else used.set(column, key);
  }
  for (const field of fields) {
    if (field.required && !mapping[field.key]) {
      problems.push({
        field: field.key,
        column: null,
        message: {
          zh: `必填字段「${field.label.zh}」没有对应的列`,
          en: `the required field ${field.label.en} is not mapped to a column`,
        },
      });
    }
  }
  return problems;
}
