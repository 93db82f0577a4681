/**
 * Reading grid boundaries from a file: GeoJSON, a zipped ESRI Shapefile or KML, into WGS 84 / CGCS2000 longitude and
 * latitude (equal at map scales).
 *
 * Shapefiles must carry a .prj; recognised are geographic CGCS2000 and WGS 84, and the CGCS2000 Gauss-Krüger
 * projections (3° and 6° zones, with or without the zone number in the false easting — EPSG 4491–4554), which are
 * unprojected with proj4. Anything else (Xian 1980, Beijing 1954, Web Mercator, UTM …) is refused with its name: the
 * datum shift to CGCS2000 needs parameters only the surveyor has. Coordinates the planner declares GCJ-02 (the
 * "Mars" coordinates of Gaode/Tencent maps) or BD-09 (Baidu) are converted with gcoord (carried on to 1e-9°: domain/imports/coordinates.ts).
 *
 * Parsing uses shpjs (shapes and dbf), @tmcw/togeojson with @xmldom/xmldom (KML); the zip is listed with yauzl after
 * the same zip-bomb check as spreadsheets.
 */
import { kml } from '@tmcw/togeojson';
import { DOMParser } from '@xmldom/xmldom';
import proj4 from 'proj4';
import { parseDbf, parseShp } from 'shpjs';
import yauzl from 'yauzl';
import { AppError } from '../../http/app-error';
import { checkZip } from '../imports/spreadsheet';
import { toWgs84 } from '../../domain/imports/coordinates';

export type GridFileFormat = 'geojson' | 'shapefile' | 'kml';
export type Datum = 'wgs84' | 'gcj02' | 'bd09';

export interface RawFeature {
  geometry: { type: string; coordinates: unknown } | null;
  properties: Record<string, unknown>;
}

export interface GridFile {
  format: GridFileFormat;
  sourceCrs: string;
  columns: string[];
  features: RawFeature[];
}

/** Largest file accepted (a township's villages at survey precision are well below). */
export const GRID_FILE_LIMIT = 20 * 1024 * 1024;
/** Most features in one import, and vertices in one feature. */
export const MAX_FEATURES = 2000;
export const MAX_VERTICES = 200_000;

const refuse = (zh: string, en: string, details?: unknown) =>
  new AppError('FILE_UNREADABLE', details, { zh, en });

// ------------------------------------------------------------------------------------------- projections

export interface Crs {
  label: string;
  /** proj4 definition, or null for geographic coordinates that need no unprojection. */
  proj: string | null;
}

const GEOGRAPHIC_DATUMS: [RegExp, string][] = [
  [/china_2000|cgcs_?2000|china geodetic coordinate system 2000/i, 'EPSG:4490 (CGCS2000)'],
  [/wgs_?1984|wgs_?84|world geodetic system 1984/i, 'EPSG:4326 (WGS 84)'],
];

function wktValue(wkt: string, keyword: string): string | null {
  return wkt.match(new RegExp(`${keyword}\\[\\s*"([^"]*)"`, 'i'))?.[1] ?? null;
}

function wktParameter(wkt: string, name: string): number | null {
  const m = wkt.match(new RegExp(`PARAMETER\\[\\s*"${name}"\\s*,\\s*([-+\\d.eE]+)`, 'i'));
  return m ? Number(m[1]) : null;
}

