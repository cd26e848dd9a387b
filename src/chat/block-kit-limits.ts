/**
 * Slack's documented limits on Block Kit and on the Web API methods Redress calls, as a pure check:
 * what a call breaks, each as `path: what, at most N`. Lengths count UTF-16 code units, never fewer than the
 * characters Slack counts, so what passes here fits there.
 * Sources: docs.slack.dev reference pages for modal views, the blocks and elements used here, the text and
 * option objects, and chat.postMessage.
 */

/** Methods that post or change a message, and those that open or change a view. */
const MESSAGE_METHODS = new Set([
  'chat.postMessage',
  'chat.update',
  'chat.postEphemeral',
  'chat.scheduleMessage',
]);
const VIEW_METHODS = new Set(['views.open', 'views.update', 'views.push', 'views.publish']);

export const LIMITS = {
  messageText: 40_000,
  messageBlocks: 50,
  viewBlocks: 100,
  viewTitle: 24,
  viewButton: 24,
  privateMetadata: 3000,
  callbackId: 255,
  blockId: 255,
  actionId: 255,
  text: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  url: 3000,
  selectOptions: 100,
  choiceOptions: 10,
  optionText: 75,
  optionValue: 150,
  label: 2000,
  hint: 2000,
  placeholder: 150,
  inputMaxLength: 3000,
  /** A `file_input` takes 1 to 10 files. */
  maxFiles: 10,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
} as const;

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null;
const length = (text: string) => text.length;

/** Collects violations while walking one message or view. */
class Walk {
  readonly violations: string[] = [];
  private readonly blockIds = new Set<string>();

  add(path: string, what: string) {
    this.violations.push(`${path}: ${what}`);
  }

  string(path: string, value: unknown, max: number) {
    if (value === undefined) return;
    if (typeof value !== 'string') return this.add(path, 'not a string');
    const n = length(value);
    if (n > max) this.add(path, `${n} characters, at most ${max}`);
  }

  /** A text object: plain_text or mrkdwn, never empty. */
  text(path: string, value: unknown, max: number = LIMITS.text, plainOnly = false) {
    if (!isObject(value)) return this.add(path, 'missing text object');
    if (value.type !== 'plain_text' && (plainOnly || value.type !== 'mrkdwn'))
      return this.add(
        `${path}.type`,
        `${String(value.type)}, must be plain_text${plainOnly ? '' : ' or mrkdwn'}`,
      );
    if (typeof value.text !== 'string' || value.text.length === 0) return this.add(`${path}.text`, 'empty');
    this.string(`${path}.text`, value.text, max);
  }

  count(path: string, items: unknown, max: number, noun: string, min = 0) {
    if (!Array.isArray(items)) return this.add(path, `missing ${noun}`);
    if (items.length > max) this.add(path, `${items.length} ${noun}, at most ${max}`);
    if (items.length < min) this.add(path, `${items.length} ${noun}, at least ${min}`);
  }

  blocks(path: string, blocks: unknown, max: number) {
    if (blocks === undefined) return;
    if (!Array.isArray(blocks)) return this.add(path, 'not an array');
    this.count(path, blocks, max, 'blocks');
    blocks.forEach((block, i) => {
      this.block(`${path}[${i}]`, block);
    });
  }

