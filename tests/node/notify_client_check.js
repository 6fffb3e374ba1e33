#!/usr/bin/env node
// Drives Herald with the official GOV.UK Notify Node client
// (notifications-node-client from npm), unmodified, and checks every answer
// against GOV.UK Notify's v2 contract.
//
// Usage: node notify_client_check.js BASE_URL API_KEY EMAIL_TEMPLATE_ID SMS_TEMPLATE_ID
//          [--page-count N] [--template-version N]
//          [--letter-template ID] [--received-texts N]
//
// Covers sendEmail (also with a file from prepareUpload, downloaded from its
// link), sendSms, getNotificationById, getNotifications (filters
// and olderThan), getTemplateById, getTemplateByIdAndVersion, getAllTemplates,
// previewTemplateById, getReceivedTexts (expecting --received-texts N texts,
// default 0), with --letter-template sendLetter, sendPrecompiledLetter and
// getPdfForLetterNotification (retrying on PDFNotReadyError), and error answers. With --page-count N
// (N > 250) it also sends N emails and pages through them with olderThan.
// Prints one JSON summary line on stdout; every failure also goes to stderr as
// `FAIL <method> [<check>]: <why>`; exits 1 if anything failed.
//
// The templates are the ones of Herald's test fixture:
//   email: subject `Hello ((name))`, body `Dear ((name)),\n\nYour code is ((code)).`
//   sms:   body `Your code is ((code))`
//   letter (--letter-template): subject `Your appointment, ((name))`,
//          placeholders `name` and `day`, postage second
'use strict';

const crypto = require('node:crypto');
const util = require('node:util');
const { NotifyClient } = require('notifications-node-client');

const PAGE_SIZE = 250;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const EMAIL_SUBJECT = 'Hello ((name))';
const EMAIL_BODY = 'Dear ((name)),\n\nYour code is ((code)).';
const SMS_BODY = 'Your code is ((code))';

const CREATED_KEYS = ['id', 'reference', 'uri', 'template', 'content', 'scheduled_for'];
const EMAIL_CONTENT_KEYS = ['from_email', 'body', 'subject', 'one_click_unsubscribe_url'];
const SMS_CONTENT_KEYS = ['body', 'from_number'];
const NOTIFICATION_KEYS = [
  'id', 'reference', 'email_address', 'phone_number',
  'line_1', 'line_2', 'line_3', 'line_4', 'line_5', 'line_6', 'postcode',
  'type', 'status', 'template', 'body', 'subject', 'created_at', 'created_by_name',
  'sent_at', 'completed_at', 'scheduled_for', 'postage', 'one_click_unsubscribe_url',
];
const TEMPLATE_KEYS = [
  'id', 'type', 'created_at', 'updated_at', 'created_by', 'version', 'body',
  'subject', 'name', 'personalisation', 'postage', 'letter_contact_block',
];
const PREVIEW_KEYS = ['id', 'type', 'version', 'body', 'html', 'subject', 'postage'];

const LETTER_METHODS = ['sendLetter', 'sendPrecompiledLetter', 'getPdfForLetterNotification'];
const LETTER_ADDRESS = ['The Occupier', '10 Downing Street', 'London', 'SW1A 2AA'];
const RECEIVED_TEXT_KEYS = ['id', 'created_at', 'service_id', 'notify_number', 'user_number', 'content'];

// NotifyClient methods this script does not call, and why.
const SKIPPED = {
  setProxy: 'client-side configuration, no request',
  setClient: 'client-side configuration, no request',
};

class CheckFailed extends Error {}

function show(value) {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.slice(0, 1500);
}

function expect(condition, message, ...detail) {
  if (!condition) {
    throw new CheckFailed(detail.length ? `${message} -- got ${detail.map(show).join('; ')}` : message);
  }
}

function expectEq(actual, expected, what) {
  expect(util.isDeepStrictEqual(actual, expected), `${what}: expected ${show(expected)}, got ${show(actual)}`);
}

function expectKeys(obj, keys, what, exact = false) {
  expect(obj !== null && typeof obj === 'object' && !Array.isArray(obj), `${what} is not a JSON object`, obj);
  const missing = keys.filter((k) => !(k in obj)).sort();
  expect(missing.length === 0, `${what} lacks ${show(missing)}`, obj);
  if (exact) {
    const extra = Object.keys(obj).filter((k) => !keys.includes(k)).sort();
    expect(extra.length === 0, `${what} has unexpected keys ${show(extra)}`, obj);
  }
}

function expectTimestamp(value, what) {
  expect(typeof value === 'string' && TIMESTAMP.test(value),
    `${what} is not a Notify timestamp (%Y-%m-%dT%H:%M:%S.%fZ): ${show(value)}`);
}

function expectStatus(response, status, what) {
  expect(response.status === status, `${what}: expected HTTP ${status}, got HTTP ${response.status}`, response.data);
}

function describeError(error) {
  if (error && error.response) {
    const url = error.config ? `${(error.config.method || '').toUpperCase()} ${error.config.url}` : '';
    const hint = error.response.status === 429
      ? " (Herald enforces Notify's per-service, per-key-type rate limit: back-to-back runs on one service can exceed it; use a fresh service or wait a minute)"
      : '';
    return `HTTP ${error.response.status} from ${url}: ${show(error.response.data)}${hint}`;
  }
  return `${error && error.name}: ${error && error.message}`;
}

