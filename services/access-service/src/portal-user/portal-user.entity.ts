import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Someone who signs in to the provider portal (or was granted access before they did). */
@Entity({ name: 'portal_users' })
export class PortalUser {
  @PrimaryColumn('text', { name: 'user_id' }) userId: string;
  /** As their token last gave it; until they sign in, as the grant gave it, or their user id. */
  @Column('text') name: string;
  @Column('text', { nullable: true }) email: string | null;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
}
