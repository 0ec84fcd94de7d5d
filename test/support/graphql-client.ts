export interface GraphqlError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

export interface GraphqlResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  data?: T | null;
  errors?: GraphqlError[];
}

export interface GraphqlRequest {
  token?: string;
  headers?: Record<string, string>;
}

/** Real GraphQL over HTTP, as a client would send it. */
export class GraphqlClient {
  constructor(readonly baseUrl: string) {}

  async request<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    options: GraphqlRequest = {},
  ): Promise<GraphqlResponse<T>> {
    return this.post<T>({ query, variables }, options);
  }

  async post<T = Record<string, unknown>>(body: unknown, options: GraphqlRequest = {}): Promise<GraphqlResponse<T>> {
    const response = await fetch(`${this.baseUrl}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...options.headers,
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: { data?: T | null; errors?: GraphqlError[] };
    try {
      parsed = JSON.parse(text) as typeof parsed;
    } catch {
      parsed = { errors: [{ message: text }] };
    }
    return { status: response.status, headers: response.headers, ...parsed };
  }

  /** The data of a request that must succeed; fails the test with the errors otherwise. */
  async data<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, options?: GraphqlRequest): Promise<T> {
    const response = await this.request<T>(query, variables, options);
    if (response.errors?.length || !response.data) {
      throw new Error(`GraphQL request failed (${response.status}): ${JSON.stringify(response.errors)}`);
    }
    return response.data;
  }
}

export function errorCodes(response: GraphqlResponse<unknown>): (string | undefined)[] {
  return (response.errors ?? []).map((error) => error.extensions?.code);
}
