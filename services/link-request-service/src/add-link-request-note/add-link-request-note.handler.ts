import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@rosterlink/auth';
import { Topics } from '@rosterlink/contracts';
import { OutboxPublisher } from '@rosterlink/messaging';
import { Clock } from '@rosterlink/platform';
import { LinkRequestNoteRecord, LinkRequestRepository } from '../link-request/link-request.repository';
import { callerOf, noteAddedNote, noteRefusal, requestNotFound } from '../link-request/link-request.rules';
import { refusalException } from '../link-request/refusal-exception';
import type { LinkRequestNoteView } from '@rosterlink/contracts';
import { linkRequestNoteView } from '../view-link-requests/link-request.view';

export interface AddNoteCommand {
  requestId: string;
  text: string;
  user: AuthenticatedUser;
}

/**
 * Back office adds an internal note to a request, open or decided. One transaction: the note, its
 * history row (naming the note, never its text) and `link-request.note-added.v1` (which carries
 * no text either: it may hold PHI).
 */
@Injectable()
export class AddLinkRequestNote {
  constructor(
    private readonly dataSource: DataSource,
    private readonly requests: LinkRequestRepository,
    private readonly outbox: OutboxPublisher,
    private readonly clock: Clock,
  ) {}

  async execute({ requestId, text, user }: AddNoteCommand): Promise<LinkRequestNoteView> {
    const invalid = noteRefusal(text);
    if (invalid) throw refusalException(invalid);
    const author = callerOf(user);
    const now = this.clock.now();
    return this.dataSource.transaction(async (tx) => {
      const request = await this.requests.lockForWork(tx, requestId);
      if (!request) throw refusalException(requestNotFound(requestId));
      const note: LinkRequestNoteRecord = {
        noteId: randomUUID(),
        requestId,
        authorId: author.id,
        authorName: author.name,
        text: text.trim(),
        createdAt: now,
      };
      await this.requests.addNote(tx, note, {
        at: now,
        actor: author.id,
        action: 'NOTE_ADDED',
        fromStatus: null,
        toStatus: null,
        note: noteAddedNote(note.noteId),
      });
      await this.outbox.publish(tx, Topics.LinkRequestNoteAdded, {
        requestId,
        pidsl: request.pidsl,
        noteId: note.noteId,
        by: author.id,
        at: now.toISOString(),
      });
      return linkRequestNoteView(note);
    });
  }
}