// `call` must reject with an HTTP `status` and, if given, exactly the v2 `errors`
// ([type, message] pairs; a null message only checks the type).
async function expectHttpError(call, status, errors, what) {
  let response;
  try {
    response = await call();
  } catch (error) {
    expect(error && error.response, `${what}: expected HTTP ${status}, got ${describeError(error)}`);
    expect(error.response.status === status, `${what}: expected HTTP ${status}, got ${describeError(error)}`);
    if (errors) {
      const body = error.response.data;
      expect(body && typeof body === 'object', `${what}: error body is not JSON`, body);
      expectEq(body.status_code, status, `${what}: body status_code`);
      expect(Array.isArray(body.errors), `${what}: body has no v2 \`errors\` list`, body);
      const pairs = body.errors.map((e) => [e.error, e.message]);
      const wanted = errors.map(([type, message], i) => [type, message === null && pairs[i] ? pairs[i][1] : message]);
      expect(util.isDeepStrictEqual(pairs, wanted), `${what}: expected errors ${show(errors)}, got ${show(pairs)}`);
    }
    return error;
  }
  throw new CheckFailed(`${what}: expected HTTP ${status}, but the call succeeded with HTTP ${response.status} ${show(response.data)}`);
}

function parseArgs(argv) {
  const positional = [];
  const options = { pageCount: 0, templateVersion: 1, letterTemplate: null, receivedTexts: 0 };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--page-count') options.pageCount = Number.parseInt(argv[++i], 10);
    else if (arg === '--template-version') options.templateVersion = Number.parseInt(argv[++i], 10);
    else if (arg === '--letter-template') options.letterTemplate = argv[++i];
    else if (arg === '--received-texts') options.receivedTexts = Number.parseInt(argv[++i], 10);
    else if (arg === '-h' || arg === '--help') {
      console.log('usage: node notify_client_check.js BASE_URL API_KEY EMAIL_TEMPLATE_ID SMS_TEMPLATE_ID [--page-count N] [--template-version N] [--letter-template ID] [--received-texts N]');
      process.exit(0);
    } else positional.push(arg);
  }
  if (positional.length !== 4 || Number.isNaN(options.pageCount) || Number.isNaN(options.templateVersion)) {
    console.error('usage: node notify_client_check.js BASE_URL API_KEY EMAIL_TEMPLATE_ID SMS_TEMPLATE_ID [--page-count N] [--template-version N]');
    process.exit(2);
  }
  const [baseUrl, apiKey, emailTemplate, smsTemplate] = positional;
  return { baseUrl: baseUrl.replace(/\/+$/, ''), apiKey, emailTemplate, smsTemplate, ...options };
}

class Run {
  constructor(args) {
    this.args = args;
    this.client = new NotifyClient(args.baseUrl, args.apiKey);
    this.serviceId = args.apiKey.slice(-73, -37);
    this.runId = crypto.randomUUID().replace(/-/g, '').slice(0, 12);
    this.results = new Map(); // method -> [[check, why|null]]
    this.warnings = [];
    this.ids = [];
    this.state = {};
    this.timings = {};
    this.skipped = { ...SKIPPED };
    if (!args.letterTemplate) for (const m of LETTER_METHODS) this.skipped[m] = 'no --letter-template given';
  }

  // getPdfForLetterNotification, retrying on PDFNotReadyError as the client's own tests do.
  async pdfWhenReady(id, what) {
    const deadline = Date.now() + 20000;
    for (;;) {
      try {
        return await this.client.getPdfForLetterNotification(id);
      } catch (error) {
        const body = error && error.response && error.response.data;
        const notReady = body && Array.isArray(body.errors) && body.errors[0] && body.errors[0].error === 'PDFNotReadyError';
        if (!notReady || Date.now() > deadline) throw new CheckFailed(`${what}: ${describeError(error)} ${show(body)}`);
        await new Promise((resolve) => { setTimeout(resolve, 200); });
      }
    }
  }

  ref(suffix) { return `herald-node-check-${this.runId}-${suffix}`; }

  warn(text) { if (!this.warnings.includes(text)) this.warnings.push(text); }

  need(key, what) {
    const value = this.state[key];
    if (value === undefined || value === null) throw new CheckFailed(`skipped: ${what} failed earlier`);
    return value;
  }

  record(method, name, why) {
    if (!this.results.has(method)) this.results.set(method, []);
    this.results.get(method).push([name, why]);
    if (why !== null) console.error(`FAIL ${method} [${name}]: ${why}`);
  }

  async check(method, name, fn) {
    try {
      await fn();
      this.record(method, name, null);
    } catch (error) {
      let why;
      if (error instanceof CheckFailed) why = error.message;
      else if (error && error.response) why = describeError(error);
      else if (error && error.code) why = `${error.name} ${error.code}: ${error.message}${error.config ? ` (${(error.config.method || '').toUpperCase()} ${error.config.url})` : ''}`;
      else why = `${error && error.name}: ${error && error.message} ${((error && error.stack) || '').split('\n')[1] || ''}`.trim();
      this.record(method, name, why);
    }
  }

