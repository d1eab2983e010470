// Checks a request against GitHub's published OpenAPI description (@octokit/openapi): the operation exists for
// the method and path, path and query parameters match their schemas, and a JSON body matches the request
// schema. Covers the JSON Schema subset GitHub's description uses; unknown body properties count as errors,
// since GitHub would silently ignore a misspelt field.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

type Schema = Record<string, any>;
interface Parameter { name: string; in: 'path' | 'query' | 'header' | 'cookie'; required?: boolean; schema?: Schema; 'x-multi-segment'?: boolean }
interface Operation { operationId: string; parameters?: (Parameter | { $ref: string })[]; requestBody?: { required?: boolean; content: Record<string, { schema: Schema }> } }

export interface RouteMatch {
  operationId: string;
  template: string;
  pathParams: Record<string, string>;
}

export interface ValidationResult {
  operationId: string | null;
  errors: string[];
}

let cached: Schema | null = null;
let shared: OpenApiValidator | null = null;

/** One validator per process: compiling GitHub's 800 paths once keeps each test's start-up short. */
export function githubValidator(): OpenApiValidator {
  shared ??= new OpenApiValidator(loadGitHubOpenApi());
  return shared;
}

/** GitHub's description of api.github.com (the non-dereferenced file: 13 MB instead of 73). */
export function loadGitHubOpenApi(): Schema {
  if (cached === null) {
    const require = createRequire(import.meta.url);
    const dir = require.resolve('@octokit/openapi/package.json').replace(/package\.json$/, '');
    cached = JSON.parse(readFileSync(`${dir}generated/api.github.com.json`, 'utf8')) as Schema;
  }
  return cached;
}

interface CompiledPath { template: string; regex: RegExp; names: string[]; literals: number; item: Record<string, any> }

export class OpenApiValidator {
  private readonly paths: CompiledPath[];

  constructor(private readonly doc: Schema) {
    this.paths = Object.entries(doc.paths as Record<string, Record<string, any>>).map(([template, item]) => {
      const names: string[] = [];
      let literals = 0;
      const multi = new Set<string>();
      for (const method of ['get', 'post', 'patch', 'put', 'delete']) {
        for (const p of (item[method]?.parameters ?? []) as (Parameter | { $ref: string })[]) {
          const param = this.deref(p) as Parameter;
          if (param.in === 'path' && param['x-multi-segment']) multi.add(param.name);
        }
      }
      const source = template.split('/').map((segment) => {
        const m = /^\{(.+)\}$/.exec(segment);
        if (!m) {
          if (segment !== '') literals++;
          return segment.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
        }
        names.push(m[1]!);
        return multi.has(m[1]!) ? '(.+)' : '([^/]+)';
      }).join('/');
      return { template, regex: new RegExp(`^${source}$`), names, literals, item };
    }).sort((a, b) => b.literals - a.literals);
  }