/** Recognises the coordinate system of a .prj (ESRI or OGC WKT 1). */
export function recogniseCrs(prj: string): Crs {
  const wkt = prj.trim();
  const datum = wktValue(wkt, 'DATUM') ?? '';
  const datumLabel = GEOGRAPHIC_DATUMS.find(([re]) => re.test(datum))?.[1] ?? null;
  const name = wktValue(wkt, 'PROJCS') ?? wktValue(wkt, 'GEOGCS') ?? (wkt.slice(0, 60) || '（空）');
  const unknown = () =>
    refuse(
      `无法识别 .prj 中的坐标系“${name}”：只支持 CGCS2000 / WGS84 经纬度和 CGCS2000 高斯-克吕格投影（3° 或 6° 分带）。西安 1980、北京 1954 等坐标请先由测绘人员转换为 CGCS2000`,
      `The coordinate system “${name}” in the .prj is not supported: only CGCS2000 / WGS 84 longitude-latitude and the CGCS2000 Gauss-Krüger projections (3° or 6° zones) are. Have Xian 1980 or Beijing 1954 data converted to CGCS2000 first`,
      { crs: name },
    );
  if (!/^(PROJCS|GEOGCS)\[/i.test(wkt)) throw unknown();
  if (/^GEOGCS\[/i.test(wkt)) {
    if (!datumLabel) throw unknown();
    return { label: datumLabel, proj: null };
  }
  const projection = wktValue(wkt, 'PROJECTION') ?? '';
  const cgcs = datumLabel?.includes('CGCS2000');
  if (!cgcs || !/gauss|transverse_mercator/i.test(projection)) throw unknown();
  const lon0 = wktParameter(wkt, 'Central_Meridian');
  const x0 = wktParameter(wkt, 'False_Easting');
  const k = wktParameter(wkt, 'Scale_Factor') ?? 1;
  const lat0 = wktParameter(wkt, 'Latitude_Of_Origin') ?? 0;
  const y0 = wktParameter(wkt, 'False_Northing') ?? 0;
  const metres = /UNIT\[\s*"(meter|metre)"\s*,\s*1(\.0*)?\s*\]\s*(,[^\]]*\])?\s*\]\s*$/i.test(wkt);
  if (lon0 === null || x0 === null || k !== 1 || lat0 !== 0 || y0 !== 0 || !metres) throw unknown();
  const zone = Math.round((x0 - 500_000) / 1_000_000);
  if (x0 - zone * 1_000_000 !== 500_000) throw unknown();
  let label: string;
  // A central meridian such as 87°E is both a 3° and a 6° one: the zone number, else the name, tells which.
  const named3 = /3_?deg|3-?degree|3度/i.test(name);
  const fits6 = (lon0 + 3) % 6 === 0 && (zone === 0 ? !named3 : zone === (lon0 + 3) / 6);
  if (
    !fits6 &&
    Number.isInteger(lon0 / 3) &&
    lon0 >= 75 &&
    lon0 <= 135 &&
    (zone === 0 || zone === lon0 / 3)
  ) {
    const z3 = lon0 / 3;
    label = zone
      ? `EPSG:${4513 + z3 - 25} (CGCS2000 / 3° Gauss-Krüger zone ${z3})`
      : `EPSG:${4534 + z3 - 25} (CGCS2000 / 3° Gauss-Krüger CM ${lon0}E)`;
  } else if (fits6 && lon0 >= 75 && lon0 <= 135) {
    const z6 = (lon0 + 3) / 6;
    label = zone
      ? `EPSG:${4491 + z6 - 13} (CGCS2000 / 6° Gauss-Krüger zone ${z6})`
      : `EPSG:${4502 + z6 - 13} (CGCS2000 / 6° Gauss-Krüger CM ${lon0}E)`;
  } else throw unknown();
  return {
    label,
    proj: `+proj=tmerc +lat_0=0 +lon_0=${lon0} +k=1 +x_0=${x0} +y_0=0 +ellps=GRS80 +units=m +no_defs`,
  };
}

// ------------------------------------------------------------------------------------------- coordinates

function mapPositions(coordinates: unknown, fn: (p: [number, number]) => [number, number]): unknown {
  if (!Array.isArray(coordinates)) return coordinates;
  if (typeof coordinates[0] === 'number') return fn([coordinates[0], coordinates[1] as number]);
  return coordinates.map((c) => mapPositions(c, fn));
}

function countPositions(coordinates: unknown): number {
  if (!Array.isArray(coordinates)) return 0;
  if (typeof coordinates[0] === 'number') return 1;
  return coordinates.reduce((n: number, c) => n + countPositions(c), 0);
}

export function vertexCount(geometry: RawFeature['geometry']): number {
  return geometry ? countPositions(geometry.coordinates) : 0;
}

/** GCJ-02 / BD-09 → WGS 84, position by position. */
export function convertDatum(features: RawFeature[], datum: Datum): RawFeature[] {
  if (datum === 'wgs84') return features;
  return features.map((f) => ({
    ...f,
    geometry: f.geometry && {
      ...f.geometry,
      coordinates: mapPositions(f.geometry.coordinates, (p) => toWgs84(p[0], p[1], datum)),
    },
  }));
}

// ------------------------------------------------------------------------------------------- formats

function columnsOf(features: RawFeature[]): string[] {
  const seen = new Set<string>();
  for (const f of features) for (const key of Object.keys(f.properties)) seen.add(key);
  return [...seen];
}

