import AjvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import type { Log } from 'sarif';
import { describe, expect, it } from 'vitest';
import { formatSarif } from '../../src/report/index.js';
import { REPORT_RULES, reportInput } from './report-input.js';

/**
 * The official SARIF 2.1.0 schema (oasis-tcs/sarif-spec, JSON Schema draft-04) is not in
 * node_modules and cannot be downloaded here, so this is a hand-written draft-04 subset of it:
 * the parts our output uses, with the official schema's required properties, enums and minimums
 * (sarifLog, run, tool, toolComponent, reportingDescriptor, reportingConfiguration, result,
 * message, location, physicalLocation, artifactLocation, region).
 */
const SARIF_SUBSET = {
  $schema: 'http://json-schema.org/draft-04/schema#',
  type: 'object',
  required: ['version', 'runs'],
  properties: {
    $schema: { type: 'string', format: 'uri' },
    version: { enum: ['2.1.0'] },
    runs: {
      type: ['array', 'null'],
      minItems: 0,
      uniqueItems: false,
      items: { $ref: '#/definitions/run' },
    },
  },
  definitions: {
    run: {
      type: 'object',
      required: ['tool'],
      properties: {
        tool: { $ref: '#/definitions/tool' },
        columnKind: { enum: ['utf16CodeUnits', 'unicodeCodePoints'] },
        results: { type: ['array', 'null'], items: { $ref: '#/definitions/result' } },
      },
    },
    tool: {
      type: 'object',
      required: ['driver'],
      properties: { driver: { $ref: '#/definitions/toolComponent' } },
    },
    toolComponent: {
      type: 'object',
      required: ['name'],
      properties: {
        name: { type: 'string' },
        version: { type: 'string' },
        informationUri: { type: 'string', format: 'uri' },
        rules: {
          type: 'array',
          uniqueItems: true,
          items: { $ref: '#/definitions/reportingDescriptor' },
        },
      },
    },
    multiformatMessageString: {
      type: 'object',
      required: ['text'],
      properties: { text: { type: 'string' } },
    },
    reportingDescriptor: {
      type: 'object',
      required: ['id'],
      properties: {
        id: { type: 'string' },
        name: { type: 'string' },
        shortDescription: { $ref: '#/definitions/multiformatMessageString' },
        fullDescription: { $ref: '#/definitions/multiformatMessageString' },
        help: { $ref: '#/definitions/multiformatMessageString' },
        defaultConfiguration: {
          type: 'object',
          properties: { level: { enum: ['none', 'note', 'warning', 'error'] } },
        },
      },
    },
    result: {
      type: 'object',
      required: ['message'],
      properties: {
        ruleId: { type: 'string' },
        ruleIndex: { type: 'integer', minimum: -1 },
        level: { enum: ['none', 'note', 'warning', 'error'] },
        message: { $ref: '#/definitions/message' },
        locations: {
          type: 'array',
          minItems: 0,
          uniqueItems: false,
          items: { $ref: '#/definitions/location' },
        },
      },
    },
    message: {
      type: 'object',
      properties: { text: { type: 'string' }, id: { type: 'string' } },
      anyOf: [{ required: ['text'] }, { required: ['id'] }],
    },
    location: {
      type: 'object',
      properties: { physicalLocation: { $ref: '#/definitions/physicalLocation' } },
    },
    physicalLocation: {
      type: 'object',
      properties: {
        artifactLocation: { $ref: '#/definitions/artifactLocation' },
        region: { $ref: '#/definitions/region' },
      },
      anyOf: [{ required: ['address'] }, { required: ['artifactLocation'] }],
    },
    artifactLocation: {
      type: 'object',
      properties: { uri: { type: 'string', format: 'uri-reference' } },
    },
    region: {
      type: 'object',
      properties: {
        startLine: { type: 'integer', minimum: 1 },
        startColumn: { type: 'integer', minimum: 1 },
        endLine: { type: 'integer', minimum: 1 },
        endColumn: { type: 'integer', minimum: 1 },
      },
    },
  },
};

describe('sarif', () => {
  it('validates against the SARIF 2.1.0 structural requirements', async () => {
    // CommonJS modules: under NodeNext their class/function is the `default` of the default import.
    const ajv = new AjvDraft04.default({ strict: false, allErrors: true });
    ajvFormats.default(ajv);
    const validate = ajv.compile(SARIF_SUBSET);
    const log = JSON.parse(formatSarif(await reportInput())) as Log;
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    // The subset is not vacuous: a bad level and a zero line are rejected.
    const bad = structuredClone(log);
    const result = bad.runs[0]?.results?.[0];
    if (result) result.level = 'fatal' as 'error';
    expect(validate(bad)).toBe(false);
  });

  it('lists rules and points results at them', async () => {
    const log = JSON.parse(formatSarif(await reportInput())) as Log;
    const run = log.runs[0];
    const driver = run?.tool.driver;
    expect(driver?.name).toBe('layerlint');
    expect(driver?.rules?.map((r) => r.id).sort()).toEqual([...REPORT_RULES].sort());
    const results = run?.results ?? [];
    expect(results).toHaveLength(5);
    const apt = results.find((r) => r.ruleId === 'apt-lists-cleanup');
    expect(apt).toMatchObject({
      level: 'note',
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'app/Dockerfile' },
            region: { startLine: 3, startColumn: 5, endLine: 3, endColumn: 19 },
          },
        },
      ],
    });
    expect(driver?.rules?.[apt?.ruleIndex ?? -1]?.id).toBe('apt-lists-cleanup');
  });
});