  block(path: string, block: unknown) {
    if (!isObject(block)) return this.add(path, 'not a block');
    if (block.block_id !== undefined) {
      this.string(`${path}.block_id`, block.block_id, LIMITS.blockId);
      const id = String(block.block_id);
      if (this.blockIds.has(id)) this.add(`${path}.block_id`, `"${id}" is used by another block`);
      this.blockIds.add(id);
    }
    const actionIds = new Set<string>();
    const element = (elementPath: string, value: unknown) => {
      this.element(elementPath, value);
      if (!isObject(value) || value.action_id === undefined) return;
      const id = String(value.action_id);
      if (actionIds.has(id))
        this.add(`${elementPath}.action_id`, `"${id}" is used by another element of the block`);
      actionIds.add(id);
    };
    switch (block.type) {
      case 'section':
        if (block.text === undefined && block.fields === undefined) this.add(path, 'neither text nor fields');
        if (block.text !== undefined) this.text(`${path}.text`, block.text);
        if (block.fields !== undefined) {
          this.count(`${path}.fields`, block.fields, LIMITS.sectionFields, 'fields', 1);
          if (Array.isArray(block.fields))
            block.fields.forEach((f, i) => {
              this.text(`${path}.fields[${i}]`, f, LIMITS.fieldText);
            });
        }
        if (block.accessory !== undefined) element(`${path}.accessory`, block.accessory);
        return;
      case 'header':
        return this.text(`${path}.text`, block.text, LIMITS.headerText, true);
      case 'context':
        this.count(`${path}.elements`, block.elements, LIMITS.contextElements, 'elements', 1);
        if (Array.isArray(block.elements))
          block.elements.forEach((e, i) => {
            if (isObject(e) && e.type === 'image') return;
            this.text(`${path}.elements[${i}]`, e);
          });
        return;
      case 'actions':
        this.count(`${path}.elements`, block.elements, LIMITS.actionsElements, 'elements', 1);
        if (Array.isArray(block.elements))
          block.elements.forEach((e, i) => {
            element(`${path}.elements[${i}]`, e);
          });
        return;
      case 'input':
        this.text(`${path}.label`, block.label, LIMITS.label, true);
        if (block.hint !== undefined) this.text(`${path}.hint`, block.hint, LIMITS.hint, true);
        return element(`${path}.element`, block.element);
      case 'divider':
      case 'image':
        return;
      default:
        return this.add(`${path}.type`, `unknown block type ${String(block.type)}`);
    }
  }

  element(path: string, e: unknown) {
    if (!isObject(e)) return this.add(path, 'not an element');
    this.string(`${path}.action_id`, e.action_id, LIMITS.actionId);
    if (e.placeholder !== undefined)
      this.text(`${path}.placeholder`, e.placeholder, LIMITS.placeholder, true);
    switch (e.type) {
      case 'button':
        this.text(`${path}.text`, e.text, LIMITS.buttonText, true);
        this.string(`${path}.value`, e.value, LIMITS.buttonValue);
        this.string(`${path}.url`, e.url, LIMITS.url);
        if (e.confirm !== undefined) this.confirm(`${path}.confirm`, e.confirm);
        return;
      case 'file_input': {
        const n = e.max_files;
        if (
          n !== undefined &&
          (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > LIMITS.maxFiles)
        )
          this.add(`${path}.max_files`, `${String(n)}, must be from 1 to ${LIMITS.maxFiles}`);
        if (
          e.filetypes !== undefined &&
          !(Array.isArray(e.filetypes) && e.filetypes.every((f) => typeof f === 'string' && f.length > 0))
        )
          this.add(`${path}.filetypes`, 'must be a list of file extensions');
        return;
      }
      case 'static_select':
      case 'multi_static_select':
        this.options(path, e, LIMITS.selectOptions, true);
        return;
      case 'checkboxes':
      case 'radio_buttons':
        this.options(path, e, LIMITS.choiceOptions, false);
        return;
      case 'plain_text_input':
        for (const key of ['max_length', 'min_length'] as const) {
          const n = e[key];
          if (n === undefined) continue;
          const min = key === 'max_length' ? 1 : 0;
          if (typeof n !== 'number' || n < min || n > LIMITS.inputMaxLength)
            this.add(`${path}.${key}`, `${String(n)}, must be from ${min} to ${LIMITS.inputMaxLength}`);
        }
        if (typeof e.initial_value === 'string' && typeof e.max_length === 'number')
          this.string(`${path}.initial_value`, e.initial_value, e.max_length);
        return;
      default:
        return;
    }
  }

  /** A confirmation dialog: plain text title, text and buttons, each within its limit. */
  confirm(path: string, c: unknown) {
    if (!isObject(c)) return this.add(path, 'not a confirmation dialog');
    this.text(`${path}.title`, c.title, LIMITS.confirmTitle, true);
    this.text(`${path}.text`, c.text, LIMITS.confirmText);
    this.text(`${path}.confirm`, c.confirm, LIMITS.confirmButton, true);
    this.text(`${path}.deny`, c.deny, LIMITS.confirmButton, true);
  }

  options(path: string, e: Json, max: number, plainOnly: boolean) {
    this.count(`${path}.options`, e.options, max, 'options', 1);
    if (!Array.isArray(e.options)) return;
    const values = new Set<string>();
    e.options.forEach((o, i) => {
      this.option(`${path}.options[${i}]`, o, plainOnly);
      if (!isObject(o)) return;
      const value = String(o.value);
      if (values.has(value)) this.add(`${path}.options[${i}].value`, `"${value}" is used by another option`);
      values.add(value);
    });
    if (e.initial_option !== undefined) this.option(`${path}.initial_option`, e.initial_option, plainOnly);
  }