function fromCollection(value: unknown): RawFeature[] {
  const v = value as { type?: string; features?: unknown[]; geometry?: unknown; coordinates?: unknown };
  const list =
    v.type === 'FeatureCollection' && Array.isArray(v.features)
      ? v.features
      : v.type === 'Feature'
        ? [v]
        : v.type && 'coordinates' in v
          ? [{ type: 'Feature', geometry: v, properties: {} }]
          : null;
  if (!list) throw refuse('文件不是 GeoJSON 要素集合', 'The file is not a GeoJSON FeatureCollection');
  return list.map((f) => {
    const feature = f as { geometry?: RawFeature['geometry']; properties?: Record<string, unknown> | null };
    return { geometry: feature.geometry ?? null, properties: feature.properties ?? {} };
  });
}

function readGeoJson(text: string): GridFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw refuse('GeoJSON 文件不是合法的 JSON', 'The GeoJSON file is not valid JSON');
  }
  const crs = (value as { crs?: { properties?: { name?: string } } }).crs?.properties?.name ?? null;
  let sourceCrs = 'EPSG:4326 (WGS 84)';
  if (crs !== null) {
    if (/4490$/.test(crs)) sourceCrs = 'EPSG:4490 (CGCS2000)';
    else if (!/(4326|CRS84)$/.test(crs))
      throw refuse(
        `GeoJSON 声明的坐标系“${crs}”不受支持：请使用 WGS84 或 CGCS2000 经纬度`,
        `The GeoJSON declares the coordinate system “${crs}”, which is not supported: use WGS 84 or CGCS2000 longitude/latitude`,
        { crs },
      );
  }
  const features = fromCollection(value);
  return { format: 'geojson', sourceCrs, columns: columnsOf(features), features };
}

function readKml(text: string): GridFile {
  const doc = new DOMParser({ onError: () => undefined }).parseFromString(text, 'text/xml');
  const collection = kml(doc as unknown as Document);
  const features = collection.features.map((f) => ({
    geometry: (f.geometry as RawFeature['geometry']) ?? null,
    properties: Object.fromEntries(
      Object.entries(f.properties ?? {}).filter(
        ([key]) => !key.startsWith('style') && !key.startsWith('fill') && !key.startsWith('stroke'),
      ),
    ),
  }));
  return { format: 'kml', sourceCrs: 'EPSG:4326 (WGS 84, KML)', columns: columnsOf(features), features };
}

function unzipAll(bytes: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true, decodeStrings: true }, (error, zip) => {
      if (error || !zip) return reject(refuse('压缩文件已损坏，无法打开', 'The zip file is damaged'));
      const files = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        if (/\/$/.test(entry.fileName) || entry.fileName.includes('__MACOSX')) return zip.readEntry();
        zip.openReadStream(entry, (err, stream) => {
          if (err || !stream) return reject(refuse('压缩文件已损坏，无法打开', 'The zip file is damaged'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
          stream.on('error', () => reject(refuse('压缩文件已损坏，无法打开', 'The zip file is damaged')));
        });
      });
      zip.on('end', () => resolve(files));
      zip.on('error', () => reject(refuse('压缩文件已损坏，无法打开', 'The zip file is damaged')));
      zip.readEntry();
    });
  });
}