  deref(node: any): any {
    let current = node;
    const seen = new Set<string>();
    while (current && typeof current === 'object' && typeof current.$ref === 'string') {
      if (seen.has(current.$ref)) throw new Error(`circular $ref ${current.$ref}`);
      seen.add(current.$ref);
      current = (current.$ref as string).replace(/^#\//, '').split('/').reduce((o: any, key: string) => o?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], this.doc);
      if (current === undefined) throw new Error(`unresolved $ref ${[...seen].pop()}`);
    }
    return current;
  }

  match(method: string, path: string): RouteMatch | null {
    for (const compiled of this.paths) {
      const m = compiled.regex.exec(path);
      if (!m) continue;
      const op = compiled.item[method.toLowerCase()] as Operation | undefined;
      if (!op) continue;
      const pathParams: Record<string, string> = {};
      compiled.names.forEach((name, k) => { pathParams[name] = decodeURIComponent(m[k + 1]!); });
      return { operationId: op.operationId, template: compiled.template, pathParams };
    }
    return null;
  }

  /** Validates one request; `body` is the parsed JSON body (undefined when there is none). */
  validate(method: string, url: string, body: unknown): ValidationResult {
    const parsed = new URL(url, 'http://github.test');
    const route = this.match(method, parsed.pathname);
    if (route === null) return { operationId: null, errors: [`${method} ${parsed.pathname}: no such operation in GitHub's REST API`] };
    const op = this.deref(this.doc.paths[route.template][method.toLowerCase()]) as Operation;
    const pathItem = this.doc.paths[route.template] as { parameters?: unknown[] };
    const params = [...(pathItem.parameters ?? []), ...(op.parameters ?? [])].map((p) => this.deref(p) as Parameter);
    const errors: string[] = [];
    const where = `${method} ${route.template} (${op.operationId})`;

    for (const p of params.filter((q) => q.in === 'path')) {
      const value = route.pathParams[p.name];
      if (value === undefined) errors.push(`${where}: path parameter ${p.name} missing`);
      else errors.push(...this.checkParam(value, p.schema ?? {}, `${where}: path ${p.name}`));
    }
    const queryParams = new Map(params.filter((q) => q.in === 'query').map((q) => [q.name, q]));
    for (const [name, value] of parsed.searchParams) {
      const p = queryParams.get(name);
      if (!p) errors.push(`${where}: unknown query parameter ${name}`);
      else errors.push(...this.checkParam(value, p.schema ?? {}, `${where}: query ${name}`));
    }
    for (const p of queryParams.values()) {
      if (p.required && !parsed.searchParams.has(p.name)) errors.push(`${where}: query parameter ${p.name} is required`);
    }

    const requestBody = op.requestBody ? this.deref(op.requestBody) as NonNullable<Operation['requestBody']> : undefined;
    if (body === undefined) {
      if (requestBody?.required) errors.push(`${where}: a JSON body is required`);
    } else if (!requestBody) {
      errors.push(`${where}: takes no request body`);
    } else {
      const schema = requestBody.content['application/json']?.schema;
      if (!schema) errors.push(`${where}: takes no JSON body`);
      else errors.push(...this.check(body, schema, 'body').map((e) => `${where}: ${e}`));
    }
    return { operationId: op.operationId, errors };
  }

  private checkParam(raw: string, schema: Schema, label: string): string[] {
    const s = this.deref(schema) as Schema;
    let value: unknown = raw;
    if (s.type === 'integer' || s.type === 'number') {
      if (!/^-?\d+(\.\d+)?$/.test(raw)) return [`${label}: "${raw}" is not a ${s.type}`];
      value = Number(raw);
    } else if (s.type === 'boolean') {
      if (raw !== 'true' && raw !== 'false') return [`${label}: "${raw}" is not a boolean`];
      value = raw === 'true';
    }
    return this.check(value, s, label);
  }

  /** JSON Schema (OpenAPI 3.0 flavour) validation; returns error messages with their JSON paths. */
  check(value: unknown, schemaIn: Schema, path: string): string[] {
    const schema = this.deref(schemaIn) as Schema;
    if (value === null) {
      if (schema.nullable || schema.type === 'null' || (Array.isArray(schema.type) && schema.type.includes('null'))) return [];
      if (schema.type === undefined && !schema.oneOf && !schema.anyOf && !schema.allOf && !schema.enum) return [];
      if (!schema.oneOf && !schema.anyOf) return [`${path}: null is not allowed`];
    }
    const errors: string[] = [];
    if (schema.allOf) for (const part of schema.allOf as Schema[]) errors.push(...this.check(value, this.looseObject(part), path));
    if (schema.anyOf) {
      const results = (schema.anyOf as Schema[]).map((s) => this.check(value, s, path));
      if (!results.some((r) => r.length === 0)) errors.push(`${path}: matches none of anyOf (${results.map((r) => r[0]).join(' | ')})`);
    }
    if (schema.oneOf) {
      const results = (schema.oneOf as Schema[]).map((s) => this.check(value, s, path));
      const ok = results.filter((r) => r.length === 0).length;
      if (ok !== 1) errors.push(`${path}: matches ${ok} of oneOf, needs exactly 1 (${results.map((r) => r[0] ?? 'ok').join(' | ')})`);
    }
    if (schema.enum && !(schema.enum as unknown[]).includes(value)) errors.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
    const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type as string[] : [schema.type as string];
    if (types.length > 0 && !types.some((t) => this.isType(value, t))) {
      errors.push(`${path}: expected ${types.join('|')}, got ${Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value}`);
      return errors;
    }
    if (typeof value === 'string') {
      const length = [...value].length;
      if (schema.maxLength !== undefined && length > schema.maxLength) errors.push(`${path}: ${length} characters, over maxLength ${schema.maxLength}`);
      if (schema.minLength !== undefined && length < schema.minLength) errors.push(`${path}: shorter than minLength ${schema.minLength}`);
      if (schema.pattern && !new RegExp(schema.pattern, 'u').test(value)) errors.push(`${path}: does not match ${schema.pattern}`);
      if (schema.format === 'date-time' && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value)) errors.push(`${path}: "${value}" is not an ISO 8601 date-time`);
    }
    if (typeof value === 'number') {
      if (schema.maximum !== undefined && value > schema.maximum) errors.push(`${path}: ${value} > maximum ${schema.maximum}`);
      if (schema.minimum !== undefined && value < schema.minimum) errors.push(`${path}: ${value} < minimum ${schema.minimum}`);
    }
    if (Array.isArray(value)) {
      if (schema.maxItems !== undefined && value.length > schema.maxItems) errors.push(`${path}: ${value.length} items, over maxItems ${schema.maxItems}`);
      if (schema.minItems !== undefined && value.length < schema.minItems) errors.push(`${path}: fewer than minItems ${schema.minItems}`);
      if (schema.items) value.forEach((item, k) => errors.push(...this.check(item, schema.items, `${path}[${k}]`)));
    }
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const record = value as Record<string, unknown>;
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      for (const name of (schema.required ?? []) as string[]) if (!(name in record)) errors.push(`${path}: required property ${name} missing`);
      for (const [key, v] of Object.entries(record)) {
        if (key in properties) errors.push(...this.check(v, properties[key]!, `${path}.${key}`));
        else if (typeof schema.additionalProperties === 'object') errors.push(...this.check(v, schema.additionalProperties, `${path}.${key}`));
        else if (schema.additionalProperties === false || (schema.properties && schema.additionalProperties === undefined && !schema['x-loose'])) {
          errors.push(`${path}: unknown property ${key}`);
        }
      }
    }
    return errors;
  }

  // Inside allOf each part sees only its own properties; the union is checked by the parts together.
  private looseObject(part: Schema): Schema {
    const s = this.deref(part) as Schema;
    return s.properties && s.additionalProperties === undefined ? { ...s, 'x-loose': true } : s;
  }

  private isType(value: unknown, type: string): boolean {
    switch (type) {
      case 'string': return typeof value === 'string';
      case 'integer': return typeof value === 'number' && Number.isInteger(value);
      case 'number': return typeof value === 'number' && Number.isFinite(value);
      case 'boolean': return typeof value === 'boolean';
      case 'array': return Array.isArray(value);
      case 'object': return typeof value === 'object' && value !== null && !Array.isArray(value);
      case 'null': return value === null;
      default: return true;
    }
  }
}
