import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { ACCESS_METADATA, type AccessDeclaration } from './access.decorators';

// @nestjs/graphql's own metadata keys on resolver methods.
const RESOLVER_TYPE = 'graphql:resolver_type';
const RESOLVER_NAME = 'graphql:resolver_name';
const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

/**
 * Every root operation's access declaration, found by walking the resolvers. The app refuses to
 * start when an operation has none, and a test checks the schema against this list.
 */
@Injectable()
export class AccessDeclarations implements OnModuleInit {
  private readonly byOperation = new Map<string, AccessDeclaration | undefined>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.metatype) continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const handler = (prototype as Record<string, unknown>)[method] as (...args: unknown[]) => unknown;
        const type = Reflect.getMetadata(RESOLVER_TYPE, handler) as string | undefined;
        if (!type || !ROOT_TYPES.has(type)) continue;
        const name = (Reflect.getMetadata(RESOLVER_NAME, handler) as string | undefined) ?? method;
        this.byOperation.set(
          `${type}.${name}`,
          this.reflector.getAllAndOverride<AccessDeclaration | undefined>(ACCESS_METADATA, [handler, wrapper.metatype as object as () => void]),
        );
      }
    }
    const undeclared = [...this.byOperation].filter(([, declaration]) => !declaration).map(([operation]) => operation);
    if (undeclared.length > 0) {
      throw new Error(`Operations without an access declaration (@Public, @SignedIn or @Roles): ${undeclared.join(', ')}`);
    }
  }

  get(operation: string): AccessDeclaration | undefined {
    return this.byOperation.get(operation);
  }

  all(): ReadonlyMap<string, AccessDeclaration | undefined> {
    return this.byOperation;
  }
}
