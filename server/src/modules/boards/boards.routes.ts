/**
 * Public information boards (公示牌): GET /board/:token is a public page (no login) that the QR code on the printed
 * board opens. A retired subject's board says so; an unknown token is 404. Assets are served by the app itself.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { Router } from 'express';
import QRCode from 'qrcode';
import { z } from 'zod';
import type { Db } from '../../db/engine';
import { requestLang } from '../../http/lang';
import { boardPage, messagePage } from './board-page';
import { bannedAndRestricted, boardByToken } from './boards.repository';

const ASSETS = fileURLToPath(new URL('./assets/', import.meta.url));
const Token = z.uuid();

export function boardRoutes(db: Db, publicUrl: string | undefined): Router {
  const router = Router();
  router.use('/board-assets', express.static(path.resolve(ASSETS), { maxAge: '1d' }));

  router.get('/board/:token', async (req, res) => {
    const lang = requestLang(req);
    res.type('html').setHeader('Cache-Control', 'no-cache');
    const token = Token.safeParse(req.params.token);
    const board = token.success ? await boardByToken(db, token.data) : null;
    if (!board) {
      res
        .status(404)
        .send(
          messagePage(
            lang,
            '没有这块公示牌，请核对二维码或网址。',
            'There is no such notice board; check the QR code or the address.',
          ),
        );
      return;
    }
    if (board.status === 'retired') {
      res
        .status(410)
        .send(
          messagePage(
            lang,
            `「${board.name}」已从生产主体名录中注销。`,
            `"${board.name}" has been retired from the registry.`,
          ),
        );
      return;
    }
    const base = publicUrl ?? `${req.protocol}://${req.get('host')}`;
    const url = `${base.replace(/\/$/, '')}/board/${token.data}`;
    const qrSvg = await QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
    const { status: _status, ...shown } = board;
    res.send(boardPage({ board: shown, substances: await bannedAndRestricted(db), qrSvg, url, lang }));
  });
  return router;
}