  option(path: string, o: unknown, plainOnly: boolean) {
    if (!isObject(o)) return this.add(path, 'not an option');
    this.text(`${path}.text`, o.text, LIMITS.optionText, plainOnly);
    if (typeof o.value !== 'string' || o.value.length === 0) this.add(`${path}.value`, 'empty');
    else this.string(`${path}.value`, o.value, LIMITS.optionValue);
    if (o.description !== undefined)
      this.text(`${path}.description`, o.description, LIMITS.optionText, plainOnly);
  }

  view(path: string, view: unknown) {
    if (!isObject(view)) return this.add(path, 'missing view');
    if (view.type === 'modal') {
      this.text(`${path}.title`, view.title, LIMITS.viewTitle, true);
      for (const key of ['submit', 'close'] as const)
        if (view[key] !== undefined) this.text(`${path}.${key}`, view[key], LIMITS.viewButton, true);
      const hasInput =
        Array.isArray(view.blocks) && view.blocks.some((b) => isObject(b) && b.type === 'input');
      if (hasInput && view.submit === undefined)
        this.add(`${path}.submit`, 'missing, and the view has inputs');
    } else if (view.type !== 'home') this.add(`${path}.type`, `${String(view.type)}, must be modal or home`);
    this.string(`${path}.private_metadata`, view.private_metadata, LIMITS.privateMetadata);
    this.string(`${path}.callback_id`, view.callback_id, LIMITS.callbackId);
    this.blocks(`${path}.blocks`, view.blocks, LIMITS.viewBlocks);
  }
}

/** Whether a method is one whose blocks or view this module checks. */
export function isCheckedMethod(method: string): boolean {
  return MESSAGE_METHODS.has(method) || VIEW_METHODS.has(method);
}

/** Whether the method takes a view (refused as `invalid_arguments`) rather than message blocks (`invalid_blocks`). */
export function isViewMethod(method: string): boolean {
  return VIEW_METHODS.has(method);
}

/** Every limit a Web API call breaks, each naming its path, e.g. `blocks[2].fields: 11 fields, at most 10`. */
export function blockKitViolations(method: string, args: Record<string, unknown>): string[] {
  const walk = new Walk();
  if (MESSAGE_METHODS.has(method)) {
    walk.string('text', args.text, LIMITS.messageText);
    walk.blocks('blocks', args.blocks, LIMITS.messageBlocks);
  } else if (VIEW_METHODS.has(method)) {
    walk.view('view', args.view);
  }
  return walk.violations;
}

/** Every limit a list of message blocks breaks, as a message would carry them. */
export function messageViolations(blocks: unknown, text?: string): string[] {
  return blockKitViolations('chat.postMessage', { text, blocks });
}

/** Every limit a view breaks, as views.open would receive it. */
export function viewViolations(view: unknown): string[] {
  return blockKitViolations('views.open', { view });
}

/**
 * Every limit an answer to a view_submission breaks: the view of `response_action: update | push` is checked as
 * views.update would check it; `errors` must name input blocks of the submitted form, when it is known.
 */
export function viewAnswerViolations(answer: unknown, submittedView?: unknown): string[] {
  if (!isObject(answer)) return [];
  const action = answer.response_action;
  if (action === 'update' || action === 'push') return blockKitViolations(`views.${action}`, answer);
  if (action !== 'errors')
    return action === undefined || action === 'clear' ? [] : [`response_action: ${String(action)}`];
  if (!isObject(answer.errors)) return ['errors: missing'];
  const inputs =
    isObject(submittedView) && Array.isArray(submittedView.blocks)
      ? new Set(
          submittedView.blocks
            .filter((b) => isObject(b) && b.type === 'input')
            .map((b) => String(b.block_id)),
        )
      : null;
  const violations: string[] = [];
  for (const [blockId, message] of Object.entries(answer.errors)) {
    if (typeof message !== 'string' || message.length === 0) violations.push(`errors.${blockId}: empty`);
    if (inputs && !inputs.has(blockId))
      violations.push(`errors.${blockId}: no input block of the form has this id`);
  }
  return violations;
}
