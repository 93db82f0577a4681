/**
 * Downloads of a zoning run: zones as a zipped Shapefile, and the list of production subjects in risky zones per
 * grid as an Excel workbook. Text cells that a spreadsheet could take for a formula (starting with = + - @, a tab
 * or a carriage return) are prefixed with an apostrophe, so an exported name can never run as a formula.
 */
import ExcelJS from 'exceljs';
import type { OverlayGroup, ZoneCollection } from '../../../contracts/soil';
import { type DbfField, polygonShapefile, zip } from '../exports/shapefile';

export const CLASS_ZH = {
  priority_protection: '优先保护类',
  safe_utilisation: '安全利用类',
  strict_control: '严格管控类',
  no_data: '无数据',
} as const;

const SUBJECT_TYPE_ZH: Record<string, string> = {
  enterprise: '生产企业',
  cooperative: '农民专业合作社',
  family_farm: '家庭农场',
  large_grower: '种养大户',
  small_household: '散户',
  input_shop: '农资经营店',
  storage_transport: '收贮运主体',
};

/** Neutralises spreadsheet formula injection in a text cell. */
export function safeText(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function zonesShapefile(runId: number, zones: ZoneCollection): Buffer {
  const fields: DbfField[] = [
    { name: 'zone_id', type: 'N', length: 12 },
    { name: 'run_id', type: 'N', length: 12 },
    { name: 'class', type: 'C', length: 20 },
    { name: 'class_zh', type: 'C', length: 30 },
    { name: 'metal', type: 'C', length: 4 },
    { name: 'area_mu', type: 'N', length: 16, decimals: 2 },
  ];
  const records = zones.features.map((f) => {
    const g = f.geometry as { type: string; coordinates: number[][][] | number[][][][] };
    return {
      polygons: (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as number[][][][],
      attributes: {
        zone_id: Number(f.id),
        run_id: f.properties.runId,
        class: f.properties.class,
        class_zh: CLASS_ZH[f.properties.class],
        metal: f.properties.metal,
        area_mu: f.properties.areaMu,
      },
    };
  });
  return zip(polygonShapefile(`soil-zones-${runId}`, fields, records));
}

const COLUMNS: { header: string; width: number }[] = [
  { header: '乡镇', width: 14 },
  { header: '村级网格', width: 14 },
  { header: '网格编码', width: 15 },
  { header: '主体编码', width: 18 },
  { header: '主体名称', width: 28 },
  { header: '主体类型', width: 14 },
  { header: '信用等级', width: 9 },
  { header: '重点监管', width: 9 },
  { header: '所在分区', width: 12 },
  { header: '主体点位在区内', width: 14 },
  { header: '基地面积（亩）', width: 14 },
  { header: '安全利用类面积（亩）', width: 19 },
  { header: '严格管控类面积（亩）', width: 19 },
];

/** The per-grid list as a workbook: a title, one header row, the subjects of each grid followed by its subtotal. */
export async function overlayWorkbook(
  title: string,
  subtitle: string,
  groups: OverlayGroup[],
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '农安一张图';
  const sheet = workbook.addWorksheet('风险分区内的生产主体');
  sheet.columns = COLUMNS.map((c) => ({ width: c.width }));
  sheet.mergeCells(1, 1, 1, COLUMNS.length);
  sheet.getCell(1, 1).value = safeText(title);
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
  sheet.mergeCells(2, 1, 2, COLUMNS.length);
  sheet.getCell(2, 1).value = safeText(subtitle);
  const head = sheet.getRow(3);
  COLUMNS.forEach((c, i) => (head.getCell(i + 1).value = c.header));
  head.font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 3 }];
  for (const g of groups) {
    for (const r of g.rows) {
      sheet.addRow([
        safeText(r.township?.name),
        safeText(r.village?.name),
        safeText(r.village?.code),
        safeText(r.subject.code),
        safeText(r.subject.name),
        SUBJECT_TYPE_ZH[r.subject.type] ?? safeText(r.subject.type),
        safeText(r.subject.creditClass),
        r.subject.keyList ? '是' : '否',
        CLASS_ZH[r.class],
        r.pointInZone ? '是' : '否',
        r.baseAreaMu,
        r.safeUtilisationMu,
        r.strictControlMu,
      ]);
    }
    const total = sheet.addRow([
      safeText(g.township?.name),
      `${safeText(g.grid.name)} 小计`,
      safeText(g.grid.code),
      `${g.subjects} 个主体`,
      '',
      '',
      '',
      '',
      '',
      '',
      null,
      g.safeUtilisationMu,
      g.strictControlMu,
    ]);
    total.font = { bold: true };
  }
  for (const col of [11, 12, 13]) sheet.getColumn(col).numFmt = '0.00';
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
