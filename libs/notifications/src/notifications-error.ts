import { DomainError } from '@parcours/core';

export class NotDeadLetterError extends DomainError {
  constructor() {
    super('NOT_DEAD_LETTER', 'Only a dead message can be retried; this one is waiting, sent or skipped.', ['input', 'messageId']);
  }
}
