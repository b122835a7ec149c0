/**
 * The part of the OASIS SARIF 2.1.0 schema (sarif-schema-2.1.0.json, errata01,
 * https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json) that
 * covers every object aira writes, restated with the same property names, required keys, enums and
 * `additionalProperties: false`, so an unknown key or a bad enum value fails the test.
 */
const bag = { type: 'object' };
const message = { type: 'object', additionalProperties: false, properties: { text: { type: 'string' }, markdown: { type: 'string' }, id: { type: 'string' }, arguments: { type: 'array' }, properties: bag }, anyOf: [{ required: ['text'] }, { required: ['id'] }] };
const multiformat = { type: 'object', additionalProperties: false, required: ['text'], properties: { text: { type: 'string' }, markdown: { type: 'string' }, properties: bag } };
const level = { enum: ['none', 'note', 'warning', 'error'] };

export const SARIF_SUBSET_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['version', 'runs'],
  properties: {
    $schema: { type: 'string' },
    version: { enum: ['2.1.0'] },
    runs: { type: ['array', 'null'], items: { $ref: '#/definitions/run' } },
  },
  definitions: {
    run: {
      type: 'object',
      additionalProperties: false,
      required: ['tool'],
      properties: {
        tool: { $ref: '#/definitions/tool' },
        results: { type: 'array', items: { $ref: '#/definitions/result' } },
        columnKind: { enum: ['utf16CodeUnits', 'unicodeCodePoints'] },
        properties: bag,
      },
    },
    tool: { type: 'object', additionalProperties: false, required: ['driver'], properties: { driver: { $ref: '#/definitions/toolComponent' }, properties: bag } },
    toolComponent: {
      type: 'object',
      additionalProperties: false,
      required: ['name'],
      properties: {
        name: { type: 'string' },
        version: { type: 'string' },
        semanticVersion: { type: 'string' },
        informationUri: { type: 'string' },
        rules: { type: 'array', uniqueItems: true, items: { $ref: '#/definitions/reportingDescriptor' } },
        properties: bag,
      },
    },
    reportingDescriptor: {
      type: 'object',
      additionalProperties: false,
      required: ['id'],
      properties: {
        id: { type: 'string' },
        name: { type: 'string' },
        shortDescription: multiformat,
        fullDescription: multiformat,
        help: multiformat,
        helpUri: { type: 'string', pattern: '^https?://' },
        defaultConfiguration: { type: 'object', additionalProperties: false, properties: { enabled: { type: 'boolean' }, level, rank: { type: 'number', minimum: -1, maximum: 100 }, parameters: bag, properties: bag } },
        properties: { type: 'object', properties: { tags: { type: 'array', uniqueItems: true, items: { type: 'string' } } } },
      },
    },
    result: {
      type: 'object',
      additionalProperties: false,
      required: ['message'],
      properties: {
        ruleId: { type: 'string' },
        ruleIndex: { type: 'integer', minimum: -1 },
        kind: { enum: ['notApplicable', 'pass', 'fail', 'review', 'open', 'informational'] },
        level,
        message,
        locations: { type: 'array', items: { $ref: '#/definitions/location' } },
        partialFingerprints: { type: 'object', additionalProperties: { type: 'string' } },
        suppressions: {
          type: 'array',
          uniqueItems: true,
          items: { type: 'object', additionalProperties: false, required: ['kind'], properties: { kind: { enum: ['inSource', 'external'] }, status: { enum: ['accepted', 'underReview', 'rejected'] }, justification: { type: 'string' }, properties: bag } },
        },
        properties: bag,
      },
    },
    location: {
      type: 'object',
      additionalProperties: false,
      properties: {
        physicalLocation: {
          type: 'object',
          additionalProperties: false,
          properties: {
            artifactLocation: { type: 'object', additionalProperties: false, properties: { uri: { type: 'string', pattern: '^[^<>\\\\ ]*$' }, uriBaseId: { type: 'string' }, index: { type: 'integer', minimum: -1 } } },
            region: { type: 'object', additionalProperties: false, properties: { startLine: { type: 'integer', minimum: 1 }, startColumn: { type: 'integer', minimum: 1 }, endLine: { type: 'integer', minimum: 1 } } },
            properties: bag,
          },
          anyOf: [{ required: ['address'] }, { required: ['artifactLocation'] }],
        },
        logicalLocations: {
          type: 'array',
          uniqueItems: true,
          items: { type: 'object', additionalProperties: false, properties: { name: { type: 'string' }, index: { type: 'integer', minimum: -1 }, fullyQualifiedName: { type: 'string' }, decoratedName: { type: 'string' }, parentIndex: { type: 'integer', minimum: -1 }, kind: { type: 'string' }, properties: bag } },
        },
        message,
        properties: bag,
      },
    },
  },
};
