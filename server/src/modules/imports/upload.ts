/**
 * Receives one uploaded file (multipart/form-data, field "file") into memory, refusing a body that announces more
 * than the limit before reading it, and cutting off one that grows past it while streaming.
 */
import busboy from 'busboy';
import type { Request } from 'express';
import { AppError } from '../../http/app-error';

export interface UploadedFile {
  filename: string;
  bytes: Buffer;
}

const tooLarge = (limit: number) =>
  new AppError(
    'PAYLOAD_TOO_LARGE',
    { limitBytes: limit },
    {
      zh: `文件超过 ${Math.round(limit / 1024 / 1024)} MB 上限`,
      en: `The file is larger than the ${Math.round(limit / 1024 / 1024)} MB limit`,
    },
  );

export function receiveFile(req: Request, limitBytes: number): Promise<UploadedFile> {
  if (!req.is('multipart/form-data')) {
    return Promise.reject(
      new AppError(
        'UNSUPPORTED_MEDIA_TYPE',
        { expected: 'multipart/form-data' },
        {
          zh: '请以 multipart/form-data 上传文件（字段名 file）',
          en: 'Upload the file as multipart/form-data (field "file")',
        },
      ),
    );
  }
  const announced = Number(req.headers['content-length'] ?? 0);
  if (announced > limitBytes + 64 * 1024) return Promise.reject(tooLarge(limitBytes));
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: { files: 1, fileSize: limitBytes, fields: 20, parts: 30 },
        defParamCharset: 'utf8',
      });
    } catch {
      reject(new AppError('VALIDATION_FAILED', [{ path: 'body', message: 'malformed multipart body' }]));
      return;
    }
    let file: UploadedFile | null = null;
    let failure: AppError | null = null;
    parser.on('file', (field, stream, info) => {
      if (field !== 'file') return void stream.resume();
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => (failure = tooLarge(limitBytes)));
      stream.on('end', () => (file = { filename: info.filename || 'upload', bytes: Buffer.concat(chunks) }));
    });
    parser.on('error', () =>
      reject(new AppError('VALIDATION_FAILED', [{ path: 'body', message: 'malformed multipart body' }])),
    );
    parser.on('close', () => {
      if (failure) return reject(failure);
      if (!file || file.bytes.length === 0) {
        return reject(
          new AppError('VALIDATION_FAILED', [{ path: 'body.file', message: 'no file' }], {
            zh: '没有收到文件（字段名 file）',
            en: 'No file was received (field "file")',
          }),
        );
      }
      resolve(file);
    });
    req.pipe(parser);
  });
}
