/**
 * The public information board as an HTML page: readable on a phone (the QR code on the printed board opens it) and
 * printable on one A4 sheet. Every value from the database is escaped; the page loads nothing from elsewhere.
 */
import type { Lang } from '../../../contracts/errors';
import { CREDIT_CLASS_LABELS, SUBJECT_TYPE_LABELS } from '../../../contracts/labels';
import type { PublicBoard } from '../../../contracts/registry';
import type { ListedSubstance } from './boards.repository';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);

const t = (lang: Lang, zh: string, en: string) => escapeHtml(lang === 'en' ? en : zh);

const PROMISE = {
  zh: '本单位郑重承诺：严格遵守《中华人民共和国农产品质量安全法》等法律法规，建立并如实填写生产记录；不使用国家禁用农药兽药和非法添加物，严格按标签规定的范围和剂量使用农业投入品，严格执行安全间隔期、休药期；按规定开具承诺达标合格证，上市农产品符合食品安全国家标准；对所生产销售农产品的质量安全负责，自觉接受政府监管和社会监督。',
  en: 'We solemnly promise to obey the Agricultural Product Quality Safety Law and related regulations; to keep true production records; never to use banned pesticides, veterinary drugs or illegal additives; to use agricultural inputs only as their labels permit and to respect pre-harvest intervals and withdrawal periods; to issue compliance certificates as required, so that what we sell meets the national food-safety standards; and to take responsibility for the safety of our products under the supervision of the government and the public.',
};

function person(lang: Lang, role: string, p: { name: string; phone: string | null } | null): string {
  const phone = p?.phone ? `<a href="tel:${escapeHtml(p.phone)}">${escapeHtml(p.phone)}</a>` : '—';
  return `<div class="person"><div class="role">${role}</div><div class="name">${p ? escapeHtml(p.name) : '—'}</div><div class="phone">${t(lang, '电话', 'Phone')}：${phone}</div></div>`;
}

function check(on: boolean, label: string): string {
  return `<li class="${on ? 'on' : 'off'}"><span class="box" aria-hidden="true">${on ? '☑' : '☐'}</span>${label}</li>`;
}

function typeChoices(board: PublicBoard, lang: Lang): string {
  const shown = ['enterprise', 'cooperative', 'family_farm'] as const;
  const other = !shown.includes(board.type as (typeof shown)[number]);
  const items = shown.map((type) =>
    check(board.type === type, t(lang, SUBJECT_TYPE_LABELS[type].zh, SUBJECT_TYPE_LABELS[type].en)),
  );
  const otherLabel = other ? SUBJECT_TYPE_LABELS[board.type] : { zh: '其他', en: 'Other' };
  return `<ul class="choices">${items.join('')}${check(other, t(lang, otherLabel.zh, otherLabel.en))}</ul>`;
}

function credit(board: PublicBoard, lang: Lang): string {
  const classes = (['A', 'B', 'C'] as const).map((c) => {
    const label = CREDIT_CLASS_LABELS[c];
    return `<li class="${board.creditClass === c ? 'current' : ''}">${t(lang, label.zh, label.en)}</li>`;
  });
  const grade = board.creditClass ?? (lang === 'en' ? 'not rated' : '未评级');
  return `<div class="credit"><div class="grade grade-${escapeHtml(board.creditClass ?? 'none')}">${escapeHtml(grade)}</div><ul>${classes.join('')}</ul></div>`;
}

function substances(list: ListedSubstance[], lang: Lang): string {
  if (list.length === 0)
    return `<p class="muted">${t(lang, '（名录数据未载入）', '(the list has not been loaded)')}</p>`;
  const group = (status: ListedSubstance['status']) =>
    list
      .filter((s) => s.status === status)
      .map((s) => escapeHtml(lang === 'en' ? s.nameEn : s.nameZh))
      .join(lang === 'en' ? ', ' : '、');
  return `<p><strong>${t(lang, '禁用', 'Banned')}：</strong>${group('banned')}</p><p><strong>${t(lang, '限用', 'Restricted')}：</strong>${group('restricted')}</p>`;
}

export interface BoardPageInput {
  board: PublicBoard;
  substances: ListedSubstance[];
  qrSvg: string;
  url: string;
  lang: Lang;
}

export function boardPage({ board, substances: list, qrSvg, url, lang }: BoardPageInput): string {
  const title = t(
    lang,
    '农产品质量安全监管信息公示',
    'Agricultural product quality-safety supervision notice',
  );
  const place = [board.county, board.township, board.village]
    .filter(Boolean)
    .map((v) => escapeHtml(v as string))
    .join(' · ');
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(board.name)} · ${title}</title><link rel="stylesheet" href="/board-assets/board.css"></head>
<body><main class="board">
<header><h1>${title}</h1><p class="place">${place}</p></header>
<section class="unit"><h2>${escapeHtml(board.name)}</h2>
<div class="row"><div class="label">${t(lang, '单位类型', 'Unit type')}</div>${typeChoices(board, lang)}</div>
<div class="row"><div class="label">${t(lang, '信用情况', 'Credit')}</div>${credit(board, lang)}</div>
<div class="row"><div class="label">${t(lang, '追溯与合格证', 'Traceability')}</div><ul class="choices">${check(board.traceability, t(lang, '已在国家追溯平台开展追溯', 'Traced on the national traceability platform'))}${check(board.issuesCertificate, t(lang, '已开具食用农产品合格证', 'Issues compliance certificates'))}</ul></div>
</section>
<section class="grid"><h3>${t(lang, '网格化监管体系', 'Grid supervision')}</h3><div class="people">
${person(lang, t(lang, '村级协管员', 'Village coordinator'), board.villageCoordinator)}
${person(lang, t(lang, '乡镇监管员', 'Township supervisor'), board.townshipSupervisor)}
${person(lang, t(lang, '单位内检员', 'Internal controller'), board.internalController)}
</div></section>
<section class="promise"><h3>${t(lang, '农产品质量安全承诺书', 'Quality-safety promise')}</h3><p>${t(lang, PROMISE.zh, PROMISE.en)}</p></section>
<section class="banned"><h3>${t(lang, '国家禁用、限用农药（兽药）名录', 'Banned and restricted pesticides (veterinary drugs)')}</h3>${substances(list, lang)}</section>
<footer><div class="qr" role="img" aria-label="${t(lang, '本公示牌网址的二维码', 'QR code of this page')}">${qrSvg}</div>
<p>${t(lang, '扫码查看本公示信息', 'Scan to open this notice')}<br><span class="url">${escapeHtml(url)}</span></p>
<p class="actions"><a class="print" href="?print=1${lang === 'en' ? '&amp;lang=en' : ''}">${t(lang, '打印 A4 公示牌', 'Print the A4 board')}</a> · <a href="?lang=${lang === 'en' ? 'zh-CN' : 'en'}">${lang === 'en' ? '中文' : 'English'}</a></p></footer>
</main><script src="/board-assets/print.js" defer></script></body></html>`;
}

export function messagePage(lang: Lang, zh: string, en: string): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${t(lang, '公示牌', 'Notice')}</title><link rel="stylesheet" href="/board-assets/board.css"></head><body><main class="board message"><p>${t(lang, zh, en)}</p></main></body></html>`;
}
