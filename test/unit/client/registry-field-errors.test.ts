/** The registry editor puts each refused value's message at its field, and shows a 409 as who changed it when. */
import { describe, expect, it } from 'vitest';
import { writeProblem } from '../../../client/src/features/registry/field-errors';

describe('writeProblem', () => {
  it('locates validation details at the form fields, in the message the server wrote', () => {
    const problem = writeProblem({
      code: 'VALIDATION_FAILED',
      message: '请求内容不符合要求',
      details: [
        { path: 'body.properties.phone', message: '电话号码格式不正确（手机号 11 位，或区号-座机号）' },
        { path: 'body.properties.creditCode', message: '统一社会信用代码格式不正确（18 位）' },
        { path: 'body.properties.phone', message: 'second problem of the same field is not shown' },
      ],
    });
    expect(problem).toEqual({
      kind: 'fields',
      fields: {
        phone: '电话号码格式不正确（手机号 11 位，或区号-座机号）',
        creditCode: '统一社会信用代码格式不正确（18 位）',
      },
      message: null,
    });
  });

  it('uses the specific translated message for a single detail (ID check digit, key-list rule, reason)', () => {
    const id = writeProblem({
      code: 'VALIDATION_FAILED',
      message: '法定代表人身份证号不正确：校验位错误',
      details: [{ path: 'body.properties.legalRepIdNumber', message: 'wrong check digit' }],
    });
    expect(id).toEqual({
      kind: 'fields',
      fields: { legalRepIdNumber: '法定代表人身份证号不正确：校验位错误' },
      message: '法定代表人身份证号不正确：校验位错误',
    });
    const reason = writeProblem({
      code: 'VALIDATION_FAILED',
      message: '修改信用等级须填写原因',
      details: [{ path: 'body.reason', message: 'a reason is required to change the credit class' }],
    });
    expect(reason.kind === 'fields' && reason.fields).toEqual({ reason: '修改信用等级须填写原因' });
    const keyList = writeProblem({
      code: 'CONSTRAINT_VIOLATION',
      message: '按重点监管规则，该主体须列入重点监管名录（信用等级为 C）',
      details: [{ path: 'body.properties.keyList', reasons: [] }],
    });
    expect(keyList.kind === 'fields' && keyList.fields.keyList).toContain('须列入重点监管名录');
  });

  it('keeps a message without a field (duplicate code) for the top of the form', () => {
    expect(
      writeProblem({ code: 'DUPLICATE', message: '生产主体编码已存在', details: { field: 'code' } }),
    ).toEqual({ kind: 'fields', fields: {}, message: '生产主体编码已存在' });
  });

  it('turns a version conflict into who changed the subject and when', () => {
    expect(
      writeProblem({
        code: 'VERSION_CONFLICT',
        message: '该生产主体已于 … 被 张三 修改',
        details: {
          currentVersion: 4,
          yourVersion: 3,
          updatedBy: '张三',
          updatedAt: '2026-11-23T10:15:02.123+08:00',
        },
      }),
    ).toEqual({ kind: 'conflict', by: '张三', at: '2026-11-23 10:15:02' });
  });
});