  checkVersion(version, what) {
    expect(Number.isInteger(version) && version >= 1, `${what} should be an integer >= 1: ${show(version)}`);
    if (this.args.templateVersion) expectEq(version, this.args.templateVersion, what);
  }

  checkCreated(response, kind, templateId, reference, body, subject, unsubscribe) {
    expectStatus(response, 201, `POST /v2/notifications/${kind}`);
    const created = response.data;
    expectKeys(created, CREATED_KEYS, `${kind} 201 body`);
    const id = created.id;
    expect(typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id), `id is not a UUID: ${show(id)}`);
    expectEq(created.reference, reference, 'reference');
    expect(typeof created.uri === 'string' && created.uri.startsWith('http') && created.uri.endsWith(`v2/notifications/${id}`),
      `uri should be an absolute URL ending v2/notifications/${id}`, created.uri);
    expectEq(created.scheduled_for, null, 'scheduled_for');
    const template = created.template;
    expectKeys(template, ['id', 'version', 'uri'], 'template', true);
    expectEq(template.id, templateId, 'template.id');
    this.checkVersion(template.version, 'template.version');
    expect(typeof template.uri === 'string' && template.uri.startsWith('http')
      && template.uri.endsWith(`services/${this.serviceId}/templates/${templateId}`),
    `template.uri should end services/${this.serviceId}/templates/${templateId}`, template.uri);
    const content = created.content;
    if (kind === 'email') {
      expectKeys(content, EMAIL_CONTENT_KEYS, 'email content', true);
      expectEq(content.body, body, 'content.body');
      expectEq(content.subject, subject, 'content.subject');
      expectEq(content.one_click_unsubscribe_url, unsubscribe, 'content.one_click_unsubscribe_url');
      expect(typeof content.from_email === 'string' && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(content.from_email),
        `content.from_email is not an address: ${show(content.from_email)}`);
      if (!('sanitised_content' in created)) {
        this.warn('email 201 body has no top-level `sanitised_content` (GOV.UK Notify sends it)');
      }
    } else {
      expectKeys(content, SMS_CONTENT_KEYS, 'sms content', true);
      expectEq(content.body, body, 'content.body');
      expect(typeof content.from_number === 'string' && content.from_number.length > 0,
        `content.from_number should be a non-empty string: ${show(content.from_number)}`);
    }
    const extra = Object.keys(created).filter((k) => !CREATED_KEYS.includes(k) && k !== 'sanitised_content');
    expect(extra.length === 0, `${kind} 201 body has unexpected keys ${show(extra)}`, created);
    return created;
  }

  checkNotification(got, sent, kind, recipient, body, subject, reference, unsubscribe) {
    expectKeys(got, NOTIFICATION_KEYS, 'notification');
    if (!('is_cost_data_ready' in got)) {
      this.warn("notifications lack Notify's cost fields (is_cost_data_ready, cost_in_pounds, cost_details)");
    }
    expectEq(got.id, sent.id, 'id');
    expectEq(got.type, kind, 'type');
    expectEq(got.status, 'created', 'status');
    expectEq(got.reference, reference, 'reference');
    if (kind === 'email') {
      expectEq(got.email_address, recipient, 'email_address');
      expectEq(got.phone_number, null, 'phone_number');
    } else {
      expectEq(got.phone_number, recipient, 'phone_number');
      expectEq(got.email_address, null, 'email_address');
    }
    for (const key of ['line_1', 'line_2', 'line_3', 'line_4', 'line_5', 'line_6', 'postcode', 'postage']) {
      expectEq(got[key], null, key);
    }
    expectEq(got.body, body, 'body');
    expectEq(got.subject, subject, 'subject');
    expectKeys(got.template, ['id', 'version', 'uri'], 'template');
    expectEq(got.template.id, sent.template.id, 'template.id');
    expectEq(got.template.version, sent.template.version, 'template.version');
    expect(typeof got.template.uri === 'string' && got.template.uri.startsWith('http')
      && got.template.uri.endsWith(`v2/template/${got.template.id}/version/${got.template.version}`),
    'template.uri should end v2/template/<id>/version/<version>', got.template.uri);
    expectTimestamp(got.created_at, 'created_at');
    expectEq(got.sent_at, null, 'sent_at');
    expectEq(got.completed_at, null, 'completed_at');
    expectEq(got.scheduled_for, null, 'scheduled_for');
    expectEq(got.one_click_unsubscribe_url, unsubscribe, 'one_click_unsubscribe_url');
  }

  checkPage(response, what) {
    expectStatus(response, 200, what);
    const page = response.data;
    expectKeys(page, ['notifications', 'links'], what, true);
    const { notifications, links } = page;
    expect(Array.isArray(notifications), `${what}: notifications is not a list`, page);
    expect(notifications.length <= PAGE_SIZE, `${what}: ${notifications.length} notifications on one page (Notify pages by ${PAGE_SIZE})`);
    expect(links && typeof links.current === 'string' && links.current.startsWith('http') && links.current.includes('/v2/notifications'),
      `${what}: links.current should be an absolute /v2/notifications URL`, links);
    if (notifications.length) {
      expect(typeof links.next === 'string' && links.next.includes('/v2/notifications'),
        `${what}: links.next is missing on a non-empty page`, links);
      expect(links.next.includes(`older_than=${notifications[notifications.length - 1].id}`),
        `${what}: links.next should carry older_than=<last id on the page>`, links);
    } else if ('next' in links) {
      this.warn('an empty notifications page still has links.next (GOV.UK Notify omits it)');
    }
    const stamps = notifications.map((n) => n.created_at);
    stamps.forEach((s) => expectTimestamp(s, `${what}: created_at`));
    const sorted = [...stamps].sort().reverse();
    expect(util.isDeepStrictEqual(stamps, sorted), `${what}: notifications are not newest first`, stamps.slice(0, 20));
    const ids = notifications.map((n) => n.id);
    expect(new Set(ids).size === ids.length, `${what}: a page repeats a notification`);
    return notifications;
  }

  async listIds(what, templateType, status, reference, olderThan) {
    const response = await this.client.getNotifications(templateType, status, reference, olderThan);
    return [this.checkPage(response, what).map((n) => n.id), response.data];
  }

  templateExpectations(kind) {
    if (kind === 'email') {
      return [this.args.emailTemplate, EMAIL_BODY, EMAIL_SUBJECT, { name: { required: true }, code: { required: true } }];
    }
    return [this.args.smsTemplate, SMS_BODY, null, { code: { required: true } }];
  }

  checkTemplate(template, kind, what) {
    const [id, body, subject, personalisation] = this.templateExpectations(kind);
    expectKeys(template, TEMPLATE_KEYS, what, true);
    expectEq(template.id, id, `${what} id`);
    expectEq(template.type, kind, `${what} type`);
    this.checkVersion(template.version, `${what} version`);
    expectEq(template.body, body, `${what} body (raw, with placeholders)`);
    expectEq(template.subject, subject, `${what} subject`);
    expect(typeof template.name === 'string' && template.name.length > 0, `${what} name: ${show(template.name)}`);
    expectEq(template.personalisation, personalisation, `${what} personalisation`);
    expectEq(template.postage, null, `${what} postage`);
    expectEq(template.letter_contact_block, null, `${what} letter_contact_block`);
    expectTimestamp(template.created_at, `${what} created_at`);
    if (template.updated_at !== null) expectTimestamp(template.updated_at, `${what} updated_at`);
    if (typeof template.created_by !== 'string') {
      this.warn(`template created_by is ${show(template.created_by)}; GOV.UK Notify gives the creator's email address`);
    }
  }

  async run() {
    const started = process.hrtime.bigint();
    const c = this.client;
    const { emailTemplate, smsTemplate } = this.args;

    await this.check('sendEmail', 'personalisation+reference+oneClickUnsubscribeURL', async () => {
      const unsubscribe = `https://example.com/unsubscribe?run=${this.runId}`;
      const response = await c.sendEmail(emailTemplate, 'someone@example.com', {
        personalisation: { name: 'Ann', code: '1234' },
        reference: this.ref('email'),
        oneClickUnsubscribeURL: unsubscribe,
      });
      this.ids.push(response.data.id);
      this.state.unsubscribe = unsubscribe;
      this.state.email = response.status === 201 ? response.data : null;
      this.checkCreated(response, 'email', emailTemplate, this.ref('email'),
        'Dear Ann,\n\nYour code is 1234.', 'Hello Ann', unsubscribe);
    });
    await this.check('sendEmail', 'personalisation only', async () => {
      const response = await c.sendEmail(emailTemplate, 'plain@example.com', { personalisation: { name: 'Bob', code: '42' } });
      this.ids.push(response.data.id);
      this.state.plain = response.status === 201 ? response.data : null;
      this.checkCreated(response, 'email', emailTemplate, null, 'Dear Bob,\n\nYour code is 42.', 'Hello Bob', null);
    });
    await this.check('prepareUpload', 'a file sent with sendEmail, downloaded from its link', async () => {
      const data = Buffer.from('name,amount\nAnn,12\n');
      const upload = c.prepareUpload(data, {
        filename: 'statement.csv', confirmEmailBeforeDownload: false, retentionPeriod: '2 weeks',
      });
      const response = await c.sendEmail(emailTemplate, 'file@example.com', { personalisation: { name: 'Ann', code: upload } });
      expectStatus(response, 201, 'POST /v2/notifications/email with a file');
      this.ids.push(response.data.id);
      const found = /https?:\/\/\S+\/d\/\S+/.exec(response.data.content.body);
      expect(found, 'the email carries a download link', response.data.content.body);
      const link = found[0].replace(/\.$/, '');
      const deadline = Date.now() + 15000;
      for (;;) {
        const got = await fetch(link);
        if (got.status === 200) {
          const body = Buffer.from(await got.arrayBuffer());
          expect(body.equals(data), 'downloaded file', body.toString());
          break;
        }
        // 404 until the documents worker has stored the file.
        expect(got.status === 404 && Date.now() < deadline, `download ${link} answered ${got.status}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    });
    await this.check('sendSms', 'personalisation+reference', async () => {
      const response = await c.sendSms(smsTemplate, '+447700900123', { personalisation: { code: '9876' }, reference: this.ref('sms') });
      this.ids.push(response.data.id);
      this.state.sms = response.status === 201 ? response.data : null;
      this.checkCreated(response, 'sms', smsTemplate, this.ref('sms'), 'Your code is 9876');
    });

    await this.check('getNotificationById', 'email', async () => {
      const sent = this.need('email', 'sendEmail');
      const response = await c.getNotificationById(sent.id);
      expectStatus(response, 200, 'GET /v2/notifications/{id}');
      this.state.emailGot = response.data;
      this.checkNotification(response.data, sent, 'email', 'someone@example.com', 'Dear Ann,\n\nYour code is 1234.',
        'Hello Ann', this.ref('email'), this.state.unsubscribe);
    });
    await this.check('getNotificationById', 'email without options', async () => {
      const sent = this.need('plain', 'sendEmail without options');
      const response = await c.getNotificationById(sent.id);
      expectStatus(response, 200, 'GET /v2/notifications/{id}');
      this.checkNotification(response.data, sent, 'email', 'plain@example.com', 'Dear Bob,\n\nYour code is 42.', 'Hello Bob', null, null);
    });
    await this.check('getNotificationById', 'sms', async () => {
      const sent = this.need('sms', 'sendSms');
      const response = await c.getNotificationById(sent.id);
      expectStatus(response, 200, 'GET /v2/notifications/{id}');
      this.checkNotification(response.data, sent, 'sms', '+447700900123', 'Your code is 9876', null, this.ref('sms'), null);
    });
    await this.check('getNotificationById', 'unknown id -> 404', () => expectHttpError(
      () => c.getNotificationById(crypto.randomUUID()), 404, [['NoResultFound', 'No result found']], 'unknown notification id'));

    await this.check('sendEmail', `${Math.max(this.args.pageCount, 5)} more with one reference`, async () => {
      const count = Math.max(this.args.pageCount, 5);
      const bulk = [];
      const t0 = process.hrtime.bigint();
      for (let n = 0; n < count; n += 1) {
        const response = await c.sendEmail(emailTemplate, `user${n}@example.com`, {
          personalisation: { name: `User ${n}`, code: String(n) }, reference: this.ref('bulk'),
        });
        expectStatus(response, 201, 'POST /v2/notifications/email');
        bulk.push(response.data.id);
        this.ids.push(response.data.id);
      }
      this.timings.loop_seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      this.state.bulk = bulk;
    });

    await this.check('getNotifications', 'every notification sent gets listed', async () => {
      const bulk = this.need('bulk', 'sending the emails to page through');
      await c.getNotificationById(bulk[bulk.length - 1]);
      const t0 = Date.now();
      for (;;) {
        const [ids] = await this.listIds('reference (bulk)', undefined, undefined, this.ref('bulk'));
        const have = new Set(ids);
        const shown = bulk.slice(-PAGE_SIZE).filter((id) => have.has(id)).length;
        const wanted = Math.min(bulk.length, PAGE_SIZE);
        if (shown === wanted) break;
        if (Date.now() - t0 > 15000) throw new CheckFailed(`after 15s only ${shown} of the newest ${wanted} emails sent are listed`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      this.timings.list_visible_after_seconds = (Date.now() - t0) / 1000;
    });
    await this.check('getNotifications', 'reference', async () => {
      const sent = this.need('email', 'sendEmail');
      const [ids, page] = await this.listIds('reference', undefined, undefined, this.ref('email'));
      expectEq(ids, [sent.id], 'notifications with the email reference');
      if (this.state.emailGot) {
        // Notify's list serialises without the cost fields GET by id adds
        // (serialize vs serialize_with_cost_data).
        const { is_cost_data_ready, cost_in_pounds, cost_details, ...listed } = this.state.emailGot;
        expectEq(page.notifications[0], listed, 'the listed notification (should be what GET by id returns, without its cost fields)');
      }
      expect(page.links.current.includes('reference='), 'links.current should repeat the query (reference=...)', page.links);
      const [none] = await this.listIds('unused reference', undefined, undefined, this.ref('nothing'));
      expectEq(none, [], 'notifications with an unused reference');
    });
    await this.check('getNotifications', 'templateType', async () => {
      const sms = this.need('sms', 'sendSms');
      const response = await c.getNotifications('sms');
      const notifications = this.checkPage(response, 'template_type=sms');
      expect(notifications.length > 0, 'template_type=sms gave no notifications');
      expectEq([...new Set(notifications.map((n) => n.type))], ['sms'], 'types listed with template_type=sms');
      let [ids] = await this.listIds('template_type=sms&reference', 'sms', undefined, this.ref('sms'));
      expectEq(ids, [sms.id], 'sms notifications with the sms reference');
      [ids] = await this.listIds('template_type=email&reference(sms)', 'email', undefined, this.ref('sms'));
      expectEq(ids, [], 'email notifications with the sms reference');
    });
    await this.check('getNotifications', 'status', async () => {
      const sent = this.need('email', 'sendEmail');
      const response = await c.getNotifications(undefined, 'created');
      const notifications = this.checkPage(response, 'status=created');
      expect(notifications.length > 0, 'status=created gave no notifications');
      expectEq([...new Set(notifications.map((n) => n.status))], ['created'], 'statuses listed with status=created');
      let [ids] = await this.listIds('status=created&reference', undefined, 'created', this.ref('email'));
      expectEq(ids, [sent.id], 'status=created with the email reference');
      [ids] = await this.listIds('status=delivered&reference', undefined, 'delivered', this.ref('email'));
      expectEq(ids, [], 'status=delivered with the email reference (nothing is delivered)');
    });
    await this.check('getNotifications', 'olderThan', async () => {
      const bulk = this.need('bulk', 'sending the emails to page through');
      const k = Math.floor(bulk.length / 2);
      let [ids, page] = await this.listIds('older_than', undefined, undefined, this.ref('bulk'), bulk[k]);
      expect(!ids.includes(bulk[k]), 'olderThan=<id> listed that notification itself');
      expectEq(ids.slice(0, 2), [bulk[k - 1], bulk[k - 2]], 'the first notifications older than the middle one');
      expect(page.links.current.includes(`older_than=${bulk[k]}`), 'links.current should repeat older_than', page.links);
      [ids] = await this.listIds('older_than=oldest', undefined, undefined, this.ref('bulk'), bulk[0]);
      expectEq(ids, [], 'notifications older than the oldest one sent with this reference');
      [ids] = await this.listIds('older_than=unknown', undefined, undefined, undefined, crypto.randomUUID());
      expectEq(ids, [], 'olderThan=<unknown id> (GOV.UK Notify: an empty list)');
    });
    await this.check('getNotifications', 'paging with olderThan through every page', async () => {
      const bulk = this.need('bulk', 'sending the emails to page through');
      const seen = [];
      const sizes = [];
      let olderThan;
      for (let guard = 0; guard < 1000; guard += 1) {
        const response = await c.getNotifications(undefined, undefined, this.ref('bulk'), olderThan);
        const notifications = this.checkPage(response, `page ${sizes.length + 1}`);
        sizes.push(notifications.length);
        if (!notifications.length) break;
        seen.push(...notifications.map((n) => n.id));
        // What the python iterator does: the next older_than is the UUID in links.next.
        const match = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i.exec(response.data.links.next);
        expect(match, 'links.next carries no UUID', response.data.links);
        olderThan = match[0];
      }
      expectEq(seen, [...bulk].reverse(), `notifications paged through (pages of ${show(sizes)})`);
      const full = Math.floor(bulk.length / PAGE_SIZE);
      const rest = bulk.length % PAGE_SIZE;
      expectEq(sizes, [...Array(full).fill(PAGE_SIZE), ...(rest ? [rest] : []), 0], 'page sizes');
      this.timings.pages = sizes;
    });

    for (const kind of ['email', 'sms']) {
      await this.check('getTemplateById', kind, async () => {
        const response = await c.getTemplateById(this.templateExpectations(kind)[0]);
        expectStatus(response, 200, 'GET /v2/template/{id}');
        this.state[`template_${kind}`] = response.data;
        this.checkTemplate(response.data, kind, `${kind} template`);
        if (this.state[kind]) {
          expectEq(response.data.version, this.state[kind].template.version, `${kind} template version vs the 201 of the send`);
        }
        this.state[`template_${kind}`] = response.data;
      });
    }
    await this.check('getTemplateById', 'unknown -> 404', () => expectHttpError(
      () => c.getTemplateById(crypto.randomUUID()), 404, [['NoResultFound', 'No result found']], 'unknown template id'));
    for (const kind of ['email', 'sms']) {
      await this.check('getTemplateByIdAndVersion', kind, async () => {
        const template = this.need(`template_${kind}`, `getTemplateById(${kind})`);
        const response = await c.getTemplateByIdAndVersion(template.id, template.version);
        expectStatus(response, 200, 'GET /v2/template/{id}/version/{v}');
        this.checkTemplate(response.data, kind, `${kind} template version ${template.version}`);
        expectEq(response.data, template, `${kind} template at its latest version vs getTemplateById`);
      });
    }
    await this.check('getTemplateByIdAndVersion', 'unknown version -> 404', async () => {
      const template = this.need('template_email', 'getTemplateById(email)');
      await expectHttpError(() => c.getTemplateByIdAndVersion(template.id, template.version + 100), 404,
        [['NoResultFound', 'No result found']], 'a version that does not exist');
    });
    await this.check('getAllTemplates', 'no type', async () => {
      const response = await c.getAllTemplates();
      expectStatus(response, 200, 'GET /v2/templates');
      expectKeys(response.data, ['templates'], 'GET /v2/templates', true);
      const byId = new Map(response.data.templates.map((t) => [t.id, t]));
      for (const kind of ['email', 'sms']) {
        const id = this.templateExpectations(kind)[0];
        expect(byId.has(id), `the ${kind} template is not listed`, [...byId.keys()]);
        this.checkTemplate(byId.get(id), kind, `listed ${kind} template`);
      }
    });
    await this.check('getAllTemplates', 'templateType', async () => {
      for (const [kind, other] of [['email', 'sms'], ['sms', 'email']]) {
        const response = await c.getAllTemplates(kind);
        expectStatus(response, 200, `GET /v2/templates?type=${kind}`);
        expectKeys(response.data, ['templates'], `GET /v2/templates?type=${kind}`, true);
        const templates = response.data.templates;
        expectEq([...new Set(templates.map((t) => t.type))], [kind], `types listed with type=${kind}`);
        const ids = templates.map((t) => t.id);
        expect(ids.includes(this.templateExpectations(kind)[0]), `the ${kind} template is not listed for type=${kind}`);
        expect(!ids.includes(this.templateExpectations(other)[0]), `the ${other} template is listed for type=${kind}`);
      }
    });
    for (const kind of ['email', 'sms']) {
      await this.check('previewTemplateById', kind, async () => {
        const id = this.templateExpectations(kind)[0];
        const [personalisation, body, subject] = kind === 'email'
          ? [{ name: 'Ann', code: '1234' }, 'Dear Ann,\n\nYour code is 1234.', 'Hello Ann']
          : [{ code: '9876' }, 'Your code is 9876', null];
        const response = await c.previewTemplateById(id, personalisation);
        expectStatus(response, 200, 'POST /v2/template/{id}/preview');
        const got = response.data;
        expectKeys(got, PREVIEW_KEYS, `${kind} preview`, true);
        expectEq(got.id, id, 'preview id');
        expectEq(got.type, kind, 'preview type');
        this.checkVersion(got.version, 'preview version');
        expectEq(got.body, body, 'preview body (rendered)');
        expectEq(got.subject, subject, 'preview subject');
        expectEq(got.postage, null, 'preview postage');
        if (kind === 'email') {
          expect(typeof got.html === 'string' && got.html.includes('Dear Ann,') && got.html.includes('1234'),
            'email preview html should be a string with the rendered body', got.html);
        } else {
          expectEq(got.html, null, 'sms preview html');
        }
      });
    }
    await this.check('previewTemplateById', 'missing personalisation -> 400', () => expectHttpError(
      () => c.previewTemplateById(emailTemplate, { name: 'Ann' }), 400,
      [['BadRequestError', 'Missing personalisation: code']], 'preview without `code`'));
    await this.check('previewTemplateById', 'no personalisation (sends {}) -> 400', () => expectHttpError(
      () => c.previewTemplateById(smsTemplate), 400,
      [['BadRequestError', 'Missing personalisation: code']], 'preview with no personalisation'));

    await this.check('getReceivedTexts', `${this.args.receivedTexts} texts`, async () => {
      const response = await c.getReceivedTexts();
      expectStatus(response, 200, 'GET /v2/received-text-messages');
      expectKeys(response.data, ['received_text_messages', 'links'], 'GET /v2/received-text-messages', true);
      const texts = response.data.received_text_messages;
      expectEq(texts.length, Math.min(this.args.receivedTexts, PAGE_SIZE), 'received texts on the first page');
      for (const text of texts) {
        expectKeys(text, RECEIVED_TEXT_KEYS, 'received text', true);
        expectEq(text.service_id, this.serviceId, 'received text service_id');
        expect(TIMESTAMP.test(text.created_at), 'received text created_at is not a Notify timestamp', text.created_at);
      }
      const links = response.data.links;
      expect(links && typeof links.current === 'string' && links.current.includes('/v2/received-text-messages'),
        'links.current should be the /v2/received-text-messages URL', links);
      if (texts.length) {
        expect(typeof links.next === 'string' && links.next.includes(texts[texts.length - 1].id),
          'links.next should page on from the last text', links);
        const older = await c.getReceivedTexts(texts[0].id);
        expectEq(older.data.received_text_messages.map((t) => t.id), texts.slice(1).map((t) => t.id),
          'received texts older than the newest');
      }
      const unknown = await c.getReceivedTexts(crypto.randomUUID());
      expectStatus(unknown, 200, 'GET /v2/received-text-messages?older_than=');
      expectEq(unknown.data.received_text_messages, [], 'received_text_messages older than an unknown id');
    });

    if (this.args.letterTemplate) {
      await this.check('sendLetter', 'address+personalisation+reference', async () => {
        const personalisation = { name: 'Jo', day: 'Tuesday' };
        LETTER_ADDRESS.forEach((line, i) => { personalisation[`address_line_${i + 1}`] = line; });
        const reference = this.ref('letter');
        const response = await c.sendLetter(this.args.letterTemplate, { personalisation, reference });
        expectStatus(response, 201, 'POST /v2/notifications/letter');
        expectKeys(response.data, CREATED_KEYS, 'letter 201 body');
        expectEq(response.data.reference, reference, 'reference');
        expectKeys(response.data.content, ['body', 'subject'], 'letter content', true);
        expectEq(response.data.content.subject, 'Your appointment, Jo', 'content.subject');
        const got = (await c.getNotificationById(response.data.id)).data;
        expectEq([got.type, got.status, got.postage], ['letter', 'accepted', 'second'], 'letter type, status, postage');
        expectEq([got.line_1, got.line_2, got.line_3, got.postcode], LETTER_ADDRESS, 'address lines');
        expect(TIMESTAMP.test(got.estimated_delivery), 'estimated_delivery is not a Notify timestamp', got.estimated_delivery);
        this.state.letter = response.data;
      });
      await this.check('getPdfForLetterNotification', 'templated letter (retry on PDFNotReadyError)', async () => {
        const letter = this.need('letter', 'sendLetter');
        const pdf = await this.pdfWhenReady(letter.id, 'templated letter PDF');
        expect(Buffer.isBuffer(pdf) && pdf.subarray(0, 4).toString() === '%PDF', 'the PDF should start with %PDF');
        for (const line of LETTER_ADDRESS) expect(pdf.includes(line), `the PDF should contain ${show(line)}`);
        this.state.pdf = pdf;
      });
      await this.check('getPdfForLetterNotification', 'not a letter -> 400', async () => {
        const email = this.need('email', 'sendEmail');
        await expectHttpError(() => c.getPdfForLetterNotification(email.id), 400,
          [['BadRequestError', 'Notification is not a letter']], 'PDF of an email');
      });
      await this.check('sendPrecompiledLetter', 'postage first, byte for byte', async () => {
        const pdf = this.need('pdf', 'getPdfForLetterNotification');
        const reference = this.ref('precompiled');
        const response = await c.sendPrecompiledLetter(reference, pdf, 'first');
        expectStatus(response, 201, 'POST /v2/notifications/letter (precompiled)');
        expectKeys(response.data, ['id', 'reference', 'postage'], 'precompiled 201 body', true);
        expectEq([response.data.reference, response.data.postage], [reference, 'first'], 'reference, postage');
        const stored = await this.pdfWhenReady(response.data.id, 'precompiled letter PDF');
        expect(stored.equals(pdf), 'the precompiled PDF should come back byte for byte');
        await expectHttpError(() => c.sendPrecompiledLetter(reference, Buffer.from('not a pdf')), 400,
          [['BadRequestError', 'Letter content is not a valid PDF']], 'non-PDF content');
      });
    }

    await this.check('errors', '400 bad email address', () => expectHttpError(
      () => c.sendEmail(emailTemplate, 'not-an-email', { personalisation: { name: 'Ann', code: '1' } }), 400,
      [['ValidationError', 'email_address Not a valid email address']], 'bad email address'));
    await this.check('errors', '400 missing personalisation', () => expectHttpError(
      () => c.sendSms(smsTemplate, '+447700900123', {}), 400,
      [['BadRequestError', 'Missing personalisation: code']], 'sms without personalisation'));
    await this.check('errors', '400 template not found', () => expectHttpError(
      () => c.sendEmail(crypto.randomUUID(), 'someone@example.com', { personalisation: { name: 'A', code: '1' } }), 400,
      [['BadRequestError', 'Template not found']], 'unknown template'));
    await this.check('errors', 'options the client rejects itself', async () => {
      let rejected = null;
      try { await c.sendEmail(emailTemplate, 'someone@example.com', { nonsense: 1 }); } catch (error) { rejected = error; }
      expect(rejected && !rejected.response && /not recognised/.test(rejected.message),
        'sendEmail with an unknown option should be rejected by the client before any request', rejected && rejected.message);
    });
    await this.check('errors', '403 bad API key', async () => {
      const wrongSecret = new NotifyClient(this.args.baseUrl, `bad-${this.serviceId}-${crypto.randomUUID()}`);
      await expectHttpError(() => wrongSecret.sendEmail(emailTemplate, 'someone@example.com',
        { personalisation: { name: 'Ann', code: '1' } }), 403,
      [['AuthError', 'Invalid token: API key not found']], 'key with a wrong secret');
      const unknownService = new NotifyClient(this.args.baseUrl, `bad-${crypto.randomUUID()}-${crypto.randomUUID()}`);
      await expectHttpError(() => unknownService.getNotificationById(crypto.randomUUID()), 403,
        [['AuthError', 'Invalid token: service not found']], 'key of an unknown service');
    });

    const passed = [];
    const failed = {};
    for (const [method, checks] of this.results) {
      const bad = checks.filter(([, why]) => why !== null);
      if (bad.length) failed[method] = Object.fromEntries(bad);
      else passed.push(method);
    }
    const methods = Object.keys(NotifyClient.prototype).filter((name) => typeof NotifyClient.prototype[name] === 'function');
    for (const name of methods) {
      if (!this.results.has(name) && !(name in this.skipped)) {
        this.record(name, 'coverage', 'this client method is not exercised (new in the client?)');
        failed[name] = { coverage: 'not exercised' };
      }
    }
    const all = [...this.results.values()].flat();
    const summary = {
      client: 'notifications-node-client',
      version: require('notifications-node-client/package.json').version,
      ok: Object.keys(failed).length === 0,
      passed,
      failed,
      skipped: this.skipped,
      checks: { passed: all.filter(([, why]) => why === null).length, failed: all.filter(([, why]) => why !== null).length },
      warnings: this.warnings,
      sent: this.ids.length,
      ids: this.ids,
      loop_seconds: this.timings.loop_seconds === undefined ? null : Number(this.timings.loop_seconds.toFixed(3)),
      list_visible_after_seconds: this.timings.list_visible_after_seconds === undefined ? null : this.timings.list_visible_after_seconds,
      pages: this.timings.pages || null,
      total_seconds: Number((Number(process.hrtime.bigint() - started) / 1e9).toFixed(3)),
    };
    console.log(JSON.stringify(summary));
    if (!summary.ok) console.error(`FAILED: ${Object.keys(failed).sort().join(', ')}`);
    return summary.ok ? 0 : 1;
  }
}

new Run(parseArgs(process.argv.slice(2))).run().then(
  (code) => { process.exitCode = code; },
  (error) => { console.error(`FAIL harness: ${error && error.stack}`); process.exitCode = 1; },
);
