/**
 * The shared spreadsheet-import endpoints (server/contracts/imports.ts): the targets, the upload (multipart), the
 * preview with its row report and the all-or-nothing commit. Any workspace imports through these by target name.
 */
import type {
  ImportCommitResult,
  ImportFileSummary,
  ImportPreview,
  ImportRequest,
  ImportTargetInfo,
} from '../../../../server/contracts/imports';
import type { ErrorBody } from '../../../../server/contracts/errors';
import { ApiError, csrfHeaders, getJson, type RequestOptions, sendJson } from '../../api/http';

/** What the wizard sends with preview and commit (the server fills in the defaults). */
export type ImportBody = Partial<Omit<ImportRequest, 'target'>> & { target: string };

/** POST /api/imports with the file as multipart/form-data (sendJson only sends JSON). */
async function upload(file: File, options: RequestOptions): Promise<ImportFileSummary> {
  const form = new FormData();
  form.append('file', file, file.name);
  let response: Response;
  try {
    response = await fetch('/api/imports', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'Accept-Language': options.lang, ...csrfHeaders() },
      body: form,
      signal: options.signal,
    });
  } catch (error) {
    throw new ApiError({ code: 'NETWORK_ERROR', status: 0, message: String(error), fromServer: false });
  }
  const body = (await response.json().catch(() => null)) as (ImportFileSummary & Partial<ErrorBody>) | null;
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

export const importsApi = {
  targets: (o: RequestOptions) => getJson<ImportTargetInfo[]>('/api/imports/targets', o),
  upload,
  preview: (id: string, body: ImportBody, o: RequestOptions) =>
    sendJson<ImportPreview>('POST', `/api/imports/${id}/preview`, body, o),
  commit: (id: string, body: ImportBody, o: RequestOptions) =>
    sendJson<ImportCommitResult>('POST', `/api/imports/${id}/commit`, body, o),
};

/** The report a refused commit carries (422 IMPORT_REJECTED / MAPPING_INVALID). */
export interface RejectedDetails {
  problemCount: number;
  problems: ImportPreview['problems'];
  mappingProblems: ImportPreview['mappingProblems'];
}
