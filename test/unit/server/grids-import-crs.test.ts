/**
 * Recognising the coordinate system of a Shapefile's .prj (grid import): the .prj texts below are what GDAL 3.6
 * writes for each EPSG code (ogr2ogr -t_srs EPSG:n), so the expectations are the EPSG registry's, checked by hand.
 */
import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { recogniseCrs, suggestMapping } from '../../../server/src/modules/grids/grid-import';

const CGCS =
  'GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
const gk = (name: string, easting: number, cm: number) =>
  `PROJCS["${name}",${CGCS},PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",${easting}.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",${cm}.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]`;

describe('recognising a .prj', () => {
  it('takes geographic CGCS2000 and WGS 84 as they are', () => {
    expect(recogniseCrs(CGCS)).toEqual({ label: 'EPSG:4490 (CGCS2000)', proj: null });
    expect(
      recogniseCrs(
        'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]',
      ).label,
    ).toBe('EPSG:4326 (WGS 84)');
  });

  it('names the CGCS2000 Gauss-Krüger zones by their EPSG codes', () => {
    expect(recogniseCrs(gk('CGCS2000_3_Degree_GK_Zone_39', 39500000, 117)).label).toBe(
      'EPSG:4527 (CGCS2000 / 3° Gauss-Krüger zone 39)',
    );
    expect(recogniseCrs(gk('CGCS2000_3_Degree_GK_CM_108E', 500000, 108)).label).toBe(
      'EPSG:4545 (CGCS2000 / 3° Gauss-Krüger CM 108E)',
    );
    expect(recogniseCrs(gk('CGCS2000_GK_Zone_13', 13500000, 75)).label).toBe(
      'EPSG:4491 (CGCS2000 / 6° Gauss-Krüger zone 13)',
    );
    expect(recogniseCrs(gk('CGCS2000_GK_CM_75E', 500000, 75)).label).toBe(
      'EPSG:4502 (CGCS2000 / 6° Gauss-Krüger CM 75E)',
    );
    // 87°E is the central meridian of 3° zone 29 and of 6° zone 15: the name decides when the easting does not.
    expect(recogniseCrs(gk('CGCS2000_3_Degree_GK_CM_87E', 500000, 87)).label).toBe(
      'EPSG:4538 (CGCS2000 / 3° Gauss-Krüger CM 87E)',
    );
    expect(recogniseCrs(gk('CGCS2000_GK_CM_87E', 500000, 87)).label).toBe(
      'EPSG:4504 (CGCS2000 / 6° Gauss-Krüger CM 87E)',
    );
    expect(recogniseCrs(gk('CGCS2000_GK_Zone_15', 15500000, 87)).label).toBe(
      'EPSG:4493 (CGCS2000 / 6° Gauss-Krüger zone 15)',
    );
  });

  it('unprojects a point on the central meridian to that meridian', () => {
    const { proj } = recogniseCrs(gk('CGCS2000_3_Degree_GK_Zone_39', 39500000, 117));
    const [lon, lat] = proj4(proj as string, 'WGS84').forward([39500000, 3321000]);
    expect(lon).toBeCloseTo(117, 9);
    // 3,321 km of meridian arc on GRS80 from the equator ≈ 30.0046°N
    expect(lat).toBeGreaterThan(29.99);
    expect(lat).toBeLessThan(30.02);
  });

  it('refuses Xian 1980, Web Mercator and text that is no coordinate system, naming what it found', () => {
    expect(() =>
      recogniseCrs(
        'PROJCS["Xian_1980_3_Degree_GK_CM_120E",GEOGCS["GCS_Xian_1980",DATUM["D_Xian_1980",SPHEROID["Xian_1980",6378140.0,298.257]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",120.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]',
      ),
    ).toThrow(/Xian_1980_3_Degree_GK_CM_120E/);
    expect(() =>
      recogniseCrs(
        'PROJCS["WGS_1984_Web_Mercator_Auxiliary_Sphere",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Mercator_Auxiliary_Sphere"],PARAMETER["False_Easting",0.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",0.0],PARAMETER["Standard_Parallel_1",0.0],PARAMETER["Auxiliary_Sphere_Type",0.0],UNIT["Meter",1.0]]',
      ),
    ).toThrow(/not supported/);
    expect(() => recogniseCrs('hello')).toThrow(/hello/);
  });
});

describe('guessing the name and code columns', () => {
  it('knows the usual Chinese and GIS column names', () => {
    expect(suggestMapping(['FID', 'XZQDM', 'XZQMC', 'MJ'])).toEqual({ name: 'XZQMC', code: 'XZQDM' });
    expect(suggestMapping(['村名', '区划代码'])).toEqual({ name: '村名', code: '区划代码' });
    expect(suggestMapping(['a', 'b'])).toEqual({ name: null, code: null });
  });
});
