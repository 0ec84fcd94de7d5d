import { Text } from './text-field';
import type { Page } from '@parcours/unit-of-work';
import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import type { Type } from '@nestjs/common';
import { IsOptional, Max, Min } from 'class-validator';

@ObjectType()
export class PageInfo {
  @Field() hasNextPage: boolean;
  @Field() hasPreviousPage: boolean;
  @Field(() => String, { nullable: true }) startCursor: string | null;
  @Field(() => String, { nullable: true }) endCursor: string | null;
}

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true, description: 'Page size, 1 to 100 (default 20).' })
  @IsOptional()
  @Min(1)
  @Max(100)
  first?: number;

  @Text(2000, { nullable: true, description: 'Cursor after which the page starts: one the list gave.' })
  @IsOptional()
  after?: string;
}

export interface ConnectionShape<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  /** A getter: counted (one COUNT) only when the query selects it. */
  readonly totalCount: Promise<number>;
}

/** A Relay connection of T with its total count: `class UserConnection extends Connection(UserNode, 'User') {}`. */
export function Connection<T>(nodeType: Type<T>, nodeName: string) {
  @ObjectType(`${nodeName}Edge`)
  class Edge {
    @Field() cursor: string;
    @Field(() => nodeType) node: T;
  }

  @ObjectType({ isAbstract: true })
  abstract class ConnectionType implements ConnectionShape<T> {
    @Field(() => [Edge]) edges: Edge[];
    @Field(() => PageInfo) pageInfo: PageInfo;
    @Field(() => Int, { description: 'How many nodes match, over all pages.' }) totalCount: Promise<number>;
  }
  return ConnectionType;
}

/** Maps a page (ScopedReads.findByCursor) onto a connection. */
export function toConnection<E extends object, T>(page: Page<E>, toNode: (entity: E) => T): ConnectionShape<T> {
  const edges = page.items.map((entity) => ({ cursor: page.from(entity), node: toNode(entity) }));
  return {
    edges,
    pageInfo: {
      hasNextPage: page.hasNextPage ?? false,
      hasPreviousPage: page.hasPrevPage ?? false,
      startCursor: page.startCursor,
      endCursor: page.endCursor,
    },
    get totalCount() {
      return page.count();
    },
  };
}