async function readShapefileZip(bytes: Buffer): Promise<GridFile> {
  try {
    await checkZip(bytes);
  } catch (error) {
    // The spreadsheet reader's zip check speaks of Excel files; a Shapefile archive is damaged, not a workbook.
    if (error instanceof AppError && error.code === 'FILE_UNREADABLE')
      throw refuse('压缩文件已损坏，无法打开', 'The zip file is damaged and cannot be opened');
    throw error;
  }
  const files = await unzipAll(bytes);
  const names = [...files.keys()];
  const shps = names.filter((n) => /\.shp$/i.test(n));
  if (!shps.length)
    throw refuse(
      `压缩包中没有 Shapefile（.shp）：只有 ${names.slice(0, 8).join('、') || '（空）'}`,
      `The zip holds no Shapefile (.shp): only ${names.slice(0, 8).join(', ') || '(nothing)'}`,
      { entries: names.slice(0, 50) },
    );
  if (shps.length > 1)
    throw refuse(
      `压缩包中有 ${shps.length} 个 Shapefile，请每次只导入一个图层`,
      `The zip holds ${shps.length} Shapefiles; import one layer at a time`,
      { shapefiles: shps },
    );
  const base = (shps[0] as string).replace(/\.shp$/i, '');
  const part = (ext: string) => {
    const key = names.find((n) => n.toLowerCase() === `${base}.${ext}`.toLowerCase());
    return key ? (files.get(key) as Buffer) : null;
  };
  const prj = part('prj');
  if (!prj)
    throw refuse(
      'Shapefile 缺少 .prj 文件，无法确定坐标系：请连同 .prj 一起压缩上传',
      'The Shapefile has no .prj, so its coordinate system is unknown: zip it together with its .prj',
    );
  const dbf = part('dbf');
  if (!dbf) throw refuse('Shapefile 缺少 .dbf 属性文件', 'The Shapefile has no .dbf attribute file');
  const crs = recogniseCrs(prj.toString('utf8'));
  let shapes: ({ type: string; coordinates: unknown } | null)[];
  let rows: Record<string, unknown>[];
  try {
    shapes = parseShp(part('shp') as Buffer) as typeof shapes;
    const cpg = part('cpg')?.toString('latin1').trim();
    rows = parseDbf(dbf, cpg || 'UTF-8') as typeof rows;
  } catch (error) {
    throw refuse('Shapefile 已损坏，无法读取', 'The Shapefile is damaged and cannot be read', {
      reason: (error as Error).message,
    });
  }
  const project = crs.proj ? proj4(crs.proj, 'WGS84') : null;
  const features: RawFeature[] = shapes.map((geometry, k) => ({
    geometry:
      geometry && project
        ? {
            ...geometry,
            coordinates: mapPositions(geometry.coordinates, (p) => {
              const [x, y] = project.forward(p);
              return [Number((x as number).toFixed(8)), Number((y as number).toFixed(8))];
            }),
          }
        : geometry,
    properties: Object.fromEntries(
      Object.entries(rows[k] ?? {}).map(([key, value]) => [
        key,
        typeof value === 'string' ? value.trim() : value,
      ]),
    ),
  }));
  return { format: 'shapefile', sourceCrs: crs.label, columns: columnsOf(features), features };
}

/** Reads a grid file, recognised by its content (and, for text, by its name). */
export async function readGridFile(bytes: Buffer, filename: string): Promise<GridFile> {
  let file: GridFile;
  if (bytes.length >= 4 && bytes.readUInt32BE(0) === 0x504b0304) file = await readShapefileZip(bytes);
  else {
    const head = bytes.subarray(0, 4096);
    if (head.includes(0))
      throw new AppError(
        'UNSUPPORTED_FILE',
        { filename },
        {
          zh: '不支持的文件：请上传 GeoJSON、压缩的 Shapefile（.zip，含 .prj）或 KML',
          en: 'Unsupported file: upload GeoJSON, a zipped Shapefile (.zip with its .prj) or KML',
        },
      );
    const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
    const start = text.trimStart().slice(0, 200);
    if (start.startsWith('<') && /<kml[\s>]/i.test(text.slice(0, 2000))) file = readKml(text);
    else if (start.startsWith('{')) file = readGeoJson(text);
    else
      throw new AppError(
        'UNSUPPORTED_FILE',
        { filename },
        {
          zh: '不支持的文件：请上传 GeoJSON、压缩的 Shapefile（.zip，含 .prj）或 KML',
          en: 'Unsupported file: upload GeoJSON, a zipped Shapefile (.zip with its .prj) or KML',
        },
      );
  }
  if (!file.features.length) throw refuse('文件中没有任何要素', 'The file holds no features');
  if (file.features.length > MAX_FEATURES)
    throw refuse(
      `文件中有 ${file.features.length} 个要素，超过每次 ${MAX_FEATURES} 个的上限`,
      `The file holds ${file.features.length} features, more than the ${MAX_FEATURES} an import takes`,
    );
  return file;
}

const NAME_COLUMNS = [
  'name',
  '名称',
  '网格名称',
  '网格名',
  '村名',
  '村名称',
  '行政区名称',
  'xzqmc',
  'cmc',
  'mc',
  'title',
];
const CODE_COLUMNS = [
  'code',
  '代码',
  '编码',
  '网格代码',
  '网格编码',
  '区划代码',
  '行政区代码',
  'xzqdm',
  'cdm',
  'dm',
];

/** Guesses the name and code columns from their headers. */
export function suggestMapping(columns: string[]): { name: string | null; code: string | null } {
  const find = (candidates: string[]) =>
    candidates.map((c) => columns.find((col) => col.trim().toLowerCase() === c)).find(Boolean) ?? null;
  return { name: find(NAME_COLUMNS), code: find(CODE_COLUMNS) };
}
