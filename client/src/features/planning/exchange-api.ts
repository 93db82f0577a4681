/**
 * The roster workbook, grid export and grid import endpoints (server/contracts/grid-exchange.ts). The roster goes
 * as JSON (base64, through sendJson); the grid file as multipart/form-data with the session's CSRF header.
 */
import type { GridImportReport, RosterImportResult } from '../../../../server/contracts/grid-exchange';
import type { ErrorBody } from '../../../../server/contracts/errors';
import { ApiError, csrfHeaders, type RequestOptions, sendJson, withQuery } from '../../api/http';

function base64(bytes: ArrayBuffer): string {
  const view = new Uint8Array(bytes);
  let text = '';
  for (let i = 0; i < view.length; i += 0x8000)
    text += String.fromCharCode(...view.subarray(i, Math.min(i + 0x8000, view.length)));
  return btoa(text);
}

export interface ImportChoices {
  parentId: number;
  datum: 'wgs84' | 'gcj02' | 'bd09';
  mode: 'replace' | 'add';
  nameField?: string;
  codeField?: string;
  dryRun: boolean;
}

async function importGrids(
  file: File,
  choices: ImportChoices,
  options: RequestOptions,
): Promise<GridImportReport> {
  const form = new FormData();
  form.append('file', file, file.name);
  const url = withQuery('/api/grids/import', {
    parentId: choices.parentId,
    datum: choices.datum,
    mode: choices.mode,
    nameField: choices.nameField || undefined,
    codeField: choices.codeField || undefined,
    dryRun: String(choices.dryRun),
  });
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        Accept: 'application/json',
        'Accept-Language': options.lang,
        ...csrfHeaders(),
      },
      body: form,
      signal: options.signal,
    });
  } catch (error) {
    throw new ApiError({ code: 'NETWORK_ERROR', status: 0, message: String(error), fromServer: false });
  }
  const body = (await response.json().catch(() => null)) as (GridImportReport & Partial<ErrorBody>) | null;
  if (!response.ok || !body) {
    if (body?.error) throw new ApiError({ ...body.error, status: response.status, fromServer: true });
    throw new ApiError({
      code: 'HTTP_ERROR',
      status: response.status,
      message: `HTTP ${response.status}`,
      fromServer: false,
    });
  }
  return body;
}

export const exchangeApi = {
  rosterUrl: (id: number) => `/api/grids/${id}/roster.xlsx`,
  exportUrl: (parentId: number, format: 'geojson' | 'zip') =>
    `/api/grids/export.${format}?parentId=${parentId}`,
  async uploadRoster(id: number, file: File, options: RequestOptions): Promise<RosterImportResult> {
    return sendJson<RosterImportResult>(
      'PUT',
      `/api/grids/${id}/roster.xlsx`,
      { filename: file.name, file: base64(await file.arrayBuffer()) },
      options,
    );
  },
  importGrids,
};
